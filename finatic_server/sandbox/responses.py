"""Envelopes: ``{success, message, data}`` for session endpoints, ``{success, message, status_code,
response_data, pagination?}`` for data and order endpoints, and the error envelope."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from starlette.responses import Response

from .errors import ApiError
from .records import Row, dumps

__all__ = ["error_response", "json_response", "page_response", "payload_response", "session_response"]

_JSON = "application/json"


def json_response(body: bytes, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(body, status_code=status, media_type=_JSON, headers=headers)


def session_response(message: str, data: Any, status: int = 200) -> Response:
    return json_response(dumps({"success": True, "message": message, "data": data}), status)


def payload_response(message: str, payload: Any, status: int = 200) -> Response:
    body = {"success": True, "message": message, "status_code": status, "response_data": payload}
    return json_response(dumps(body), status)


def page_response(
    message: str, rows: Sequence[Row], limit: int, offset: int, render: Callable[[Row], bytes] | None = None
) -> Response:
    """One page of ``rows`` with ``pagination``; rows serialize from their cached JSON."""
    chunk = rows[offset : offset + limit]
    has_more = offset + limit < len(rows)
    items = b",".join(render(r) for r in chunk) if render else b",".join(r.json() for r in chunk)
    pagination = (
        b'{"has_more":'
        + (b"true" if has_more else b"false")
        + b',"next_offset":'
        + str(offset + len(chunk)).encode()
        + b',"current_offset":'
        + str(offset).encode()
        + b',"limit":'
        + str(limit).encode()
        + b"}"
    )
    body = (
        b'{"success":true,"message":'
        + dumps(message)
        + b',"status_code":200,"response_data":['
        + items
        + b'],"pagination":'
        + pagination
        + b"}"
    )
    return json_response(body)


def error_response(error: ApiError) -> Response:
    body = {"success": False, "message": error.message, "code": error.code, "status_code": error.status}
    return json_response(dumps(body), error.status, error.headers)

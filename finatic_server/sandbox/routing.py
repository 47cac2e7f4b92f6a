"""How a handler becomes a route: request counting, header recording, request validation against the
spec (``validation.py``), and errors as envelopes."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .errors import ApiError, Code
from .responses import error_response
from .state import HeaderRecord, SandboxState
from .validation import decode_json_object, rules_for

__all__ = ["API_PREFIX", "Handler", "api_route", "read_json_object"]

API_PREFIX = "/api/v1"
Handler = Callable[[Request, SandboxState], Awaitable[Response]]
logger = logging.getLogger("finatic_server.sandbox")
_UNSET = object()


def api_route(
    state: SandboxState, method: str, path: str, handler: Handler, *, count_as: str | None = None
) -> Route:
    """``path`` is relative to ``/api/v1``; requests are counted as ``"METHOD path"`` (or ``count_as``)."""
    endpoint = count_as or f"{method} {path}"
    rules = rules_for(method, path)

    async def run(request: Request) -> Response:
        state.record(endpoint, HeaderRecord(request.headers.items()))
        try:
            if rules is not None:
                rules.check_parameters(request.query_params, request.headers)
                if rules.body is not None:
                    request.state.json_body = rules.parse_body(await request.body())
            return await handler(request, state)
        except ApiError as error:
            return error_response(error)
        except Exception:
            logger.exception("sandbox handler for %s failed", endpoint)
            return error_response(ApiError(500, Code.INTERNAL_ERROR, "Internal sandbox error"))

    return Route(API_PREFIX + path, run, methods=[method], name=f"{method} {path}")


async def read_json_object(request: Request, *, required: bool = True) -> dict[str, Any]:
    """The request body as a JSON object; anything else is 422 ``VALIDATION_ERROR``. A body already
    validated against the spec (see ``api_route``) is not parsed again."""
    validated: Any = getattr(request.state, "json_body", _UNSET)
    if validated is not _UNSET:
        if validated is None:
            if required:
                raise ApiError(422, Code.VALIDATION_ERROR, "A JSON object body is required")
            return {}
        body: dict[str, Any] = validated
        return body
    raw = await request.body()
    if not raw.strip():
        if required:
            raise ApiError(422, Code.VALIDATION_ERROR, "A JSON object body is required")
        return {}
    return decode_json_object(raw)

"""Order endpoints (place, modify, cancel) with idempotency keys, and disconnecting a connection."""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from . import query as q
from .auth import require_user
from .errors import ApiError, Code
from .records import dumps
from .responses import error_response, json_response, payload_response
from .routing import api_route, read_json_object
from .state import Company, SandboxState
from .trading import cancel_order, modify_order, parse_order, place_order

__all__ = ["trading_routes"]

IDEMPOTENCY_HEADER = "idempotency-key"


def _trading_company(request: Request, state: SandboxState) -> Company:
    _, company = require_user(state, request.headers)
    if not company.has_access:
        raise ApiError(
            403, Code.NO_COMPANY_ACCESS, "This company has no access to the user's broker connections"
        )
    if not company.trading_enabled:
        raise ApiError(403, Code.TRADING_NOT_ENABLED, "Trading is not enabled for this company")
    return company


async def _idempotent(
    request: Request,
    state: SandboxState,
    company: Company,
    body: dict[str, Any],
    run: Callable[[], Awaitable[Response]],
) -> Response:
    """A repeat of a request with the same ``Idempotency-Key`` (per company and endpoint) gets the first
    answer again and changes nothing; reusing a key for a different request is 409."""
    key = (request.headers.get(IDEMPOTENCY_HEADER) or "").strip()
    if not key:
        return await run()
    fingerprint = hashlib.sha256(dumps([request.method, request.url.path, body])).hexdigest()
    store_key = (company.id, f"{request.method} {request.url.path} {key}")
    seen = state.idempotency.get(store_key)
    if seen is not None:
        status, content = seen[0], seen[1]
        if state.idempotency_fingerprints.get(store_key) != fingerprint:
            raise ApiError(
                409,
                Code.IDEMPOTENCY_KEY_REUSED,
                "This Idempotency-Key was already used for a different request",
            )
        return json_response(content, status, {"Idempotent-Replayed": "true"})
    try:
        response = await run()
    except ApiError as error:
        if error.status >= 500:
            raise
        response = error_response(error)
    if response.status_code < 500:
        state.idempotency[store_key] = (response.status_code, bytes(response.body))
        state.idempotency_fingerprints[store_key] = fingerprint
    return response


async def place(request: Request, state: SandboxState) -> Response:
    company = _trading_company(request, state)
    body = await read_json_object(request)
    connection_id = q.text(request.query_params, "connection_id")

    async def run() -> Response:
        spec = parse_order(body)
        return payload_response("Order submitted", place_order(state, company, spec, connection_id))

    return await _idempotent(request, state, company, body, run)


async def modify(request: Request, state: SandboxState) -> Response:
    company = _trading_company(request, state)
    body = await read_json_object(request)
    order_id = request.path_params["order_id"]
    connection_id = q.text(request.query_params, "connection_id")

    async def run() -> Response:
        return payload_response("Order modified", modify_order(state, company, order_id, body, connection_id))

    return await _idempotent(request, state, company, body, run)


async def cancel(request: Request, state: SandboxState) -> Response:
    company = _trading_company(request, state)
    await read_json_object(request, required=False)
    result = cancel_order(
        state, company, request.path_params["order_id"], q.text(request.query_params, "connection_id")
    )
    return payload_response("Order cancelled", result)


async def disconnect(request: Request, state: SandboxState) -> Response:
    _, company = require_user(state, request.headers)
    connection_id = request.path_params["connection_id"]
    visible = company.has_access and connection_id not in company.removed_connections
    if not visible or state.data.connection(connection_id) is None:
        raise ApiError(404, Code.NOT_FOUND, "Connection not found")
    company.removed_connections.add(connection_id)
    remaining = sum(
        1 for c in state.companies.values() if c.has_access and connection_id not in c.removed_connections
    )
    return payload_response(
        "Company access removed",
        {
            "connection_id": connection_id,
            "action": "company_access_removed",
            "remaining_companies": remaining,
            "message": "The company no longer has access to this connection",
        },
    )


def trading_routes(state: SandboxState) -> list[Route]:
    return [
        api_route(state, "POST", "/brokers/orders", place),
        api_route(state, "PATCH", "/brokers/orders/{order_id}", modify),
        api_route(state, "DELETE", "/brokers/orders/{order_id}", cancel),
        api_route(state, "DELETE", "/brokers/disconnect-company/{connection_id}", disconnect),
    ]

"""A scripted Finatic API for respx: just enough envelopes to drive a client through a session."""

from __future__ import annotations

from typing import Any

import httpx
import respx

from tests.conftest import API_ROOT
from tests.secrets import remember

ACCESS_TOKEN = "access_aaaaaaaaaaaaaaaaaaaa"
REFRESH_TOKEN = "refresh_bbbbbbbbbbbbbbbbbbbb"
ONE_TIME_TOKEN = "ott_cccccccccccccccccccc"
remember(ACCESS_TOKEN, REFRESH_TOKEN, ONE_TIME_TOKEN)


def session_envelope(data: dict[str, Any]) -> dict[str, Any]:
    return {"success": True, "message": "ok", "data": data}


def data_envelope(data: Any, pagination: dict[str, Any] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"success": True, "message": "ok", "status_code": 200, "response_data": data}
    if pagination is not None:
        body["pagination"] = pagination
    return body


def order(n: int, **fields: Any) -> dict[str, Any]:
    return {
        "id": f"ord-{n}",
        "user_broker_connection_id": "conn-1",
        "broker_provided_account_id": "123456789",
        "symbol": "AAPL",
        "order_type": "Market",
        "side": "buy",
        "quantity": 10,
        "status": "filled",
        "created_at": f"2026-01-01T00:00:{n % 60:02d}Z",
        **fields,
    }


def mock_session(router: respx.MockRouter, *, user_id: str = "user123", expires_in: int = 3600) -> None:
    """init -> start -> (user) routes of a company whose session authenticates ``user_id``."""
    router.post(f"{API_ROOT}/session/init").respond(
        json=session_envelope({"one_time_token": ONE_TIME_TOKEN, "expires_at": "2030-01-01T00:00:00Z"})
    )
    router.post(f"{API_ROOT}/session/start").respond(
        json=session_envelope(
            {
                "session_id": "sess-1",
                "company_id": "comp-1",
                "status": "active",
                "expires_at": "2030-01-01T00:00:00Z",
                "user_id": user_id,
            }
        )
    )
    router.get(f"{API_ROOT}/session/sess-1/user").mock(
        return_value=session_user_response(user_id=user_id, expires_in=expires_in)
    )


def session_user_response(*, user_id: str = "user123", expires_in: int = 3600) -> httpx.Response:
    return httpx.Response(
        200,
        json=session_envelope(
            {
                "user_id": user_id,
                "access_token": ACCESS_TOKEN,
                "refresh_token": REFRESH_TOKEN,
                "expires_in": expires_in,
                "token_type": "Bearer",
                "scope": "api:access",
                "company_id": "comp-1",
            }
        ),
    )


def orders_pages(router: respx.MockRouter, total: int, per_page: int) -> respx.Route:
    """GET /brokers/data/orders answering by offset/limit over ``total`` orders."""

    def answer(request: httpx.Request) -> httpx.Response:
        offset = int(request.url.params.get("offset", 0))
        limit = int(request.url.params.get("limit", per_page))
        items = [order(n) for n in range(offset, min(offset + limit, total))]
        more = offset + limit < total
        return httpx.Response(
            200,
            json=data_envelope(
                items,
                {"has_more": more, "next_offset": offset + limit, "current_offset": offset, "limit": limit},
            ),
        )

    return router.get(f"{API_ROOT}/brokers/data/orders").mock(side_effect=answer)

"""Helpers for the client-surface tests: a client with a live session, and what it sent."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import respx

from tests.conftest import API_ROOT
from tests.fake_api import data_envelope, mock_session


def signed_in(make_client: Callable[..., Any], router: respx.MockRouter, **kwargs: Any) -> Any:
    """A client (sync, or async through the portal) whose user ``user123`` is authenticated; the session
    calls are then forgotten so ``router.calls`` holds only what the test itself caused."""
    mock_session(router)
    client = make_client(**kwargs)
    client.start_session(user_id="user123")
    router.calls.clear()
    return client


def list_response(
    items: list[Any], *, has_more: bool = False, offset: int = 0, limit: int = 100
) -> httpx.Response:
    return httpx.Response(
        200,
        json=data_envelope(
            items,
            {"has_more": has_more, "next_offset": offset + limit, "current_offset": offset, "limit": limit},
        ),
    )


def order_response(order_id: str = "ord-new", status: str = "submitted") -> httpx.Response:
    return httpx.Response(200, json=data_envelope({"order_id": order_id, "status": status, "message": "ok"}))


def sent_query(call: Any) -> dict[str, str]:
    return dict(call.request.url.params)


def sent_json(call: Any) -> Any:
    return json.loads(call.request.content)


def route(router: respx.MockRouter, method: str, path: str) -> respx.Route:
    return router.route(method=method, url=f"{API_ROOT}{path}")


def record_sleeps(monkeypatch: Any) -> list[float]:
    """Make retries instant on both clients; returns the list of waits the client asked for."""
    import finatic_server._async.client as async_client
    import finatic_server._sync.client as sync_client

    waits: list[float] = []

    async def async_sleep(seconds: float) -> None:
        waits.append(seconds)

    def sync_sleep(seconds: float) -> None:
        waits.append(seconds)

    monkeypatch.setattr(async_client, "async_sleep", async_sleep)
    monkeypatch.setattr(sync_client, "sync_sleep", sync_sleep)
    return waits

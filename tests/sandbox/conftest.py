"""Helpers for the sandbox tests: a shared small sandbox and a tiny raw-HTTP session helper."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from finatic_server.sandbox import Sandbox

API_KEY = "sk_sandbox_tests"


@dataclass
class ApiSession:
    """A session started over raw HTTP, holding the headers later calls need."""

    http: httpx.Client
    session_id: str
    company_id: str
    headers: dict[str, str] = field(default_factory=dict)
    refresh_token: str | None = None

    def get(self, path: str, **params: Any) -> httpx.Response:
        return self.http.get(path, params=params, headers=self.headers)

    def post(
        self, path: str, body: Any = None, headers: dict[str, str] | None = None, **params: Any
    ) -> httpx.Response:
        return self.http.post(path, json=body, params=params, headers={**self.headers, **(headers or {})})

    def patch(self, path: str, body: Any, **params: Any) -> httpx.Response:
        return self.http.patch(path, json=body, params=params, headers=self.headers)

    def delete(self, path: str, **params: Any) -> httpx.Response:
        return self.http.delete(path, params=params, headers=self.headers)

    def fetch_tokens(self) -> httpx.Response:
        response = self.http.get(f"/session/{self.session_id}/user", headers=self.headers)
        if response.status_code == 200:
            data = response.json()["data"]
            self.headers["Authorization"] = f"Bearer {data['access_token']}"
            self.refresh_token = data["refresh_token"]
        return response


def start_session(
    http: httpx.Client, api_key: str = API_KEY, user_id: str | None = "user123", *, tokens: bool = True
) -> ApiSession:
    """init + start (+ fetch tokens when a user is bound), as the SDK does it."""
    init = http.post("/session/init", headers={"X-API-Key": api_key})
    assert init.status_code == 200, init.text
    body = {"user_id": user_id} if user_id else {}
    start = http.post(
        "/session/start", json=body, headers={"One-Time-Token": init.json()["data"]["one_time_token"]}
    )
    assert start.status_code == 200, start.text
    data = start.json()["data"]
    session = ApiSession(
        http,
        data["session_id"],
        data["company_id"],
        {
            "X-Session-ID": data["session_id"],
            "Session-ID": data["session_id"],
            "X-Company-ID": data["company_id"],
        },
    )
    if user_id and tokens:
        assert session.fetch_tokens().status_code == 200
    return session


def market_order(
    symbol: str = "AAPL", qty: float = 10, action: str = "Buy", broker: str = "robinhood", **extra: Any
) -> dict[str, Any]:
    return {
        "broker": broker,
        "order": {
            "accountNumber": "123456789",
            "orderType": "Market",
            "assetType": "equity",
            "action": action,
            "timeInForce": "day",
            "symbol": symbol,
            "orderQty": qty,
            **extra,
        },
    }


@pytest.fixture(scope="package")
def sandbox() -> Iterator[Sandbox]:
    """One small sandbox shared by the read-only tests of this package."""
    box = Sandbox(orders=400)
    box.start()
    yield box
    box.stop()


@pytest.fixture()
def fresh_sandbox() -> Iterator[Sandbox]:
    """A sandbox of its own, for tests that change state."""
    box = Sandbox(orders=150)
    box.start()
    yield box
    box.stop()


@pytest.fixture()
def http(sandbox: Sandbox) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=sandbox.api_url, timeout=10) as client:
        yield client


@pytest.fixture()
def fresh_http(fresh_sandbox: Sandbox) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=fresh_sandbox.api_url, timeout=10) as client:
        yield client


@pytest.fixture()
def user(http: httpx.Client) -> ApiSession:
    """A session bound to user123 (direct auth) with tokens, on the shared sandbox."""
    return start_session(http)

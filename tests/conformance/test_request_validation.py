"""Requests that break the spec are refused with the error envelope and a message naming the parameter or
field; the checks come from ``spec/openapi.yaml`` (as packaged in ``finatic_api_client/openapi.json``)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from finatic_server.sandbox import Sandbox, SandboxConfig, create_app
from finatic_server.sandbox.validation import load_spec

from .conftest import SPEC, RawSession, one_time_token, raw_session


@pytest.fixture(scope="module")
def box() -> Iterator[Sandbox]:
    sandbox = Sandbox(orders=200).start()
    yield sandbox
    sandbox.stop()


@pytest.fixture(scope="module")
def session(box: Sandbox) -> RawSession:
    return raw_session(box.api_url)


def _error(response: httpx.Response) -> tuple[int, str, str]:
    body = response.json()
    assert body["success"] is False and body["status_code"] == response.status_code
    return response.status_code, body["code"], body["message"]


def test_the_packaged_spec_is_the_spec() -> None:
    assert load_spec() == json.loads(json.dumps(yaml.safe_load(Path(SPEC).read_text(encoding="utf-8"))))


@pytest.mark.parametrize(
    ("path", "params", "named"),
    [
        ("/brokers/data/orders", {"limit": "0"}, "limit"),
        ("/brokers/data/orders", {"limit": "1001"}, "limit"),
        ("/brokers/data/orders", {"limit": "ten"}, "limit"),
        ("/brokers/data/orders", {"offset": "-1"}, "offset"),
        ("/brokers/data/orders", {"offset": "1.5"}, "offset"),
        ("/brokers/data/orders", {"order_status": "FILLED"}, "order_status"),
        ("/brokers/data/orders", {"side": "long"}, "side"),  # a position side is not an order side
        ("/brokers/data/orders", {"asset_type": "bond"}, "asset_type"),
        ("/brokers/data/orders", {"created_after": "yesterday"}, "created_after"),
        ("/brokers/data/orders", {"created_after": "2024-01-01"}, "created_after"),  # a date, not a date-time
        ("/brokers/data/orders", {"with_metadata": "maybe"}, "with_metadata"),
        ("/brokers/data/orders", {"status": "filled"}, "status"),  # not a parameter of this operation
        ("/brokers/data/positions", {"position_status": "open"}, "position_status"),
        ("/brokers/data/accounts", {"account_type": "ira"}, "account_type"),
        ("/brokers/data/balances", {"is_end_of_day_snapshot": "2"}, "is_end_of_day_snapshot"),
        ("/brokers/data/orders/groups", {"limit": "-5"}, "limit"),
        ("/brokers/data/positions/lots", {"offset": "x"}, "offset"),
    ],
)
def test_bad_query_parameters_are_400_naming_the_parameter(
    box: Sandbox, session: RawSession, path: str, params: dict[str, str], named: str
) -> None:
    status, code, message = _error(httpx.get(box.api_url + path, params=params, headers=session.headers))
    assert (status, code) == (400, "VALIDATION_ERROR") and named in message


def test_good_parameters_pass(box: Sandbox, session: RawSession) -> None:
    params = {"limit": "5", "offset": "0", "order_status": "filled", "side": "buy", "asset_type": "equity",
              "created_after": "2000-01-01T00:00:00Z", "created_before": "2100-01-01T00:00:00.5+02:00",
              "with_metadata": "true"}  # fmt: skip
    response = httpx.get(f"{box.api_url}/brokers/data/orders", params=params, headers=session.headers)
    assert response.status_code == 200 and len(response.json()["response_data"]) == 5


def test_an_idempotency_key_longer_than_the_spec_allows_is_refused(box: Sandbox, session: RawSession) -> None:
    headers = {**session.headers, "Idempotency-Key": "k" * 256}
    response = httpx.post(f"{box.api_url}/brokers/orders", json={}, headers=headers)
    assert _error(response)[:2] == (400, "VALIDATION_ERROR")
    assert "Idempotency-Key" in response.json()["message"]


ORDER: dict[str, Any] = {
    "broker": "robinhood",
    "order": {"accountNumber": "123456789", "orderType": "Market", "assetType": "equity", "action": "Buy",
              "timeInForce": "day", "symbol": "AAPL", "orderQty": 1},
}  # fmt: skip


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"orderQty": "1"}, "order.orderQty"),
        ({"orderQty": 0}, "order.orderQty"),
        ({"orderType": "market"}, "order.orderType"),  # wire values are PascalCase
        ({"timeInForce": None}, "order.timeInForce"),
        ({"accountNumber": 123456789}, "order.accountNumber"),
        ({"symbol": ""}, "order.symbol"),
        ({"expireTime": "soon"}, "order.expireTime"),
    ],
)
def test_bad_order_bodies_are_400_invalid_order_naming_the_field(
    box: Sandbox, session: RawSession, change: dict[str, Any], named: str
) -> None:
    body = {**ORDER, "order": {**ORDER["order"], **change}}
    response = httpx.post(f"{box.api_url}/brokers/orders", json=body, headers=session.headers)
    status, code, message = _error(response)
    assert (status, code) == (400, "INVALID_ORDER") and named in message


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ({"order": ORDER["order"]}, "broker"),
        ({**ORDER, "extra": 1}, "extra"),
        ({"broker": "robinhood"}, "order"),
    ],
)
def test_order_envelopes_are_checked_too(
    box: Sandbox, session: RawSession, body: dict[str, Any], named: str
) -> None:
    response = httpx.post(f"{box.api_url}/brokers/orders", json=body, headers=session.headers)
    assert _error(response)[:2] == (400, "INVALID_ORDER") and named in response.json()["message"]


def test_a_body_that_is_not_a_json_object_is_422(box: Sandbox, session: RawSession) -> None:
    for content in (b"{not json", b"[1, 2]", b'"text"'):
        response = httpx.post(f"{box.api_url}/brokers/orders", content=content, headers=session.headers)
        assert _error(response)[:2] == (422, "VALIDATION_ERROR")


def test_session_and_token_bodies_are_422_naming_the_field(box: Sandbox) -> None:
    token = one_time_token(box.api_url)
    start = httpx.post(f"{box.api_url}/session/start", json={"user_id": 7}, headers={"One-Time-Token": token})
    assert _error(start)[:2] == (422, "VALIDATION_ERROR") and "user_id" in start.json()["message"]
    for body in ({}, {"refresh_token": ""}, {"refresh_token": "x", "more": 1}):
        refresh = httpx.post(f"{box.api_url}/company/auth/refresh", json=body)
        status, code, message = _error(refresh)
        assert (status, code) == (422, "VALIDATION_ERROR")
        assert "refresh_token" in message or "more" in message


def test_validated_filters_still_page_through_every_match() -> None:
    """Filtered 100-order pages, in-process (no sockets), pass validation and hold only matching orders.
    (How fast: bench/bench_sandbox.py, in BENCHMARKS.md -- timings are not unit-test assertions.)"""
    app = create_app(SandboxConfig(orders=5000))

    async def run() -> list[float]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://sandbox/api/v1") as http:
            init = await http.post("/session/init", headers={"X-API-Key": "sk_sandbox_speed"})
            token = init.json()["data"]["one_time_token"]
            start = await http.post(
                "/session/start", json={"user_id": "user123"}, headers={"One-Time-Token": token}
            )
            data = start.json()["data"]
            headers = {"X-Session-ID": data["session_id"], "Session-ID": data["session_id"],
                       "X-Company-ID": data["company_id"]}  # fmt: skip
            user = await http.get(f"/session/{data['session_id']}/user", headers=headers)
            headers["Authorization"] = "Bearer " + user.json()["data"]["access_token"]
            pages = []
            for n in range(20):
                params = {"limit": "100", "offset": str(100 * (n % 20)), "side": "buy",
                          "created_after": "2000-01-01T00:00:00Z", "with_metadata": "false"}  # fmt: skip
                response = await http.get("/brokers/data/orders", params=params, headers=headers)
                assert response.status_code == 200, response.text
                pages.append(response.json()["response_data"])
            return pages

    pages = asyncio.run(run())
    assert all(len(page) == 100 for page in pages)
    assert all(order["side"] == "buy" for page in pages for order in page)

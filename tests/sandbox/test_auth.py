"""Authentication as the real API does it: API keys, one-time tokens, sessions, tokens and refresh."""

from __future__ import annotations

import base64
import json
import time

import httpx
import pytest

from finatic_server.sandbox import Sandbox, complete_portal
from finatic_server.sandbox.portal_client import PortalError

from .conftest import ApiSession, start_session


def _error(response: httpx.Response) -> tuple[int, str]:
    return response.status_code, response.json()["code"]


@pytest.mark.parametrize("api_key", ["", "sk_live_abc", "sk_sandbox_", "sandbox"])
def test_keys_that_are_not_sk_sandbox_keys_are_invalid(http: httpx.Client, api_key: str) -> None:
    assert _error(http.post("/session/init", headers={"X-API-Key": api_key})) == (401, "INVALID_API_KEY")


def test_a_missing_api_key_is_invalid(http: httpx.Client) -> None:
    assert _error(http.post("/session/init")) == (401, "INVALID_API_KEY")


def test_each_api_key_is_its_own_company_with_a_stable_id(http: httpx.Client) -> None:
    a1, a2 = start_session(http, "sk_sandbox_a"), start_session(http, "sk_sandbox_a")
    b = start_session(http, "sk_sandbox_b")
    assert a1.company_id == a2.company_id != b.company_id


def test_the_no_access_key_is_a_company_without_broker_connections(http: httpx.Client) -> None:
    s = start_session(http, "sk_sandbox_no_access")
    assert s.get("/brokers/connections").json()["response_data"] == []
    for path in ("/brokers/data/orders", "/brokers/data/accounts", "/brokers/data/positions"):
        assert _error(s.get(path)) == (403, "NO_COMPANY_ACCESS")


def test_a_one_time_token_works_once(http: httpx.Client) -> None:
    token = http.post("/session/init", headers={"X-API-Key": "sk_sandbox_x"}).json()["data"]["one_time_token"]
    assert http.post("/session/start", json={}, headers={"One-Time-Token": token}).status_code == 200
    again = http.post("/session/start", json={}, headers={"One-Time-Token": token})
    assert _error(again) == (401, "INVALID_ONE_TIME_TOKEN")
    assert _error(http.post("/session/start", json={})) == (401, "INVALID_ONE_TIME_TOKEN")


def test_a_one_time_token_expires() -> None:
    with Sandbox(orders=10, one_time_token_ttl=0.2) as url, httpx.Client(base_url=f"{url}/api/v1") as http:
        token = http.post("/session/init", headers={"X-API-Key": "sk_sandbox_x"}).json()["data"][
            "one_time_token"
        ]
        time.sleep(0.3)
        assert _error(http.post("/session/start", headers={"One-Time-Token": token})) == (
            401,
            "INVALID_ONE_TIME_TOKEN",
        )


def test_direct_auth_binds_the_session_to_the_user_at_once(http: httpx.Client) -> None:
    init = http.post("/session/init", headers={"X-API-Key": "sk_sandbox_x"}).json()["data"]
    data = http.post(
        "/session/start", json={"user_id": "user123"}, headers={"One-Time-Token": init["one_time_token"]}
    ).json()["data"]
    assert data["status"] == "active" and data["user_id"] == "user123" and data["csrf_token"]


def test_direct_auth_with_an_unknown_user_is_not_found_and_keeps_the_token(http: httpx.Client) -> None:
    token = http.post("/session/init", headers={"X-API-Key": "sk_sandbox_x"}).json()["data"]["one_time_token"]
    missing = http.post("/session/start", json={"user_id": "nobody"}, headers={"One-Time-Token": token})
    assert _error(missing) == (404, "NOT_FOUND")
    assert http.post("/session/start", json={}, headers={"One-Time-Token": token}).status_code == 200


def test_portal_auth_the_user_is_unknown_until_the_portal_is_completed(http: httpx.Client) -> None:
    s = start_session(http, user_id=None)
    assert _error(s.fetch_tokens()) == (401, "SESSION_NOT_AUTHENTICATED")
    assert _error(s.get("/brokers/data/orders")) == (401, "SESSION_NOT_AUTHENTICATED")
    portal_url = s.get("/session/portal").json()["data"]["portal_url"]
    assert portal_url.startswith(str(http.base_url).removesuffix("/api/v1/") + "/portal/")
    brokers = base64.b64encode(json.dumps(["coinbase", "tradovate"]).encode()).decode()
    complete_portal(f"{portal_url}?theme=dark&brokers={brokers}&email=a%40b.co", "tradovate")
    tokens = s.fetch_tokens().json()["data"]
    assert tokens["user_id"] == "user123" and tokens["token_type"] == "Bearer"
    assert tokens["company_id"] == s.company_id and tokens["expires_in"] == 3600
    assert s.get("/brokers/data/orders", limit=1).status_code == 200


def test_complete_portal_refuses_a_broker_the_portal_does_not_offer(http: httpx.Client) -> None:
    s = start_session(http, user_id=None)
    portal_url = s.get("/session/portal").json()["data"]["portal_url"]
    only_coinbase = base64.b64encode(b'["coinbase"]').decode()
    with pytest.raises(PortalError, match="robinhood"):
        complete_portal(f"{portal_url}?brokers={only_coinbase}", "robinhood")


def test_data_endpoints_need_session_company_and_bearer(user: ApiSession, http: httpx.Client) -> None:
    headers = dict(user.headers)
    assert _error(http.get("/brokers/data/orders")) == (401, "INVALID_SESSION")
    wrong_company = {**headers, "X-Company-ID": "someone-else"}
    assert _error(http.get("/brokers/data/orders", headers=wrong_company)) == (401, "INVALID_COMPANY_ID")
    no_bearer = {k: v for k, v in headers.items() if k != "Authorization"}
    assert _error(http.get("/brokers/data/orders", headers=no_bearer)) == (401, "INVALID_TOKEN")
    only_legacy = {k: v for k, v in headers.items() if k != "X-Session-ID"}  # the spec requires both names
    assert _error(http.get("/brokers/data/orders", headers=only_legacy)) == (401, "INVALID_SESSION")
    only_new = {k: v for k, v in headers.items() if k != "Session-ID"}
    assert _error(http.get("/brokers/data/orders", headers=only_new)) == (401, "INVALID_SESSION")


def test_an_expired_access_token_is_token_expired_and_refresh_rotates() -> None:
    with Sandbox(orders=20, access_token_ttl=0.5) as url, httpx.Client(base_url=f"{url}/api/v1") as http:
        s = start_session(http)
        assert s.get("/brokers/data/orders", limit=1).status_code == 200
        time.sleep(0.6)
        assert _error(s.get("/brokers/data/orders", limit=1)) == (401, "TOKEN_EXPIRED")
        old_refresh = s.refresh_token
        refreshed = http.post("/company/auth/refresh", json={"refresh_token": old_refresh})
        assert refreshed.status_code == 200
        body = refreshed.json()
        assert body["success"] and body["status_code"] == 200
        data = body["response_data"]
        assert (
            data["access_token"] and data["refresh_token"] != old_refresh and data["expires_at"].endswith("Z")
        )
        s.headers["Authorization"] = f"Bearer {data['access_token']}"
        assert s.get("/brokers/data/orders", limit=1).status_code == 200
        reused = http.post("/company/auth/refresh", json={"refresh_token": old_refresh})
        assert _error(reused) == (401, "INVALID_REFRESH_TOKEN")


def test_an_expired_session_is_session_expired() -> None:
    with Sandbox(orders=20, session_ttl=0.4) as url, httpx.Client(base_url=f"{url}/api/v1") as http:
        s = start_session(http)
        time.sleep(0.5)
        assert _error(s.get("/brokers/data/orders")) == (401, "SESSION_EXPIRED")
        assert _error(s.get("/session/portal")) == (401, "SESSION_EXPIRED")


def test_requests_are_counted_per_endpoint_and_headers_kept_without_showing_secrets(
    fresh_sandbox: Sandbox, fresh_http: httpx.Client
) -> None:
    s = start_session(fresh_http)
    http = fresh_http
    http.post("/company/auth/refresh", json={"refresh_token": s.refresh_token})
    s.get(f"/brokers/data/orders/{'x'}/fills")
    counts = fresh_sandbox.state.request_counts
    assert counts["POST /company/auth/refresh"] == 1
    assert counts["POST /session/init"] == 1 and counts["GET /session/{session_id}/user"] == 1
    assert counts["GET /brokers/data/orders/{order_id}/fills"] == 1
    init_headers = fresh_sandbox.state.last_headers["POST /session/init"]
    assert init_headers["x-api-key"] == "sk_sandbox_tests"
    assert "sk_sandbox_tests" not in repr(init_headers)
    fills_headers = fresh_sandbox.state.last_headers["GET /brokers/data/orders/{order_id}/fills"]
    assert fills_headers["x-session-id"] == fills_headers["session-id"] == s.session_id
    assert "x-api-key" not in fills_headers

"""Sessions: direct and portal authentication, session state, tokens, headers."""

from __future__ import annotations

import json

import httpx
import pytest
import respx

from finatic_server import AuthenticationError, ValidationError
from tests.conftest import API_KEY, API_ROOT
from tests.fake_api import (
    ACCESS_TOKEN,
    ONE_TIME_TOKEN,
    data_envelope,
    mock_session,
    session_envelope,
    session_user_response,
)


def test_direct_authentication_binds_the_user_and_holds_tokens(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        mock_session(router)
        client = make_client()
        assert not client.is_authenticated()
        started = client.start_session(user_id="user123")

        assert started.session_id == "sess-1"
        assert client.is_authenticated()
        assert client.get_user_id() == "user123"
        assert client.get_session_id() == "sess-1"
        assert client.get_company_id() == "comp-1"
        start_request = router.calls[1].request
        assert json.loads(start_request.content) == {"user_id": "user123"}


def test_the_api_key_and_one_time_token_go_only_where_they_belong(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        mock_session(router)
        router.get(f"{API_ROOT}/brokers/connections").respond(json=data_envelope([]))
        client = make_client()
        client.start_session(user_id="user123")
        client.get_broker_connections()

        init, start, user, connections = (call.request for call in router.calls)
        assert init.headers["X-API-Key"] == API_KEY
        assert "X-Session-ID" not in init.headers and "Authorization" not in init.headers
        assert start.headers["One-Time-Token"] == ONE_TIME_TOKEN
        assert "X-API-Key" not in start.headers and "X-Session-ID" not in start.headers
        for later in (user, connections):
            assert "X-API-Key" not in later.headers
            assert later.headers["X-Session-ID"] == later.headers["Session-ID"] == "sess-1"
            assert later.headers["X-Company-ID"] == "comp-1"
        assert connections.headers["Authorization"] == f"Bearer {ACCESS_TOKEN}"


def test_device_info_is_sent_as_json_on_every_call(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        mock_session(router)
        client = make_client(device_info={"ip_address": "192.168.1.100", "user_agent": "MyApp/1.0.0"})
        client.start_session(user_id="user123")
        for call in router.calls:
            assert json.loads(call.request.headers["X-Device-Info"]) == {
                "ip_address": "192.168.1.100",
                "user_agent": "MyApp/1.0.0",
            }


def test_portal_flow_waits_until_the_user_completes_the_portal(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        mock_session(router)
        router.post(f"{API_ROOT}/session/start").respond(
            json=session_envelope(
                {
                    "session_id": "sess-1",
                    "company_id": "comp-1",
                    "status": "pending",
                    "expires_at": "2030-01-01T00:00:00Z",
                }
            )
        )
        router.get(f"{API_ROOT}/session/portal").respond(
            json=session_envelope({"portal_url": "https://portal.finatic.test/p/abc"})
        )
        user_route = router.get(f"{API_ROOT}/session/sess-1/user")
        not_yet = httpx.Response(
            401,
            json={"success": False, "message": "Portal not completed", "code": "SESSION_NOT_AUTHENTICATED"},
        )
        user_route.side_effect = [not_yet, not_yet, session_user_response()]
        client = make_client()
        client.start_session()
        assert not client.is_authenticated()
        url = client.get_portal_url(theme="dark", brokers=["robinhood", "tradovate"], email="a@b.co")
        assert url.startswith("https://portal.finatic.test/p/abc?")
        query = httpx.URL(url).params
        assert query["theme"] == "dark" and query["email"] == "a@b.co"

        assert client.wait_for_portal_completion(timeout=5, poll_interval=0.01) == "user123"
        assert client.get_user_id() == "user123"
        assert client.is_authenticated()
        assert user_route.call_count == 3


def test_data_calls_before_a_session_fail_clearly_and_send_nothing(make_client) -> None:
    with respx.mock() as router:
        client = make_client()
        with pytest.raises(AuthenticationError, match="start_session"):
            client.get_orders()
        assert router.calls.call_count == 0


def test_get_token_returns_a_new_one_time_token_and_changes_no_state(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        mock_session(router)
        client = make_client()
        client.start_session(user_id="user123")
        token = client.get_token()
        assert token == ONE_TIME_TOKEN
        assert client.get_session_id() == "sess-1" and client.get_user_id() == "user123"


def test_expired_token_is_refreshed_once_and_the_call_retried(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        mock_session(router)
        refresh = router.post(f"{API_ROOT}/company/auth/refresh").respond(
            json=data_envelope(
                {
                    "access_token": "access_newnewnewnewnewnewnew",
                    "refresh_token": "refresh_newnewnewnewnewnew",
                    "expires_at": "2030-01-01T00:00:00Z",
                }
            )
        )
        expired = httpx.Response(401, json={"success": False, "message": "expired", "code": "TOKEN_EXPIRED"})
        connections = router.get(f"{API_ROOT}/brokers/connections")
        connections.side_effect = [expired, httpx.Response(200, json=data_envelope([]))]
        client = make_client()
        client.start_session(user_id="user123")
        assert client.get_broker_connections() == []
        assert refresh.call_count == 1
        assert json.loads(refresh.calls[0].request.content) == {
            "refresh_token": "refresh_bbbbbbbbbbbbbbbbbbbb"
        }
        assert connections.calls[1].request.headers["Authorization"] == "Bearer access_newnewnewnewnewnewnew"


def test_bad_constructor_arguments_name_the_problem() -> None:
    from finatic_server import FinaticServerClient

    with pytest.raises(ValidationError, match="api_key"):
        FinaticServerClient("")
    with pytest.raises(ValidationError, match="plain http"):
        FinaticServerClient(API_KEY, base_url="http://api.example.com")
    with pytest.raises(ValidationError, match="timeout"):
        FinaticServerClient(API_KEY, timeout=-1)
    with pytest.raises(ValidationError, match="http_client"):
        FinaticServerClient(API_KEY, http_client=httpx.AsyncClient())  # type: ignore[arg-type]


def test_repr_shows_state_but_never_secrets(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        mock_session(router)
        client = make_client()
        client.start_session(user_id="user123")
        text = repr(client) + str(client)
        assert "sess-1" in text and "user123" in text
        assert API_KEY not in text and ACCESS_TOKEN not in text

"""Retries: which failures are retried and how long the client waits, orders that are never sent twice
without their Idempotency-Key, and token refreshes that happen once however many callers meet an expiry."""

from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

import anyio
import httpx
import pytest
import respx

from finatic_server import (
    AsyncFinaticServerClient,
    AuthenticationError,
    AuthorizationError,
    ConflictError,
    ConnectionError,
    FinaticServerClient,
    NotFoundError,
    OrderStateUnknownError,
    RateLimitError,
    ServerError,
    TimeoutError,
    ValidationError,
)
from tests.conftest import API, API_KEY, API_ROOT
from tests.fake_api import ACCESS_TOKEN, data_envelope, mock_session
from tests.secrets import remember
from tests.signed_in import list_response, order_response, record_sleeps, signed_in

CONNECTIONS = f"{API_ROOT}/brokers/connections"
ORDERS = f"{API_ROOT}/brokers/orders"
MARKET_ORDER = {
    "broker": "alpaca",
    "account_number": "A1",
    "order_type": "market",
    "asset_type": "equity",
    "action": "buy",
    "symbol": "AAPL",
    "order_qty": 1,
}
NEW_ACCESS = "access_refreshedrefreshedrefreshed"
NEW_REFRESH = "refresh_refreshedrefreshedrefresh"
remember(NEW_ACCESS, NEW_REFRESH)
OK = httpx.Response(200, json=data_envelope([]))


@pytest.fixture
def waits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    return record_sleeps(monkeypatch)


# -- reads -----------------------------------------------------------------------------------------------

TRANSIENT = [
    ("connect error", httpx.ConnectError("refused")),
    ("connect timeout", httpx.ConnectTimeout("slow handshake")),
    ("read timeout", httpx.ReadTimeout("slow answer")),
    ("dropped connection", httpx.RemoteProtocolError("peer closed connection")),
    ("408", httpx.Response(408)),
    ("429", httpx.Response(429, json={"success": False, "message": "slow down", "code": "RATE_LIMITED"})),
    ("500", httpx.Response(500)),
    ("502", httpx.Response(502, text="<html>Bad Gateway</html>")),
    ("503", httpx.Response(503)),
    ("504", httpx.Response(504)),
]


@pytest.mark.parametrize("failure", [t[1] for t in TRANSIENT], ids=[t[0] for t in TRANSIENT])
def test_reads_retry_transient_failures_and_then_succeed(
    make_client, waits: list[float], failure: Any
) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        route = router.get(CONNECTIONS)
        route.side_effect = [failure, failure, OK]
        assert client.get_broker_connections() == []
        assert route.call_count == 3
        assert len(waits) == 2


def test_backoff_grows_exponentially_with_jitter(make_client, waits: list[float]) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router, max_retries=4)
        router.get(CONNECTIONS).side_effect = [httpx.Response(503)] * 4 + [OK]
        client.get_broker_connections()
        assert len(waits) == 4
        for attempt, wait in enumerate(waits):
            ceiling = 0.5 * 2**attempt
            assert ceiling / 2 <= wait <= ceiling


def test_retry_after_in_seconds_is_honoured(make_client, waits: list[float]) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        limited = httpx.Response(
            429, headers={"Retry-After": "3"}, json={"success": False, "code": "RATE_LIMITED"}
        )
        router.get(CONNECTIONS).side_effect = [limited, OK]
        client.get_broker_connections()
        assert waits == [3.0]


def test_retry_after_as_an_http_date_is_honoured(make_client, waits: list[float]) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        moment = format_datetime(datetime.now(UTC) + timedelta(seconds=5), usegmt=True)
        router.get(CONNECTIONS).side_effect = [httpx.Response(503, headers={"Retry-After": moment}), OK]
        client.get_broker_connections()
        assert len(waits) == 1 and 3.0 <= waits[0] <= 5.0


def test_a_retry_after_beyond_the_cap_is_not_waited_for(make_client, waits: list[float]) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        route = router.get(CONNECTIONS)
        route.respond(429, headers={"Retry-After": "3600"}, json={"success": False, "code": "RATE_LIMITED"})
        with pytest.raises(RateLimitError) as raised:
            client.get_broker_connections()
        assert raised.value.retry_after == 3600
        assert route.call_count == 1 and waits == []


def test_by_default_two_retries_then_the_error(make_client, waits: list[float]) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        route = router.get(CONNECTIONS).respond(503, json={"success": False, "message": "Upstream down"})
        with pytest.raises(ServerError, match="Upstream down") as raised:
            client.get_broker_connections()
        assert route.call_count == 3
        assert raised.value.attempts == 3


def test_max_retries_zero_on_the_client_sends_once(make_client, waits: list[float]) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router, max_retries=0)
        route = router.get(CONNECTIONS).respond(503)
        with pytest.raises(ServerError):
            client.get_broker_connections()
        assert route.call_count == 1 and waits == []


def test_with_options_changes_retries_for_the_calls_made_through_it(make_client, waits: list[float]) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router, max_retries=0)
        route = router.get(CONNECTIONS).respond(503)
        with pytest.raises(ServerError):
            client.with_options(max_retries=5).get_broker_connections()
        assert route.call_count == 6
        route.reset()
        with pytest.raises(ServerError):
            client.get_broker_connections()  # the original keeps its own setting
        assert route.call_count == 1


def test_with_options_refuses_a_bad_retry_count(make_client) -> None:
    client = make_client()
    with pytest.raises(ValidationError, match="max_retries"):
        client.with_options(max_retries=-1)


@pytest.mark.parametrize(
    ("status", "cls"),
    [(400, ValidationError), (401, AuthenticationError), (403, AuthorizationError), (404, NotFoundError),
     (409, ConflictError), (422, ValidationError)],
)  # fmt: skip
def test_client_errors_are_not_retried(make_client, waits: list[float], status: int, cls: type) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        route = router.get(CONNECTIONS).respond(status, json={"success": False, "message": "no"})
        with pytest.raises(cls):
            client.get_broker_connections()
        assert route.call_count == 1 and waits == []


# -- cancel ----------------------------------------------------------------------------------------------


def test_cancel_is_retried(make_client, waits: list[float]) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        cancel = router.delete(f"{ORDERS}/ord-1")
        cancel.side_effect = [httpx.ReadTimeout("slow"), order_response("ord-1", "pending_cancel")]
        assert client.cancel_order("ord-1", "alpaca").status == "pending_cancel"
        assert cancel.call_count == 2


def event(status: str) -> dict[str, Any]:
    return {
        "id": f"ev-{status}",
        "order_id": "ord-1",
        "event_time": "2026-01-01T00:00:00Z",
        "inferred": False,
        "order_status": status,
    }


def test_a_retried_cancel_that_finds_the_order_cancelled_reports_success(
    make_client, waits: list[float]
) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        cancel = router.delete(f"{ORDERS}/ord-1")
        not_cancellable = httpx.Response(
            409,
            json={"success": False, "message": "Order is already cancelled", "code": "ORDER_NOT_CANCELLABLE"},
        )
        # The first attempt cancelled the order but its answer was lost; the retry meets 409.
        cancel.side_effect = [httpx.Response(502), not_cancellable]
        events = router.get(f"{API_ROOT}/brokers/data/orders/ord-1/events").mock(
            return_value=list_response([event("submitted"), event("cancelled")])
        )
        result = client.cancel_order("ord-1", "alpaca", connection_id="conn-1")
        assert result.order_id == "ord-1" and result.status == "cancelled"
        assert cancel.call_count == 2
        assert events.calls.last.request.url.params["connection_id"] == "conn-1"


def test_a_retried_cancel_of_an_order_that_filled_is_still_a_conflict(
    make_client, waits: list[float]
) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        conflict = httpx.Response(
            409, json={"success": False, "message": "Order filled", "code": "ORDER_NOT_CANCELLABLE"}
        )
        router.delete(f"{ORDERS}/ord-1").side_effect = [httpx.Response(503), conflict]
        router.get(f"{API_ROOT}/brokers/data/orders/ord-1/events").mock(
            return_value=list_response([event("submitted"), event("filled")])
        )
        with pytest.raises(ConflictError, match="Order filled"):
            client.cancel_order("ord-1", "alpaca")


def test_a_first_attempt_conflict_is_reported_as_it_is(make_client, waits: list[float]) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        router.delete(f"{ORDERS}/ord-1").respond(
            409, json={"success": False, "message": "Order filled", "code": "ORDER_NOT_CANCELLABLE"}
        )
        events = router.get(f"{API_ROOT}/brokers/data/orders/ord-1/events")
        with pytest.raises(ConflictError):
            client.cancel_order("ord-1", "alpaca")
        assert events.call_count == 0


# -- place and modify ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "failure",
    [httpx.Response(500), httpx.Response(503), httpx.ReadTimeout("slow")],
    ids=["500", "503", "read timeout"],
)
def test_a_placed_order_is_retried_only_with_the_same_idempotency_key(
    make_client, waits: list[float], failure: Any
) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        place = router.post(ORDERS)
        place.side_effect = [failure, order_response("ord-1")]
        assert client.place_order(MARKET_ORDER).order_id == "ord-1"
        keys = [call.request.headers["Idempotency-Key"] for call in place.calls]
        assert len(keys) == 2 and keys[0] == keys[1]
        assert json.loads(place.calls[0].request.content) == json.loads(place.calls[1].request.content)


def test_a_modification_is_retried_with_the_same_idempotency_key(make_client, waits: list[float]) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        patch = router.patch(f"{ORDERS}/ord-1")
        patch.side_effect = [httpx.Response(502), order_response("ord-1")]
        client.modify_order("ord-1", {"price": 10}, "alpaca")
        keys = {call.request.headers["Idempotency-Key"] for call in patch.calls}
        assert patch.call_count == 2 and len(keys) == 1


UNKNOWN = [
    ("5xx", httpx.Response(503)),
    ("read timeout", httpx.ReadTimeout("slow")),
    ("dropped connection", httpx.RemoteProtocolError("peer closed connection without response")),
]


@pytest.mark.parametrize("failure", [u[1] for u in UNKNOWN], ids=[u[0] for u in UNKNOWN])
def test_when_retries_run_out_the_orders_state_is_unknown(
    make_client, waits: list[float], failure: Any
) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        place = router.post(ORDERS)
        place.side_effect = [failure] * 3
        with pytest.raises(OrderStateUnknownError) as raised:
            client.place_order(MARKET_ORDER)
        sent_key = place.calls.last.request.headers["Idempotency-Key"]
        assert raised.value.idempotency_key == sent_key
        assert sent_key in str(raised.value)
        assert place.call_count == 3


def test_a_modification_whose_retries_run_out_is_unknown_too(make_client, waits: list[float]) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        router.patch(f"{ORDERS}/ord-1").respond(500)
        with pytest.raises(OrderStateUnknownError) as raised:
            client.modify_order("ord-1", {"price": 10}, "alpaca", idempotency_key="mod-1")
        assert raised.value.idempotency_key == "mod-1"


def test_an_order_that_never_left_is_a_plain_connection_error(make_client, waits: list[float]) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        router.post(ORDERS).side_effect = httpx.ConnectError("connection refused")
        with pytest.raises(ConnectionError) as raised:
            client.place_order(MARKET_ORDER)
        assert not isinstance(raised.value, OrderStateUnknownError)
        assert raised.value.request_sent is False


def test_an_order_rejected_by_rate_limit_was_not_placed(make_client, waits: list[float]) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        router.post(ORDERS).respond(429, json={"success": False, "code": "RATE_LIMITED"})
        with pytest.raises(RateLimitError):
            client.place_order(MARKET_ORDER)


def test_a_rejected_order_is_not_retried(make_client, waits: list[float]) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        place = router.post(ORDERS).respond(
            400, json={"success": False, "message": "bad", "code": "INVALID_ORDER"}
        )
        with pytest.raises(ValidationError):
            client.place_order(MARKET_ORDER)
        assert place.call_count == 1


def test_a_connect_timeout_on_a_read_is_a_timeout_error(make_client, waits: list[float]) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        router.get(CONNECTIONS).side_effect = httpx.ConnectTimeout("handshake")
        with pytest.raises(TimeoutError):
            client.get_broker_connections()


# -- tokens ----------------------------------------------------------------------------------------------


def mock_refresh(router: respx.MockRouter) -> respx.Route:
    return router.post(f"{API_ROOT}/company/auth/refresh").respond(
        json=data_envelope(
            {"access_token": NEW_ACCESS, "refresh_token": NEW_REFRESH, "expires_at": "2030-01-01T00:00:00Z"}
        )
    )


def expires_old_tokens(request: httpx.Request) -> httpx.Response:
    if request.headers.get("Authorization") == f"Bearer {ACCESS_TOKEN}":
        return httpx.Response(
            401, json={"success": False, "message": "Token expired", "code": "TOKEN_EXPIRED"}
        )
    assert request.headers.get("Authorization") == f"Bearer {NEW_ACCESS}"
    return httpx.Response(200, json=data_envelope([]))


def test_an_expired_token_is_refreshed_once_then_the_call_retried(make_client, waits: list[float]) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        refresh = mock_refresh(router)
        route = router.get(CONNECTIONS).mock(side_effect=expires_old_tokens)
        assert client.get_broker_connections() == []
        assert refresh.call_count == 1 and route.call_count == 2
        assert waits == []  # a refresh is not a backoff


def test_a_token_that_stays_expired_after_refresh_is_an_authentication_error(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        refresh = mock_refresh(router)
        route = router.get(CONNECTIONS).respond(401, json={"success": False, "code": "TOKEN_EXPIRED"})
        with pytest.raises(AuthenticationError):
            client.get_broker_connections()
        assert refresh.call_count == 1 and route.call_count == 2


def test_100_concurrent_async_calls_meeting_an_expired_token_refresh_once(portal) -> None:
    with respx.mock(assert_all_called=False) as router:
        mock_session(router)
        refresh = mock_refresh(router)
        route = router.get(CONNECTIONS).mock(side_effect=expires_old_tokens)

        async def scenario() -> list[Any]:
            results: list[Any] = []
            async with AsyncFinaticServerClient(API_KEY, base_url=API) as client:
                await client.start_session(user_id="user123")

                async def one() -> None:
                    results.append(await client.get_broker_connections())

                async with anyio.create_task_group() as group:
                    for _ in range(100):
                        group.start_soon(one)
            return results

        results = portal.call(scenario)
        assert results == [[]] * 100
        assert refresh.call_count == 1
        assert route.call_count <= 200


def test_100_concurrent_async_calls_with_a_token_due_for_refresh_refresh_once(portal) -> None:
    with respx.mock(assert_all_called=False) as router:
        mock_session(router, expires_in=0)  # refresh is due at once
        refresh = mock_refresh(router)
        route = router.get(CONNECTIONS).mock(side_effect=expires_old_tokens)

        async def scenario() -> None:
            async with AsyncFinaticServerClient(API_KEY, base_url=API) as client:
                await client.start_session(user_id="user123")
                async with anyio.create_task_group() as group:
                    for _ in range(100):
                        group.start_soon(client.get_broker_connections)

        portal.call(scenario)
        assert refresh.call_count == 1
        assert route.call_count == 100  # every call already carried the new token


def test_16_threads_sharing_a_sync_client_refresh_once() -> None:
    with respx.mock(assert_all_called=False) as router:
        mock_session(router)
        refresh = mock_refresh(router)
        route = router.get(CONNECTIONS).mock(side_effect=expires_old_tokens)
        with FinaticServerClient(API_KEY, base_url=API) as client:
            client.start_session(user_id="user123")
            start = threading.Barrier(16)

            def one(_: int) -> Any:
                start.wait()
                return client.get_broker_connections()

            with ThreadPoolExecutor(16) as pool:
                results = list(pool.map(one, range(16)))
        assert results == [[]] * 16
        assert refresh.call_count == 1
        assert route.call_count <= 32

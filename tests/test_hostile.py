"""A careless caller and a misbehaving server: values HTTP cannot carry, ids that would climb out of their
URL, redirects to another host, a server that echoes secrets or ignores the offset. Each ends in a clear
FinaticError, before anything is sent where the caller is at fault, and never with a secret in it."""

from __future__ import annotations

import math
from typing import Any

import httpx
import pytest
import respx

from finatic_server import ApiError, ClientClosedError, ValidationError
from finatic_server.core.error_mapping import error_from_exception
from tests.conftest import API_KEY, API_ROOT
from tests.fake_api import ACCESS_TOKEN, data_envelope, mock_session, order, session_envelope
from tests.secrets import remember
from tests.signed_in import order_response, signed_in

ORDERS = f"{API_ROOT}/brokers/data/orders"
PLACE = f"{API_ROOT}/brokers/orders"


# -- the caller's values --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "api_key",
    [
        "sk_test_caf\u00e9_secret_key",
        "sk_test_secret\r\nX-Evil: 1",
        "sk_test_sec ret_key",
        "sk_test_\x00secret",
    ],
    ids=["non-ascii", "crlf", "space", "nul"],
)
def test_an_api_key_http_cannot_carry_is_refused_without_repeating_it(make_client, api_key: str) -> None:
    remember(api_key.strip())
    with respx.mock(assert_all_called=False) as router:
        with pytest.raises(ValidationError) as caught:
            make_client(api_key=api_key)
        assert caught.value.param == "api_key"
        assert api_key.strip() not in str(caught.value) and api_key.strip() not in repr(caught.value)
        assert router.calls.call_count == 0


@pytest.mark.parametrize(
    "key",
    ["", "   ", "key\r\nX-Evil: 1", "cl\u00e9", "x" * 256, 42],
    ids=["empty", "spaces", "crlf", "non-ascii", "256", "int"],
)
def test_an_idempotency_key_http_cannot_carry_is_refused_before_the_order_is_sent(
    make_client, key: Any
) -> None:
    # It used to go on the wire and fail there: a CRLF became OrderStateUnknownError (an order that was
    # never sent reported as perhaps placed), a non-ASCII key a raw UnicodeEncodeError, "" a fresh key.
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        place = router.post(PLACE).mock(return_value=order_response())
        modify = router.patch(f"{PLACE}/ord-1").mock(return_value=order_response())
        with pytest.raises(ValidationError) as placing:
            client.place_stock_market_order("AAPL", 1, "buy", "robinhood", "123456789", idempotency_key=key)
        with pytest.raises(ValidationError) as modifying:
            client.modify_order("ord-1", {"price": 1}, "robinhood", idempotency_key=key)
        assert placing.value.param == modifying.value.param == "idempotency_key"
        assert not place.called and not modify.called


def test_an_idempotency_key_of_255_printable_characters_is_sent_as_given(make_client) -> None:
    key = "user-42:" + "k" * 247
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        place = router.post(PLACE).mock(return_value=order_response())
        client.place_stock_market_order("AAPL", 1, "buy", "robinhood", "123456789", idempotency_key=key)
        assert place.calls.last.request.headers["Idempotency-Key"] == key


@pytest.mark.parametrize("order_id", ["..", "."])
def test_an_id_made_of_dots_stays_in_its_path_segment(make_client, order_id: str) -> None:
    # Unescaped, DELETE /brokers/orders/.. is DELETE /brokers: another endpoint.
    escaped = order_id.replace(".", "%2E")
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        cancel = router.delete(f"{PLACE}/{escaped}").mock(return_value=order_response(order_id, "cancelled"))
        client.cancel_order(order_id, "robinhood")
        assert cancel.calls.last.request.url.raw_path.decode() == f"/api/v1/brokers/orders/{escaped}"


def test_an_id_too_long_for_a_url_is_a_validation_error_not_a_raw_httpx_error(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        with pytest.raises(ValidationError, match="too long"):
            client.get_order_fills("x" * 70_000)
        assert router.calls.call_count == 0


@pytest.mark.parametrize(
    ("argument", "value"),
    [
        ("timeout", None),
        ("timeout", "300"),
        ("timeout", math.nan),
        ("timeout", math.inf),
        ("timeout", True),
        ("timeout", -1),
        ("poll_interval", 0),
        ("poll_interval", math.nan),
        ("poll_interval", [1]),
    ],
)
def test_portal_waits_refuse_durations_that_are_not_positive_finite_seconds(
    make_client, argument: str, value: Any
) -> None:
    # NaN used to wait forever; a string or None raised a raw TypeError.
    with respx.mock(assert_all_called=False) as router:
        mock_session(router)
        client = make_client()
        client.start_session()
        router.calls.clear()
        with pytest.raises(ValidationError) as caught:
            client.wait_for_portal_completion(**{argument: value})
        assert caught.value.param == argument
        assert router.calls.call_count == 0


def test_a_with_options_copy_of_a_closed_client_says_it_is_closed_and_sends_nothing(make_client) -> None:
    # It used to reach the closed httpx client and raise a bare RuntimeError.
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        patient = client.with_options(max_retries=5)
        client.close()
        with pytest.raises(ClientClosedError):
            patient.get_orders()
        assert router.calls.call_count == 0


def test_a_client_whose_injected_http_client_was_closed_says_so(
    make_client, client_kind: str, portal
) -> None:
    http_client: Any = (httpx.Client if client_kind == "sync" else httpx.AsyncClient)()
    with respx.mock(assert_all_called=False) as router:
        mock_session(router)
        client = make_client(http_client=http_client)
        client.start_session(user_id="user123")
        if client_kind == "sync":
            http_client.close()
        else:
            portal.call(http_client.aclose)
        with pytest.raises(ClientClosedError, match="http_client"):
            client.get_orders()


# -- the server's answers -----------------------------------------------------------------------------


def test_a_redirect_is_not_followed_even_by_an_injected_client_that_follows_redirects(
    make_client, client_kind: str
) -> None:
    # httpx strips only Authorization on a cross-host redirect: X-API-Key and the session headers went along.
    http_client: Any = (httpx.Client if client_kind == "sync" else httpx.AsyncClient)(follow_redirects=True)
    with respx.mock(assert_all_called=False) as router:
        router.post(f"{API_ROOT}/session/init").respond(307, headers={"Location": "https://evil.test/steal"})
        evil = router.route(host="evil.test").respond(json=session_envelope({"one_time_token": "x"}))
        client = make_client(http_client=http_client)
        with pytest.raises(ApiError) as caught:
            client.start_session()
        assert caught.value.status_code == 307
        assert not evil.called


def test_a_server_echoing_the_api_key_or_token_gets_neither_into_the_error(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router, max_retries=1)
        echo = f"bad key {API_KEY} with token Bearer {ACCESS_TOKEN}"
        router.get(ORDERS).side_effect = [
            httpx.Response(500, text=echo),  # retried: the retry is logged with the message
            httpx.Response(
                401, json={"success": False, "code": "INVALID_API_KEY", "message": echo, "echo": echo}
            ),
        ]
        with pytest.raises(ApiError) as caught:
            client.get_orders()
        error = caught.value
        for text in (str(error), repr(error), str(error.body)):
            assert API_KEY not in text and ACCESS_TOKEN not in text
        assert error.message == "bad key *** with token Bearer ***" and error.body["echo"] == error.message


def test_a_header_error_never_quotes_the_header_value() -> None:
    # httpx/h11 quote the offending value, which can be the API key or a bearer token.
    failure = httpx.LocalProtocolError(f"Illegal header value b'Bearer {ACCESS_TOKEN}\\r\\n'")
    error = error_from_exception(failure, "api.finatic.test")
    assert ACCESS_TOKEN not in str(error) and "header value" in str(error)


def test_a_server_that_ignores_the_offset_is_not_read_forever(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        same_page = data_envelope([order(n) for n in range(3)], {"has_more": True, "next_offset": 0})
        router.get(ORDERS).respond(json=same_page)
        with pytest.raises(ApiError, match="same 3 items"):
            client.get_all_orders()
        assert router.calls.call_count == 2


def test_absurdly_nested_json_is_an_api_error_not_a_recursion_error(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        router.get(ORDERS).respond(content=b"[" * 100_000 + b"]" * 100_000)
        with pytest.raises(ApiError, match="could not read"):
            client.get_orders()

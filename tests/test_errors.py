"""Errors: what each failure becomes, what the error carries, and hostile responses that must never leak a
KeyError, TypeError, JSONDecodeError or a raw pydantic / httpx error to the caller."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest
import respx

import finatic_server
import finatic_server.utils.errors as errors_module
from finatic_server import (
    ApiError,
    AuthenticationError,
    AuthorizationError,
    CompanyAccessError,
    ConflictError,
    FinaticError,
    NotFoundError,
    RateLimitError,
    ServerError,
    TradeAccessDeniedError,
    TradingNotEnabledError,
    ValidationError,
)
from tests.conftest import API_ROOT
from tests.fake_api import data_envelope, mock_session, order, session_envelope
from tests.signed_in import list_response, signed_in

CONNECTIONS = f"{API_ROOT}/brokers/connections"
ORDERS = f"{API_ROOT}/brokers/data/orders"
PLACE = f"{API_ROOT}/brokers/orders"
MARKET_ORDER = {
    "broker": "alpaca",
    "account_number": "A1",
    "order_type": "market",
    "asset_type": "equity",
    "action": "buy",
    "symbol": "AAPL",
    "order_qty": 1,
}


def error_body(message: str, code: str | None = None, **more: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"success": False, "message": message, **more}
    if code is not None:
        body["code"] = code
    return body


MAPPING = [
    (401, "INVALID_API_KEY", AuthenticationError),
    (401, None, AuthenticationError),
    (403, None, AuthorizationError),
    (403, "TRADING_NOT_ENABLED", TradingNotEnabledError),
    (403, "NO_COMPANY_ACCESS", CompanyAccessError),
    (403, "TRADE_ACCESS_DENIED", TradeAccessDeniedError),
    (400, "INVALID_ORDER", ValidationError),
    (400, None, ValidationError),
    (422, None, ValidationError),
    (404, "ORDER_NOT_FOUND", NotFoundError),
    (404, None, NotFoundError),
    (409, "ORDER_NOT_CANCELLABLE", ConflictError),
    (429, "RATE_LIMITED", RateLimitError),
    (500, None, ServerError),
    (502, None, ServerError),
    (503, None, ServerError),
    (504, None, ServerError),
]


@pytest.mark.parametrize(("status", "code", "cls"), MAPPING, ids=[f"{s}-{c}" for s, c, _ in MAPPING])
def test_status_and_code_choose_the_error_class(
    make_client, status: int, code: str | None, cls: type
) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router, max_retries=0)
        body = error_body("It went wrong", code)
        router.get(CONNECTIONS).respond(status, json=body, headers={"X-Request-ID": "req-123"})

        with pytest.raises(cls) as raised:
            client.get_broker_connections()

        error = raised.value
        assert type(error) is cls
        assert error.status_code == status
        assert error.code == code
        assert error.message == "It went wrong"
        assert error.body == body
        assert error.headers["x-request-id"] == "req-123"
        assert error.request_id == "req-123"
        assert "It went wrong" in str(error) and "req-123" in str(error)


def test_the_authorization_family_can_be_caught_as_one(make_client) -> None:
    for code in ("TRADING_NOT_ENABLED", "NO_COMPANY_ACCESS", "TRADE_ACCESS_DENIED"):
        assert issubclass(errors_module.__dict__[_class_for(code)], AuthorizationError)
    assert issubclass(AuthorizationError, ApiError) and issubclass(ApiError, FinaticError)


def _class_for(code: str) -> str:
    return {
        "TRADING_NOT_ENABLED": "TradingNotEnabledError",
        "NO_COMPANY_ACCESS": "CompanyAccessError",
        "TRADE_ACCESS_DENIED": "TradeAccessDeniedError",
    }[code]


def test_a_rate_limit_says_how_long_to_wait(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router, max_retries=0)
        router.get(CONNECTIONS).respond(
            429, json=error_body("Slow down", "RATE_LIMITED"), headers={"Retry-After": "7"}
        )
        with pytest.raises(RateLimitError) as raised:
            client.get_broker_connections()
        assert raised.value.retry_after == 7
        assert raised.value.code == "RATE_LIMITED"


def test_a_trading_refusal_on_place_order_is_typed(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        router.post(PLACE).respond(403, json=error_body("Trading is not enabled", "TRADING_NOT_ENABLED"))
        with pytest.raises(TradingNotEnabledError, match="Trading is not enabled"):
            client.place_order(MARKET_ORDER)


def test_an_http_200_that_says_success_false_is_an_error(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router, max_retries=0)
        body = error_body(
            "No access for this company", "NO_COMPANY_ACCESS", status_code=403, response_data=None
        )
        router.get(CONNECTIONS).respond(200, json=body)
        with pytest.raises(CompanyAccessError, match="No access") as raised:
            client.get_broker_connections()
        assert raised.value.status_code == 403
        assert raised.value.body == body


def test_an_http_200_with_success_false_and_nothing_else_is_still_an_error(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router, max_retries=0)
        router.get(CONNECTIONS).respond(200, json={"success": False})
        with pytest.raises(ApiError):
            client.get_broker_connections()


def test_an_http_200_whose_body_status_is_an_error_is_an_error(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router, max_retries=0)
        body = {"success": True, "message": "Order not found", "status_code": 404, "response_data": None}
        router.get(CONNECTIONS).respond(200, json=body)
        with pytest.raises(NotFoundError, match="Order not found") as raised:
            client.get_broker_connections()
        assert raised.value.status_code == 404


def test_detail_given_as_a_string_is_the_message(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router, max_retries=0)
        router.get(CONNECTIONS).respond(404, json={"detail": "Connection not found"})
        with pytest.raises(NotFoundError, match="Connection not found"):
            client.get_broker_connections()


def test_detail_given_as_an_object_gives_code_and_message(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router, max_retries=0)
        router.get(CONNECTIONS).respond(
            403,
            json={
                "success": False,
                "detail": {"code": "TRADE_ACCESS_DENIED", "message": "Connection is read-only"},
            },
        )
        with pytest.raises(TradeAccessDeniedError, match="read-only") as raised:
            client.get_broker_connections()
        assert raised.value.code == "TRADE_ACCESS_DENIED"


def test_fastapi_validation_details_are_summarised(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router, max_retries=0)
        detail = [{"loc": ["body", "order", "orderQty"], "msg": "must be positive", "type": "value_error"}]
        router.post(PLACE).respond(422, json={"detail": detail})
        with pytest.raises(ValidationError, match=r"order\.orderQty: must be positive"):
            client.place_order(MARKET_ORDER)


def test_errors_import_from_both_promised_places_as_the_same_classes() -> None:
    for name in errors_module.__all__:
        assert getattr(finatic_server, name) is getattr(errors_module, name), name
        assert issubclass(getattr(errors_module, name), FinaticError)


def test_network_failures_have_classes_of_their_own(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router, max_retries=0)
        route = router.get(CONNECTIONS)
        route.side_effect = httpx.ConnectError("refused")
        with pytest.raises(finatic_server.ConnectionError) as raised:
            client.get_broker_connections()
        assert not isinstance(raised.value, finatic_server.TimeoutError)
        assert isinstance(raised.value, ConnectionError)  # the builtin, too
        route.side_effect = httpx.ReadTimeout("slow")
        with pytest.raises(finatic_server.TimeoutError):
            client.get_broker_connections()
        route.side_effect = httpx.RemoteProtocolError("peer closed connection")
        with pytest.raises(finatic_server.ConnectionError):
            client.get_broker_connections()


# -- hostile responses -----------------------------------------------------------------------------------


def list_response_body(items: list[Any]) -> dict[str, Any]:
    return data_envelope(items, {"has_more": False, "next_offset": 100, "current_offset": 0, "limit": 100})


HTML_502 = b"<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>"
ORDER = order(1)
HOSTILE = [
    # name, status, headers, body, the error class expected (None: the data is usable)
    ("html 502", 502, {"Content-Type": "text/html"}, HTML_502, ServerError),
    ("empty 200", 200, {}, b"", ApiError),
    ("empty 500", 500, {}, b"", ServerError),
    ("empty 404", 404, {}, b"", NotFoundError),
    ("invalid json", 200, {"Content-Type": "application/json"}, b"{not json", ApiError),
    ("truncated json", 200, {}, json.dumps(list_response_body([ORDER]))[:-20].encode(), ApiError),
    ("binary junk", 200, {}, b"\xff\xfe\x00\x01garbage", ApiError),
    ("array for object", 200, {}, b"[1, 2, 3]", ApiError),
    ("string for object", 200, {}, b'"ok"', ApiError),
    ("null", 200, {}, b"null", ApiError),
    ("object for list", 200, {}, json.dumps(data_envelope({"id": "x"})).encode(), ApiError),
    ("missing required field", 200, {}, json.dumps(data_envelope([{"id": "ord-1"}])).encode(), ApiError),
    (
        "wrong type",
        200,
        {},
        json.dumps(data_envelope([{**ORDER, "id": {"nested": 1}, "quantity": "lots"}])).encode(),
        ApiError,
    ),
    ("wrong envelope type", 200, {}, json.dumps({"success": "maybe", "response_data": 5}).encode(), ApiError),
    (
        "plain text 403",
        403,
        {"Content-Type": "text/plain"},
        b"Forbidden: trading disabled",
        AuthorizationError,
    ),
    ("status 499", 499, {}, b"client closed request", ApiError),
    ("status 520", 520, {}, b"", ServerError),
    ("error detail list of junk", 400, {}, json.dumps({"detail": [1, None, "x"]}).encode(), ValidationError),
    ("message not a string", 400, {}, json.dumps({"message": {"a": 1}, "code": 7}).encode(), ValidationError),
]


def outcome(call: Callable[[], Any]) -> BaseException | None:
    try:
        call()
    except BaseException as exc:
        return exc
    return None


@pytest.mark.parametrize(
    ("status", "headers", "body", "cls"), [h[1:] for h in HOSTILE], ids=[h[0] for h in HOSTILE]
)
def test_hostile_list_responses_raise_only_finatic_errors(
    make_client, status: int, headers: dict[str, str], body: bytes, cls: type
) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router, max_retries=0)
        router.get(ORDERS).mock(return_value=httpx.Response(status, content=body, headers=headers))
        raised = outcome(client.get_orders)
        assert isinstance(raised, FinaticError), repr(raised)
        assert isinstance(raised, cls), repr(raised)
        assert raised.message and len(str(raised)) < 1000


@pytest.mark.parametrize(
    ("status", "headers", "body", "cls"), [h[1:] for h in HOSTILE], ids=[h[0] for h in HOSTILE]
)
def test_hostile_responses_to_every_kind_of_call_raise_only_finatic_errors(
    make_client, status: int, headers: dict[str, str], body: bytes, cls: type
) -> None:
    hostile = httpx.Response(status, content=body, headers=headers)
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router, max_retries=0)
        router.routes.clear()  # from now on, every endpoint answers with the hostile response
        router.route(url__startswith=API_ROOT).mock(return_value=hostile)
        calls = [
            client.get_broker_list,
            client.get_broker_connections,
            client.get_accounts,
            client.get_all_positions,
            lambda: client.get_order_fills("ord-1"),
            lambda: client.place_order(MARKET_ORDER),
            lambda: client.modify_order("ord-1", {"price": 1}, "alpaca"),
            lambda: client.cancel_order("ord-1", "alpaca"),
            lambda: client.disconnect_company("conn-1"),
            client.get_portal_url,
            client.get_session_user,
            client.get_token,
            lambda: client.start_session(user_id="user123"),
        ]
        for n, call in enumerate(calls):
            raised = outcome(call)
            assert isinstance(raised, FinaticError), f"call {n}: {raised!r}"


SESSION_HOSTILE = [
    ("data null", session_envelope(None)),  # type: ignore[arg-type]
    ("data missing", {"success": True, "message": "ok"}),
    ("data a list", session_envelope([1])),  # type: ignore[arg-type]
    ("data without fields", session_envelope({})),
]


@pytest.mark.parametrize("body", [s[1] for s in SESSION_HOSTILE], ids=[s[0] for s in SESSION_HOSTILE])
def test_hostile_session_payloads_raise_only_finatic_errors(make_client, body: dict[str, Any]) -> None:
    client = make_client(max_retries=0)
    for path in ("/session/init", "/session/start", "/session/sess-1/user"):
        with respx.mock(assert_all_called=False) as router:
            mock_session(router)
            hostile = router.get if path.endswith("/user") else router.post
            hostile(f"{API_ROOT}{path}").respond(200, json=body)  # replaces the good answer
            raised = outcome(lambda: client.start_session(user_id="user123"))
            assert isinstance(raised, FinaticError), f"{path}: {raised!r}"
            assert router.calls.last.request.url.path == f"/api/v1{path}"


def test_hostile_data_payloads_of_writes_raise_only_finatic_errors(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router, max_retries=0)
        place = router.post(PLACE)
        for data in (None, [], "ok", {"status": "submitted"}):
            place.respond(200, json=data_envelope(data))
            raised = outcome(lambda: client.place_order(MARKET_ORDER))
            assert isinstance(raised, FinaticError), f"{data!r}: {raised!r}"


def test_unknown_enum_values_and_extra_fields_are_kept(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        odd = {
            **ORDER,
            "status": "teleported",
            "side": "sideways",
            "order_type": "Iceberg",
            "venue_hint": "dark",
        }
        router.get(ORDERS).mock(return_value=list_response([odd]))
        found = client.get_orders().data[0]
        assert found.status == "teleported" and found.side == "sideways" and found.order_type == "Iceberg"
        assert found.venue_hint == "dark"
        assert found.to_dict()["venue_hint"] == "dark"


def test_null_in_optional_fields_is_fine(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        router.get(ORDERS).mock(return_value=list_response([{**ORDER, "price": None, "filled_at": None}]))
        found = client.get_orders().data[0]
        assert found.price is None and found.filled_at is None


def test_a_very_large_error_body_is_kept_but_not_put_in_the_message(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router, max_retries=0)
        huge = "x" * 5_000_000
        router.get(CONNECTIONS).respond(500, content=huge.encode(), headers={"Content-Type": "text/plain"})
        with pytest.raises(ServerError) as raised:
            client.get_broker_connections()
        assert len(str(raised.value)) < 1000
        assert raised.value.body == huge


def test_a_very_large_success_body_is_read(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        many = [order(n, notes="n" * 2000) for n in range(1000)]
        router.get(ORDERS).mock(return_value=list_response(many))
        assert len(client.get_orders(per_page=1000).data) == 1000


def test_an_html_error_page_is_described_not_dumped(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router, max_retries=0)
        router.get(CONNECTIONS).respond(502, content=HTML_502, headers={"Content-Type": "text/html"})
        with pytest.raises(ServerError, match="HTML") as raised:
            client.get_broker_connections()
        assert "<html" not in str(raised.value)
        assert raised.value.status_code == 502


def test_a_plain_text_error_is_quoted_in_the_message(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router, max_retries=0)
        router.get(CONNECTIONS).respond(
            403, content=b"Forbidden: IP not allowed", headers={"Content-Type": "text/plain"}
        )
        with pytest.raises(AuthorizationError, match="IP not allowed") as raised:
            client.get_broker_connections()
        assert raised.value.status_code == 403

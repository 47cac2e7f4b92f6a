"""Trading: the exact request each order method sends, broker extras, idempotency keys, and validation that
stops a bad order before anything leaves the machine."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime
from typing import Any

import httpx
import pytest
import respx

from finatic_server import ValidationError
from finatic_server.types import BrokerOrderParams
from tests.conftest import API_ROOT
from tests.fake_api import data_envelope
from tests.signed_in import order_response, record_sleeps, sent_json, sent_query, signed_in

ORDERS = f"{API_ROOT}/brokers/orders"


@pytest.fixture
def trading(make_client):
    """``(client, router, place_route)`` with POST /brokers/orders answering a submitted order."""
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        place = router.post(ORDERS).mock(return_value=order_response("ord-new"))
        yield client, router, place


def sent_order(place: respx.Route) -> dict[str, Any]:
    return sent_json(place.calls.last)


# -- what each place_* method sends --------------------------------------------------------------------

STOCKS = [
    (
        "place_stock_market_order",
        dict(symbol="AAPL", quantity=10, side="buy", broker="alpaca"),
        {"orderType": "Market", "action": "Buy", "orderQty": 10},
    ),
    (
        "place_stock_limit_order",
        dict(symbol="aapl", quantity=5, side="sell", price=150.25, broker="alpaca"),
        {"orderType": "Limit", "action": "Sell", "orderQty": 5, "price": 150.25},
    ),
    (
        "place_stock_stop_order",
        dict(symbol="AAPL", quantity=5, side="sell", stop_price=140, broker="alpaca"),
        {"orderType": "Stop", "action": "Sell", "orderQty": 5, "stopPrice": 140},
    ),
    (
        "place_stock_stop_limit_order",
        dict(symbol="AAPL", quantity=5, side="sell", stop_price=140, price=139.5, broker="alpaca"),
        {"orderType": "StopLimit", "action": "Sell", "orderQty": 5, "stopPrice": 140, "price": 139.5},
    ),
    (
        "place_stock_trailing_stop_order",
        dict(symbol="AAPL", quantity=5, side="sell", trail=2.5, broker="alpaca"),
        {"orderType": "TrailingStop", "action": "Sell", "orderQty": 5, "stopPrice": 2.5},
    ),
]


@pytest.mark.parametrize(("method", "arguments", "fields"), STOCKS, ids=[s[0] for s in STOCKS])
def test_stock_orders_send_the_camel_case_order_body(
    trading, method: str, arguments: dict[str, Any], fields: dict[str, Any]
) -> None:
    client, _router, place = trading
    response = getattr(client, method)(**arguments, account_number="123")

    assert response.order_id == "ord-new" and response.status == "submitted"
    assert sent_order(place) == {
        "broker": "alpaca",
        "order": {
            "assetType": "equity",
            "symbol": "AAPL",
            "timeInForce": "day",
            "accountNumber": "123",
            **fields,
        },
    }


def test_a_limit_order_good_till_a_date_sends_the_expiry_in_utc(trading) -> None:
    client, _router, place = trading
    client.place_stock_limit_order(
        "AAPL", 1, "buy", 100, "alpaca", "123", time_in_force="GTD",
        expire_time=datetime(2026, 3, 1, 20, 0, tzinfo=UTC),
    )  # fmt: skip
    order = sent_order(place)["order"]
    assert order["timeInForce"] == "gtd"
    assert order["expireTime"] == "2026-03-01T20:00:00Z"


def test_crypto_quantities_are_sent_exactly(trading) -> None:
    client, _router, place = trading
    client.place_crypto_market_order("BTC-USD", 0.1, "buy", account_number="cb-1")
    assert b'"orderQty":0.1' in place.calls.last.request.content.replace(b" ", b"")
    assert sent_order(place) == {
        "broker": "coinbase",
        "order": {
            "orderType": "Market",
            "assetType": "crypto",
            "action": "Buy",
            "timeInForce": "gtc",
            "symbol": "BTC-USD",
            "accountNumber": "cb-1",
            "orderQty": 0.1,
        },
    }
    client.place_crypto_limit_order("ETH-USD", 0.00012345, "sell", 3500.5, account_number="A1")
    order = sent_order(place)["order"]
    assert order["orderQty"] == 0.00012345 and order["price"] == 3500.5 and order["orderType"] == "Limit"


def test_a_crypto_order_may_be_a_notional_amount(trading) -> None:
    client, _router, place = trading
    client.place_crypto_market_order("BTC-USD", side="buy", notional=50, account_number="A1")
    order = sent_order(place)["order"]
    assert order["notional"] == 50 and "orderQty" not in order


def test_a_crypto_order_needs_exactly_one_of_quantity_and_notional(trading) -> None:
    client, router, _place = trading
    with pytest.raises(ValidationError, match="quantity or notional"):
        client.place_crypto_market_order("BTC-USD", side="buy", account_number="A1")
    with pytest.raises(ValidationError, match="quantity or notional"):
        client.place_crypto_market_order("BTC-USD", 0.1, side="buy", notional=50, account_number="A1")
    assert router.calls.call_count == 0


def test_options_orders_send_a_validated_occ_symbol(trading) -> None:
    client, _router, place = trading
    client.place_options_market_order("AAPL240315C00150000", 2, "buy_to_open", account_number="A1")
    assert sent_order(place) == {
        "broker": "tasty_trade",
        "order": {
            "accountNumber": "A1",
            "orderType": "Market",
            "assetType": "equity_option",
            "action": "Buy to Open",
            "timeInForce": "day",
            "symbol": "AAPL240315C00150000",
            "orderQty": 2,
            "automated-source": True,
        },
    }


def test_options_symbols_can_be_built_from_their_parts(trading) -> None:
    client, _router, place = trading
    client.place_options_limit_order(
        quantity=1, side="sell", price=3.2, underlying="spy", expiry=date(2026, 6, 19), option_type="put",
        strike=512.5, account_number="A1",
    )  # fmt: skip
    order = sent_order(place)["order"]
    assert order["symbol"] == "SPY260619P00512500"
    assert order["orderType"] == "Limit" and order["price"] == 3.2
    client.place_options_market_order(
        underlying="AAPL", expiry="2024-03-15", option_type="call", strike=150, account_number="A1"
    )
    assert sent_order(place)["order"]["symbol"] == "AAPL240315C00150000"


def test_futures_orders_default_to_ninja_trader_and_automated(trading) -> None:
    client, _router, place = trading
    client.place_futures_market_order("ESH6", 1, "buy", account_number="nt-1")
    assert sent_order(place) == {
        "broker": "ninja_trader",
        "order": {
            "orderType": "Market",
            "assetType": "future",
            "action": "Buy",
            "timeInForce": "day",
            "symbol": "ESH6",
            "accountNumber": "nt-1",
            "orderQty": 1,
            "isAutomated": True,
        },
    }
    client.place_futures_limit_order("MNQH6", 2, "sell", 18000.25, broker="tradovate", account_number="A1")
    body = sent_order(place)
    assert body["broker"] == "ninja_trader"
    assert body["order"]["price"] == 18000.25 and body["order"]["orderType"] == "Limit"


# -- broker extras ---------------------------------------------------------------------------------------


def test_each_broker_gets_its_default_extras(trading) -> None:
    client, _router, place = trading
    client.place_stock_market_order("AAPL", 1, "buy", "robinhood", "A1")
    assert sent_order(place)["order"]["extendedHours"] is False
    client.place_stock_market_order("AAPL", 1, "buy", "ninja_trader", "A1")
    assert sent_order(place)["order"]["isAutomated"] is True
    client.place_stock_market_order("AAPL", 1, "buy", "tastytrade", "A1")
    assert sent_order(place)["order"]["automated-source"] is True
    client.place_stock_market_order("AAPL", 1, "buy", "alpaca", "A1")
    assert set(sent_order(place)["order"]) == {
        "accountNumber",
        "orderType",
        "assetType",
        "action",
        "timeInForce",
        "symbol",
        "orderQty",
    }


def test_friendly_extra_names_become_the_brokers_wire_names(trading) -> None:
    client, _router, place = trading
    client.place_stock_limit_order(
        "AAPL", 1, "buy", 100, "robinhood", "A1", extended_hours=True, market_hours="extended_hours"
    )
    order = sent_order(place)["order"]
    assert order["extendedHours"] is True and order["marketHours"] == "extended_hours"

    client.place_options_limit_order(
        "AAPL240315C00150000", 1, "buy", 2.5, price_effect="Debit", external_identifier="my-ref",
        automated_source=False, account_number="A1",
    )  # fmt: skip
    order = sent_order(place)["order"]
    assert order["price-effect"] == "Debit" and order["external-identifier"] == "my-ref"
    assert order["automated-source"] is False

    client.place_futures_market_order(
        "ESH6", 1, "buy", account_spec="Sim101", is_automated=False, text="t", account_number="A1"
    )
    order = sent_order(place)["order"]
    assert order["accountSpec"] == "Sim101" and order["isAutomated"] is False and order["text"] == "t"


def test_wire_names_of_extras_are_accepted_as_they_are(trading) -> None:
    client, _router, place = trading
    client.place_options_market_order(
        "AAPL240315C00150000", **{"price-effect": "Credit"}, account_number="A1"
    )
    assert sent_order(place)["order"]["price-effect"] == "Credit"


def test_robinhood_trailing_stops_say_how_the_trail_is_measured(trading) -> None:
    client, _router, place = trading
    client.place_stock_trailing_stop_order("AAPL", 1, "sell", 5, "robinhood", "A1", trail_type="percentage")
    order = sent_order(place)["order"]
    assert order["trailType"] == "percentage" and order["stopPrice"] == 5


def test_a_percentage_trail_is_refused_where_the_broker_cannot_express_it(trading) -> None:
    client, router, _place = trading
    with pytest.raises(ValidationError, match="percentage") as raised:
        client.place_stock_trailing_stop_order("AAPL", 1, "sell", 5, "alpaca", "A1", trail_type="percentage")
    assert raised.value.param == "trail_type"
    assert router.calls.call_count == 0  # never 5% sent as $5


def test_unknown_extras_are_refused_and_named(trading) -> None:
    client, router, _place = trading
    with pytest.raises(ValidationError, match="extended_hours") as raised:
        client.place_stock_market_order("AAPL", 1, "buy", "alpaca", "A1", extended_hours=True)
    assert raised.value.param == "extended_hours"
    with pytest.raises(ValidationError, match="colour"):
        client.place_stock_market_order("AAPL", 1, "buy", "robinhood", "A1", colour="red")
    assert router.calls.call_count == 0


# -- place_order -----------------------------------------------------------------------------------------


def test_place_order_takes_broker_order_params(trading) -> None:
    client, _router, place = trading
    params = BrokerOrderParams(
        broker="Robinhood", order_type="stop limit", asset_type="stock", action="sell", symbol="msft",
        order_qty=3, price=401, stop_price=400, time_in_force="gtc", account_number="123",
        connection_id="conn-9", extras={"extended_hours": True},
    )  # fmt: skip
    client.place_order(params)
    assert sent_query(place.calls.last) == {"connection_id": "conn-9"}
    assert sent_order(place) == {
        "broker": "robinhood",
        "order": {
            "orderType": "StopLimit",
            "assetType": "equity",
            "action": "Sell",
            "timeInForce": "gtc",
            "symbol": "MSFT",
            "accountNumber": "123",
            "orderQty": 3,
            "price": 401,
            "stopPrice": 400,
            "extendedHours": True,
        },
    }


def test_place_order_takes_a_plain_dict(trading) -> None:
    client, _router, place = trading
    client.place_order({**BASE, "order_type": "limit", "price": 10}, connection_id="conn-2")
    assert sent_query(place.calls.last) == {"connection_id": "conn-2"}
    assert sent_order(place)["order"]["orderType"] == "Limit"


def test_every_placed_order_carries_its_own_idempotency_key(trading) -> None:
    client, _router, place = trading
    client.place_stock_market_order("AAPL", 1, "buy", "alpaca", "A1")
    client.place_stock_market_order("AAPL", 1, "buy", "alpaca", "A1")
    client.place_crypto_market_order("BTC-USD", 0.1, "buy", account_number="A1")
    keys = [call.request.headers.get("Idempotency-Key") for call in place.calls]
    assert all(keys) and len(set(keys)) == 3


def test_a_caller_chosen_idempotency_key_is_sent(trading) -> None:
    client, _router, place = trading
    client.place_order({**BASE, "order_type": "market"}, idempotency_key="my-order-42")
    assert place.calls.last.request.headers["Idempotency-Key"] == "my-order-42"


def test_a_retried_order_reuses_its_idempotency_key(trading, monkeypatch) -> None:
    record_sleeps(monkeypatch)
    client, _router, place = trading
    place.side_effect = [httpx.Response(503), httpx.Response(502), order_response("ord-once")]
    assert client.place_stock_market_order("AAPL", 1, "buy", "alpaca", "A1").order_id == "ord-once"
    keys = {call.request.headers["Idempotency-Key"] for call in place.calls}
    assert place.call_count == 3 and len(keys) == 1


# -- modify, cancel, disconnect --------------------------------------------------------------------------


def test_modify_order_maps_friendly_keys_to_wire_keys(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        patch = router.patch(f"{ORDERS}/ord-1").mock(return_value=order_response("ord-1"))
        client.modify_order(
            "ord-1",
            {"price": 101.5, "quantity": 5, "stop_price": 99, "time_in_force": "GTC",
             "order_type": "stop limit", "side": "sell"},
            "robinhood",
            connection_id="conn-1",
            account_number="123",
        )  # fmt: skip
        request = patch.calls.last.request
        assert sent_query(patch.calls.last) == {"connection_id": "conn-1", "account_number": "123"}
        assert sent_json(patch.calls.last) == {
            "broker": "robinhood",
            "order": {
                "orderId": "ord-1",
                "accountNumber": "123",
                "price": 101.5,
                "orderQty": 5,
                "stopPrice": 99,
                "timeInForce": "gtc",
                "orderType": "StopLimit",
                "action": "Sell",
            },
        }
        assert request.headers.get("Idempotency-Key")


def test_modify_order_refuses_what_cannot_be_modified(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        with pytest.raises(ValidationError, match="symbol"):
            client.modify_order("ord-1", {"symbol": "TSLA"}, "robinhood")
        with pytest.raises(ValidationError, match="modifications"):
            client.modify_order("ord-1", {}, "robinhood")
        with pytest.raises(ValidationError, match="price"):
            client.modify_order("ord-1", {"price": -1}, "robinhood")
        with pytest.raises(ValidationError, match="order_id"):
            client.modify_order("", {"price": 1}, "robinhood")
        with pytest.raises(ValidationError, match="broker"):
            client.modify_order("ord-1", {"price": 1}, "nasdaq")
        assert router.calls.call_count == 0


def test_cancel_order_sends_the_order_in_body_and_query(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        cancel = router.delete(f"{ORDERS}/ord-1").mock(return_value=order_response("ord-1", "pending_cancel"))
        result = client.cancel_order("ord-1", "Tasty Trade", connection_id="conn-1", account_number="5WT0001")
        assert result.status == "pending_cancel"
        assert sent_query(cancel.calls.last) == {"connection_id": "conn-1", "account_number": "5WT0001"}
        assert sent_json(cancel.calls.last) == {
            "broker": "tasty_trade",
            "order": {"orderId": "ord-1", "accountNumber": "5WT0001"},
        }


def test_cancel_and_modify_refuse_empty_ids_instead_of_sending_them(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        with pytest.raises(ValidationError, match="connection_id"):
            client.cancel_order("ord-1", "alpaca", connection_id="")
        with pytest.raises(ValidationError, match="account_number"):
            client.cancel_order("ord-1", "alpaca", account_number="  ")
        with pytest.raises(ValidationError, match="connection_id"):
            client.modify_order("ord-1", {"price": 1}, "alpaca", connection_id="")
        assert router.calls.call_count == 0


def test_order_ids_are_escaped_in_the_path(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        cancel = router.delete(url__regex=rf"{ORDERS}/.*").mock(return_value=order_response("a/b"))
        client.cancel_order("a/b", "alpaca")
        assert cancel.calls.last.request.url.raw_path.startswith(b"/api/v1/brokers/orders/a%2Fb")


def test_disconnect_company_deletes_by_connection_id(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        disconnect = router.delete(f"{API_ROOT}/brokers/disconnect-company/conn-1").respond(
            json=data_envelope(
                {"connection_id": "conn-1", "action": "company_access_removed", "message": "removed"}
            )
        )
        result = client.disconnect_company("conn-1")
        assert result.connection_id == "conn-1" and result.action == "company_access_removed"
        assert disconnect.call_count == 1
        with pytest.raises(ValidationError, match="connection_id"):
            client.disconnect_company("")
        assert router.calls.call_count == 1


# -- validation before sending ---------------------------------------------------------------------------


@pytest.mark.parametrize("quantity", [0, -1, math.nan, math.inf, -math.inf, True, "ten", None])
def test_bad_quantities_are_refused_before_sending(trading, quantity: Any) -> None:
    client, router, _place = trading
    with pytest.raises(ValidationError, match="quantity") as raised:
        client.place_stock_market_order("AAPL", quantity, "buy", "alpaca", "A1")
    assert raised.value.param == "quantity"
    assert router.calls.call_count == 0


@pytest.mark.parametrize("side", ["hold", "", None, 1, "long"])
def test_bad_sides_are_refused_before_sending(trading, side: Any) -> None:
    client, router, _place = trading
    with pytest.raises(ValidationError, match="side") as raised:
        client.place_stock_market_order("AAPL", 1, side, "alpaca", "A1")
    assert raised.value.param == "side"
    assert router.calls.call_count == 0


@pytest.mark.parametrize("price", [0, -5, math.nan, math.inf, False])
def test_bad_prices_are_refused_before_sending(trading, price: Any) -> None:
    client, router, _place = trading
    with pytest.raises(ValidationError, match="price"):
        client.place_stock_limit_order("AAPL", 1, "buy", price, "alpaca", "A1")
    assert router.calls.call_count == 0


def test_a_trailing_stop_names_a_bad_trail(trading) -> None:
    client, router, _place = trading
    with pytest.raises(ValidationError, match="trail"):
        client.place_stock_trailing_stop_order("AAPL", 1, "sell", 0, "alpaca", "A1")
    with pytest.raises(ValidationError, match="trail_type"):
        client.place_stock_trailing_stop_order("AAPL", 1, "sell", 1, "alpaca", "A1", trail_type="pips")
    assert router.calls.call_count == 0


BASE = {
    "broker": "alpaca",
    "account_number": "A1",
    "asset_type": "equity",
    "action": "buy",
    "symbol": "AAPL",
    "order_qty": 1,
}
OPTION = {**BASE, "order_type": "market", "asset_type": "option"}
BAD_ORDERS = [
    ("limit without price", {**BASE, "order_type": "limit"}, "price"),
    ("stop without stop price", {**BASE, "order_type": "stop"}, "stop_price"),
    ("stop limit without stop price", {**BASE, "order_type": "stop_limit", "price": 1}, "stop_price"),
    ("gtd without expire_time", {**BASE, "order_type": "limit", "price": 1, "time_in_force": "gtd"},
     "expire_time"),
    ("unknown order type", {**BASE, "order_type": "iceberg"}, "order_type"),
    ("unknown asset type", {**BASE, "order_type": "market", "asset_type": "bond"}, "asset_type"),
    ("unknown broker", {**BASE, "order_type": "market", "broker": "etrade"}, "broker"),
    ("unknown time in force", {**BASE, "order_type": "market", "time_in_force": "forever"}, "time_in_force"),
    ("market with price", {**BASE, "order_type": "market", "price": 10}, "price"),
    ("bad OCC symbol", {**OPTION, "symbol": "AAPL150C"}, "symbol"),
    ("OCC with bad date", {**OPTION, "symbol": "AAPL241345C00150000"}, "symbol"),
    ("unknown field", {**BASE, "order_type": "market", "colour": "red"}, "colour"),
    ("empty symbol", {**BASE, "order_type": "market", "symbol": " "}, "symbol"),
]  # fmt: skip


@pytest.mark.parametrize(("order", "param"), [b[1:] for b in BAD_ORDERS], ids=[b[0] for b in BAD_ORDERS])
def test_bad_orders_are_refused_before_sending(trading, order: dict[str, Any], param: str) -> None:
    client, router, _place = trading
    with pytest.raises(ValidationError, match=param):
        client.place_order(order)
    assert router.calls.call_count == 0


def test_bad_option_symbols_and_parts_are_named(trading) -> None:
    client, router, _place = trading
    with pytest.raises(ValidationError, match="symbol"):
        client.place_options_market_order("AAPL", account_number="A1")
    with pytest.raises(ValidationError, match="strike"):
        client.place_options_market_order(
            underlying="AAPL", expiry="2024-03-15", option_type="call", strike=-1
        )
    with pytest.raises(ValidationError, match="option_type"):
        client.place_options_market_order(
            underlying="AAPL", expiry="2024-03-15", option_type="straddle", strike=1
        )
    with pytest.raises(ValidationError, match="expiry"):
        client.place_options_market_order(
            underlying="AAPL", expiry="next friday", option_type="call", strike=1
        )
    with pytest.raises(ValidationError, match="symbol"):
        client.place_options_market_order(underlying="AAPL", account_number="A1")
    with pytest.raises(ValidationError, match="not both"):
        client.place_options_market_order("AAPL240315C00150000", underlying="AAPL", account_number="A1")
    assert router.calls.call_count == 0


def test_place_order_refuses_what_is_not_an_order(trading) -> None:
    client, router, _place = trading
    with pytest.raises(ValidationError, match="order"):
        client.place_order(["AAPL", 1])
    assert router.calls.call_count == 0

"""The trading simulation: fills, open orders, cancels, modifications, idempotency and permissions."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from finatic_server.sandbox import Sandbox

from .conftest import ApiSession, market_order, start_session


@pytest.fixture()
def trader(fresh_http: httpx.Client) -> ApiSession:
    return start_session(fresh_http)


def _position(user: ApiSession, symbol: str, broker: str = "robinhood") -> dict[str, Any] | None:
    rows = user.get(
        "/brokers/data/positions", symbol=symbol, broker_id=broker, account_id="123456789", limit=1000
    ).json()["response_data"]
    return rows[0] if rows else None


def _cash(user: ApiSession, broker: str = "robinhood") -> float:
    accounts = user.get("/brokers/data/accounts", broker_id=broker).json()["response_data"]
    return float(accounts[0]["cash_balance"])


def test_a_market_order_fills_at_once_and_moves_position_and_cash(trader: ApiSession) -> None:
    before = _position(trader, "AAPL")
    held = before["quantity"] if before and before["status"] == "active" else 0.0
    cash = _cash(trader)
    placed = trader.post("/brokers/orders", market_order("AAPL", 10)).json()["response_data"]
    assert placed["status"] == "filled" and placed["filled_quantity"] == 10
    order = trader.get("/brokers/data/orders", limit=1).json()["response_data"][0]
    assert order["id"] == placed["order_id"] and order["filled_avg_price"] == placed["filled_avg_price"]
    fills = trader.get(f"/brokers/data/orders/{order['id']}/fills").json()["response_data"]
    assert [f["quantity"] for f in fills] == [10]
    events = trader.get(f"/brokers/data/orders/{order['id']}/events").json()["response_data"]
    assert [e["order_status"] for e in events] == ["submitted", "new", "filled"]
    after = _position(trader, "AAPL")
    assert after is not None and after["quantity"] == pytest.approx(held + 10) and after["status"] == "active"
    assert _cash(trader) == pytest.approx(cash - 10 * placed["filled_avg_price"], abs=0.01)


def test_crypto_quantities_are_never_truncated(trader: ApiSession) -> None:
    order = market_order("BTC-USD", 0.1, broker="coinbase")
    order["order"]["assetType"] = "crypto"
    placed = trader.post("/brokers/orders", order).json()["response_data"]
    assert placed["quantity"] == 0.1 and placed["filled_quantity"] == 0.1


def test_a_limit_order_stays_open_until_cancelled_and_a_second_cancel_is_409(trader: ApiSession) -> None:
    placed = trader.post("/brokers/orders", market_order(orderType="Limit", price=100.0)).json()[
        "response_data"
    ]
    assert placed["status"] == "new"
    open_orders = trader.get("/brokers/data/orders", order_status="new", limit=1000).json()["response_data"]
    assert placed["order_id"] in {o["id"] for o in open_orders}
    cancelled = trader.delete(f"/brokers/orders/{placed['order_id']}")
    assert cancelled.status_code == 200 and cancelled.json()["response_data"]["status"] == "cancelled"
    again = trader.delete(f"/brokers/orders/{placed['order_id']}")
    assert again.status_code == 409 and again.json()["code"] == "ORDER_NOT_CANCELLABLE"
    assert trader.delete("/brokers/orders/unknown").json()["code"] == "ORDER_NOT_FOUND"


def test_modifying_an_open_order_changes_it_and_a_terminal_one_is_409(trader: ApiSession) -> None:
    order_id = trader.post("/brokers/orders", market_order(orderType="Limit", price=100.0)).json()[
        "response_data"
    ]["order_id"]
    changed = trader.patch(
        f"/brokers/orders/{order_id}",
        {"broker": "robinhood", "order": {"orderId": order_id, "price": 101.5, "orderQty": 4}},
    )
    assert changed.status_code == 200
    data = changed.json()["response_data"]
    assert (data["price"], data["quantity"], data["status"]) == (101.5, 4, "new")
    trader.delete(f"/brokers/orders/{order_id}")
    late = trader.patch(
        f"/brokers/orders/{order_id}", {"broker": "robinhood", "order": {"orderId": order_id, "price": 99.0}}
    )
    assert late.status_code == 409 and late.json()["code"] == "ORDER_NOT_MODIFIABLE"


def test_the_same_idempotency_key_returns_the_first_result_and_places_nothing(
    trader: ApiSession, fresh_sandbox: Sandbox
) -> None:
    count = len(fresh_sandbox.state.data.orders)
    first = trader.post("/brokers/orders", market_order(), headers={"Idempotency-Key": "order-1"})
    second = trader.post("/brokers/orders", market_order(), headers={"Idempotency-Key": "order-1"})
    assert first.json() == second.json() and second.headers["idempotent-replayed"] == "true"
    assert len(fresh_sandbox.state.data.orders) == count + 1
    different = trader.post("/brokers/orders", market_order(qty=3), headers={"Idempotency-Key": "order-1"})
    assert different.status_code == 409 and different.json()["code"] == "IDEMPOTENCY_KEY_REUSED"
    other_key = trader.post("/brokers/orders", market_order(), headers={"Idempotency-Key": "order-2"})
    assert other_key.json()["response_data"]["order_id"] != first.json()["response_data"]["order_id"]


def test_a_read_only_connection_cannot_trade(trader: ApiSession) -> None:
    response = trader.post("/brokers/orders", market_order(broker="interactive_brokers"))
    assert response.status_code == 403 and response.json()["code"] == "TRADE_ACCESS_DENIED"


def test_a_company_without_trading_cannot_place_orders(fresh_http: httpx.Client) -> None:
    user = start_session(fresh_http, "sk_sandbox_no_trading")
    assert user.get("/brokers/data/orders", limit=1).status_code == 200
    response = user.post("/brokers/orders", market_order())
    assert response.status_code == 403 and response.json()["code"] == "TRADING_NOT_ENABLED"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"symbol": ""}, "symbol"),
        ({"orderQty": 0}, "orderQty"),
        ({"orderQty": "ten"}, "orderQty"),
        ({"orderType": "Limit"}, "price"),
        ({"orderType": "Stop"}, "stopPrice"),
        ({"timeInForce": "gtd"}, "expireTime"),
        ({"orderType": "Sideways"}, "orderType"),
        ({"action": "Hold"}, "action"),
        ({"assetType": "bonds"}, "assetType"),
        ({"accountNumber": "000"}, "accountNumber"),
    ],
)
def test_invalid_orders_are_rejected_naming_the_field(
    trader: ApiSession, change: dict[str, Any], field: str
) -> None:
    body = market_order()
    body["order"].update(change)
    response = trader.post("/brokers/orders", body)
    assert response.status_code == 400 and response.json()["code"] == "INVALID_ORDER"
    assert field in response.json()["message"]


def test_orders_route_by_connection_id_and_reject_a_mismatched_broker(trader: ApiSession) -> None:
    connections = trader.get("/brokers/connections").json()["response_data"]
    alpaca = next(c["id"] for c in connections if c["broker_id"] == "alpaca")
    placed = trader.post("/brokers/orders", market_order(broker="alpaca"), connection_id=alpaca)
    assert placed.json()["response_data"]["connection_id"] == alpaca
    mismatch = trader.post("/brokers/orders", market_order(broker="robinhood"), connection_id=alpaca)
    assert mismatch.status_code == 400 and mismatch.json()["code"] == "INVALID_ORDER"


def test_disconnecting_a_connection_hides_it_and_its_data_from_the_company(trader: ApiSession) -> None:
    connections = trader.get("/brokers/connections").json()["response_data"]
    coinbase = next(c["id"] for c in connections if c["broker_id"] == "coinbase")
    result = trader.delete(f"/brokers/disconnect-company/{coinbase}").json()["response_data"]
    assert result["connection_id"] == coinbase and result["action"] == "company_access_removed"
    remaining = trader.get("/brokers/connections").json()["response_data"]
    assert coinbase not in {c["id"] for c in remaining} and len(remaining) == 5
    assert trader.get("/brokers/data/orders", connection_id=coinbase).json()["response_data"] == []
    assert trader.delete(f"/brokers/disconnect-company/{coinbase}").status_code == 404


def test_a_notional_order_buys_that_amount_of_the_asset(trader: ApiSession) -> None:
    order = market_order("ETH-USD", broker="coinbase")
    del order["order"]["orderQty"]
    order["order"].update(assetType="crypto", notional=250.0)
    placed = trader.post("/brokers/orders", order).json()["response_data"]
    assert placed["status"] == "filled"
    assert placed["quantity"] * placed["filled_avg_price"] == pytest.approx(250.0, abs=0.01)
    both = trader.post("/brokers/orders", {**order, "order": {**order["order"], "orderQty": 1}})
    assert both.status_code == 400 and "notional" in both.json()["message"]

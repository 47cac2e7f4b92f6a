"""The seeded data: envelopes, pagination, filters, and consistency between orders, fills and positions."""

from __future__ import annotations

from collections import defaultdict

import httpx
import pytest

from finatic_server.sandbox.data import build_dataset

from .conftest import ApiSession

ORDER_FIELDS = {
    "id",
    "user_broker_connection_id",
    "broker_provided_account_id",
    "order_id",
    "symbol",
    "order_type",
    "side",
    "quantity",
    "price",
    "stop_price",
    "asset_type",
    "time_in_force",
    "status",
    "created_at",
    "updated_at",
    "filled_at",
    "filled_quantity",
    "filled_avg_price",
}


def _all(user: ApiSession, path: str, **params: object) -> list[dict[str, object]]:
    items: list[dict[str, object]] = []
    offset = 0
    while True:
        body = user.get(path, limit=1000, offset=offset, **params).json()
        items.extend(body["response_data"])
        if not body["pagination"]["has_more"]:
            return items
        offset = body["pagination"]["next_offset"]


def test_broker_catalogue_lists_the_six_brokers_without_a_session(http: httpx.Client) -> None:
    body = http.get("/brokers/").json()
    assert body["success"] and body["status_code"] == 200
    ids = {b["id"] for b in body["response_data"]}
    assert ids == {"alpaca", "robinhood", "tasty_trade", "ninja_trader", "interactive_brokers", "coinbase"}
    assert all(b["display_name"] and b["is_active"] and b["logo_path"] for b in body["response_data"])
    assert http.get("/brokers").json() == body


def test_connections_are_read_write_except_interactive_brokers(user: ApiSession) -> None:
    connections = user.get("/brokers/connections").json()["response_data"]
    writable = {c["broker_id"]: c["permissions"]["write"] for c in connections}
    assert writable == {
        "robinhood": True,
        "alpaca": True,
        "tasty_trade": True,
        "ninja_trader": True,
        "coinbase": True,
        "interactive_brokers": False,
    }
    assert all(c["user_id"] == "user123" and c["company_id"] == user.company_id for c in connections)


def test_the_first_account_of_every_connection_is_123456789(user: ApiSession) -> None:
    accounts = user.get("/brokers/data/accounts").json()["response_data"]
    first: dict[str, str] = {}
    for a in accounts:
        first.setdefault(a["user_broker_connection_id"], a["account_number"])
    assert set(first.values()) == {"123456789"} and len(first) == 6


def test_orders_page_has_every_field_newest_first_and_pagination(user: ApiSession) -> None:
    body = user.get("/brokers/data/orders", limit=50).json()
    orders = body["response_data"]
    assert len(orders) == 50 and all(set(o) == ORDER_FIELDS for o in orders)
    stamps = [o["created_at"] for o in orders]
    assert stamps == sorted(stamps, reverse=True) and all(s.endswith("Z") for s in stamps)
    assert body["pagination"] == {"has_more": True, "next_offset": 50, "current_offset": 0, "limit": 50}


def test_paging_through_all_orders_yields_each_order_once(user: ApiSession) -> None:
    seen = [o["id"] for o in _all(user, "/brokers/data/orders")]
    assert len(seen) == len(set(seen)) >= 400
    last = user.get("/brokers/data/orders", limit=100, offset=len(seen) - 10).json()
    assert len(last["response_data"]) == 10 and last["pagination"]["has_more"] is False
    beyond = user.get("/brokers/data/orders", offset=len(seen) + 5).json()
    assert beyond["response_data"] == [] and beyond["pagination"]["has_more"] is False


@pytest.mark.parametrize(
    ("param", "value"),
    [("limit", "0"), ("limit", "1001"), ("limit", "ten"), ("offset", "-1"), ("offset", "1.5")],
)
def test_limit_and_offset_out_of_range_are_validation_errors_naming_the_parameter(
    user: ApiSession, param: str, value: str
) -> None:
    response = user.get("/brokers/data/orders", **{param: value})
    assert response.status_code == 400
    assert response.json()["code"] == "VALIDATION_ERROR" and param in response.json()["message"]


@pytest.mark.parametrize(
    ("path", "param"),
    [
        ("/brokers/data/orders", "order_status"),
        ("/brokers/data/orders", "side"),
        ("/brokers/data/positions", "position_status"),
        ("/brokers/data/accounts", "account_type"),
        ("/brokers/data/balances", "is_end_of_day_snapshot"),
        ("/brokers/data/orders", "created_after"),
    ],
)
def test_unknown_filter_values_are_validation_errors(user: ApiSession, path: str, param: str) -> None:
    response = user.get(path, **{param: "bogus"})
    assert response.status_code == 400 and param in response.json()["message"]


def test_order_filters_combine(user: ApiSession) -> None:
    orders = _all(user, "/brokers/data/orders", broker_id="robinhood", order_status="filled", side="buy")
    assert orders and all(o["status"] == "filled" and o["side"] == "buy" for o in orders)
    rh = {
        c["id"]
        for c in user.get("/brokers/connections").json()["response_data"]
        if c["broker_id"] == "robinhood"
    }
    assert {o["user_broker_connection_id"] for o in orders} == rh
    symbol = orders[0]["symbol"]
    by_symbol = _all(user, "/brokers/data/orders", symbol=symbol.lower())
    assert by_symbol and {o["symbol"] for o in by_symbol} == {symbol}


def test_orders_by_asset_class_use_realistic_symbols(user: ApiSession) -> None:
    crypto = _all(user, "/brokers/data/orders", asset_type="crypto")
    assert crypto and all(o["symbol"].endswith("-USD") for o in crypto)
    assert any(o["quantity"] != int(o["quantity"]) for o in crypto)  # fractional
    options = _all(user, "/brokers/data/orders", asset_type="equity_option", broker_id="tasty_trade")
    assert any(len(o["symbol"]) >= 15 and o["symbol"][-9] in "CP" for o in options)  # OCC symbols
    futures = _all(user, "/brokers/data/orders", broker_id="tradovate")  # alias of ninja_trader
    assert futures and all(o["asset_type"] == "future" for o in futures)


def test_date_range_filters_orders_by_creation(user: ApiSession) -> None:
    orders = _all(user, "/brokers/data/orders")
    middle = orders[len(orders) // 2]["created_at"]
    after = _all(user, "/brokers/data/orders", created_after=middle)
    before = _all(user, "/brokers/data/orders", created_before=middle)
    assert all(o["created_at"] >= middle for o in after) and all(o["created_at"] <= middle for o in before)
    assert len(after) + len(before) >= len(orders)


def test_account_id_filter_matches_the_broker_provided_account_id(user: ApiSession) -> None:
    orders = _all(user, "/brokers/data/orders", account_id="123456789")
    assert orders and {o["broker_provided_account_id"] for o in orders} == {"123456789"}


def test_filled_orders_have_fills_that_add_up(user: ApiSession) -> None:
    filled = user.get("/brokers/data/orders", order_status="filled", limit=30).json()["response_data"]
    for order in filled:
        fills = user.get(f"/brokers/data/orders/{order['id']}/fills").json()["response_data"]
        if any(f["leg_id"] for f in fills):
            continue  # multi-leg: one fill per leg
        assert sum(f["quantity"] for f in fills) == pytest.approx(order["filled_quantity"])
        assert all(f["price"] == order["filled_avg_price"] for f in fills)
        events = user.get(f"/brokers/data/orders/{order['id']}/events").json()["response_data"]
        assert events[0]["event_type"] == "submitted" and events[-1]["order_status"] == "filled"


def test_unknown_order_fills_are_order_not_found(user: ApiSession) -> None:
    response = user.get("/brokers/data/orders/nope/fills")
    assert response.status_code == 404 and response.json()["code"] == "ORDER_NOT_FOUND"


def test_positions_match_net_filled_quantities_of_their_lots(user: ApiSession) -> None:
    positions = _all(user, "/brokers/data/positions")
    lots = _all(user, "/brokers/data/positions/lots")
    remaining: dict[str, float] = defaultdict(float)
    for lot in lots:
        remaining[lot["position_id"]] += lot["remaining_quantity"]
    statuses = {p["status"] for p in positions}
    assert statuses == {"active", "closed"}
    for p in positions:
        assert p["quantity"] == pytest.approx(remaining[p["id"]], abs=1e-6)
        assert (p["status"] == "active") == (p["quantity"] > 0)
    active = _all(user, "/brokers/data/positions", position_status="active")
    assert {p["id"] for p in active} == {p["id"] for p in positions if p["status"] == "active"}


def test_lot_fills_reference_order_fills(user: ApiSession) -> None:
    lot = user.get("/brokers/data/positions/lots", limit=1).json()["response_data"][0]
    fills = user.get(f"/brokers/data/positions/lots/{lot['id']}/fills").json()["response_data"]
    assert fills and fills[0]["lot_id"] == lot["id"] and fills[0]["order_fill_id"]
    assert sum(f["fill_quantity"] for f in fills if f["action"] == "open") == pytest.approx(
        lot["open_quantity"]
    )


def test_order_groups_hold_multi_leg_option_orders(user: ApiSession) -> None:
    groups = _all(user, "/brokers/data/orders/groups")
    assert groups
    legs = groups[0]["orders"][0]["legs"]
    assert len(legs) in (2, 4) and all(leg["asset_type"] == "equity_option" for leg in legs)
    assert [leg["leg_index"] for leg in legs] == list(range(len(legs)))


def test_balances_have_daily_end_of_day_snapshots_per_account(user: ApiSession) -> None:
    snapshots = _all(user, "/brokers/data/balances", is_end_of_day_snapshot="true")
    current = _all(user, "/brokers/data/balances", is_end_of_day_snapshot="false")
    accounts = user.get("/brokers/data/accounts").json()["response_data"]
    assert len(current) == len(accounts) and len(snapshots) == 365 * len(accounts)
    one = accounts[0]["id"]
    assert len(_all(user, "/brokers/data/balances", account_id=one)) == 366


def test_account_filters(user: ApiSession) -> None:
    crypto = user.get("/brokers/data/accounts", account_type="crypto").json()["response_data"]
    assert crypto and all(a["account_type"] == "crypto" for a in crypto)
    eur = user.get("/brokers/data/accounts", currency="eur").json()["response_data"]
    assert [a["currency"] for a in eur] == ["EUR"]
    inactive = user.get("/brokers/data/accounts", status="inactive").json()["response_data"]
    assert inactive and all(a["status"] == "inactive" for a in inactive)


def test_the_same_seed_gives_the_same_data_and_another_seed_does_not() -> None:
    a, b, c = build_dataset(5, 300), build_dataset(5, 300), build_dataset(6, 300)
    assert [r.json() for r in a.orders.rows] == [r.json() for r in b.orders.rows]
    assert [r.json() for r in a.orders.rows] != [r.json() for r in c.orders.rows]

"""The trading simulation: validate an order body, route it to a connection and account, fill market
orders at once (fills, events, position and balance), keep other orders open until modified, cancelled or
expired.

Expiry is lazy and deterministic: whenever orders are read, modified or cancelled, ``expire_orders``
looks at the open orders placed through the API (``Dataset.open_orders``, never the whole table). A
``gtd`` order expires once the clock reaches its ``expireTime``; a ``day`` order once a new UTC day has
begun since it was placed. It then becomes ``expired`` with an ``expired`` event dated at its deadline.
Seeded open orders are left as the data set has them (unless an API modify sets their time in force)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .catalog import BROKERS, canonical_broker_id
from .data import TERMINAL_STATUSES, Dataset, commission_for, multiplier_for, round_price
from .errors import ApiError, Code
from .ledger import Execution
from .records import Row, iso, parse_iso
from .state import Company, SandboxState

__all__ = [
    "OrderSpec",
    "cancel_order",
    "expire_orders",
    "modify_order",
    "parse_order",
    "place_order",
    "resolve_connection",
]

ORDER_TYPES = {t.lower(): t for t in ("Market", "Limit", "Stop", "StopLimit", "TrailingStop")}
ORDER_TYPES.update({"stop_limit": "StopLimit", "trailing_stop": "TrailingStop"})
ASSET_TYPES = frozenset({"equity", "equity_option", "crypto", "forex", "future", "future_option"})
ACTIONS = {
    a.lower(): a for a in ("Buy", "Sell", "Buy to Open", "Sell to Open", "Buy to Close", "Sell to Close")
}
TIME_IN_FORCE = frozenset({"day", "gtc", "gtd", "ioc", "fok"})
BROKER_IDS = frozenset(b["id"] for b in BROKERS)
DAY = 86400.0


def _invalid(message: str) -> ApiError:
    return ApiError(400, Code.INVALID_ORDER, message)


@dataclass(frozen=True)
class OrderSpec:
    broker: str
    symbol: str
    order_type: str
    asset_type: str
    action: str
    time_in_force: str
    quantity: float | None
    price: float | None
    stop_price: float | None
    account_number: str | None
    expire_time: str | None
    notional: float | None = None

    @property
    def side(self) -> str:
        return "buy" if self.action.startswith("Buy") else "sell"


def _number(order: Mapping[str, Any], name: str, *, required: bool = False) -> float | None:
    value = order.get(name)
    if value is None:
        if required:
            raise _invalid(f"{name} is required")
        return None
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or value <= 0
    ):
        raise _invalid(f"{name} must be a positive number")
    return float(value)


def _choice(
    order: Mapping[str, Any],
    name: str,
    allowed: Mapping[str, str] | frozenset[str],
    default: str | None = None,
) -> str:
    value = order.get(name, default)
    if value is None:
        raise _invalid(f"{name} is required")
    if not isinstance(value, str) or value.strip().lower() not in allowed:
        options = sorted(allowed.values()) if isinstance(allowed, Mapping) else sorted(allowed)
        raise _invalid(f"{name} must be one of: {', '.join(options)}")
    key = value.strip().lower()
    return allowed[key] if isinstance(allowed, Mapping) else key


def _expire_time(value: object) -> float:
    if not isinstance(value, str) or not value:
        raise _invalid("expireTime must be an ISO-8601 date-time")
    try:
        return parse_iso(value)
    except ValueError:
        raise _invalid("expireTime must be an ISO-8601 date-time") from None


def parse_broker(body: Mapping[str, Any]) -> str:
    broker = body.get("broker")
    if not isinstance(broker, str) or not broker.strip():
        raise _invalid("broker is required")
    canonical = canonical_broker_id(broker)
    if canonical not in BROKER_IDS:
        raise _invalid(f"broker {broker!r} is not supported")
    return canonical


def _order_object(body: Mapping[str, Any]) -> Mapping[str, Any]:
    order = body.get("order")
    if not isinstance(order, dict):
        raise _invalid("order is required and must be an object")
    return order


def parse_order(body: Mapping[str, Any]) -> OrderSpec:
    """Validate a place-order body; every problem is 400 ``INVALID_ORDER`` naming the field."""
    broker = parse_broker(body)
    order = _order_object(body)
    symbol = order.get("symbol")
    if not isinstance(symbol, str) or not symbol.strip():
        raise _invalid("symbol is required")
    order_type = _choice(order, "orderType", ORDER_TYPES)
    asset_type = _choice(order, "assetType", ASSET_TYPES)
    action = _choice(order, "action", ACTIONS)
    tif = _choice(order, "timeInForce", TIME_IN_FORCE, "day")
    quantity = _number(order, "orderQty")
    notional = _number(order, "notional")
    if quantity is None and notional is None:
        raise _invalid("orderQty is required (or notional, an amount to trade)")
    if quantity is not None and notional is not None:
        raise _invalid("give exactly one of orderQty and notional")
    price = _number(order, "price", required=order_type in ("Limit", "StopLimit"))
    stop = _number(order, "stopPrice", required=order_type in ("Stop", "StopLimit"))
    expire = order.get("expireTime")
    if tif == "gtd":
        if not isinstance(expire, str) or not expire:
            raise _invalid("expireTime is required when timeInForce is gtd")
        _expire_time(expire)
    account = order.get("accountNumber")
    if account is not None and not isinstance(account, str | int):
        raise _invalid("accountNumber must be a string")
    return OrderSpec(
        broker,
        symbol.strip().upper(),
        order_type,
        asset_type,
        action,
        tif,
        quantity,
        price,
        stop,
        str(account) if account not in (None, "") else None,
        expire if isinstance(expire, str) else None,
        notional,
    )


def resolve_connection(state: SandboxState, company: Company, broker: str, connection_id: str | None) -> Row:
    visible = [c for c in state.data.connections if c.id not in company.removed_connections]
    if connection_id:
        conn = next((c for c in visible if c.id == connection_id), None)
        if conn is None:
            raise ApiError(404, Code.NOT_FOUND, "Connection not found")
        if conn.broker_id != broker:
            raise _invalid(f"connection_id belongs to {conn.broker_id}, not {broker}")
        return conn
    conn = next((c for c in visible if c.broker_id == broker), None)
    if conn is None:
        raise ApiError(404, Code.NOT_FOUND, f"No connection to {broker} for this user")
    return conn


def require_write(conn: Row) -> None:
    if not conn.data["permissions"]["write"]:
        raise ApiError(403, Code.TRADE_ACCESS_DENIED, f"The {conn.broker_id} connection is read-only")


def _account(ds: Dataset, conn: Row, number: str | None) -> Row:
    accounts = ds.accounts_of(conn.id)
    if number is None:
        return accounts[0]
    account = next((a for a in accounts if a.acct_no == number or a.id == number), None)
    if account is None:
        raise _invalid(f"accountNumber {number!r} is not an account of this {conn.broker_id} connection")
    return account


def _event(
    ds: Dataset, order: Row, event_type: str, status: str, at: float, reason: str | None = None
) -> None:
    events = ds.events_for(order)
    n = len(events)
    events.append(
        Row(
            {
                "id": ds.ids.derived(order.id, "event", n),
                "order_id": order.id,
                "order_group_id": ds.group_of_order.get(order.id),
                "event_type": event_type,
                "event_time": iso(at),
                "event_id": f"EV-{order.id[:8]}-{n}",
                "order_status": status,
                "inferred": False,
                "confidence": 1.0,
                "reason_code": reason,
                "recorded_at": iso(at),
            },
            at,
        )
    )


def _fill_now(state: SandboxState, order: Row, account: Row, now: float) -> None:
    ds = state.data
    d = order.data
    symbol, asset_type = d["symbol"], d["asset_type"]
    qty = round(d["quantity"] - (d["filled_quantity"] or 0.0), 8)
    price = round_price(symbol, asset_type, ds.market.current(symbol))
    mult = multiplier_for(asset_type, symbol)
    sign = 1 if d["side"] == "buy" else -1
    notional = qty * price * mult
    commission = commission_for(asset_type, qty, notional)
    stamp = iso(now)
    fill = Row(
        {
            "id": ds.ids.new(),
            "order_id": order.id,
            "leg_id": None,
            "price": price,
            "quantity": qty,
            "executed_at": stamp,
            "execution_id": f"EX{ds.ids.new()[:13].replace('-', '').upper()}",
            "trade_id": f"T{ds.ids.new()[:8]}",
            "venue": "SANDBOX",
            "commission_fee": commission,
            "created_at": stamp,
            "updated_at": stamp,
        },
        now,
    )
    ds.fills_for(order.id).append(fill)
    ds.ledger.apply(Execution(account, symbol, asset_type, sign * qty, price, now, fill.id, commission, mult))
    ds.ledger.flush(now)
    d.update(
        status="filled",
        filled_quantity=d["quantity"],
        filled_avg_price=price,
        filled_at=stamp,
        updated_at=stamp,
    )
    order.changed()
    _event(ds, order, "filled", "filled", now)
    cash_change = (
        -commission if asset_type in ("future", "future_option") else -(sign * notional) - commission
    )
    _adjust_cash(ds, account, cash_change, -commission, now)


def _adjust_cash(ds: Dataset, account: Row, cash_change: float, nlv_change: float, now: float) -> None:
    a = account.data
    a["cash_balance"] = round(a["cash_balance"] + cash_change, 2)
    a["buying_power"] = round(max(0.0, a["cash_balance"]) * (2 if a["account_type"] == "margin" else 1), 2)
    a["updated_at"] = iso(now)
    account.changed()
    balance = ds.current_balance.get(account.id)
    if balance is not None:
        b = balance.data
        b["total_cash_value"] = a["cash_balance"]
        b["available_to_withdraw"] = round(max(0.0, a["cash_balance"]), 2)
        b["net_liquidation_value"] = round(b["net_liquidation_value"] + nlv_change, 2)
        b["balance_updated_at"] = b["updated_at"] = iso(now)
        balance.changed()
    ds.accounts.touch()
    ds.balances.touch()


def place_order(
    state: SandboxState, company: Company, spec: OrderSpec, connection_id: str | None
) -> dict[str, Any]:
    ds = state.data
    conn = resolve_connection(state, company, spec.broker, connection_id)
    require_write(conn)
    account = _account(ds, conn, spec.account_number)
    now = state.clock()
    stamp = iso(now)
    order_id = ds.ids.new()
    order = Row(
        {
            "id": order_id,
            "user_broker_connection_id": conn.id,
            "broker_provided_account_id": account.acct_no,
            "order_id": f"{(conn.broker_id or 'or')[:2].upper()}-{order_id[-12:]}",
            "symbol": spec.symbol,
            "order_type": spec.order_type,
            "side": spec.side,
            "quantity": _quantity(ds, spec),
            "price": spec.price,
            "stop_price": spec.stop_price,
            "asset_type": spec.asset_type,
            "time_in_force": spec.time_in_force,
            "status": "new",
            "created_at": stamp,
            "updated_at": stamp,
            "filled_at": None,
            "filled_quantity": 0.0,
            "filled_avg_price": None,
        },
        now,
        conn.id,
        conn.broker_id,
        account.id,
        account.acct_no,
    )
    ds.fills[order_id] = []
    ds.events[order_id] = []
    ds.orders.add_first(order)
    _event(ds, order, "submitted", "submitted", now)
    _event(ds, order, "accepted", "new", now)
    if spec.order_type == "Market":
        _fill_now(state, order, account, now)
    else:
        gtd = spec.time_in_force == "gtd" and spec.expire_time is not None
        ds.open_orders[order_id] = _expire_time(spec.expire_time) if gtd else None
    ds.orders.touch()
    return _order_result(
        order, conn, account, "Order filled" if order.data["status"] == "filled" else "Order placed"
    )


def _quantity(ds: Dataset, spec: OrderSpec) -> float:
    """The order's quantity; a notional amount becomes a quantity at the limit or current price."""
    if spec.quantity is not None:
        return spec.quantity
    assert spec.notional is not None
    price = spec.price or spec.stop_price or ds.market.current(spec.symbol)
    return max(round(spec.notional / price, 8), 1e-8)


def _order_result(order: Row, conn: Row, account: Row, message: str) -> dict[str, Any]:
    d = order.data
    return {
        "order_id": order.id,
        "status": d["status"],
        "message": message,
        "broker": conn.broker_id,
        "symbol": d["symbol"],
        "side": d["side"],
        "quantity": d["quantity"],
        "order_type": d["order_type"],
        "asset_type": d["asset_type"],
        "time_in_force": d["time_in_force"],
        "price": d["price"],
        "stop_price": d["stop_price"],
        "filled_quantity": d["filled_quantity"],
        "filled_avg_price": d["filled_avg_price"],
        "broker_order_id": d["order_id"],
        "connection_id": conn.id,
        "account_number": account.acct_no,
        "created_at": d["created_at"],
        "updated_at": d["updated_at"],
    }


def _deadline(order: Row, expire_at: float | None) -> float | None:
    """When the open order expires: ``gtd`` at its expiry time, ``day`` when its UTC day ends."""
    tif = order.data["time_in_force"]
    if tif == "gtd":
        return expire_at
    if tif == "day":
        return (math.floor(order.ts / DAY) + 1) * DAY
    return None


def expire_orders(state: SandboxState) -> None:
    """Expire the tracked open orders whose deadline has passed (``state.clock()``); cheap when none."""
    ds = state.data
    if not ds.open_orders:
        return
    now = state.clock()
    changed = False
    for order_id, expire_at in list(ds.open_orders.items()):
        order = ds.orders.get(order_id)
        if order is None or order.data["status"] in TERMINAL_STATUSES:
            del ds.open_orders[order_id]
            continue
        deadline = _deadline(order, expire_at)
        if deadline is None or now < deadline:
            continue
        d = order.data
        at = max(deadline, parse_iso(d["updated_at"]))
        d.update(status="expired", updated_at=iso(at))
        order.changed()
        _event(ds, order, "expired", "expired", at)
        del ds.open_orders[order_id]
        changed = True
    if changed:
        ds.orders.touch()


def find_order(state: SandboxState, company: Company, order_id: str, connection_id: str | None) -> Row:
    order = state.data.orders.get(order_id)
    if (
        order is None
        or order.conn_id in company.removed_connections
        or (connection_id and connection_id != order.conn_id)
    ):
        raise ApiError(404, Code.ORDER_NOT_FOUND, f"Order {order_id} not found")
    return order


def _parts(state: SandboxState, order: Row) -> tuple[Row, Row]:
    ds = state.data
    conn = ds.connection(order.conn_id or "")
    account = ds.accounts.get(order.acct_id or "")
    assert conn is not None and account is not None
    return conn, account


def modify_order(
    state: SandboxState, company: Company, order_id: str, body: Mapping[str, Any], connection_id: str | None
) -> dict[str, Any]:
    expire_orders(state)
    order = find_order(state, company, order_id, connection_id)
    conn, account = _parts(state, order)
    require_write(conn)
    changes = _order_object(body)
    if "broker" in body:
        parse_broker(body)
    body_id = changes.get("orderId")
    if body_id is not None and body_id != order_id:
        raise _invalid("orderId in the body does not match the order in the path")
    d = order.data
    if d["status"] in TERMINAL_STATUSES:
        raise ApiError(
            409, Code.ORDER_NOT_MODIFIABLE, f"Order {order_id} is {d['status']} and cannot be modified"
        )
    update: dict[str, Any] = {}
    if "orderType" in changes:
        update["order_type"] = _choice(changes, "orderType", ORDER_TYPES)
    if "action" in changes:
        update["side"] = "buy" if _choice(changes, "action", ACTIONS).startswith("Buy") else "sell"
    if "timeInForce" in changes:
        update["time_in_force"] = _choice(changes, "timeInForce", TIME_IN_FORCE)
    if changes.get("orderQty") is not None:
        qty = _number(changes, "orderQty")
        if qty is not None and qty < (d["filled_quantity"] or 0.0):
            raise _invalid("orderQty cannot be below the quantity already filled")
        update["quantity"] = qty
    if changes.get("price") is not None:
        update["price"] = _number(changes, "price")
    if changes.get("stopPrice") is not None:
        update["stop_price"] = _number(changes, "stopPrice")
    ds = state.data
    tracked = order_id in ds.open_orders or "timeInForce" in changes or "expireTime" in changes
    expire_at = ds.open_orders.get(order_id)
    if changes.get("expireTime") is not None:
        expire_at = _expire_time(changes["expireTime"])
    elif not update:
        raise _invalid(
            "order must change at least one of orderQty, price, stopPrice, timeInForce, expireTime, "
            "orderType, action"
        )
    merged = {**d, **update}
    if update.get("time_in_force") == "gtd" and expire_at is None:
        raise _invalid("expireTime is required when timeInForce is gtd")
    if merged["order_type"] in ("Limit", "StopLimit") and merged["price"] is None:
        raise _invalid("price is required for a Limit order")
    if merged["order_type"] in ("Stop", "StopLimit") and merged["stop_price"] is None:
        raise _invalid("stopPrice is required for a Stop order")
    now = state.clock()
    d.update(update, updated_at=iso(now))
    order.changed()
    _event(ds, order, "replaced", d["status"], now)
    if d["order_type"] == "Market":
        _fill_now(state, order, account, now)
    if d["status"] in TERMINAL_STATUSES:
        ds.open_orders.pop(order_id, None)
    elif tracked:
        ds.open_orders[order_id] = expire_at
    ds.orders.touch()
    return _order_result(
        order, conn, account, "Order filled" if d["status"] == "filled" else "Order modified"
    )


def cancel_order(
    state: SandboxState, company: Company, order_id: str, connection_id: str | None
) -> dict[str, Any]:
    expire_orders(state)
    order = find_order(state, company, order_id, connection_id)
    conn, account = _parts(state, order)
    require_write(conn)
    d = order.data
    if d["status"] in TERMINAL_STATUSES:
        raise ApiError(409, Code.ORDER_NOT_CANCELLABLE, f"Order {order_id} is already {d['status']}")
    now = state.clock()
    d.update(status="cancelled", updated_at=iso(now))
    order.changed()
    state.data.open_orders.pop(order_id, None)
    _event(state.data, order, "cancelled", "cancelled", now)
    state.data.orders.touch()
    return _order_result(order, conn, account, "Order cancelled")

"""The seeded data set of user ``user123``: connections, accounts, a year of orders with fills, order
groups, positions and lots built from those fills, and daily balances.

Everything is a pure function of the seed and the day (timestamps are relative to today 00:00 UTC).
Order events are built on first request, from the order itself, so a 100,000-order sandbox starts fast.
"""

from __future__ import annotations

import itertools
import math
import random
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from .catalog import BROKERS, CRYPTO_SYMBOLS, EQUITY_SYMBOLS, FUTURE_SYMBOLS, INSTRUMENTS, OPTION_UNDERLYINGS
from .ids import IdFactory
from .ledger import Execution, Ledger
from .market import DAY, Market, format_occ, parse_occ
from .records import Row, iso
from .tables import Table

__all__ = ["USER_ID", "Dataset", "build_dataset", "commission_for", "multiplier_for", "round_price"]

USER_ID = "user123"
FIRST_ACCOUNT_NUMBER = "123456789"
TERMINAL_STATUSES = frozenset({"filled", "cancelled", "rejected", "expired"})

# broker id, share of orders, read-only?, and its accounts:
# (type, number, name, currency, size, share of the broker's orders, status)
_LAYOUT: tuple[tuple[str, float, bool, tuple[tuple[str, str, str, str, float, float, str], ...]], ...] = (
    (
        "robinhood",
        0.27,
        False,
        (
            ("margin", FIRST_ACCOUNT_NUMBER, "Robinhood Individual", "USD", 84_000.0, 0.78, "active"),
            ("cash", "5RH48213", "Robinhood Roth IRA", "USD", 21_500.0, 0.22, "active"),
        ),
    ),
    (
        "alpaca",
        0.14,
        False,
        (
            ("margin", FIRST_ACCOUNT_NUMBER, "Alpaca Live", "USD", 41_000.0, 0.85, "active"),
            ("cash", "PA3XK9QW2M", "Alpaca Legacy Cash", "USD", 3_200.0, 0.15, "inactive"),
        ),
    ),
    (
        "interactive_brokers",
        0.10,
        True,
        (
            ("margin", FIRST_ACCOUNT_NUMBER, "IBKR Individual", "USD", 262_000.0, 0.8, "active"),
            ("cash", "U8124573", "IBKR Traditional IRA", "USD", 118_000.0, 0.2, "active"),
        ),
    ),
    (
        "tasty_trade",
        0.22,
        False,
        (
            ("margin", FIRST_ACCOUNT_NUMBER, "tastytrade Individual", "USD", 58_000.0, 0.85, "active"),
            ("cash", "5WT06417", "tastytrade Roth IRA", "USD", 17_000.0, 0.15, "active"),
        ),
    ),
    (
        "ninja_trader",
        0.13,
        False,
        (("margin", FIRST_ACCOUNT_NUMBER, "NinjaTrader Futures", "USD", 36_000.0, 1.0, "active"),),
    ),
    (
        "coinbase",
        0.14,
        False,
        (
            ("crypto", FIRST_ACCOUNT_NUMBER, "Coinbase USD Wallet", "USD", 24_000.0, 1.0, "active"),
            ("crypto", "CB-EU-20417", "Coinbase EUR Wallet", "EUR", 2_400.0, 0.0, "active"),
        ),
    ),
)
_ASSET_BY_BROKER = {
    "robinhood": "equity",
    "alpaca": "equity",
    "interactive_brokers": "equity",
    "tasty_trade": "equity_option",
    "ninja_trader": "future",
    "coinbase": "crypto",
}
_VENUES = {
    "equity": ("NASDAQ", "NYSE", "ARCA", "IEX", "BATS", "EDGX"),
    "equity_option": ("CBOE", "ISE", "PHLX", "MIAX", "AMEX"),
    "future": ("CME", "CME Globex"),
    "crypto": ("COINBASE",),
}
_REJECT_REASONS = ("INSUFFICIENT_BUYING_POWER", "MARKET_CLOSED", "INVALID_PRICE", "SYMBOL_HALTED")


def multiplier_for(asset_type: str, symbol: str) -> float:
    if asset_type in ("equity_option", "future_option"):
        return 100.0
    inst = INSTRUMENTS.get(symbol.upper())
    return inst.multiplier if inst is not None and asset_type == "future" else 1.0


def commission_for(asset_type: str, qty: float, notional: float) -> float:
    if asset_type in ("equity_option", "future_option"):
        return round(0.65 * qty, 2)
    if asset_type == "future":
        return round(1.29 * qty, 2)
    if asset_type == "crypto":
        return round(abs(notional) * 0.006, 2)
    return 0.0


def round_price(symbol: str, asset_type: str, price: float) -> float:
    inst = INSTRUMENTS.get(symbol.upper())
    if asset_type == "future" and inst is not None:
        return round(round(price / inst.tick) * inst.tick, 6)
    if inst is not None and asset_type == "crypto":
        return round(price, inst.decimals)
    return round(price, 2)


RawFill = tuple[str, str | None, float, float, float, str, float]
"""(id, leg id, price, quantity, time, venue, commission) of a fill from the bulk load"""


def _fill_as_row(order_id: str, raw: RawFill) -> Row:
    fill_id, leg_id, price, qty, at, venue, commission = raw
    stamp = iso(at)
    return Row(
        {
            "id": fill_id,
            "order_id": order_id,
            "leg_id": leg_id,
            "price": price,
            "quantity": qty,
            "executed_at": stamp,
            "execution_id": f"EX{fill_id[:8].upper()}{fill_id[9:13].upper()}",
            "trade_id": f"T{fill_id[-12:]}",
            "venue": venue,
            "commission_fee": commission,
            "created_at": stamp,
            "updated_at": stamp,
        },
        at,
    )


@dataclass
class Dataset:
    """All the rows the sandbox serves, with the indexes the endpoints need."""

    ids: IdFactory
    market: Market
    ledger: Ledger
    now: float
    brokers: list[dict[str, Any]]
    connections: list[Row]
    accounts: Table
    orders: Table
    balances: Table
    groups: Table
    fills: dict[str, list[Row]] = field(default_factory=dict)
    raw_fills: dict[str, list[RawFill]] = field(default_factory=dict)
    events: dict[str, list[Row]] = field(default_factory=dict)
    legs: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    group_of_order: dict[str, str] = field(default_factory=dict)
    group_orders: dict[str, list[str]] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)
    current_balance: dict[str, Row] = field(default_factory=dict)
    # Open orders placed (or re-timed) through the API, checked for expiry on every read: order id ->
    # the ``gtd`` expiry in epoch seconds (None when the order has none). Seeded orders are not here.
    open_orders: dict[str, float | None] = field(default_factory=dict)

    @property
    def positions(self) -> Table:
        return self.ledger.positions

    @property
    def lots(self) -> Table:
        return self.ledger.lots

    def connection(self, connection_id: str) -> Row | None:
        for c in self.connections:
            if c.id == connection_id:
                return c
        return None

    def accounts_of(self, connection_id: str) -> list[Row]:
        return [a for a in self.accounts.rows if a.conn_id == connection_id]

    def fills_for(self, order_id: str) -> list[Row]:
        """The order's fills as rows (built on first use from the compact form of the bulk load)."""
        fills = self.fills.get(order_id)
        if fills is None:
            fills = self.fills[order_id] = [
                _fill_as_row(order_id, f) for f in self.raw_fills.pop(order_id, ())
            ]
        return fills

    def events_for(self, order: Row) -> list[Row]:
        """The order's event history, built from the order on first use."""
        events = self.events.get(order.id)
        if events is None:
            events = self.events[order.id] = _build_events(self, order)
        return events


# ---------------------------------------------------------------- generation


def _today_anchor() -> float:
    return math.floor(time.time() / DAY) * DAY


def build_dataset(seed: int, n_orders: int, anchor: float | None = None) -> Dataset:
    anchor = _today_anchor() if anchor is None else anchor
    ids = IdFactory(seed)
    rng = random.Random(seed)
    market = Market(seed, anchor)
    ledger = Ledger(ids, market)
    connections, accounts = _build_connections(ids, rng, anchor)
    ds = Dataset(
        ids=ids,
        market=market,
        ledger=ledger,
        now=anchor,
        brokers=[dict(b) for b in BROKERS],
        connections=connections,
        accounts=Table(accounts),
        orders=Table(),
        balances=Table(),
        groups=Table(),
    )
    _OrderFactory(ds, rng).run(n_orders)
    ledger.finish(anchor)
    _build_balances(ds, rng)
    return ds


def _build_connections(ids: IdFactory, rng: random.Random, anchor: float) -> tuple[list[Row], list[Row]]:
    connections: list[Row] = []
    accounts: list[Row] = []
    for n, (broker, _share, read_only, layout) in enumerate(_LAYOUT):
        conn_id = ids.new()
        connected = anchor - (420 - 9 * n) * DAY + 3600 * (10 + n)
        display = next(b["display_name"] for b in BROKERS if b["id"] == broker)
        connections.append(
            Row(
                {
                    "id": conn_id,
                    "broker_id": broker,
                    "user_id": USER_ID,
                    "company_id": None,
                    "status": "active",
                    "connected_at": iso(connected),
                    "last_synced_at": iso(anchor - 60 * (3 + n)),
                    "permissions": {"read": True, "write": not read_only},
                    "metadata": {"nickname": f"{display} ({'read-only' if read_only else 'main'})"},
                    "needs_reauth": False,
                },
                connected,
                conn_id,
                broker,
            )
        )
        for k, (acct_type, number, name, currency, size, _w, status) in enumerate(layout):
            acct_id = ids.new()
            opened = connected - rng.randint(200, 2400) * DAY
            cash = round(size * (0.35 if acct_type == "margin" else 0.2), 2)
            synced = iso(anchor - 60 * (3 + n))
            accounts.append(
                Row(
                    {
                        "id": acct_id,
                        "user_broker_connection_id": conn_id,
                        "broker_provided_account_id": number,
                        "account_name": name,
                        "account_number": number,
                        "account_type": acct_type,
                        "currency": currency,
                        "cash_balance": cash,
                        "buying_power": round(cash * (2 if acct_type == "margin" else 1), 2),
                        "status": status,
                        "created_at": iso(connected + k * 5),
                        "updated_at": synced,
                        "last_synced_at": synced,
                        "positions_synced_at": synced,
                        "orders_synced_at": synced,
                        "balances_synced_at": synced,
                        "account_created_at": iso(opened),
                        "account_updated_at": iso(anchor - rng.randint(1, 30) * DAY),
                        "account_first_trade_at": iso(opened + rng.randint(1, 40) * DAY),
                    },
                    connected + k,
                    conn_id,
                    broker,
                    acct_id,
                    number,
                )
            )
    return connections, accounts


class _OrderFactory:
    def __init__(self, ds: Dataset, rng: random.Random) -> None:
        self.ds = ds
        self.rng = rng
        self.market = ds.market
        self.ledger = ds.ledger
        self.conn_by_broker = {c.broker_id: c for c in ds.connections}
        self.accounts_by_conn: dict[str, list[tuple[Row, float]]] = {}
        for a in ds.accounts.rows:
            weight = next(acc[5] for b in _LAYOUT for acc in b[3] if acc[2] == a.data["account_name"])
            bucket = self.accounts_by_conn.setdefault(a.conn_id or "", [])
            bucket.append((a, weight + (bucket[-1][1] if bucket else 0.0)))  # cumulative weights
        self.rows: list[Row] = []

    # -- timestamps ------------------------------------------------------------------------------
    def _timestamp(self, asset_type: str) -> float:
        rng = self.rng
        day = self.market.anchor - rng.randint(1, 365) * DAY
        weekday = date(1970, 1, 1).fromordinal(date(1970, 1, 1).toordinal() + int(day // DAY)).weekday()
        if asset_type == "crypto":
            return day + rng.random() * DAY
        if weekday >= 5:
            day -= (weekday - 4) * DAY
        if asset_type == "future":
            return day + rng.random() * DAY
        return day + 13.5 * 3600 + rng.random() * 6.5 * 3600

    def run(self, n_orders: int) -> None:
        rng = self.rng
        brokers = [b[0] for b in _LAYOUT]
        weights = [b[1] for b in _LAYOUT]
        picks = rng.choices(brokers, weights, k=n_orders)
        plan = sorted((self._timestamp(_ASSET_BY_BROKER[b]), b) for b in picks)
        for ts, broker in plan:
            conn = self.conn_by_broker[broker]
            u = rng.random()
            account = next(
                (a for a, cum in self.accounts_by_conn[conn.id] if u < cum),
                self.accounts_by_conn[conn.id][0][0],
            )
            asset_type = _ASSET_BY_BROKER[broker]
            if asset_type == "equity_option" and rng.random() < 0.12:
                self._multi_leg(ts, conn, account)
            else:
                self._single(ts, conn, account, asset_type)
        self.rows.reverse()  # newest first
        orders = self.ds.orders
        orders.rows = self.rows
        orders.by_id = {r.id: r for r in self.rows}
        orders.touch()
        self.ds.groups.rows.reverse()
        self.ds.groups.touch()

    # -- choices ---------------------------------------------------------------------------------
    def _status(self, ts: float, order_type: str, tif: str) -> str:
        r = self.rng.random()
        if order_type == "Market":
            return "filled" if r < 0.96 else "rejected"
        if ts > self.market.anchor - 4 * DAY and self.rng.random() < 0.5:
            return (
                "new"
                if r < 0.6
                else ("submitted" if r < 0.75 or order_type != "Limit" else "partially_filled")
            )
        if r < 0.70:
            return "filled"
        if r < 0.88:
            return "cancelled"
        if r < 0.95:
            return "expired" if tif == "day" else "cancelled"
        return "rejected"

    def _quantity(self, symbol: str, asset_type: str, price: float, broker: str) -> float:
        rng = self.rng
        if asset_type == "crypto":
            inst = INSTRUMENTS[symbol]
            notional = rng.choice((50, 100, 250, 500, 1000, 2500, 5000, 10000)) * (0.5 + rng.random())
            digits = 0 if inst.decimals >= 4 else 6 if price > 1000 else 4
            return max(round(notional / price, digits), 10.0**-digits)
        if asset_type == "future":
            return float(
                rng.choice((1, 1, 1, 2, 2, 3, 4, 5) if symbol.startswith("M") else (1, 1, 1, 2, 2, 3))
            )
        if asset_type == "equity_option":
            return float(rng.choice((1, 1, 1, 2, 2, 3, 5, 10)))
        if broker == "robinhood" and rng.random() < 0.06:
            return round(0.05 + rng.random() * 3, 4)  # fractional shares
        return float(rng.choice((1, 1, 2, 3, 5, 5, 10, 10, 10, 15, 20, 25, 50, 100)))

    def _option_contract(self, ts: float, account: Row) -> str:
        rng = self.rng
        if rng.random() < 0.45:
            held = self.ledger.open_symbols(account.id, "equity_option")
            if held:
                return rng.choice(held)
        underlying = rng.choice(OPTION_UNDERLYINGS)
        spot = self.market.underlying_price(underlying, ts)
        d = self.market.day_date(ts) + timedelta(days=rng.choice((3, 7, 14, 30, 45, 60)))
        expiry = d + timedelta(days=(4 - d.weekday()) % 7)
        step = 1.0 if spot < 200 else 5.0
        strike = max(step, round(spot / step) * step + rng.randint(-6, 6) * step)
        return format_occ(underlying, expiry, rng.choice("CP"), strike)

    # -- orders ----------------------------------------------------------------------------------
    def _single(self, ts: float, conn: Row, account: Row, asset_type: str) -> None:
        rng = self.rng
        broker = conn.broker_id or ""
        if asset_type == "equity":
            symbol = rng.choice(EQUITY_SYMBOLS)
        elif asset_type == "future":
            symbol = rng.choice(FUTURE_SYMBOLS)
        elif asset_type == "crypto":
            symbol = rng.choice(CRYPTO_SYMBOLS[:3] * 3 + CRYPTO_SYMBOLS[3:])
        else:
            symbol = self._option_contract(ts, account)
        spot = (
            self.market.price(symbol, ts)
            if asset_type == "equity_option"
            else self.market.underlying_price(symbol, ts)
        )
        mark = round_price(symbol, asset_type, spot * (1 + rng.gauss(0, 0.004)))
        r = rng.random()
        order_type = "Market" if r < 0.55 else "Limit" if r < 0.88 else "Stop" if r < 0.96 else "StopLimit"
        tif = (
            "gtc"
            if asset_type == "crypto"
            else ("day" if order_type == "Market" or rng.random() < 0.5 else "gtc")
        )
        status = self._status(ts, order_type, tif)
        qty = self._quantity(symbol, asset_type, mark, broker)
        holding = self.ledger.holding(account.id, symbol)
        if status in ("filled", "partially_filled") and holding != 0 and rng.random() < 0.5:
            side = "sell" if holding > 0 else "buy"
            qty = abs(holding) if rng.random() < 0.4 else min(qty, abs(holding))
        elif status in ("filled", "partially_filled") and holding == 0:
            shortable = asset_type in ("future", "equity_option") and rng.random() < 0.3
            side = "sell" if shortable else "buy"
        else:
            side = "buy" if rng.random() < 0.6 else "sell"
        direction = 1 if side == "buy" else -1
        price = stop = None
        if order_type in ("Limit", "StopLimit"):
            price = round_price(symbol, asset_type, mark * (1 - direction * rng.uniform(0.0, 0.02)))
        if order_type in ("Stop", "StopLimit"):
            stop = round_price(symbol, asset_type, mark * (1 + direction * rng.uniform(0.005, 0.03)))
        fill_price = price if price is not None else (stop if stop is not None else mark)
        self._emit(
            ts, conn, account, symbol, asset_type, order_type, side, qty, price, stop, tif, status, fill_price
        )

    def _emit(
        self,
        ts: float,
        conn: Row,
        account: Row,
        symbol: str,
        asset_type: str,
        order_type: str,
        side: str,
        qty: float,
        price: float | None,
        stop: float | None,
        tif: str,
        status: str,
        fill_price: float,
        legs: list[tuple[str, int, float]] | None = None,
    ) -> Row:
        rng = self.rng
        ids = self.ds.ids
        order_id = ids.new()
        created = iso(ts)
        filled_qty = 0.0
        fills: list[RawFill] = []
        end_ts = ts + (rng.uniform(0.2, 3) if order_type == "Market" else rng.uniform(30, 6 * 3600))
        end_ts = min(end_ts, max(ts + 1, self.market.anchor - 1))  # nothing happens after "now"
        if status in ("filled", "partially_filled"):
            if status == "filled":
                parts = 1 if rng.random() < 0.8 or qty < 2 else rng.randint(2, 3)
                filled_qty = qty
            else:
                parts = 1
                filled_qty = round(qty * rng.choice((0.25, 0.4, 0.5, 0.6)), 6 if qty < 1 else 0) or min(
                    qty, 1.0
                )
            fills = self._fills(
                order_id,
                conn,
                account,
                symbol,
                asset_type,
                side,
                filled_qty,
                fill_price,
                ts,
                end_ts,
                parts,
                legs,
            )
        updated_ts = end_ts if status != "new" and status != "submitted" else ts + 1
        updated = iso(updated_ts)
        order = Row(
            {
                "id": order_id,
                "user_broker_connection_id": conn.id,
                "broker_provided_account_id": account.acct_no,
                "order_id": f"{(conn.broker_id or 'or')[:2].upper()}-{rng.getrandbits(40):012d}",
                "symbol": symbol,
                "order_type": order_type,
                "side": side,
                "quantity": qty,
                "price": price,
                "stop_price": stop,
                "asset_type": asset_type,
                "time_in_force": tif,
                "status": status,
                "created_at": created,
                "updated_at": updated,
                "filled_at": updated if status == "filled" else None,
                "filled_quantity": filled_qty,
                "filled_avg_price": fill_price if filled_qty else None,
            },
            ts,
            conn.id,
            conn.broker_id,
            account.id,
            account.acct_no,
        )
        if status == "rejected":
            self.ds.reasons[order_id] = rng.choice(_REJECT_REASONS)
        if fills:
            self.ds.raw_fills[order_id] = fills
        self.rows.append(order)
        return order

    def _fills(
        self,
        order_id: str,
        conn: Row,
        account: Row,
        symbol: str,
        asset_type: str,
        side: str,
        qty: float,
        price: float,
        start: float,
        end: float,
        parts: int,
        legs: list[tuple[str, int, float]] | None,
    ) -> list[RawFill]:
        rng = self.rng
        ids = self.ds.ids
        venue = rng.choice(_VENUES.get(asset_type, ("SANDBOX",)))
        sign = 1 if side == "buy" else -1
        out: list[RawFill] = []
        if legs:  # a multi-leg order: one fill per leg, each a position in its own contract
            for n, (leg_symbol, leg_sign, leg_price) in enumerate(legs):
                fill = self._fill_row(
                    ids.new(),
                    order_id,
                    self.ds.legs[order_id][n]["id"],
                    leg_price,
                    qty,
                    end,
                    venue,
                    commission_for(asset_type, qty, 0.0),
                    rng,
                )
                out.append(fill)
                self.ledger.apply(
                    Execution(
                        account,
                        leg_symbol,
                        asset_type,
                        leg_sign * qty,
                        leg_price,
                        end,
                        fill[0],
                        fill[6],
                        100.0,
                    )
                )
            return out
        split = [qty] if parts == 1 else _split(qty, parts, rng)
        mult = multiplier_for(asset_type, symbol)
        for n, q in enumerate(split):
            at = start + (end - start) * (n + 1) / len(split)
            commission = commission_for(asset_type, q, q * price * mult)
            fill = self._fill_row(ids.new(), order_id, None, price, q, at, venue, commission, rng)
            out.append(fill)
            self.ledger.apply(
                Execution(account, symbol, asset_type, sign * q, price, at, fill[0], commission, mult)
            )
        return out

    @staticmethod
    def _fill_row(
        fill_id: str,
        order_id: str,
        leg_id: str | None,
        price: float,
        qty: float,
        at: float,
        venue: str,
        commission: float,
        rng: random.Random,
    ) -> RawFill:
        return (fill_id, leg_id, price, qty, at, venue, commission)

    def _multi_leg(self, ts: float, conn: Row, account: Row) -> None:
        rng = self.rng
        underlying = rng.choice(OPTION_UNDERLYINGS)
        spot = self.market.underlying_price(underlying, ts)
        d = self.market.day_date(ts) + timedelta(days=rng.choice((7, 14, 30, 45)))
        expiry = d + timedelta(days=(4 - d.weekday()) % 7)
        step = 1.0 if spot < 200 else 5.0
        atm = round(spot / step) * step
        right = rng.choice("CP")
        if rng.random() < 0.6:  # vertical spread
            width = rng.choice((1, 2, 3)) * step
            specs = [(right, atm, 1), (right, atm + width if right == "C" else atm - width, -1)]
        else:  # iron condor
            w = rng.choice((1, 2)) * step
            specs = [("P", atm - 2 * w, 1), ("P", atm - w, -1), ("C", atm + w, -1), ("C", atm + 2 * w, 1)]
        legs: list[tuple[str, int, float]] = []
        for r, k, s in specs:
            sym = format_occ(underlying, expiry, r, max(step, k))
            legs.append((sym, s, self.market.price(sym, ts)))
        net = round(sum(s * p for _, s, p in legs), 2)
        side = "buy" if net >= 0 else "sell"
        qty = float(rng.choice((1, 1, 2, 3, 5)))
        status = self._status(ts, "Limit", "day")
        if status == "partially_filled":
            status = "new"
        order_id_preview = self.ds.ids  # ids are taken in _emit; legs need the order id: build after
        del order_id_preview
        group_id = self.ds.ids.new()
        # Build the order first without fills, then attach legs and fills (legs carry the order id).
        order = self._emit(
            ts,
            conn,
            account,
            underlying,
            "equity_option",
            "Limit",
            side,
            qty,
            abs(net) or 0.05,
            None,
            "day",
            "new" if status == "filled" else status,
            abs(net) or 0.05,
        )
        leg_rows = []
        for n, (sym, s, _price) in enumerate(legs):
            leg_rows.append(
                {
                    "id": self.ds.ids.derived(order.id, "leg", n),
                    "order_id": order.id,
                    "leg_index": n,
                    "asset_type": "equity_option",
                    "broker_provided_symbol": sym,
                    "quantity": qty,
                    "filled_quantity": 0.0,
                    "avg_fill_price": None,
                    "created_at": order.data["created_at"],
                    "updated_at": order.data["created_at"],
                    "action": "Buy to Open" if s > 0 else "Sell to Open",
                }
            )
        self.ds.legs[order.id] = leg_rows
        if status == "filled":
            end_ts = min(ts + rng.uniform(5, 1800), max(ts + 1, self.market.anchor - 1))
            fills = self._fills(
                order.id, conn, account, underlying, "equity_option", side, qty, abs(net), ts, end_ts, 1, legs
            )
            self.ds.raw_fills[order.id] = fills
            for leg, (_, _, p) in zip(leg_rows, legs, strict=True):
                leg.update(filled_quantity=qty, avg_fill_price=p, updated_at=iso(end_ts))
            order.data.update(
                status="filled",
                filled_quantity=qty,
                filled_at=iso(end_ts),
                updated_at=iso(end_ts),
                filled_avg_price=abs(net) or 0.05,
            )
        self.ds.group_of_order[order.id] = group_id
        group = Row(
            {
                "id": group_id,
                "user_broker_connection_id": conn.id,
                "created_at": order.data["created_at"],
                "updated_at": order.data["updated_at"],
            },
            ts,
            conn.id,
            conn.broker_id,
            account.id,
            account.acct_no,
        )
        self.ds.group_orders[group_id] = [order.id]
        self.ds.groups.rows.append(group)
        self.ds.groups.by_id[group_id] = group


def _split(qty: float, parts: int, rng: random.Random) -> list[float]:
    if qty == int(qty):
        cuts = sorted({rng.randint(1, int(qty) - 1) for _ in range(parts - 1)})
        bounds = [0, *cuts, int(qty)]
        return [float(b - a) for a, b in itertools.pairwise(bounds)]
    first = round(qty * rng.uniform(0.3, 0.7), 8)
    return [first, round(qty - first, 8)]


def _build_events(ds: Dataset, order: Row) -> list[Row]:
    d = order.data
    created = order.ts
    group_id = ds.group_of_order.get(order.id)
    status = d["status"]
    steps: list[tuple[str, float, str, str | None]] = [("submitted", created, "submitted", None)]
    if d["order_type"] != "Market" or status not in ("filled", "rejected"):
        steps.append(("accepted", created + 0.5, "new", None))
    fills = ds.fills_for(order.id)
    seen = 0.0
    for f in fills:
        if f.data["leg_id"] is not None and f is not fills[-1]:
            continue
        seen += f.data["quantity"] if f.data["leg_id"] is None else d["filled_quantity"]
        done = seen >= d["quantity"] - 1e-9
        steps.append(
            ("filled" if done else "partially_filled", f.ts, "filled" if done else "partially_filled", None)
        )
    if status in ("cancelled", "expired", "rejected"):
        from .records import parse_iso

        steps.append((status, parse_iso(d["updated_at"]), status, ds.reasons.get(order.id)))
    events = []
    for n, (event_type, at, order_status, reason) in enumerate(steps):
        events.append(
            Row(
                {
                    "id": ds.ids.derived(order.id, "event", n),
                    "order_id": order.id,
                    "order_group_id": group_id,
                    "event_type": event_type,
                    "event_time": iso(at),
                    "event_id": f"EV-{order.id[:8]}-{n}",
                    "order_status": order_status,
                    "inferred": False,
                    "confidence": 1.0,
                    "reason_code": reason,
                    "recorded_at": iso(at + 1),
                },
                at,
            )
        )
    return events


def _build_balances(ds: Dataset, rng: random.Random) -> None:
    rows: list[Row] = []
    for account in ds.accounts.rows:
        size = next(acc[4] for b in _LAYOUT for acc in b[3] if acc[2] == account.data["account_name"])
        margin = account.data["account_type"] == "margin"
        nlv = size * 0.8
        realized = 0.0
        history: list[Row] = []
        for day in range(365, 0, -1):
            at = ds.now - day * DAY + 21 * 3600
            nlv = max(100.0, nlv * math.exp(rng.gauss(0.0004, 0.012)))
            realized += rng.gauss(3, 40)
            history.append(_balance_row(ds, account, at, nlv, realized, margin, True))
        cash = account.data["cash_balance"]
        current = _balance_row(ds, account, ds.now, max(nlv, cash), realized, margin, False, cash=cash)
        ds.current_balance[account.id] = current
        rows.extend(history)
        rows.append(current)
    rows.sort(key=lambda r: r.ts, reverse=True)
    ds.balances.rows = rows
    ds.balances.by_id = {r.id: r for r in rows}
    ds.balances.touch()


def _balance_row(
    ds: Dataset,
    account: Row,
    at: float,
    nlv: float,
    realized: float,
    margin: bool,
    snapshot: bool,
    cash: float | None = None,
) -> Row:
    cash_value = round(cash if cash is not None else nlv * 0.35, 2)
    stamp = iso(at)
    return Row(
        {
            "id": ds.ids.new(),
            "account_id": account.id,
            "total_cash_value": cash_value,
            "net_liquidation_value": round(nlv, 2),
            "initial_margin": round(nlv * 0.25, 2) if margin else 0.0,
            "maintenance_margin": round(nlv * 0.2, 2) if margin else 0.0,
            "available_to_withdraw": round(max(cash_value, 0.0), 2),
            "total_realized_pnl": round(realized, 2),
            "balance_created_at": stamp,
            "balance_updated_at": stamp,
            "is_end_of_day_snapshot": snapshot,
            "raw_payload": None,
            "created_at": stamp,
            "updated_at": stamp,
        },
        at,
        account.conn_id,
        account.broker_id,
        account.id,
        account.acct_no,
    )


def option_contract_ok(symbol: str) -> bool:
    return parse_occ(symbol) is not None

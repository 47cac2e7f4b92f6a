"""Positions and tax lots: every execution goes through one FIFO book per account and symbol."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from .ids import IdFactory
from .market import Market
from .records import Row, iso
from .tables import Table

__all__ = ["Execution", "Ledger"]

_EPS = 1e-9


def _q(x: float) -> float:
    """Quantities keep eight decimals: 0.1 BTC stays 0.1 after any number of fills."""
    r = round(x, 8)
    return 0.0 if abs(r) < _EPS else r


@dataclass(slots=True)
class Execution:
    """One fill as the book sees it: signed quantity (+ buys, - sells)."""

    account: Row
    symbol: str
    asset_type: str
    signed_qty: float
    price: float
    ts: float
    fill_id: str
    commission: float
    multiplier: float


@dataclass(slots=True)
class _Lot:
    row: Row
    sign: int
    open_qty: float
    open_price: float
    multiplier: float
    commission: float
    remaining: float = 0.0
    closed_qty: float = 0.0
    close_value: float = 0.0
    realized: float = 0.0
    closed_ts: float | None = None
    fills: list[tuple[str, float, float, float, float, str]] = field(default_factory=list)
    """(order fill id, price, quantity, time, commission share, "open" | "close") per fill of the lot"""


@dataclass(slots=True)
class _Book:
    row: Row
    multiplier: float
    qty: float = 0.0
    lots: deque[_Lot] = field(default_factory=deque)


class Ledger:
    """Keeps position and lot rows consistent with the executions applied to it."""

    def __init__(self, ids: IdFactory, market: Market) -> None:
        self._ids = ids
        self._market = market
        self._books: dict[tuple[str, str], _Book] = {}
        self._lots_by_id: dict[str, _Lot] = {}
        self._dirty_books: set[tuple[str, str]] = set()
        self._dirty_lots: dict[int, _Lot] = {}
        self._lot_fill_rows: dict[str, list[Row]] = {}
        self.positions = Table()
        self.lots = Table()
        self._live = False
        self._open: dict[tuple[str, str], list[str]] = {}
        self._open_index: dict[tuple[str, str], int] = {}

    def holding(self, account_id: str, symbol: str) -> float:
        book = self._books.get((account_id, symbol))
        return book.qty if book is not None else 0.0

    def open_symbols(self, account_id: str, asset_type: str) -> list[str]:
        """Option contracts with an open position in the account (a live list: do not modify)."""
        return self._open.get((account_id, asset_type), [])

    def _track_open(self, account_id: str, asset_type: str, symbol: str, is_open: bool) -> None:
        key = (account_id, symbol)
        where = self._open_index.get(key)
        if is_open and where is None:
            bucket = self._open.setdefault((account_id, asset_type), [])
            self._open_index[key] = len(bucket)
            bucket.append(symbol)
        elif not is_open and where is not None:
            bucket = self._open[(account_id, asset_type)]
            last = bucket.pop()
            if where < len(bucket):
                bucket[where] = last
                self._open_index[(account_id, last)] = where
            del self._open_index[key]

    def apply(self, ex: Execution) -> None:
        account = ex.account
        key = (account.id, ex.symbol)
        book = self._books.get(key)
        if book is None:
            row = Row(
                {
                    "id": self._ids.new(),
                    "user_broker_connection_id": account.conn_id,
                    "broker_provided_account_id": account.acct_no,
                    "symbol": ex.symbol,
                    "asset_type": ex.asset_type,
                    "created_at": iso(ex.ts),
                },
                ex.ts,
                account.conn_id,
                account.broker_id,
                account.id,
                account.acct_no,
            )
            book = self._books[key] = _Book(row, ex.multiplier)
            self._add(self.positions, row)
        remaining = ex.signed_qty
        sign = 1 if remaining > 0 else -1
        while book.lots and book.qty * remaining < 0 and abs(remaining) > _EPS:
            lot = book.lots[0]
            take = min(abs(remaining), lot.remaining)
            lot.remaining = _q(lot.remaining - take)
            lot.closed_qty = _q(lot.closed_qty + take)
            lot.close_value += take * ex.price
            lot.realized += (ex.price - lot.open_price) * take * lot.multiplier * lot.sign
            lot.fills.append(self._lot_fill(ex, take, "close"))
            if lot.remaining <= _EPS:
                lot.closed_ts = ex.ts
                book.lots.popleft()
            book.qty = _q(book.qty + sign * take)
            remaining = _q(remaining - sign * take)
            self._dirty_lots[id(lot)] = lot
        if abs(remaining) > _EPS:
            lot_row = Row(
                {
                    "id": self._ids.new(),
                    "position_id": book.row.id,
                    "instrument_key": f"{ex.asset_type}:{ex.symbol}",
                    "asset_type": ex.asset_type,
                    "symbol": ex.symbol,
                },
                ex.ts,
                account.conn_id,
                account.broker_id,
                account.id,
                account.acct_no,
            )
            lot = _Lot(
                lot_row,
                sign,
                abs(remaining),
                ex.price,
                ex.multiplier,
                ex.commission,
                remaining=abs(remaining),
            )
            lot.fills.append(self._lot_fill(ex, abs(remaining), "open"))
            book.lots.append(lot)
            book.qty = _q(book.qty + remaining)
            self._lots_by_id[lot_row.id] = lot
            self._add(self.lots, lot_row)
            self._dirty_lots[id(lot)] = lot
        book.row.ts = ex.ts
        self._dirty_books.add(key)
        if ex.asset_type == "equity_option":  # only options pick contracts from open positions
            self._track_open(account.id, ex.asset_type, ex.symbol, book.qty != 0)

    def _add(self, table: Table, row: Row) -> None:
        if self._live:
            table.rows.insert(0, row)  # newest first once the bulk load is done
        else:
            table.rows.append(row)
        table.by_id[row.id] = row

    @staticmethod
    def _lot_fill(ex: Execution, qty: float, action: str) -> tuple[str, float, float, float, float, str]:
        share = round(ex.commission * qty / abs(ex.signed_qty), 4) if ex.signed_qty else 0.0
        return (ex.fill_id, ex.price, _q(qty), ex.ts, share, action)

    def lot_fills(self, lot_id: str) -> list[Row] | None:
        """The fills of a lot (opening and closing), oldest first; ``None`` for an unknown lot."""
        lot = self._lots_by_id.get(lot_id)
        if lot is None:
            return None
        rows = self._lot_fill_rows.get(lot_id)
        if rows is None or len(rows) != len(lot.fills):
            rows = []
            for n, (fill_id, price, qty, ts, share, action) in enumerate(lot.fills):
                stamp = iso(ts)
                rows.append(
                    Row(
                        {
                            "id": self._ids.derived(lot_id, "lot-fill", n),
                            "lot_id": lot_id,
                            "order_fill_id": fill_id,
                            "fill_price": price,
                            "fill_quantity": qty,
                            "executed_at": stamp,
                            "commission_share": share,
                            "created_at": stamp,
                            "updated_at": stamp,
                            "action": action,
                        },
                        ts,
                    )
                )
            self._lot_fill_rows[lot_id] = rows
        return rows

    def flush(self, now: float) -> None:
        """Write the current state of every changed position and lot into its row."""
        for lot in self._dirty_lots.values():
            self._write_lot(lot)
        self._dirty_lots.clear()
        for key in self._dirty_books:
            self._write_position(self._books[key], now)
        self._dirty_books.clear()
        self.positions.touch()
        self.lots.touch()

    def _write_lot(self, lot: _Lot) -> None:
        row = lot.row
        d = row.data
        opened = iso(lot.fills[0][3])
        remaining = lot.remaining
        cost = round(remaining * lot.open_price * lot.multiplier, 2)
        commission = round(lot.commission * (lot.open_qty and remaining / lot.open_qty), 4)
        d.update(
            {
                "user_broker_connection_id": row.conn_id,
                "broker_provided_account_id": row.acct_no,
                "side": "long" if lot.sign > 0 else "short",
                "open_quantity": _q(lot.open_qty),
                "closed_quantity": lot.closed_qty,
                "remaining_quantity": remaining,
                "open_price": lot.open_price,
                "close_price_avg": round(lot.close_value / lot.closed_qty, 6) if lot.closed_qty else None,
                "cost_basis": cost,
                "cost_basis_w_commission": round(cost + commission, 4),
                "realized_pl": round(lot.realized, 2),
                "realized_pl_w_commission": round(
                    lot.realized - lot.commission * (lot.closed_qty / lot.open_qty), 2
                ),
                "lot_opened_at": opened,
                "lot_closed_at": iso(lot.closed_ts) if lot.closed_ts is not None else None,
                "position_group_id": None,
                "created_at": opened,
                "updated_at": opened if len(lot.fills) == 1 else iso(lot.fills[-1][3]),
            }
        )
        row.changed()

    def _write_position(self, book: _Book, now: float) -> None:
        row = book.row
        d = row.data
        symbol: str = d["symbol"]
        qty = abs(book.qty)
        open_qty = sum(lot.remaining for lot in book.lots)
        avg = sum(lot.remaining * lot.open_price for lot in book.lots) / open_qty if open_qty else None
        current = self._market.current(symbol)
        sign = 1 if book.qty >= 0 else -1
        mult = book.multiplier
        cost = round(qty * (avg or 0.0) * mult, 2)
        unrealized = round((current - (avg or current)) * qty * mult * sign, 2)
        d.update(
            {
                "side": "long" if sign > 0 else "short",
                "status": "active" if qty > 0 else "closed",
                "quantity": _q(qty),
                "average_price": round(avg, 6) if avg is not None else None,
                "market_value": round(current * qty * mult * sign, 2),
                "cost_basis": cost,
                "unrealized_gain_loss": unrealized,
                "unrealized_gain_loss_percent": round(unrealized / cost * 100, 4) if cost else 0.0,
                "current_price": current,
                "last_price": current,
                "last_price_updated_at": iso(now),
                "updated_at": iso(row.ts),
            }
        )
        row.changed()

    def finish(self, now: float) -> None:
        """After the bulk load: write every row, newest first."""
        self.flush(now)
        self.positions.rows.sort(key=lambda r: r.ts, reverse=True)
        self.lots.rows.reverse()
        self.positions.touch()
        self.lots.touch()
        self._live = True

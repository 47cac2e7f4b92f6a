"""Tables of rows in listing order, with filtered views cached until the table changes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .records import Row

__all__ = ["Filter", "Table"]

_CACHE_LIMIT = 256


@dataclass(frozen=True, slots=True)
class Filter:
    """What a list request asks for. ``equals`` pairs a key with a value: a key is ``broker_id``,
    ``conn_id``, ``account`` (an account's id or its broker-provided id) or a field of the object."""

    equals: tuple[tuple[str, object], ...] = ()
    ts_min: float | None = None
    ts_max: float | None = None
    hidden_connections: frozenset[str] = frozenset()

    @property
    def is_empty(self) -> bool:
        return not self.equals and self.ts_min is None and self.ts_max is None and not self.hidden_connections


class Table:
    """Rows kept in the order the API lists them (newest first where that matters)."""

    def __init__(self, rows: Iterable[Row] = ()) -> None:
        self.rows: list[Row] = list(rows)
        self.by_id: dict[str, Row] = {r.id: r for r in self.rows}
        self.version = 0
        self._cache: dict[Filter, tuple[int, list[Row]]] = {}

    def __len__(self) -> int:
        return len(self.rows)

    def get(self, row_id: str) -> Row | None:
        return self.by_id.get(row_id)

    def add_first(self, row: Row) -> None:
        self.rows.insert(0, row)
        self.by_id[row.id] = row
        self.touch()

    def touch(self) -> None:
        """Call after a change that can move a row in or out of a filtered view."""
        self.version += 1

    def select(self, flt: Filter) -> list[Row]:
        if flt.is_empty:
            return self.rows
        hit = self._cache.get(flt)
        if hit is not None and hit[0] == self.version:
            return hit[1]
        rows = _apply(self.rows, flt)
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[flt] = (self.version, rows)
        return rows


def _apply(rows: list[Row], flt: Filter) -> list[Row]:
    out = rows
    if flt.hidden_connections:
        hidden = flt.hidden_connections
        out = [r for r in out if r.conn_id not in hidden]
    for key, value in flt.equals:
        if key == "broker_id":
            out = [r for r in out if r.broker_id == value]
        elif key == "conn_id":
            out = [r for r in out if r.conn_id == value]
        elif key == "account":
            out = [r for r in out if r.acct_no == value or r.acct_id == value]
        else:
            out = [r for r in out if r.data.get(key) == value]
    if flt.ts_min is not None:
        lo = flt.ts_min
        out = [r for r in out if r.ts >= lo]
    if flt.ts_max is not None:
        hi = flt.ts_max
        out = [r for r in out if r.ts <= hi]
    return out if out is not rows else list(rows)

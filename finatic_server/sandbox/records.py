"""The row type every served object lives in, and the timestamp format of the wire."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

__all__ = ["Row", "dumps", "iso", "iso_ms", "parse_iso"]

_DAY_PREFIX: dict[int, str] = {}
_encoder = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def dumps(value: Any) -> bytes:
    """Compact JSON as UTF-8 bytes."""
    return _encoder.encode(value).encode()


def iso(ts: float) -> str:
    """Epoch seconds -> ``2024-03-15T14:30:05Z`` (UTC, second precision)."""
    day, sec = divmod(int(ts), 86400)
    prefix = _DAY_PREFIX.get(day)
    if prefix is None:
        prefix = datetime.fromtimestamp(day * 86400, UTC).strftime("%Y-%m-%d")
        _DAY_PREFIX[day] = prefix
    h, rem = divmod(sec, 3600)
    m, s = divmod(rem, 60)
    return f"{prefix}T{h:02d}:{m:02d}:{s:02d}Z"


def iso_ms(ts: float) -> str:
    """Like ``iso`` with milliseconds (token expiry times): ``2024-03-15T14:30:05.250Z``."""
    return f"{iso(ts)[:-1]}.{int(ts % 1 * 1000):03d}Z"


def parse_iso(value: str) -> float:
    """An ISO-8601 date or date-time (``Z`` or an offset; naive means UTC) -> epoch seconds.

    Raises ``ValueError`` when the text is not a date.
    """
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    parsed = datetime.fromisoformat(text)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.timestamp()


class Row:
    """One API object: its wire fields (``data``), what listings sort and filter by, and cached JSON.

    ``conn_id``, ``broker_id``, ``acct_id`` and ``acct_no`` say which connection and account the
    object belongs to, so every list endpoint filters the same way. Call ``changed()`` after editing
    ``data`` so the cached JSON is rebuilt.
    """

    __slots__ = ("_json", "acct_id", "acct_no", "broker_id", "conn_id", "data", "id", "ts")

    def __init__(
        self,
        data: dict[str, Any],
        ts: float,
        conn_id: str | None = None,
        broker_id: str | None = None,
        acct_id: str | None = None,
        acct_no: str | None = None,
    ) -> None:
        self.data = data
        self.id: str = data["id"]
        self.ts = ts
        self.conn_id = conn_id
        self.broker_id = broker_id
        self.acct_id = acct_id
        self.acct_no = acct_no
        self._json: bytes | None = None

    def json(self) -> bytes:
        cached = self._json
        if cached is None:
            cached = self._json = dumps(self.data)
        return cached

    def changed(self) -> None:
        self._json = None

    def __repr__(self) -> str:
        return f"Row({self.data!r})"

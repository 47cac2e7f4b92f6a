"""Prices: a seeded daily random walk per instrument over the data year, and a simple option model."""

from __future__ import annotations

import hashlib
import math
import random
import re
from dataclasses import dataclass
from datetime import date, timedelta

from .catalog import INSTRUMENTS, Instrument

__all__ = ["DAY", "Market", "OccContract", "format_occ", "parse_occ"]

DAY = 86400.0
_OCC = re.compile(r"^([A-Z]{1,6})\s*(\d{2})(\d{2})(\d{2})([CP])(\d{8})$")
_OPTION_VOL = 0.32


@dataclass(frozen=True, slots=True)
class OccContract:
    underlying: str
    expiry: date
    right: str  # "C" or "P"
    strike: float

    @property
    def symbol(self) -> str:
        return format_occ(self.underlying, self.expiry, self.right, self.strike)


def format_occ(underlying: str, expiry: date, right: str, strike: float) -> str:
    """``AAPL240315C00150000``: root, yymmdd, C/P, strike x 1000 on eight digits."""
    return f"{underlying}{expiry:%y%m%d}{right}{round(strike * 1000):08d}"


def parse_occ(symbol: str) -> OccContract | None:
    m = _OCC.match(symbol.upper())
    if m is None:
        return None
    root, yy, mm, dd, right, strike = m.groups()
    try:
        expiry = date(2000 + int(yy), int(mm), int(dd))
    except ValueError:
        return None
    return OccContract(root, expiry, right, int(strike) / 1000.0)


class Market:
    """Daily closing prices for ``days`` days up to ``anchor`` (epoch seconds of today 00:00 UTC)."""

    def __init__(self, seed: int, anchor: float, days: int = 366) -> None:
        self.anchor = anchor
        self.days = days
        self.start = anchor - (days - 1) * DAY
        self._paths: dict[str, list[float]] = {}
        rng = random.Random(seed * 7919 + 17)
        for symbol, inst in INSTRUMENTS.items():
            path = [0.0] * days
            p = inst.price
            for d in range(days - 1, -1, -1):  # walk back from today's price
                path[d] = p
                p = max(p * math.exp(rng.gauss(0.0, inst.daily_vol) - 0.0002), inst.tick)
            self._paths[symbol] = path

    def day_index(self, ts: float) -> int:
        return min(self.days - 1, max(0, int((ts - self.start) // DAY)))

    def day_date(self, ts: float) -> date:
        return date(1970, 1, 1) + timedelta(days=int(ts // DAY))

    def instrument(self, symbol: str) -> Instrument | None:
        return INSTRUMENTS.get(symbol.upper())

    def underlying_price(self, symbol: str, ts: float) -> float:
        path = self._paths.get(symbol.upper())
        if path is not None:
            return path[self.day_index(ts)]
        # An unknown symbol still gets a stable, plausible price.
        h = int.from_bytes(hashlib.blake2b(symbol.upper().encode(), digest_size=4).digest(), "big")
        return round(10.0 + (h % 49000) / 100.0, 2)

    def option_price(self, contract: OccContract, ts: float) -> float:
        s = self.underlying_price(contract.underlying, ts)
        k = contract.strike
        days_left = (contract.expiry - self.day_date(ts)).days
        intrinsic = max(0.0, s - k) if contract.right == "C" else max(0.0, k - s)
        if days_left <= 0:
            return round(max(intrinsic, 0.01), 2)
        spread = _OPTION_VOL * s * math.sqrt(days_left / 365.0)
        time_value = 0.4 * spread * math.exp(-abs(s - k) / (spread + 1e-9))
        return round(max(0.01, intrinsic + time_value), 2)

    def price(self, symbol: str, ts: float) -> float:
        """The instrument's price at ``ts`` (an option's premium for an OCC symbol)."""
        contract = parse_occ(symbol)
        if contract is not None:
            return self.option_price(contract, ts)
        return self.underlying_price(symbol, ts)

    def current(self, symbol: str) -> float:
        return self.price(symbol, self.anchor + DAY - 1)

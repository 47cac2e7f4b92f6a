"""OCC option symbols: ``AAPL240315C00150000`` = AAPL, 2024-03-15, call, strike 150.000."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from ..utils.errors import ValidationError

# Root (1-6 chars, OCC pads it to 6 with spaces), yymmdd, C/P, strike x 1000 as 8 digits.
_OCC = re.compile(r"^(?P<root>[A-Z0-9.]{1,6}) *(?P<date>\d{6})(?P<right>[CP])(?P<strike>\d{8})$")


@dataclass(frozen=True, slots=True)
class OptionContract:
    underlying: str
    expiry: date
    option_type: Literal["call", "put"]
    strike: Decimal

    @property
    def symbol(self) -> str:
        strike_thousandths = int(self.strike * 1000)
        right = "C" if self.option_type == "call" else "P"
        return f"{self.underlying}{self.expiry:%y%m%d}{right}{strike_thousandths:08d}"


def parse_occ(symbol: Any, param: str = "symbol") -> OptionContract:
    if not isinstance(symbol, str):
        raise ValidationError(f"{param} must be an OCC option symbol string", param=param)
    match = _OCC.match(symbol.strip().upper())
    if match is None:
        raise ValidationError(
            f"{param} {symbol!r} is not an OCC option symbol (e.g. AAPL240315C00150000: root, yymmdd, "
            "C or P, strike x 1000 in 8 digits)",
            param=param,
        )
    raw = match["date"]
    try:
        expiry = date(2000 + int(raw[:2]), int(raw[2:4]), int(raw[4:]))
    except ValueError:
        raise ValidationError(f"{param} {symbol!r} has an invalid expiry date {raw}", param=param) from None
    return OptionContract(
        underlying=match["root"],
        expiry=expiry,
        option_type="call" if match["right"] == "C" else "put",
        strike=Decimal(match["strike"]) / 1000,
    )


def build_occ(underlying: Any, expiry: Any, option_type: Any, strike: Any) -> OptionContract:
    if not isinstance(underlying, str) or not re.fullmatch(r"[A-Za-z0-9.]{1,6}", underlying.strip()):
        raise ValidationError("underlying must be a ticker of 1 to 6 characters", param="underlying")
    if not isinstance(expiry, date):
        try:
            expiry = date.fromisoformat(str(expiry))
        except ValueError:
            raise ValidationError(
                f"expiry must be a date or 'YYYY-MM-DD', got {expiry!r}", param="expiry"
            ) from None
    kind = str(option_type).strip().lower()
    if kind not in ("call", "put", "c", "p"):
        raise ValidationError(
            f"option_type must be 'call' or 'put', got {option_type!r}", param="option_type"
        )
    try:
        strike_value = Decimal(str(strike))
    except InvalidOperation:
        raise ValidationError(f"strike must be a number, got {strike!r}", param="strike") from None
    if not strike_value.is_finite() or strike_value <= 0 or (strike_value * 1000) % 1 != 0:
        raise ValidationError(
            f"strike must be positive with at most 3 decimals, got {strike!r}", param="strike"
        )
    if strike_value * 1000 >= 10**8:
        raise ValidationError(f"strike {strike!r} is too large for an OCC symbol", param="strike")
    return OptionContract(
        underlying=underlying.strip().upper(),
        expiry=expiry,
        option_type="call" if kind in ("call", "c") else "put",
        strike=strike_value,
    )

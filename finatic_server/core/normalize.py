"""Friendly spellings of brokers, sides, order types, asset types and times in force -> wire values."""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation
from typing import Any

from ..utils.errors import ValidationError

BROKER_IDS = ("alpaca", "robinhood", "tasty_trade", "ninja_trader", "interactive_brokers", "coinbase")
BROKER_ALIASES = {
    "tradovate": "ninja_trader",
    "ninjatrader": "ninja_trader",
    "tastytrade": "tasty_trade",
    "tastyworks": "tasty_trade",
    "ibkr": "interactive_brokers",
    "interactivebrokers": "interactive_brokers",
}

ORDER_TYPES = {
    "market": "Market",
    "limit": "Limit",
    "stop": "Stop",
    "stoplimit": "StopLimit",
    "trailingstop": "TrailingStop",
}
ASSET_TYPES = {
    "equity": "equity",
    "stock": "equity",
    "equity_option": "equity_option",
    "option": "equity_option",
    "options": "equity_option",
    "crypto": "crypto",
    "forex": "forex",
    "future": "future",
    "futures": "future",
    "future_option": "future_option",
}
ACTIONS = {
    "buy": "Buy",
    "sell": "Sell",
    "buy_to_open": "Buy to Open",
    "sell_to_open": "Sell to Open",
    "buy_to_close": "Buy to Close",
    "sell_to_close": "Sell to Close",
}
TIMES_IN_FORCE = ("day", "gtc", "gtd", "ioc", "fok")


def _key(value: str) -> str:
    return value.strip().lower().replace("-", "_").replace(" ", "_")


def broker_id(value: Any, param: str = "broker") -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(f"{param} must be a broker id such as 'robinhood'", param=param)
    key = _key(value)
    key = BROKER_ALIASES.get(key.replace("_", ""), BROKER_ALIASES.get(key, key))
    if key not in BROKER_IDS:
        raise ValidationError(
            f"{param} {value!r} is not a known broker; use one of {', '.join(BROKER_IDS)}", param=param
        )
    return key


def _choice(value: Any, table: dict[str, str], param: str, squash: bool = False) -> str:
    if isinstance(value, str):
        key = _key(value)
        if squash:
            key = key.replace("_", "")
        if key in table:
            return table[key]
    allowed = ", ".join(dict.fromkeys(table.values()))
    raise ValidationError(f"{param} {value!r} is not valid; use one of {allowed}", param=param)


def order_type(value: Any, param: str = "order_type") -> str:
    return _choice(value, ORDER_TYPES, param, squash=True)


def asset_type(value: Any, param: str = "asset_type") -> str:
    return _choice(value, ASSET_TYPES, param)


def action(value: Any, param: str = "side") -> str:
    return _choice(value, ACTIONS, param)


def time_in_force(value: Any, param: str = "time_in_force") -> str:
    if isinstance(value, str) and value.strip().lower() in TIMES_IN_FORCE:
        return value.strip().lower()
    raise ValidationError(
        f"{param} {value!r} is not valid; use one of {', '.join(TIMES_IN_FORCE)}", param=param
    )


def positive_number(value: Any, param: str) -> int | float:
    """A finite number > 0, kept exact: 0.1 stays 0.1 and a Decimal or string must survive as a float."""
    if isinstance(value, bool):
        raise ValidationError(f"{param} must be a number, got a bool", param=param)
    if isinstance(value, str | Decimal):
        try:
            exact = Decimal(value.strip() if isinstance(value, str) else value)
        except InvalidOperation:
            raise ValidationError(f"{param} must be a number, got {value!r}", param=param) from None
        if not exact.is_finite():
            raise ValidationError(f"{param} must be finite, got {value!r}", param=param)
        as_float = float(exact)
        if Decimal(repr(as_float)) != exact:
            raise ValidationError(
                f"{param} {value!r} has more digits than the API can carry exactly", param=param
            )
        value = int(as_float) if exact == exact.to_integral_value() else as_float
    if not isinstance(value, int | float):
        raise ValidationError(f"{param} must be a number, got {type(value).__name__}", param=param)
    if isinstance(value, float) and not math.isfinite(value):
        raise ValidationError(f"{param} must be finite, got {value!r}", param=param)
    if value <= 0:
        raise ValidationError(f"{param} must be greater than 0, got {value!r}", param=param)
    return value

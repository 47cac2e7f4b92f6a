"""Static reference data: the broker catalogue, the instruments the sandbox trades and their base prices."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

__all__ = [
    "BROKERS",
    "BROKER_ALIASES",
    "INSTRUMENTS",
    "OPTION_UNDERLYINGS",
    "Instrument",
    "broker_info",
    "canonical_broker_id",
]

BROKER_ALIASES: Final = {"tradovate": "ninja_trader"}


def canonical_broker_id(broker_id: str) -> str:
    """``tradovate`` and ``ninja_trader`` are one broker; every other id is itself."""
    key = broker_id.strip().lower()
    return BROKER_ALIASES.get(key, key)


_BROKER_ROWS: Final[tuple[tuple[str, str, str, str, tuple[str, ...], str], ...]] = (
    (
        "alpaca",
        "Alpaca",
        "Commission-free API-first stock and crypto trading.",
        "https://alpaca.markets",
        ("equity", "crypto", "fractional_shares", "paper_trading"),
        "api_key",
    ),
    (
        "robinhood",
        "Robinhood",
        "Commission-free investing in stocks, ETFs and options.",
        "https://robinhood.com",
        ("equity", "equity_option", "crypto", "fractional_shares", "extended_hours"),
        "credentials",
    ),
    (
        "tasty_trade",
        "tastytrade",
        "Options, futures and equities for active traders.",
        "https://tastytrade.com",
        ("equity", "equity_option", "future", "future_option", "multi_leg"),
        "oauth",
    ),
    (
        "ninja_trader",
        "NinjaTrader",
        "Futures trading platform (formerly Tradovate).",
        "https://ninjatrader.com",
        ("future", "future_option"),
        "oauth",
    ),
    (
        "interactive_brokers",
        "Interactive Brokers",
        "Global multi-asset brokerage.",
        "https://www.interactivebrokers.com",
        ("equity", "equity_option", "future", "forex", "bond"),
        "oauth",
    ),
    (
        "coinbase",
        "Coinbase",
        "Buy, sell and hold cryptocurrencies.",
        "https://www.coinbase.com",
        ("crypto",),
        "oauth",
    ),
)


def broker_info(
    broker_id: str, name: str, description: str, website: str, features: tuple[str, ...], auth_type: str
) -> dict[str, Any]:
    return {
        "id": broker_id,
        "name": broker_id,
        "display_name": name,
        "description": description,
        "website": website,
        "features": list(features),
        "auth_type": auth_type,
        "logo_path": f"/logos/{broker_id}.svg",
        "is_active": True,
        "supports_trading": True,
    }


BROKERS: Final[tuple[dict[str, Any], ...]] = tuple(broker_info(*row) for row in _BROKER_ROWS)


@dataclass(frozen=True, slots=True)
class Instrument:
    """A tradable symbol: its asset class, today's price, daily volatility, price tick and multiplier."""

    symbol: str
    asset_type: str
    price: float
    daily_vol: float
    tick: float
    multiplier: float
    decimals: int


def _equity(symbol: str, price: float, vol: float = 0.018) -> Instrument:
    return Instrument(symbol, "equity", price, vol, 0.01, 1.0, 2)


def _future(symbol: str, price: float, tick: float, multiplier: float) -> Instrument:
    decimals = max(0, len(f"{tick:.10f}".rstrip("0").split(".")[1])) if tick < 1 else 0
    return Instrument(symbol, "future", price, 0.011, tick, multiplier, decimals)


def _crypto(symbol: str, price: float, decimals: int = 2) -> Instrument:
    return Instrument(symbol, "crypto", price, 0.032, 10.0**-decimals, 1.0, decimals)


INSTRUMENTS: Final[dict[str, Instrument]] = {
    i.symbol: i
    for i in (
        _equity("AAPL", 228.50),
        _equity("MSFT", 421.30),
        _equity("NVDA", 131.20, 0.03),
        _equity("TSLA", 248.90, 0.035),
        _equity("AMZN", 196.40),
        _equity("GOOGL", 171.60),
        _equity("META", 574.80, 0.022),
        _equity("SPY", 571.20, 0.009),
        _equity("QQQ", 489.70, 0.011),
        _equity("AMD", 152.30, 0.03),
        _equity("NFLX", 702.10, 0.022),
        _equity("JPM", 214.60, 0.013),
        _equity("V", 287.40, 0.011),
        _equity("COST", 893.20, 0.012),
        _equity("DIS", 96.10, 0.016),
        _equity("KO", 69.80, 0.008),
        _equity("INTC", 22.90, 0.03),
        _equity("PLTR", 41.50, 0.04),
        _future("ES", 5725.00, 0.25, 50.0),
        _future("NQ", 20080.00, 0.25, 20.0),
        _future("YM", 42310.00, 1.0, 5.0),
        _future("RTY", 2215.00, 0.1, 50.0),
        _future("MES", 5725.00, 0.25, 5.0),
        _future("MNQ", 20080.00, 0.25, 2.0),
        _future("CL", 71.40, 0.01, 1000.0),
        _future("GC", 2665.00, 0.1, 100.0),
        _future("SI", 31.60, 0.005, 5000.0),
        _future("ZN", 113.50, 0.015625, 1000.0),
        _crypto("BTC-USD", 63420.00),
        _crypto("ETH-USD", 2615.00),
        _crypto("SOL-USD", 151.20),
        _crypto("LTC-USD", 66.40),
        _crypto("AVAX-USD", 27.30),
        _crypto("DOGE-USD", 0.1124, 4),
    )
}

OPTION_UNDERLYINGS: Final = ("AAPL", "SPY", "QQQ", "TSLA", "NVDA", "MSFT", "AMD", "META")
EQUITY_SYMBOLS: Final = tuple(s for s, i in INSTRUMENTS.items() if i.asset_type == "equity")
FUTURE_SYMBOLS: Final = tuple(s for s, i in INSTRUMENTS.items() if i.asset_type == "future")
CRYPTO_SYMBOLS: Final = tuple(s for s, i in INSTRUMENTS.items() if i.asset_type == "crypto")

"""Query parameters: strict parsing of ``limit``/``offset``, enums, booleans and dates."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from .catalog import canonical_broker_id
from .errors import ApiError, Code
from .records import parse_iso

__all__ = [
    "ACCOUNT_STATUSES",
    "ACCOUNT_TYPES",
    "ASSET_TYPES",
    "ORDER_SIDES",
    "ORDER_STATUSES",
    "POSITION_SIDES",
    "POSITION_STATUSES",
    "boolean",
    "broker",
    "date",
    "enum",
    "page",
    "text",
]

MAX_LIMIT = 1000
DEFAULT_LIMIT = 100
ORDER_STATUSES = frozenset(
    {
        "submitted",
        "new",
        "partially_filled",
        "filled",
        "pending_cancel",
        "cancelled",
        "rejected",
        "expired",
        "created",
        "received",
    }
)
ORDER_SIDES = frozenset({"buy", "sell"})
ASSET_TYPES = frozenset({"equity", "equity_option", "crypto", "forex", "future", "future_option"})
POSITION_STATUSES = frozenset({"active", "inactive", "closed"})
POSITION_SIDES = frozenset({"long", "short"})
ACCOUNT_TYPES = frozenset({"margin", "cash", "crypto"})
ACCOUNT_STATUSES = frozenset({"active", "inactive"})


def _invalid(message: str) -> ApiError:
    return ApiError(400, Code.VALIDATION_ERROR, message)


def _integer(params: Mapping[str, str], name: str, default: int, low: int, high: int | None) -> int:
    raw = params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        value = low - 1
    if value < low or (high is not None and value > high):
        bound = f"between {low} and {high}" if high is not None else f">= {low}"
        raise _invalid(f"{name} must be an integer {bound}")
    return value


def page(params: Mapping[str, str]) -> tuple[int, int]:
    """``(limit, offset)``: limit 1..1000 (default 100), offset >= 0."""
    return (_integer(params, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT), _integer(params, "offset", 0, 0, None))


def text(params: Mapping[str, str], name: str) -> str | None:
    raw = params.get(name)
    return raw.strip() if raw and raw.strip() else None


def broker(params: Mapping[str, str], name: str = "broker_id") -> str | None:
    raw = text(params, name)
    return canonical_broker_id(raw) if raw is not None else None


def enum(params: Mapping[str, str], name: str, allowed: Collection[str]) -> str | None:
    raw = text(params, name)
    if raw is None:
        return None
    value = raw.lower()
    if value not in allowed:
        raise _invalid(f"{name} must be one of: {', '.join(sorted(allowed))}")
    return value


def boolean(params: Mapping[str, str], name: str) -> bool | None:
    raw = text(params, name)
    if raw is None:
        return None
    value = raw.lower()
    if value in ("true", "1", "yes"):
        return True
    if value in ("false", "0", "no"):
        return False
    raise _invalid(f"{name} must be true or false")


def date(params: Mapping[str, str], name: str) -> float | None:
    raw = text(params, name)
    if raw is None:
        return None
    try:
        return parse_iso(raw)
    except ValueError:
        raise _invalid(f"{name} must be an ISO-8601 date or date-time") from None

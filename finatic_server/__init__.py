"""Finatic server SDK: ``FinaticServerClient`` (sync) and ``AsyncFinaticServerClient`` (async)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._logging import setup_from_env
from ._version import __version__
from .utils.errors import (
    ApiError,
    AuthenticationError,
    AuthorizationError,
    ClientClosedError,
    CompanyAccessError,
    ConflictError,
    ConnectionError,
    FinaticError,
    NotFoundError,
    OrderStateUnknownError,
    PortalTimeoutError,
    RateLimitError,
    ServerError,
    TimeoutError,
    TradeAccessDeniedError,
    TradingNotEnabledError,
    ValidationError,
)

if TYPE_CHECKING:
    from ._async.client import AsyncFinaticServerClient
    from ._sync.client import FinaticServerClient

setup_from_env()


def __getattr__(name: str) -> Any:
    # The clients import the generated endpoints and models: load them on first use.
    if name == "FinaticServerClient":
        from ._sync.client import FinaticServerClient

        return FinaticServerClient
    if name == "AsyncFinaticServerClient":
        from ._async.client import AsyncFinaticServerClient

        return AsyncFinaticServerClient
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "ApiError",
    "AsyncFinaticServerClient",
    "AuthenticationError",
    "AuthorizationError",
    "ClientClosedError",
    "CompanyAccessError",
    "ConflictError",
    "ConnectionError",
    "FinaticError",
    "FinaticServerClient",
    "NotFoundError",
    "OrderStateUnknownError",
    "PortalTimeoutError",
    "RateLimitError",
    "ServerError",
    "TimeoutError",
    "TradeAccessDeniedError",
    "TradingNotEnabledError",
    "ValidationError",
    "__version__",
]

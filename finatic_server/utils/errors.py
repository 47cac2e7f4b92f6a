"""The SDK's error hierarchy.

Everything the SDK raises is a ``FinaticError``. Status errors carry what the server said; network failures
and timeouts have classes of their own. Messages never contain secrets (API key, tokens).
"""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from typing import Any

__all__ = [
    "ApiError",
    "AuthenticationError",
    "AuthorizationError",
    "ClientClosedError",
    "CompanyAccessError",
    "ConflictError",
    "ConnectionError",
    "FinaticError",
    "NotFoundError",
    "OrderStateUnknownError",
    "PortalTimeoutError",
    "RateLimitError",
    "ServerError",
    "TimeoutError",
    "TradeAccessDeniedError",
    "TradingNotEnabledError",
    "ValidationError",
]


class FinaticError(Exception):
    """Base class of every error the SDK raises. ``attempts`` counts the HTTP attempts made (retries + 1)."""

    attempts: int = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ApiError(FinaticError):
    """The API answered with an error (or with something the SDK could not use)."""

    def __init__(
        self,
        message: str,
        *,
        status_code: int | None = None,
        code: str | None = None,
        body: Any = None,
        headers: Mapping[str, str] | None = None,
        request_id: str | None = None,
    ) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.code = code
        self.body = body
        self.headers: Mapping[str, str] = dict(headers or {})
        self.request_id = request_id

    def __str__(self) -> str:
        parts = [self.message]
        details = [
            f"{name}={value}"
            for name, value in (
                ("status", self.status_code),
                ("code", self.code),
                ("request_id", self.request_id),
            )
            if value is not None
        ]
        if details:
            parts.append(f"({', '.join(details)})")
        return " ".join(parts)

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(message={self.message!r}, status_code={self.status_code!r}, "
            f"code={self.code!r}, request_id={self.request_id!r})"
        )


class AuthenticationError(ApiError):
    """401: the API key, one-time token, session or access token was not accepted (or no session yet)."""


class AuthorizationError(ApiError):
    """403: authenticated, but not allowed to do this."""


class TradingNotEnabledError(AuthorizationError):
    """403 ``TRADING_NOT_ENABLED``: the company may not place, modify or cancel orders."""


class CompanyAccessError(AuthorizationError):
    """403 ``NO_COMPANY_ACCESS``: the company has no access to this user's broker connections."""


class TradeAccessDeniedError(AuthorizationError):
    """403 ``TRADE_ACCESS_DENIED``: the broker connection is read-only."""


class ValidationError(ApiError):
    """A bad argument (raised before anything is sent, ``param`` names it) or a 400 / 422 from the API."""

    def __init__(self, message: str, *, param: str | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.param = param


class NotFoundError(ApiError):
    """404: no such order, connection or resource."""


class ConflictError(ApiError):
    """409: the request conflicts with the resource's state (e.g. ``ORDER_NOT_CANCELLABLE``)."""


class RateLimitError(ApiError):
    """429: too many requests; ``retry_after`` is the wait in seconds the server asked for, if any."""

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class ServerError(ApiError):
    """5xx: the API or the upstream broker failed."""


class ConnectionError(FinaticError, builtins.ConnectionError):
    """The request could not be completed over the network (no response was received).

    ``request_sent`` is False when the SDK knows the request never left this machine (no connection could
    be made), so the server cannot have acted on it.
    """

    def __init__(self, message: str, *, request_sent: bool = True) -> None:
        super().__init__(message)
        self.request_sent = request_sent


class TimeoutError(ConnectionError, builtins.TimeoutError):
    """The request timed out."""


class OrderStateUnknownError(FinaticError):
    """An order request may or may not have reached the broker, and retrying it was not safe.

    Check the order list (or retry with the same ``idempotency_key``, which servers that honour it use to
    return the first result instead of placing a second order).
    """

    def __init__(self, message: str, *, idempotency_key: str | None) -> None:
        super().__init__(message)
        self.idempotency_key = idempotency_key


class PortalTimeoutError(FinaticError, builtins.TimeoutError):
    """``wait_for_portal_completion`` gave up: the user did not complete the portal in time. Not a network
    failure; the session is still usable, so you may wait again."""


class ClientClosedError(FinaticError):
    """The client was closed; create a new one."""

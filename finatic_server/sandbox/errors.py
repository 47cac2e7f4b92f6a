"""The one exception handlers raise, and the error codes the sandbox answers with."""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["ApiError", "Code"]


class Code:
    """Error codes. Those of finatic-api.md, plus the sandbox's own (marked *)."""

    VALIDATION_ERROR = "VALIDATION_ERROR"
    INVALID_ORDER = "INVALID_ORDER"
    INVALID_API_KEY = "INVALID_API_KEY"
    TOKEN_EXPIRED = "TOKEN_EXPIRED"
    SESSION_EXPIRED = "SESSION_EXPIRED"
    INVALID_ONE_TIME_TOKEN = "INVALID_ONE_TIME_TOKEN"
    SESSION_NOT_AUTHENTICATED = "SESSION_NOT_AUTHENTICATED"
    TRADING_NOT_ENABLED = "TRADING_NOT_ENABLED"
    NO_COMPANY_ACCESS = "NO_COMPANY_ACCESS"
    TRADE_ACCESS_DENIED = "TRADE_ACCESS_DENIED"
    ORDER_NOT_FOUND = "ORDER_NOT_FOUND"
    NOT_FOUND = "NOT_FOUND"
    ORDER_NOT_CANCELLABLE = "ORDER_NOT_CANCELLABLE"
    RATE_LIMITED = "RATE_LIMITED"
    INVALID_SESSION = "INVALID_SESSION"  # * 401: no session header, or an unknown session id
    INVALID_COMPANY_ID = "INVALID_COMPANY_ID"  # * 401: X-Company-ID missing or not the session's company
    INVALID_TOKEN = "INVALID_TOKEN"  # * 401: no bearer token, or one this session did not issue
    INVALID_REFRESH_TOKEN = "INVALID_REFRESH_TOKEN"  # * 401: unknown or already rotated refresh token
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"  # * 409: one key sent with two different requests
    ORDER_NOT_MODIFIABLE = "ORDER_NOT_MODIFIABLE"  # * 409: modifying an order that is already terminal
    METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED"  # * 405
    INTERNAL_ERROR = "INTERNAL_ERROR"  # * 500 (also injected by faults)
    BAD_GATEWAY = "BAD_GATEWAY"  # * 502, injected by faults
    SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE"  # * 503, injected by faults


class ApiError(Exception):
    """Raised by a handler; rendered as ``{success: false, message, code, status_code}``."""

    def __init__(
        self, status: int, code: str, message: str, headers: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = dict(headers or {})

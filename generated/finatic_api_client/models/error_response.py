from __future__ import annotations

from typing import Any

from ..types import ApiModel

__all__ = ["ErrorResponse"]


class ErrorResponse(ApiModel):
    """Error body. The code is `code`, or `detail.code` when servers nest it; `detail` may also be a plain
    message string."""

    success: bool
    """Always false on errors."""
    message: str | None = None
    code: str | None = None
    """Machine-readable code, one of `ErrorCode` (INVALID_ORDER, VALIDATION_ERROR, INVALID_API_KEY,
    TOKEN_EXPIRED, SESSION_EXPIRED, INVALID_ONE_TIME_TOKEN, SESSION_NOT_AUTHENTICATED,
    TRADING_NOT_ENABLED, NO_COMPANY_ACCESS, TRADE_ACCESS_DENIED, ORDER_NOT_FOUND, NOT_FOUND,
    ORDER_NOT_CANCELLABLE, RATE_LIMITED, INVALID_SESSION, INVALID_COMPANY_ID, INVALID_TOKEN,
    INVALID_REFRESH_TOKEN, ORDER_NOT_MODIFIABLE, IDEMPOTENCY_KEY_REUSED, METHOD_NOT_ALLOWED,
    INTERNAL_ERROR, BAD_GATEWAY, SERVICE_UNAVAILABLE) or a newer one."""
    status_code: int | None = None
    detail: str | ErrorDetail | None = None
    errors: list[Any] | None = None
    """Messages attached to the envelope, each a string or an object (any JSON value is accepted)."""


# Referenced models are imported after the class so that schemas may refer to each other in cycles;
# pydantic resolves the annotations when the model is first used.
from .error_detail import ErrorDetail

from enum import StrEnum

__all__ = ["ErrorCode"]


class ErrorCode(StrEnum):
    """Error codes documented for `ErrorResponse.code` (and `ErrorDetail.code`). Servers may send others,
    so those fields stay plain strings."""

    INVALID_API_KEY = "INVALID_API_KEY"
    INVALID_ONE_TIME_TOKEN = "INVALID_ONE_TIME_TOKEN"
    INVALID_ORDER = "INVALID_ORDER"
    NOT_FOUND = "NOT_FOUND"
    NO_COMPANY_ACCESS = "NO_COMPANY_ACCESS"
    ORDER_NOT_CANCELLABLE = "ORDER_NOT_CANCELLABLE"
    ORDER_NOT_FOUND = "ORDER_NOT_FOUND"
    RATE_LIMITED = "RATE_LIMITED"
    SESSION_EXPIRED = "SESSION_EXPIRED"
    SESSION_NOT_AUTHENTICATED = "SESSION_NOT_AUTHENTICATED"
    TOKEN_EXPIRED = "TOKEN_EXPIRED"
    TRADE_ACCESS_DENIED = "TRADE_ACCESS_DENIED"
    TRADING_NOT_ENABLED = "TRADING_NOT_ENABLED"
    VALIDATION_ERROR = "VALIDATION_ERROR"

    def __str__(self) -> str:
        return str(self.value)

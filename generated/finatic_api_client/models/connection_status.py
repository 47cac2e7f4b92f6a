from enum import StrEnum

__all__ = ["ConnectionStatus"]


class ConnectionStatus(StrEnum):
    """Known values of ``ConnectionStatus``; fields of this type also accept unknown strings."""

    ACTIVE = "active"
    FAILED = "failed"
    NEEDS_REAUTH = "needs_reauth"
    PENDING_INITIAL_AUTH = "pending_initial_auth"
    RATE_LIMITED = "rate_limited"
    REVOKED = "revoked"

    def __str__(self) -> str:
        return str(self.value)

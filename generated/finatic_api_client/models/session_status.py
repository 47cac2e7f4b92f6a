from enum import StrEnum

__all__ = ["SessionStatus"]


class SessionStatus(StrEnum):
    """Session status; `pending` until the portal completes, `active` once bound to a user."""

    ACTIVE = "active"
    AUTHENTICATING = "authenticating"
    COMPLETED = "completed"
    EXPIRED = "expired"
    PENDING = "pending"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum

__all__ = ["PositionStatus"]


class PositionStatus(StrEnum):
    """Position status; an open position is `active`."""

    ACTIVE = "active"
    CLOSED = "closed"
    INACTIVE = "inactive"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum

__all__ = ["OrderStatus"]


class OrderStatus(StrEnum):
    """Order status; `submitted, new, partially_filled, pending_cancel, created, received` are not yet
    terminal (pending)."""

    CANCELLED = "cancelled"
    CREATED = "created"
    EXPIRED = "expired"
    FILLED = "filled"
    NEW = "new"
    PARTIALLY_FILLED = "partially_filled"
    PENDING_CANCEL = "pending_cancel"
    RECEIVED = "received"
    REJECTED = "rejected"
    SUBMITTED = "submitted"

    def __str__(self) -> str:
        return str(self.value)

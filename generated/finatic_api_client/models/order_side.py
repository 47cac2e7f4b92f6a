from enum import StrEnum

__all__ = ["OrderSide"]


class OrderSide(StrEnum):
    """The `side` of an order in broker data."""

    BUY = "buy"
    SELL = "sell"

    def __str__(self) -> str:
        return str(self.value)

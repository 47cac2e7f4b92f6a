from enum import StrEnum

__all__ = ["OrderAction"]


class OrderAction(StrEnum):
    """Order action; options also use the open/close variants."""

    BUY = "Buy"
    BUY_TO_CLOSE = "Buy to Close"
    BUY_TO_OPEN = "Buy to Open"
    SELL = "Sell"
    SELL_TO_CLOSE = "Sell to Close"
    SELL_TO_OPEN = "Sell to Open"

    def __str__(self) -> str:
        return str(self.value)

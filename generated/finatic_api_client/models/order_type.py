from enum import StrEnum

__all__ = ["OrderType"]


class OrderType(StrEnum):
    """Order type (wire values are PascalCase)."""

    LIMIT = "Limit"
    MARKET = "Market"
    STOP = "Stop"
    STOPLIMIT = "StopLimit"
    TRAILINGSTOP = "TrailingStop"

    def __str__(self) -> str:
        return str(self.value)

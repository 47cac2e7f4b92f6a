from enum import StrEnum

__all__ = ["AssetType"]


class AssetType(StrEnum):
    """Known values of ``AssetType``; fields of this type also accept unknown strings."""

    CRYPTO = "crypto"
    EQUITY = "equity"
    EQUITY_OPTION = "equity_option"
    FOREX = "forex"
    FUTURE = "future"
    FUTURE_OPTION = "future_option"

    def __str__(self) -> str:
        return str(self.value)

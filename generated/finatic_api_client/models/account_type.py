from enum import StrEnum

__all__ = ["AccountType"]


class AccountType(StrEnum):
    """Known values of ``AccountType``; fields of this type also accept unknown strings."""

    CASH = "cash"
    CRYPTO = "crypto"
    MARGIN = "margin"

    def __str__(self) -> str:
        return str(self.value)

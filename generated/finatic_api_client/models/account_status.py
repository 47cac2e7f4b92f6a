from enum import StrEnum

__all__ = ["AccountStatus"]


class AccountStatus(StrEnum):
    """Known values of ``AccountStatus``; fields of this type also accept unknown strings."""

    ACTIVE = "active"
    INACTIVE = "inactive"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum

__all__ = ["PositionSide"]


class PositionSide(StrEnum):
    """Known values of ``PositionSide``; fields of this type also accept unknown strings."""

    LONG = "long"
    SHORT = "short"

    def __str__(self) -> str:
        return str(self.value)

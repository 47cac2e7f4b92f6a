from enum import StrEnum

__all__ = ["TimeInForce"]


class TimeInForce(StrEnum):
    """Time in force; `gtd` needs `expireTime`."""

    DAY = "day"
    FOK = "fok"
    GTC = "gtc"
    GTD = "gtd"
    IOC = "ioc"

    def __str__(self) -> str:
        return str(self.value)

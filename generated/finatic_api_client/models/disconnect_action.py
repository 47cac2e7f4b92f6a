from enum import StrEnum

__all__ = ["DisconnectAction"]


class DisconnectAction(StrEnum):
    """What `disconnect_company` did: only this company's access was removed, or the connection was deleted
    because no company uses it any more."""

    COMPANY_ACCESS_REMOVED = "company_access_removed"
    CONNECTION_DELETED = "connection_deleted"

    def __str__(self) -> str:
        return str(self.value)

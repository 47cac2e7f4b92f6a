from __future__ import annotations

from ..types import ApiModel

__all__ = ["ConnectionPermissions"]


class ConnectionPermissions(ApiModel):
    """The ``ConnectionPermissions`` object of the Finatic API."""

    read: bool | None = None
    write: bool | None = None
    """Needed to trade through the connection."""

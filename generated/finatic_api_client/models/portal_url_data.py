from __future__ import annotations

from ..types import ApiModel

__all__ = ["PortalUrlData"]


class PortalUrlData(ApiModel):
    """The ``PortalUrlData`` object of the Finatic API."""

    portal_url: str

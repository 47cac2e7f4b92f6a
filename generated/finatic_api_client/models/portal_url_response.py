from __future__ import annotations

from ..types import ApiModel

__all__ = ["PortalUrlResponse"]


class PortalUrlResponse(ApiModel):
    """The ``PortalUrlResponse`` object of the Finatic API."""

    success: bool
    data: PortalUrlData
    message: str | None = None


# Referenced models are imported after the class so that schemas may refer to each other in cycles;
# pydantic resolves the annotations when the model is first used.
from .portal_url_data import PortalUrlData

from __future__ import annotations

import datetime

from pydantic import Field

from ..types import ApiModel

__all__ = ["TokenRefreshData"]


class TokenRefreshData(ApiModel):
    """The ``TokenRefreshData`` object of the Finatic API."""

    access_token: str = Field(repr=False)
    """A secret."""
    refresh_token: str = Field(repr=False)
    """A secret."""
    expires_at: datetime.datetime

from __future__ import annotations

import datetime

from pydantic import Field

from ..types import ApiModel

__all__ = ["SessionInitData"]


class SessionInitData(ApiModel):
    """The ``SessionInitData`` object of the Finatic API."""

    one_time_token: str = Field(repr=False)
    """Token for `start_session`. A secret."""
    expires_at: datetime.datetime

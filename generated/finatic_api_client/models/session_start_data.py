from __future__ import annotations

import datetime
from typing import Annotated

from pydantic import Field

from ..types import ApiModel
from .session_status import SessionStatus

__all__ = ["SessionStartData"]


class SessionStartData(ApiModel):
    """The ``SessionStartData`` object of the Finatic API."""

    session_id: str
    company_id: str
    status: Annotated[SessionStatus | str, Field(union_mode="left_to_right")]
    """Session status; `pending` until the portal completes, `active` once bound to a user."""
    expires_at: datetime.datetime
    user_id: str | None = None
    """Set when the session was started with a valid `user_id` (direct auth)."""
    auto_login: bool | None = None
    csrf_token: str | None = Field(default=None, repr=False)
    """When present, sent back as `X-CSRF-Token` on later calls."""

from __future__ import annotations

from ..types import ApiModel

__all__ = ["SessionStartRequest"]


class SessionStartRequest(ApiModel):
    """The ``SessionStartRequest`` object of the Finatic API."""

    user_id: str | None = None
    """Start the session bound to this user (direct auth); omit to authenticate through the portal."""

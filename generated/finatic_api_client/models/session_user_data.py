from __future__ import annotations

from pydantic import Field

from ..types import ApiModel

__all__ = ["SessionUserData"]


class SessionUserData(ApiModel):
    """The ``SessionUserData`` object of the Finatic API."""

    user_id: str
    access_token: str = Field(repr=False)
    """A secret."""
    refresh_token: str = Field(repr=False)
    """A secret."""
    expires_in: int
    """Seconds until the access token expires."""
    token_type: str | None = None
    scope: str | None = None
    company_id: str | None = None

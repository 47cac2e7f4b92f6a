from __future__ import annotations

from pydantic import Field

from ..types import ApiModel

__all__ = ["TokenRefreshRequest"]


class TokenRefreshRequest(ApiModel):
    """The ``TokenRefreshRequest`` object of the Finatic API."""

    refresh_token: str = Field(repr=False)
    """A secret."""

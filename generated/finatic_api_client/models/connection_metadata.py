from __future__ import annotations

from ..types import ApiModel

__all__ = ["ConnectionMetadata"]


class ConnectionMetadata(ApiModel):
    """The ``ConnectionMetadata`` object of the Finatic API."""

    nickname: str | None = None

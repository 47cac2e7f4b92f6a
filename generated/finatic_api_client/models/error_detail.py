from __future__ import annotations

from ..types import ApiModel

__all__ = ["ErrorDetail"]


class ErrorDetail(ApiModel):
    """Nested error detail some servers send as `detail`."""

    code: str | None = None
    """An `ErrorCode` value (plain string so unknown codes parse)."""
    message: str | None = None

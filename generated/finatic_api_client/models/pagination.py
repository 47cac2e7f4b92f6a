from __future__ import annotations

from ..types import ApiModel

__all__ = ["Pagination"]


class Pagination(ApiModel):
    """Paging state of a list response; `has_more` is authoritative."""

    has_more: bool
    next_offset: int | None = None
    current_offset: int | None = None
    limit: int | None = None

"""Page arithmetic and the server's pagination block."""

from __future__ import annotations

from typing import Any

from ..utils.errors import ValidationError

DEFAULT_PER_PAGE = 100
# Iteration fetches the largest pages the API serves: fewer round trips (see BENCHMARKS.md).
ITERATION_PER_PAGE = 1000
MAX_PER_PAGE = 1000
# Empty pages that still say has_more, in a row, before iteration gives up with an error.
MAX_EMPTY_PAGES = 3


def page_window(page: Any, per_page: Any) -> tuple[int, int]:
    """(offset, limit) for a 1-based page number."""
    if isinstance(page, bool) or not isinstance(page, int) or page < 1:
        raise ValidationError(f"page must be a whole number >= 1, got {page!r}", param="page")
    return (page - 1) * check_per_page(per_page), per_page


def check_per_page(per_page: Any) -> int:
    if isinstance(per_page, bool) or not isinstance(per_page, int) or not 1 <= per_page <= MAX_PER_PAGE:
        raise ValidationError(
            f"per_page must be a whole number from 1 to {MAX_PER_PAGE}, got {per_page!r}", param="per_page"
        )
    return per_page


def next_window(offset: int, limit: int, received: int, pagination: Any) -> tuple[bool, int]:
    """(has_more, next offset). The server's ``has_more`` decides; without a pagination block, a full page
    means there may be more."""
    if pagination is None:
        return received >= limit, offset + limit
    has_more = bool(getattr(pagination, "has_more", False))
    next_offset = getattr(pagination, "next_offset", None)
    if not isinstance(next_offset, int) or next_offset <= offset:
        next_offset = offset + limit
    return has_more, next_offset

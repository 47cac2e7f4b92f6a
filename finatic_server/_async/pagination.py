"""Pages of list results, and lazy iteration over every item of every page."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Generic, TypeVar

from .._concurrency import AsyncFetch
from ..core.pagination import MAX_EMPTY_PAGES
from ..utils.errors import ApiError, FinaticError

T = TypeVar("T")


class AsyncPage(Generic[T]):
    """One page of results. ``next_page()`` / ``previous_page()`` fetch neighbours with the same options
    and filters; ``has_next`` comes from the server's ``has_more``."""

    def __init__(
        self,
        data: list[T],
        *,
        offset: int,
        per_page: int,
        has_more: bool,
        next_offset: int,
        fetch: AsyncFetch[AsyncPage[T]],
    ) -> None:
        self.data = data
        self.offset = offset
        self.per_page = per_page
        self.has_next = has_more
        self._next_offset = next_offset
        self._fetch = fetch

    @property
    def current_page(self) -> int:
        return self.offset // self.per_page + 1

    @property
    def has_previous(self) -> bool:
        return self.offset > 0

    async def next_page(self) -> AsyncPage[T]:
        if not self.has_next:
            raise FinaticError("there is no next page (check has_next first)")
        return await self._fetch(self._next_offset)

    async def previous_page(self) -> AsyncPage[T]:
        if not self.has_previous:
            raise FinaticError("there is no previous page (check has_previous first)")
        return await self._fetch(max(self.offset - self.per_page, 0))

    def __len__(self) -> int:
        return len(self.data)

    def __iter__(self) -> Iterator[T]:
        """The items of this page (``iter_*`` methods go through every page)."""
        return iter(self.data)

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(current_page={self.current_page}, items={len(self.data)}, "
            f"has_next={self.has_next}, has_previous={self.has_previous})"
        )


async def iterate_items(fetch: AsyncFetch[AsyncPage[T]]) -> AsyncIterator[T]:
    """Every item of every page from offset 0, one page in memory at a time, fetched as iteration reaches
    it. A run of empty pages that still claim ``has_more`` is an error, never a silent end; so is a page
    that repeats the one before it (a server ignoring the offset would otherwise be read forever)."""
    page = await fetch(0)
    empty_in_a_row = 0
    while True:
        for item in page.data:
            yield item
        if not page.has_next:
            return
        empty_in_a_row = 0 if page.data else empty_in_a_row + 1
        if empty_in_a_row >= MAX_EMPTY_PAGES:
            raise ApiError(
                f"the API returned {empty_in_a_row} empty pages in a row while reporting more results "
                f"(has_more) at offset {page.offset}; stopping instead of looping forever"
            )
        previous, page = page, await page.next_page()
        if page.data and page.data == previous.data:
            raise ApiError(
                f"the API returned the same {len(page.data)} items at offset {page.offset} as at offset "
                f"{previous.offset} while reporting more results (has_more); stopping instead of looping "
                "forever"
            )

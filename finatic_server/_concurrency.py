"""The few primitives that differ between the async client and its generated sync twin.

``_async/`` code uses the ``Async*`` / ``async_*`` names; codegen.py (unasync) renames them to the
``Sync*`` / ``sync_*`` names in ``_sync/``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Awaitable, Callable
from types import TracebackType
from typing import TypeVar

import anyio
import anyio.lowlevel

T = TypeVar("T")

# "Fetch the page at this offset".
AsyncFetch = Callable[[int], Awaitable[T]]
SyncFetch = Callable[[int], T]


class AsyncLock:
    """A lock for tasks (asyncio or trio)."""

    def __init__(self) -> None:
        self._lock = anyio.Lock()

    async def __aenter__(self) -> None:
        await self._lock.acquire()

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._lock.release()


class SyncLock:
    """A lock for threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()

    def __enter__(self) -> None:
        self._lock.acquire()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._lock.release()


# One marker object per running event loop (asyncio loop or trio run), kept by anyio per loop.
_LOOP_MARK: anyio.lowlevel.RunVar[object] = anyio.lowlevel.RunVar("finatic_server_loop")


def async_loop_mark() -> object:
    """An object that stands for the running event loop: another loop gives another object."""
    try:
        return _LOOP_MARK.get()
    except LookupError:
        mark = object()
        _LOOP_MARK.set(mark)
        return mark


def sync_loop_mark() -> object:
    return None


async def async_sleep(seconds: float) -> None:
    await anyio.sleep(seconds)


def sync_sleep(seconds: float) -> None:
    time.sleep(seconds)

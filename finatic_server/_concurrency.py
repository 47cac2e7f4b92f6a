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


async def async_sleep(seconds: float) -> None:
    await anyio.sleep(seconds)


def sync_sleep(seconds: float) -> None:
    time.sleep(seconds)

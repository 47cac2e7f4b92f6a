"""The httpx client behind a Finatic client, shared with its ``with_options`` copies.

Connections belong to a process and (async) to an event loop: after ``os.fork()`` or in a new event loop
the pool is replaced, for the original and every copy at once, instead of reusing sockets that belong to
the parent process or to a finished loop.
"""

from __future__ import annotations

import os
from collections.abc import Callable

import httpx

from .._concurrency import AsyncLock, async_loop_mark
from ..utils.errors import ClientClosedError


class AsyncConnections:
    def __init__(self, make: Callable[[], httpx.AsyncClient], injected: httpx.AsyncClient | None) -> None:
        self._make = make
        self._owned = injected is None
        self._http = injected if injected is not None else make()
        # Token refresh is single-flight per session; the lock lives here because copies share the session.
        self.refresh_lock = AsyncLock()
        self._pid = os.getpid()
        self._loop_mark: object = None
        self.closed = False

    def get(self) -> httpx.AsyncClient:
        if self.closed:
            raise ClientClosedError("this client is closed; create a new one")
        if self._pid != os.getpid():
            # A forked child must not share the parent's sockets (or a lock a parent thread held).
            self._pid = os.getpid()
            self.refresh_lock = AsyncLock()
            if self._owned:
                self._http = self._make()
        loop = async_loop_mark()
        if loop is not self._loop_mark:
            # Pooled connections belong to the event loop that opened them: reusing them from a later
            # asyncio.run() fails with "RuntimeError: Event loop is closed".
            if self._loop_mark is not None and self._owned:
                self._http = self._make()
                self.refresh_lock = AsyncLock()
            self._loop_mark = loop
        if self._http.is_closed:
            raise ClientClosedError("the http_client passed to this client was closed; create a new one")
        return self._http

    async def aclose(self) -> None:
        """Close the pool if it is ours (an injected http_client is left open: it belongs to the caller)."""
        if self.closed:
            return
        self.closed = True
        # Connections opened in another process or (now finished) event loop cannot be closed from here.
        same_loop = self._loop_mark is None or self._loop_mark is async_loop_mark()
        if self._owned and self._pid == os.getpid() and same_loop:
            await self._http.aclose()
        elif self._owned:
            # Let go of them, so the garbage collector reclaims their sockets now rather than at exit.
            del self._http

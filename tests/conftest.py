"""Shared fixtures. One set of client tests runs against both clients: the async client is driven from
the same (synchronous) test code through an anyio blocking portal."""

from __future__ import annotations

import inspect
import logging
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import anyio.from_thread
import pytest

from finatic_server import AsyncFinaticServerClient, FinaticServerClient
from finatic_server._async.pagination import AsyncPage

API = "https://api.finatic.test"
API_ROOT = f"{API}/api/v1"
API_KEY = "sk_test_secret_api_key_123"


class Blocking:
    """Makes an async client (or page) look synchronous: coroutines run in the portal's event loop,
    async iterators are pulled item by item, pages are wrapped in turn."""

    def __init__(self, target: Any, portal: anyio.from_thread.BlockingPortal) -> None:
        self._target = target
        self._portal = portal

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._target, name)
        if inspect.iscoroutinefunction(attr):
            return lambda *a, **k: self._wrap(self._portal.call(lambda: attr(*a, **k)))
        if callable(attr):
            return lambda *a, **k: self._wrap(attr(*a, **k))
        return self._wrap(attr)

    def _wrap(self, value: Any) -> Any:
        if isinstance(value, (AsyncPage, AsyncFinaticServerClient)):
            return Blocking(value, self._portal)
        if isinstance(value, AsyncIterator):
            return self._pull(value)
        return value

    def _pull(self, iterator: AsyncIterator[Any]) -> Iterator[Any]:
        while True:
            try:
                yield self._portal.call(iterator.__anext__)
            except StopAsyncIteration:
                return

    def __enter__(self) -> Blocking:
        self._portal.call(self._target.__aenter__)
        return self

    def __exit__(self, *exc: Any) -> None:
        self._portal.call(self._target.__aexit__, *exc)

    def __len__(self) -> int:
        return len(self._target)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._target)

    def __repr__(self) -> str:
        return repr(self._target)

    @property
    def unwrapped(self) -> Any:
        return self._target


@pytest.fixture(scope="session")
def portal() -> Iterator[anyio.from_thread.BlockingPortal]:
    with anyio.from_thread.start_blocking_portal("asyncio") as portal:
        yield portal


@pytest.fixture(params=["sync", "async"])
def client_kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def make_client(client_kind: str, portal: anyio.from_thread.BlockingPortal) -> Iterator[Callable[..., Any]]:
    """``make_client(**kwargs)``: a FinaticServerClient, or an AsyncFinaticServerClient driven through
    the portal; closed after the test."""
    made: list[Any] = []

    def make(api_key: str = API_KEY, base_url: str = API, **kwargs: Any) -> Any:
        if client_kind == "sync":
            client: Any = FinaticServerClient(api_key, base_url=base_url, **kwargs)
        else:
            client = Blocking(portal.call(lambda: _make_async(api_key, base_url, kwargs)), portal)
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()


async def _make_async(api_key: str, base_url: str, kwargs: dict[str, Any]) -> AsyncFinaticServerClient:
    return AsyncFinaticServerClient(api_key, base_url=base_url, **kwargs)


@pytest.fixture(autouse=True)
def _debug_logging(caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]) -> Iterator[None]:
    """Every test runs with DEBUG logging captured; no record (message or traceback), and nothing the test
    printed to stdout or stderr, may contain a secret."""
    caplog.set_level(logging.DEBUG)
    yield
    from tests.secrets import assert_no_secrets

    formatter = logging.Formatter()
    out, err = capsys.readouterr()
    assert_no_secrets([*(formatter.format(record) for record in caplog.records), out, err])

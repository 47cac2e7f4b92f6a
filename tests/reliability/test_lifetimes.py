"""Lifetimes: open file descriptors stay flat over many calls and return to baseline on close; a closed
client says so and sends nothing; an async client outlives its event loop quietly and works in the next one;
after os.fork() the child opens its own connections; an injected httpx client is checked and left open."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import logging
import os
import subprocess
import sys
import warnings
from collections.abc import Iterator

import httpx
import pytest

from finatic_server import AsyncFinaticServerClient, ClientClosedError, FinaticServerClient, ValidationError
from finatic_server.sandbox import Sandbox
from tests.reliability.conftest import SANDBOX_KEY, run_async

CALLS = 10_000


@pytest.fixture(scope="module")
def box() -> Iterator[Sandbox]:
    sandbox = Sandbox(orders=50)
    sandbox.start()
    yield sandbox
    sandbox.stop()


@pytest.fixture(scope="module")
def remote() -> Iterator[str]:
    """A sandbox in its own process, so this process's descriptors are the client's alone."""
    process = subprocess.Popen(
        [sys.executable, "-m", "finatic_server.sandbox", "--port", "0", "--orders", "20"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    assert "listening on" in line, line
    yield line.rsplit(" ", 1)[-1].strip()
    process.terminate()
    process.wait(timeout=10)
    process.stdout.close()


@pytest.fixture
def quiet_logs(caplog: pytest.LogCaptureFixture) -> None:
    """10,000 calls at DEBUG would spend most of their time in log records; the leak check is elsewhere."""
    for name in ("httpx", "httpcore", "finatic_server"):
        caplog.set_level(logging.WARNING, logger=name)


@contextlib.contextmanager
def orphans_reclaimed() -> Iterator[None]:
    """Connections a finished event loop left open cannot be closed from another loop; the garbage
    collector closes their sockets (Python reports that as ResourceWarning in development mode). Logging
    is off meanwhile: httpcore's DEBUG records hold those connections, and pytest keeps the records until
    the test ends, so the sockets would be reclaimed -- and reported -- during some later test."""
    logging.disable(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)
            yield
            gc.collect()
    finally:
        logging.disable(logging.NOTSET)


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def test_10000_sync_calls_keep_descriptors_flat_and_close_releases_them(
    remote: str, quiet_logs: None
) -> None:
    baseline = open_fds()
    with FinaticServerClient(SANDBOX_KEY, base_url=remote) as client:
        client.start_session(user_id="user123")
        client.get_broker_list()
        warm = open_fds()
        for _ in range(CALLS):
            client.get_broker_list()
        assert open_fds() == warm
    assert open_fds() == baseline


def test_10000_async_calls_keep_descriptors_flat_and_close_releases_them(
    remote: str, quiet_logs: None
) -> None:
    async def main() -> None:
        baseline = open_fds()
        async with AsyncFinaticServerClient(SANDBOX_KEY, base_url=remote) as client:
            await client.start_session(user_id="user123")
            await client.get_broker_list()
            warm = open_fds()
            for _ in range(CALLS):
                await client.get_broker_list()
            assert open_fds() == warm
        assert open_fds() == baseline

    run_async(main)


def test_a_closed_client_raises_and_sends_nothing(box: Sandbox) -> None:
    client = FinaticServerClient(SANDBOX_KEY, base_url=box.url)
    client.start_session(user_id="user123")
    client.close()
    client.close()  # twice is fine
    sent = sum(box.state.request_counts.values())
    with pytest.raises(ClientClosedError, match="closed"):
        client.get_broker_list()
    with pytest.raises(ClientClosedError):
        client.place_stock_limit_order("AAPL", 1, "buy", 1.0, "robinhood", "123456789")

    async def closed_async() -> None:
        async with AsyncFinaticServerClient(SANDBOX_KEY, base_url=box.url) as aclient:
            await aclient.start_session(user_id="user123")
        with pytest.raises(ClientClosedError):
            await aclient.get_broker_list()

    run_async(closed_async)
    assert sum(box.state.request_counts.values()) == sent + 3  # only the async session set-up (3 calls)


def test_an_async_client_works_across_event_loops(box: Sandbox) -> None:
    client = AsyncFinaticServerClient(SANDBOX_KEY, base_url=box.url)

    async def start() -> int:
        await client.start_session(user_id="user123")
        return len(await client.get_broker_list())

    async def use() -> int:
        return len(await client.get_broker_list())

    with orphans_reclaimed():
        assert asyncio.run(start()) == asyncio.run(use()) == asyncio.run(use()) > 0
        asyncio.run(client.close())


def test_a_with_options_copy_works_across_event_loops_too(box: Sandbox) -> None:
    client = AsyncFinaticServerClient(SANDBOX_KEY, base_url=box.url)
    patient = client.with_options(max_retries=5)

    async def start() -> int:
        await client.start_session(user_id="user123")
        return len(await patient.get_broker_list())

    async def brokers(which: AsyncFinaticServerClient) -> int:
        return len(await which.get_broker_list())

    with orphans_reclaimed():
        assert asyncio.run(start()) == asyncio.run(brokers(patient)) > 0
        asyncio.run(patient.close())  # closes only the copy
        assert asyncio.run(brokers(client)) > 0
        asyncio.run(client.close())


GC_AFTER_LOOP = """
import asyncio, gc, sys
from finatic_server import AsyncFinaticServerClient
from finatic_server.sandbox import Sandbox
box = Sandbox(orders=20); box.start()
kept = []
async def main():
    client = AsyncFinaticServerClient("sk_sandbox_gc", base_url=box.url)
    await client.start_session(user_id="user123")
    await client.get_orders()
    kept.append(client)
asyncio.run(main())
kept.clear()
gc.collect()
{tail}
box.stop()
print("done")
"""


@pytest.mark.parametrize("tail", ["", "kept = None"], ids=["collected", "at-exit"])
def test_an_async_client_collected_after_its_loop_closed_prints_nothing(tail: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", GC_AFTER_LOOP.format(tail=tail)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0 and done.stdout.strip() == "done", done.stderr
    for noise in ("Event loop is closed", "Exception ignored", "Traceback", "ResourceWarning"):
        assert noise not in done.stderr, done.stderr


def _in_child(code: str) -> dict[str, object]:
    """Fork; the child runs ``code`` (which sets ``result``) and sends it back as JSON."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        status = 1
        try:
            scope: dict[str, object] = {}
            exec(code, globals() | CHILD, scope)
            os.write(write, json.dumps(scope["result"]).encode())
            status = 0
        finally:
            os._exit(status)
    os.close(write)
    with os.fdopen(read) as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0 and data, "the child failed"
    return json.loads(data)  # type: ignore[no-any-return]


CHILD: dict[str, object] = {}


def _sockets() -> set[str]:
    links = set()
    for fd in os.listdir("/proc/self/fd"):
        with contextlib.suppress(OSError):
            links.add(os.readlink(f"/proc/self/fd/{fd}"))
    return {link for link in links if link.startswith("socket:")}


def test_after_fork_parent_and_child_each_use_their_own_connections(box: Sandbox) -> None:
    client = FinaticServerClient(SANDBOX_KEY, base_url=box.url)
    client.start_session(user_id="user123")
    assert client.get_broker_list()
    pool_before = client._http_client()
    CHILD.update(client=client, pool_before=pool_before, sockets=_sockets)
    result = _in_child(
        "inherited = sockets()\n"
        "first = len(client.get_broker_list())\n"
        "result = {'first': first, 'fresh_pool': client._http_client() is not pool_before,\n"
        "          'new_socket': bool(sockets() - inherited), 'second': len(client.get_broker_list())}"
    )
    assert result["first"] and result["second"] and result["fresh_pool"] and result["new_socket"], result
    assert client.get_broker_list() and client._http_client() is pool_before  # the parent's pool is untouched
    client.close()


def test_after_fork_an_async_client_works_in_the_childs_new_event_loop(box: Sandbox) -> None:
    client = AsyncFinaticServerClient(SANDBOX_KEY, base_url=box.url)

    async def start() -> int:
        await client.start_session(user_id="user123")
        return len(await client.get_broker_list())

    async def use() -> int:
        return len(await client.get_broker_list())

    with orphans_reclaimed():
        assert asyncio.run(start())
        CHILD.update(aclient=client, use=use)
        result = _in_child("import asyncio\nresult = asyncio.run(use())")
        assert result and asyncio.run(use()) == result
        asyncio.run(client.close())
        CHILD.clear()


def test_an_injected_http_client_is_checked_used_and_left_open(box: Sandbox) -> None:
    with pytest.raises(ValidationError, match="http_client"):
        FinaticServerClient(SANDBOX_KEY, base_url=box.url, http_client=httpx.AsyncClient())  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="http_client"):
        AsyncFinaticServerClient(SANDBOX_KEY, base_url=box.url, http_client=httpx.Client())  # type: ignore[arg-type]
    mine = httpx.Client(timeout=5)
    with FinaticServerClient(SANDBOX_KEY, base_url=box.url, http_client=mine) as client:
        client.start_session(user_id="user123")
        assert client.get_broker_list()
    assert not mine.is_closed
    mine.close()

    async def injected_async() -> None:
        async with httpx.AsyncClient(timeout=5) as amine:
            async with AsyncFinaticServerClient(SANDBOX_KEY, base_url=box.url, http_client=amine) as aclient:
                await aclient.start_session(user_id="user123")
                assert await aclient.get_broker_list()
            assert not amine.is_closed

    run_async(injected_async)



"""The async client under both anyio backends: asyncio and trio."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from finatic_server import AsyncFinaticServerClient
from finatic_server.sandbox import Sandbox
from tests.reliability.conftest import SANDBOX_KEY

pytestmark = pytest.mark.anyio


@pytest.fixture(params=["asyncio", "trio"])
def anyio_backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def box() -> Iterator[Sandbox]:
    sandbox = Sandbox(orders=120, access_token_ttl=1.0)
    sandbox.start()
    yield sandbox
    sandbox.stop()


async def test_a_session_pages_iteration_an_order_and_a_cancel(box: Sandbox, anyio_backend: str) -> None:
    import anyio

    async with AsyncFinaticServerClient(SANDBOX_KEY, base_url=box.url) as client:
        await client.start_session(user_id="user123")
        first = await client.get_orders(per_page=50)
        second = await first.next_page()
        assert first.has_next and [o.id for o in second.data] != [o.id for o in first.data]
        await anyio.sleep(1.0)  # the access token is due: the next call refreshes it in this backend too
        every = [order.id async for order in client.iter_orders()]
        assert len(every) == len(set(every)) == len(box.state.data.orders)
        placed = await client.place_stock_limit_order("AAPL", 1, "buy", 1.0, "robinhood", "123456789")
        cancelled = await client.cancel_order(placed.order_id, "robinhood")
        assert str(cancelled.status) == "cancelled"
        async with anyio.create_task_group() as group:  # concurrent calls share the pool
            for _ in range(10):
                group.start_soon(client.get_broker_list)

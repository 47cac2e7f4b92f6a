"""Under injected faults (20% of requests: 429 with Retry-After, 500/502/503, dropped connections; seeded),
reading every order loses and duplicates nothing, and placing orders never places one twice."""

from __future__ import annotations

import collections
from collections.abc import Iterator
from typing import Any

import pytest

from finatic_server import AsyncFinaticServerClient, FinaticError, FinaticServerClient, OrderStateUnknownError
from finatic_server.sandbox import FaultConfig, Sandbox
from tests.reliability.conftest import SANDBOX_KEY, run_async

RUNS = 50
ASYNC_RUNS = 20  # 50 async runs pass as well (about 15 s); 20 keep the suite fast
ORDERS = 10_000
ACCOUNT = "123456789"  # the sandbox's robinhood account


def faults(seed: int) -> FaultConfig:
    return FaultConfig(rate_429=0.07, rate_5xx=0.07, rate_drop=0.06, retry_after=0.01, seed=seed)


NO_FAULTS = FaultConfig()


@pytest.fixture(scope="module")
def box() -> Iterator[Sandbox]:
    # Started with faults on so the injector exists; each test resets it to the seed it wants.
    sandbox = Sandbox(orders=ORDERS, faults=faults(0))
    sandbox.start()
    yield sandbox
    sandbox.stop()


def seen(box: Sandbox) -> collections.Counter[str]:
    assert box.faults is not None
    return collections.Counter(d.kind or "ok" for d in box.faults.history)


def test_all_orders_under_faults_are_exactly_the_orders_without_faults(
    box: Sandbox, fast_backoff: None
) -> None:
    assert box.faults is not None
    totals: collections.Counter[str] = collections.Counter()
    with FinaticServerClient(SANDBOX_KEY, base_url=box.url, max_retries=12) as client:
        client.start_session(user_id="user123")  # under faults too: session set-up retries as well
        box.faults.reset(NO_FAULTS)
        expected = [order.id for order in client.get_all_orders()]
        assert len(expected) == len(set(expected)) == ORDERS
        for run in range(RUNS):
            box.faults.reset(faults(seed=1000 + run))
            assert [order.id for order in client.get_all_orders()] == expected, f"run {run}"
            totals += seen(box)
    failed = totals["429"] + totals["5xx"] + totals["drop"]
    assert totals["429"] and totals["5xx"] and totals["drop"], totals
    assert 0.1 < failed / sum(totals.values()) < 0.3, totals


def test_all_orders_under_faults_async(box: Sandbox, fast_backoff: None) -> None:
    assert box.faults is not None
    injector = box.faults

    async def main() -> collections.Counter[str]:
        totals: collections.Counter[str] = collections.Counter()
        async with AsyncFinaticServerClient(SANDBOX_KEY, base_url=box.url, max_retries=12) as client:
            injector.reset(faults(seed=1))
            await client.start_session(user_id="user123")
            injector.reset(NO_FAULTS)
            expected = [order.id for order in await client.get_all_orders()]
            assert len(expected) == len(set(expected)) == ORDERS
            for run in range(ASYNC_RUNS):
                injector.reset(faults(seed=2000 + run))
                assert [order.id async for order in client.iter_orders()] == expected, f"run {run}"
                totals += seen(box)
        return totals

    totals = run_async(main)
    assert totals["429"] and totals["5xx"] and totals["drop"], totals


def _place_all(client: Any, count: int, first_tag: int) -> tuple[dict[int, str], dict[int, Exception]]:
    """Place ``count`` limit orders, each tagged by its quantity; returns order ids and errors by tag."""
    placed: dict[int, str] = {}
    errors: dict[int, Exception] = {}
    for tag in range(first_tag, first_tag + count):
        try:
            result = client.place_stock_limit_order("AAPL", tag, "buy", 1.0, "robinhood", ACCOUNT)
        except FinaticError as exc:
            errors[tag] = exc
        else:
            placed[tag] = result.order_id
    return placed, errors


def _orders_by_tag(box: Sandbox, tags: range, before: int) -> collections.Counter[int]:
    """How many of the orders placed since the table held ``before`` rows carry each tag (quantity)."""
    with box.state.lock:
        table = box.state.data.orders
        new_rows = table.rows[: len(table) - before]  # placed orders are listed first
        quantities = [row.data["quantity"] for row in new_rows]
    return collections.Counter(int(q) for q in quantities if q in tags)


@pytest.mark.parametrize("max_retries", [12, 1], ids=["retries-enough", "retries-run-out"])
def test_200_orders_under_faults_are_placed_once_each_or_reported_unknown(
    box: Sandbox, fast_backoff: None, max_retries: int
) -> None:
    assert box.faults is not None
    first_tag = 100_000 if max_retries == 12 else 200_000
    tags = range(first_tag, first_tag + 200)
    with FinaticServerClient(SANDBOX_KEY, base_url=box.url, max_retries=max_retries) as client:
        box.faults.reset(NO_FAULTS)
        client.start_session(user_id="user123")
        before = len(box.state.data.orders)
        box.faults.reset(faults(seed=3000 + max_retries))
        placed, errors = _place_all(client, 200, first_tag)
        history = seen(box)
        box.faults.reset(NO_FAULTS)

        counts = _orders_by_tag(box, tags, before)
        assert max(counts.values()) == 1, "an order was placed twice"
        assert len(set(placed.values())) == len(placed), "two placements share an order id"
        assert all(counts[tag] == 1 for tag in placed)
        # A failure that is not "unknown" is one the server never acted on.
        unknown = {tag: e for tag, e in errors.items() if isinstance(e, OrderStateUnknownError)}
        for tag, error in errors.items():
            if tag not in unknown:
                assert counts[tag] == 0, f"order {tag} failed with {error!r} but was placed"
        assert len(box.state.data.orders) - before == len(placed) + sum(counts[t] for t in unknown)

        # Each unknown error carries its key; retrying with it settles the order without a duplicate.
        for tag, error in unknown.items():
            assert error.idempotency_key and error.idempotency_key in str(error)
            result = client.place_stock_limit_order(
                "AAPL", tag, "buy", 1.0, "robinhood", ACCOUNT, idempotency_key=error.idempotency_key
            )
            placed[tag] = result.order_id
        counts = _orders_by_tag(box, tags, before)
        assert max(counts.values()) == 1 and all(counts[tag] == 1 for tag in placed)

    if max_retries == 12:
        assert not errors and len(placed) == 200
    else:
        assert unknown, f"expected some unknown outcomes with one retry; faults seen: {history}"
    assert history["5xx"] and history["drop"] and history["429"], history

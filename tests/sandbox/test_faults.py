"""Fault injection: each option has a visible effect, and the same seed repeats the same sequence."""

from __future__ import annotations

import time

import httpx
import pytest

from finatic_server.sandbox import FaultConfig, Sandbox

from .conftest import market_order, start_session


def _statuses(url: str, n: int = 30) -> list[int | str]:
    out: list[int | str] = []
    with httpx.Client(base_url=f"{url}/api/v1") as http:
        for _ in range(n):
            try:
                out.append(http.get("/brokers/").status_code)
            except httpx.HTTPError:
                out.append("dropped")
    return out


def test_rate_429_answers_rate_limited_with_retry_after() -> None:
    with Sandbox(orders=10, faults=FaultConfig(rate_429=1.0, retry_after=3)) as url:
        response = httpx.get(f"{url}/api/v1/brokers/")
    assert response.status_code == 429 and response.headers["retry-after"] == "3"
    assert response.json()["code"] == "RATE_LIMITED" and response.headers["x-request-id"]


def test_rate_5xx_answers_500_502_or_503() -> None:
    with Sandbox(orders=10, faults=FaultConfig(rate_5xx=1.0, seed=3)) as url:
        statuses = _statuses(url)
    assert set(statuses) <= {500, 502, 503} and len(set(statuses)) > 1


def test_rate_drop_breaks_the_connection_mid_response() -> None:
    with Sandbox(orders=10, faults=FaultConfig(rate_drop=1.0)) as url:
        with pytest.raises(httpx.RemoteProtocolError):
            httpx.get(f"{url}/api/v1/brokers/")
        assert httpx.get(f"{url}/health").status_code == 200  # only /api/v1 is affected


def test_rate_slow_delays_responses_by_slow_seconds() -> None:
    with Sandbox(orders=10, faults=FaultConfig(rate_slow=1.0, slow_seconds=0.3)) as url:
        started = time.monotonic()
        assert httpx.get(f"{url}/api/v1/brokers/").status_code == 200
        assert time.monotonic() - started >= 0.3


def test_the_same_fault_seed_gives_the_same_sequence_and_another_seed_differs() -> None:
    faults = FaultConfig(rate_429=0.2, rate_5xx=0.2, rate_drop=0.2, seed=11)
    with Sandbox(orders=10, faults=faults) as url:
        first = _statuses(url)
    with Sandbox(orders=10, faults=faults) as url:
        second = _statuses(url)
    with Sandbox(orders=10, faults=FaultConfig(rate_429=0.2, rate_5xx=0.2, rate_drop=0.2, seed=12)) as url:
        other = _statuses(url)
    assert first == second != other
    assert {200, 429, "dropped"} <= set(first)


def test_an_order_can_be_placed_although_its_answer_is_lost() -> None:
    """With faults after handling, the order exists; retrying with the same key returns it, placing
    nothing new — the case an SDK's idempotency key is for."""
    box = Sandbox(orders=10, faults=FaultConfig(rate_5xx=1.0, seed=0))
    with box:
        state = box.state
        with httpx.Client(base_url=box.api_url) as http:
            box.config.faults  # noqa: B018 - documented config access
            assert box.faults is not None
            # Sessions cannot start while every request fails, so set one up with faults paused.
            injector = box.faults
            injector.config = FaultConfig()
            user = start_session(http)
            injector.config = FaultConfig(rate_5xx=1.0)
            placed_before = len(state.data.orders)
            outcomes = []
            for n in range(8):
                response = user.post("/brokers/orders", market_order(), headers={"Idempotency-Key": f"k{n}"})
                assert response.status_code in (500, 502, 503)
                outcomes.append(len(state.data.orders) - placed_before)
                placed_before = len(state.data.orders)
            assert set(outcomes) == {0, 1}  # sometimes before handling, sometimes after
            lost = next(n for n, placed in enumerate(outcomes) if placed == 1)
            injector.config = FaultConfig()
            count = len(state.data.orders)
            retry = user.post("/brokers/orders", market_order(), headers={"Idempotency-Key": f"k{lost}"})
            assert retry.status_code == 200 and retry.headers["idempotent-replayed"] == "true"
            assert len(state.data.orders) == count

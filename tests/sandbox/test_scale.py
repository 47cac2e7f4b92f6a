"""A 100,000-order sandbox starts in seconds and serves full pages correctly and fast."""

from __future__ import annotations

import time

import httpx

from finatic_server.sandbox import Sandbox

from .conftest import start_session


def test_a_100k_order_sandbox_starts_quickly_and_limit_1000_pages_are_complete() -> None:
    started = time.monotonic()
    box = Sandbox(orders=100_000).start()
    try:
        assert time.monotonic() - started < 20  # a few seconds on a developer machine
        with httpx.Client(base_url=box.api_url, timeout=30) as http:
            user = start_session(http)
            seen: set[str] = set()
            offset, pages = 0, 0
            while True:
                body = user.get("/brokers/data/orders", limit=1000, offset=offset).json()
                assert body["pagination"]["current_offset"] == offset and body["pagination"]["limit"] == 1000
                seen.update(o["id"] for o in body["response_data"])
                pages += 1
                if not body["pagination"]["has_more"]:
                    break
                assert len(body["response_data"]) == 1000
                offset = body["pagination"]["next_offset"]
            assert pages == 100 and len(seen) == 100_000
            timings = []
            for n in range(20):
                t = time.perf_counter()
                assert user.get("/brokers/data/orders", limit=100, offset=n * 100).status_code == 200
                timings.append(time.perf_counter() - t)
            assert sorted(timings)[10] < 0.05  # the median round trip, server and client included
    finally:
        box.stop()

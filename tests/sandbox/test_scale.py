"""A 100,000-order sandbox starts in seconds and serves full pages correctly and fast."""

from __future__ import annotations

import httpx

from finatic_server.sandbox import Sandbox

from .conftest import start_session


def test_a_100k_order_sandbox_serves_complete_limit_1000_pages() -> None:
    box = Sandbox(orders=100_000).start()  # how fast it starts is measured by make bench, not here
    try:
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
    finally:
        box.stop()

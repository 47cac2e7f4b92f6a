"""Profile of the SDK's hot path (not part of ``make bench``): ``get_orders(per_page=100)`` against a fixed
response body served by ``httpx.MockTransport``, so only client-side work is measured, with cProfile.

    .venv/bin/python bench/profile_get_orders.py [calls]
"""

from __future__ import annotations

import cProfile
import pstats
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import httpx
from _common import API_KEY, USER_ID, sandbox, session_token

from finatic_server import FinaticServerClient


def main(calls: int = 2000) -> None:
    with sandbox(orders=10_000) as url:
        body = httpx.get(
            f"{url}/api/v1/brokers/data/orders", params={"limit": 100}, headers=session_token(url)
        ).content
        client = FinaticServerClient(API_KEY, base_url=url)
        client.start_session(user_id=USER_ID)
    client._http_client()._transport = httpx.MockTransport(
        lambda request: httpx.Response(200, content=body, headers={"content-type": "application/json"})
    )
    for _ in range(100):
        client.get_orders(per_page=100)
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(calls):
        client.get_orders(per_page=100)
    profile.disable()
    client.close()
    stats = pstats.Stats(profile).sort_stats("tottime")
    print(f"{calls} calls, {stats.total_tt / calls * 1e6:.0f} us per call under cProfile")  # type: ignore[attr-defined]
    stats.print_stats(25)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)

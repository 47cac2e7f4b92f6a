"""Per-call overhead: ``get_orders(per_page=100)`` through the SDK versus a raw httpx GET of the same page
(same headers, the session's bearer token) plus ``json.loads``, sync and async, in alternating rounds."""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import httpx
from _common import API_KEY, USER_ID, emit, median, p90, sandbox

from finatic_server import AsyncFinaticServerClient, FinaticServerClient

ROUNDS = 30
CALLS_PER_ROUND = 20
WARMUP = 30
PARAMS = {"limit": 100, "offset": 0}
Result = tuple[list[float], list[float], dict[str, list[float]]]


def _headers(client: FinaticServerClient | AsyncFinaticServerClient) -> dict[str, str]:
    headers = dict(client._http_client().headers)
    headers.update(client._state.headers_for("/brokers/data/orders"))
    return headers


def bench_sync(url: str) -> Result:
    sdk_times: list[float] = []
    raw_times: list[float] = []
    cpu: dict[str, list[float]] = {"sdk": [], "raw": []}
    with FinaticServerClient(API_KEY, base_url=url) as client, httpx.Client() as raw:
        client.start_session(user_id=USER_ID)
        headers = _headers(client)
        orders_url = f"{url}/api/v1/brokers/data/orders"

        def sdk() -> None:
            page = client.get_orders(per_page=100)
            assert len(page.data) == 100

        def plain() -> None:
            r = raw.get(orders_url, params=PARAMS, headers=headers)
            r.raise_for_status()
            assert len(json.loads(r.content)["response_data"]) == 100

        for _ in range(WARMUP):
            sdk()
            plain()
        for rnd in range(ROUNDS):
            order = ((sdk, sdk_times, "sdk"), (plain, raw_times, "raw"))
            for fn, times, side in order if rnd % 2 == 0 else order[::-1]:
                c0 = time.process_time()
                for _ in range(CALLS_PER_ROUND):
                    t0 = time.perf_counter()
                    fn()
                    times.append(time.perf_counter() - t0)
                cpu[side].append((time.process_time() - c0) / CALLS_PER_ROUND)
    return sdk_times, raw_times, cpu


async def bench_async(url: str) -> Result:
    sdk_times: list[float] = []
    raw_times: list[float] = []
    cpu: dict[str, list[float]] = {"sdk": [], "raw": []}
    async with AsyncFinaticServerClient(API_KEY, base_url=url) as client, httpx.AsyncClient() as raw:
        await client.start_session(user_id=USER_ID)
        headers = _headers(client)
        orders_url = f"{url}/api/v1/brokers/data/orders"

        async def sdk() -> None:
            page = await client.get_orders(per_page=100)
            assert len(page.data) == 100

        async def plain() -> None:
            r = await raw.get(orders_url, params=PARAMS, headers=headers)
            r.raise_for_status()
            assert len(json.loads(r.content)["response_data"]) == 100

        for _ in range(WARMUP):
            await sdk()
            await plain()
        for rnd in range(ROUNDS):
            order = ((sdk, sdk_times, "sdk"), (plain, raw_times, "raw"))
            for fn, times, side in order if rnd % 2 == 0 else order[::-1]:
                c0 = time.process_time()
                for _ in range(CALLS_PER_ROUND):
                    t0 = time.perf_counter()
                    await fn()
                    times.append(time.perf_counter() - t0)
                cpu[side].append((time.process_time() - c0) / CALLS_PER_ROUND)
    return sdk_times, raw_times, cpu


def run() -> dict[str, object]:
    rows = []
    with sandbox(orders=10_000) as url:
        for name, (sdk, raw, cpu) in (
            ("sync", bench_sync(url)),
            ("async", asyncio.run(bench_async(url))),
        ):
            ratio = median(sdk) / median(raw)
            rows.append(
                [
                    name,
                    len(sdk),
                    f"{median(sdk) * 1e3:.2f}",
                    f"{p90(sdk) * 1e3:.2f}",
                    f"{median(raw) * 1e3:.2f}",
                    f"{p90(raw) * 1e3:.2f}",
                    f"{ratio:.3f}",
                    f"{p90(sdk) / p90(raw):.3f}",
                    f"{median(cpu['sdk']) * 1e6:.0f} / {median(cpu['raw']) * 1e6:.0f}",
                    "met" if ratio <= 1.15 else f"missed by {(ratio - 1.15) * 100:.1f} points",
                ]
            )
    return {
        "title": "1. Per-call overhead: get_orders(per_page=100) vs raw httpx GET + json.loads",
        "columns": [
            "client",
            "calls each",
            "SDK median ms",
            "SDK p90 ms",
            "raw median ms",
            "raw p90 ms",
            "ratio (median)",
            "ratio (p90)",
            "client CPU us/call SDK / raw",
            "target <= 1.15",
        ],
        "rows": rows,
        "targets": [
            f"1. SDK / raw per-call median <= 1.15 ({row[0]}): {row[6]} -- {row[-1]}" for row in rows
        ],
        "notes": [
            f"{ROUNDS} alternating rounds of {CALLS_PER_ROUND} calls per side after {WARMUP} warm-up calls "
            "each; sandbox in its own process; both sides reuse one keep-alive connection.",
            "The raw side sends the same headers (session ids, bearer token, user agent) and only decodes "
            "JSON; the SDK also validates 100 BrokerOrder models and builds a page.",
            "Client CPU is time.process_time() of the benchmark process per call (median over rounds): the "
            "SDK's own cost without the server's share of the round trip (see 5: the server needs ~1 ms per "
            "page, most of the raw round trip).",
        ],
    }


if __name__ == "__main__":
    emit(run())

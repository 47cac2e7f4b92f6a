"""All pages: ``iter_orders`` and ``get_all_orders`` over 10,000 and 100,000 orders at several iteration
page sizes. Each case runs in a fresh subprocess so its peak RSS growth is its own."""

from __future__ import annotations

import asyncio
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import API_KEY, PY, USER_ID, emit, sandbox

SIZES = (10_000, 100_000)
PAGE_SIZES = (100, 250, 500, 1000)
RSS_TARGET_MB = 30.0
RTT = 0.020  # a modest internet round trip, for the estimate column (the sandbox is on loopback)
REPEATS = 3  # fresh processes per page-size case: the wall time is their median, the RSS growth their max


def _rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def worker(url: str, mode: str, per_page: int) -> dict[str, object]:
    """One case, in this (fresh) process: iterate or collect every order, counting requests."""
    import httpx

    from finatic_server import AsyncFinaticServerClient, FinaticServerClient
    from finatic_server.core import pagination

    pagination.ITERATION_PER_PAGE = per_page
    pages = 0
    c0 = [0.0]

    def count(request: httpx.Request) -> None:
        nonlocal pages
        if request.url.path.endswith("/brokers/data/orders"):
            pages += 1

    async def acount(request: httpx.Request) -> None:
        count(request)

    if mode.startswith("async"):

        async def main() -> tuple[int, float, int, int]:
            http = httpx.AsyncClient(event_hooks={"request": [acount]})
            async with AsyncFinaticServerClient(API_KEY, base_url=url, http_client=http) as client:
                await client.start_session(user_id=USER_ID)
                await client.get_orders(per_page=1)  # imports the endpoint and models
                base_pages, base = pages, _rss_kb()
                t0 = time.perf_counter()
                c0[0] = time.process_time()
                if mode == "async_iter":
                    n = 0
                    async for _ in client.iter_orders():
                        n += 1
                else:
                    n = len(await client.get_all_orders())
                wall = time.perf_counter() - t0
            await http.aclose()
            return n, wall, pages - base_pages, base

        n, wall, fetched, base = asyncio.run(main())
    else:
        http = httpx.Client(event_hooks={"request": [count]})
        with FinaticServerClient(API_KEY, base_url=url, http_client=http) as client:
            client.start_session(user_id=USER_ID)
            client.get_orders(per_page=1)
            base_pages, base = pages, _rss_kb()
            t0 = time.perf_counter()
            c0[0] = time.process_time()
            n = sum(1 for _ in client.iter_orders()) if mode == "sync_iter" else len(client.get_all_orders())
            wall = time.perf_counter() - t0
            fetched = pages - base_pages
        http.close()
    cpu = time.process_time() - c0[0]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "items": n,
        "pages": fetched,
        "wall": wall,
        "cpu": cpu,
        "rss_growth_mb": max(peak - base, 0) / 1024,
    }


def _case(url: str, mode: str, per_page: int) -> dict[str, object]:
    out = subprocess.run(
        [PY, __file__, "--worker", url, mode, str(per_page)], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def run() -> dict[str, object]:
    from finatic_server.core.pagination import ITERATION_PER_PAGE

    rows = []
    best: dict[int, tuple[float, int]] = {}
    worst_iter_rss = 0.0
    for size in SIZES:
        with sandbox(orders=size) as url:
            cases = [("sync_iter", p) for p in PAGE_SIZES]
            cases += [("async_iter", ITERATION_PER_PAGE), ("sync_all", ITERATION_PER_PAGE)]
            cases += [("async_all", ITERATION_PER_PAGE)]
            for mode, per_page in cases:
                runs = [_case(url, mode, per_page) for _ in range(REPEATS if mode == "sync_iter" else 1)]
                assert all(r["items"] == size for r in runs), runs
                r = runs[0]
                wall = sorted(float(r["wall"]) for r in runs)[len(runs) // 2]  # type: ignore[arg-type]
                rss = max(float(r["rss_growth_mb"]) for r in runs)  # type: ignore[arg-type]
                cpu = sorted(float(r["cpu"]) for r in runs)[len(runs) // 2]  # type: ignore[arg-type]
                if mode.endswith("iter"):
                    worst_iter_rss = max(worst_iter_rss, rss) if size == max(SIZES) else worst_iter_rss
                if mode == "sync_iter" and (size not in best or wall < best[size][0]):
                    best[size] = (wall, per_page)
                method = "iter_orders" if mode.endswith("iter") else "get_all_orders"
                rows.append(
                    [
                        f"{size:,}",
                        method,
                        mode.split("_")[0],
                        per_page,
                        r["pages"],
                        f"{wall:.2f}",
                        f"{size / wall:,.0f}",
                        f"{cpu:.2f}",
                        f"{wall + int(r['pages']) * RTT:.1f}",  # type: ignore[call-overload]
                        f"{rss:.1f}",
                    ]
                )
    fastest = ", ".join(f"{size:,} orders: per_page={p}" for size, (_, p) in best.items())
    return {
        "title": "2. All pages: iter_orders / get_all_orders",
        "columns": [
            "orders",
            "method",
            "client",
            "page size",
            "pages fetched",
            "wall s",
            "orders/s",
            "client CPU s",
            f"est. wall s at {RTT * 1000:.0f} ms RTT",
            "peak RSS growth MB",
        ],
        "rows": rows,
        "targets": [
            f"2. Peak RSS growth iterating 100,000 orders < {RSS_TARGET_MB:.0f} MB: "
            f"worst {worst_iter_rss:.1f} MB "
            f"over every page size -- {'met' if worst_iter_rss < RSS_TARGET_MB else 'missed'}"
        ],
        "notes": [
            f"Sync iter_orders rows: median wall of {REPEATS} fresh processes, max RSS growth; other rows: "
            "one process. "
            "Each row is a fresh subprocess (RSS growth = peak RSS at the end minus RSS after the session "
            "started and the models were imported); pages counted by an httpx request hook.",
            f"Fastest sync iteration page size: {fastest}. The default ITERATION_PER_PAGE is "
            f"{ITERATION_PER_PAGE}.",
            f"Largest peak RSS growth while iterating 100,000 orders: {worst_iter_rss:.1f} MB (target < "
            f"{RSS_TARGET_MB:.0f} MB: {'met' if worst_iter_rss < RSS_TARGET_MB else 'missed'}). "
            "get_all_orders keeps every order in a list, so its memory grows with the result by design.",
        ],
    }


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        print(json.dumps(worker(sys.argv[2], sys.argv[3], int(sys.argv[4]))))
    else:
        emit(run())

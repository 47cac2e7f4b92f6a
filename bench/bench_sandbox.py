"""Sandbox throughput for a 100-order page: raw httpx clients (each in its own process, so the client side
is not one GIL) hammering ``GET /brokers/data/orders?limit=100`` for a fixed time."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import PY, emit, sandbox, session_token

DURATION = 3.0
CLIENTS = (1, 2, 4)


def worker(url: str, headers_json: str, duration: float) -> dict[str, float]:
    import httpx

    headers = json.loads(headers_json)
    n = 0
    with httpx.Client(headers=headers) as http:
        orders = f"{url}/api/v1/brokers/data/orders"
        http.get(orders, params={"limit": 100, "offset": 0}).raise_for_status()
        t0 = time.perf_counter()
        end = t0 + duration
        while time.perf_counter() < end:
            r = http.get(orders, params={"limit": 100, "offset": (n % 50) * 100})
            r.raise_for_status()
            n += 1
        wall = time.perf_counter() - t0
    return {"requests": n, "wall": wall}


def startup_seconds(orders: int) -> float:
    """Wall time of ``Sandbox(orders=N).start()`` in a fresh process (data generation included)."""
    code = (
        "import time; t = time.perf_counter()\n"
        "from finatic_server.sandbox import Sandbox\n"
        f"box = Sandbox(orders={orders}).start(); print(time.perf_counter() - t); box.stop()"
    )
    out = subprocess.run([PY, "-c", code], capture_output=True, text=True, check=True).stdout
    return float(out.strip().splitlines()[-1])


def run() -> dict[str, object]:
    startup = {n: startup_seconds(n) for n in (2_000, 100_000)}
    rows = []
    with sandbox(orders=10_000) as url:
        headers = json.dumps(session_token(url))
        for clients in CLIENTS:
            procs = [
                subprocess.Popen(
                    [PY, __file__, "--worker", url, headers, str(DURATION)], stdout=subprocess.PIPE, text=True
                )
                for _ in range(clients)
            ]
            results = [json.loads(p.communicate()[0].strip().splitlines()[-1]) for p in procs]
            total = sum(r["requests"] for r in results)
            wall = max(r["wall"] for r in results)
            rate = total / wall
            rows.append([clients, total, f"{wall:.1f}", f"{rate:,.0f}", f"{1000 / rate:.2f}"])
    return {
        "title": "5. Sandbox throughput: GET /brokers/data/orders?limit=100 (raw httpx, keep-alive)",
        "columns": ["client processes", "requests", "wall s", "requests/s", "ms per request (1 / rate)"],
        "rows": rows,
        "notes": [
            "Start-up (fresh process, import and data generation included): "
            + ", ".join(f"{n:,} orders {sec:.1f} s" for n, sec in startup.items())
            + ".",
            "Each client is a separate process doing sequential requests on one keep-alive connection. "
            "Throughput that no longer rises with more clients is the server's (one uvicorn worker) limit "
            "on this machine.",
        ],
    }


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        print(json.dumps(worker(sys.argv[2], sys.argv[3], float(sys.argv[4]))))
    else:
        emit(run())

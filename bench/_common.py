"""Shared helpers of the benchmarks: the sandbox as a subprocess, statistics, result files."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
API_KEY = "sk_sandbox_bench"
USER_ID = "user123"


@contextmanager
def sandbox(orders: int = 10_000) -> Iterator[str]:
    """Run ``python -m finatic_server.sandbox`` in its own process (its own GIL); yield its base URL."""
    proc = subprocess.Popen(
        [PY, "-m", "finatic_server.sandbox", "--port", "0", "--orders", str(orders)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        if "listening on" not in line:
            raise RuntimeError(f"sandbox did not start: {line!r} {proc.stderr.read() if proc.stderr else ''}")
        yield line.rsplit(" ", 1)[-1].strip()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def p90(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]


def session_token(url: str) -> dict[str, str]:
    """The headers the SDK sends on a data call, taken from a real session (bearer token included)."""
    from finatic_server import FinaticServerClient

    with FinaticServerClient(API_KEY, base_url=url) as client:
        client.start_session(user_id=USER_ID)
        headers = dict(client._http_client().headers)
        headers.update(client._state.headers_for("/brokers/data/orders"))
        headers.pop("host", None)
        return headers


def emit(result: dict[str, Any]) -> None:
    """Print a result (a title, column names, rows, notes) as a table, and write it as JSON if asked."""
    print(f"\n## {result['title']}")
    print(" | ".join(result["columns"]))
    for row in result["rows"]:
        print(" | ".join(str(cell) for cell in row))
    for note in result.get("notes", []):
        print(f"- {note}")
    out = os.environ.get("BENCH_JSON")
    if out:
        Path(out).write_text(json.dumps(result))


def timer() -> float:
    return time.perf_counter()

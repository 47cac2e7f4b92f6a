"""Run every benchmark (each in its own process) and rewrite BENCHMARKS.md: ``make bench``."""

from __future__ import annotations

import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
SCRIPTS = [
    "bench_overhead.py",
    "bench_pages.py",
    "bench_concurrency.py",
    "bench_import.py",
    "bench_sandbox.py",
    "bench_codegen.py",
]
COMMAND = "make bench"  # = .venv/bin/python bench/run_all.py


def _machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import httpx
    import pydantic

    return (
        f"{os.cpu_count()} CPUs (`nproc` = {len(os.sched_getaffinity(0))}), {cpu}; "
        f"{platform.system()} {platform.release()}; Python {platform.python_version()} "
        f"({platform.python_implementation()}); httpx {httpx.__version__}, pydantic {pydantic.__version__}"
    )


def _table(result: dict[str, Any]) -> list[str]:
    lines = [f"## {result['title']}", ""]
    lines.append("| " + " | ".join(result["columns"]) + " |")
    lines.append("|" + "|".join("---" for _ in result["columns"]) + "|")
    for row in result["rows"]:
        lines.append("| " + " | ".join(str(cell) for cell in row) + " |")
    lines.append("")
    lines += [f"- {note}" for note in result.get("notes", [])]
    lines.append("")
    return lines


def main() -> int:
    started = time.perf_counter()
    results = []
    failed = []
    for script in SCRIPTS:
        print(f"== {script}", flush=True)
        with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as out:
            path = out.name
        try:
            env = {**os.environ, "BENCH_JSON": path}
            code = subprocess.run([sys.executable, str(BENCH / script)], cwd=ROOT, env=env).returncode
            if code == 0:
                results.append(json.loads(Path(path).read_text()))
            else:
                failed.append(f"{script} exited {code}")
        finally:
            Path(path).unlink(missing_ok=True)
    total = time.perf_counter() - started
    notes = (BENCH / "NOTES.md").read_text() if (BENCH / "NOTES.md").exists() else ""
    lines = [
        "# Benchmarks",
        "",
        f"Produced by `{COMMAND}` (`.venv/bin/python bench/run_all.py`, which rewrites this file) on "
        f"{datetime.date.today().isoformat()}, in {total:.0f} s.",
        "",
        f"Machine: {_machine()}.",
        "",
        "Every benchmark starts the sandbox as a separate process "
        "(`python -m finatic_server.sandbox --port 0 "
        "--orders N`), so the server never shares the GIL with the client being measured; but client and "
        "server share the machine's cores. Ratios are measured within one run, side by side, because "
        "absolute times on a shared machine drift from run to run.",
        "",
        "## Targets",
        "",
    ]
    for result in results:
        lines += [f"- {target}" for target in result.get("targets", [])]
    lines += [f"- FAILED: {failure}" for failure in failed]
    lines.append("")
    for result in results:
        lines += _table(result)
    if notes:
        lines += [notes.rstrip(), ""]
    (ROOT / "BENCHMARKS.md").write_text("\n".join(lines))
    print(f"\nwrote BENCHMARKS.md in {total:.0f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

"""Codegen: wall time of the generator, without touching the working tree: the API client generated into
a temporary directory (``--spec --output``), and ``--check`` (the client and the unasync step regenerated
into temporary directories and compared with the committed output: everything ``make regen`` does except
writing)."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import PY, ROOT, emit, median

RUNS = 3


def _time(args: list[str]) -> tuple[float, int]:
    t0 = time.perf_counter()
    done = subprocess.run([PY, "codegen.py", *args], cwd=ROOT, capture_output=True, text=True)
    return time.perf_counter() - t0, done.returncode


def run() -> dict[str, object]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="finatic-bench-codegen-") as tmp:
        out = str(Path(tmp) / "finatic_api_client")
        commands = {
            "python codegen.py --spec spec/openapi.yaml --output <tmp>": [
                "--spec",
                "spec/openapi.yaml",
                "--output",
                out,
            ],
            "python codegen.py --check (client + unasync, compared)": ["--check"],
        }
        for name, args in commands.items():
            walls, codes = [], []
            for _ in range(RUNS):
                wall, code = _time(args)
                walls.append(wall)
                codes.append(code)
            rows.append(
                [
                    name,
                    f"{median(walls):.2f}",
                    f"{min(walls):.2f}",
                    f"{max(walls):.2f}",
                    "clean" if not any(codes) else f"exit {codes}",
                ]
            )
    files = sum(1 for _ in (ROOT / "generated" / "finatic_api_client").rglob("*.py"))
    return {
        "title": "6. Codegen (what `make regen` runs, into temporary directories)",
        "columns": ["command", f"median s ({RUNS} runs)", "min s", "max s", "result"],
        "rows": rows,
        "notes": [
            f"The generated package has {files} Python files; most of the time is openapi-python-client "
            "itself and the ruff passes (subprocesses).",
            "`--check` exits non-zero when the committed output differs (e.g. while someone edits "
            "_async/ without regenerating); the time is the same either way.",
        ],
    }


if __name__ == "__main__":
    emit(run())

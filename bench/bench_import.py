"""Import time: ``import finatic_server`` (and ``from finatic_server import FinaticServerClient``) versus
``import httpx, pydantic``, each in a fresh interpreter, interleaved, many runs."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import PY, ROOT, emit, median

RUNS = 30
CASES = {
    "import httpx, pydantic": "import httpx, pydantic",
    "import finatic_server": "import finatic_server",
    "from finatic_server import FinaticServerClient": "from finatic_server import FinaticServerClient",
    "from finatic_server import AsyncFinaticServerClient": (
        "from finatic_server import AsyncFinaticServerClient"
    ),
    "import httpx, pydantic + one BaseModel subclass": (
        "import httpx, pydantic\nclass M(pydantic.BaseModel):\n    x: int"
    ),
}
BASELINE = "import httpx, pydantic"
TARGET = 1.3


def _once(code: str) -> float:
    t0 = time.perf_counter()
    subprocess.run([PY, "-c", code], check=True, cwd=ROOT)
    return time.perf_counter() - t0


def run() -> dict[str, object]:
    _once("pass")
    times: dict[str, list[float]] = {name: [] for name in CASES}
    empty: list[float] = []
    for _ in range(RUNS):
        empty.append(_once("pass"))
        for name, code in CASES.items():
            times[name].append(_once(code))
    base = median(times[BASELINE]) - median(empty)
    targets = []
    rows = [["python -c pass (interpreter start)", f"{median(empty) * 1e3:.1f}", "", "", "", ""]]
    for name in CASES:
        total = median(times[name])
        own = total - median(empty)
        ratio = own / base
        target = ""
        whole = total / median(times[BASELINE])
        if name == "import finatic_server":
            worst = max(ratio, whole)
            target = "met" if worst <= TARGET else f"missed by {worst - TARGET:.2f}"
            targets.append(
                f"4. import finatic_server / import httpx, pydantic <= {TARGET}: "
                f"{whole:.2f} (whole process), {ratio:.2f} (beyond interpreter start) -- {target}"
            )
        if name == "from finatic_server import FinaticServerClient":
            targets.append(
                f"4. (for information) {name}: {whole:.2f}x `import httpx, pydantic` (whole process), "
                f"{whole - TARGET:+.2f} against 1.3; pydantic building its first model class accounts for "
                "most of it (see the table)"
            )
        rows.append([name, f"{total * 1e3:.1f}", f"{own * 1e3:.1f}", f"{whole:.2f}", f"{ratio:.2f}", target])
    modules = subprocess.run(
        [
            PY,
            "-c",
            "import sys; import httpx; print(int('rich' in sys.modules), int('click' in sys.modules))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return {
        "title": "4. Import time (fresh interpreter per run)",
        "columns": [
            "command",
            "median ms (whole process)",
            "median ms minus interpreter start",
            "ratio (whole process)",
            "ratio (minus interpreter start)",
            f"target import finatic_server <= {TARGET}",
        ],
        "rows": rows,
        "targets": targets,
        "notes": [
            f"{RUNS} interleaved runs per command; the ratio compares the time on top of a bare interpreter "
            "start (`python -c pass`).",
            "The first pydantic.BaseModel subclass loads pydantic's schema machinery (pydantic.fields, "
            "_generate_schema, _model_construction...), which `import pydantic` alone (lazy) does not: the "
            "last row shows that cost without any SDK code.",
            "httpx imports `rich` and `click` eagerly when they are installed (its CLI); in this dev venv "
            f"they are (rich={modules[0]}, click={modules[1]} after `import httpx`), so both sides pay for "
            "them.",
        ],
    }


if __name__ == "__main__":
    emit(run())

"""`make demo`: the quick start with both clients against the sandbox, readable and free of secrets."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_demo_runs_the_quick_start_with_both_clients_and_prints_no_secret() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "demo.py")],
        capture_output=True,
        text=True,
        timeout=300,
        env={"PATH": "/usr/bin:/bin", "FINATIC_DEMO_BROWSER": ""},
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for script in ("quickstart_sync.py", "quickstart_async.py"):
        section = out.split(f"== examples/{script}")[1].split("== examples/")[0]
        assert "Authenticated user: user123" in section
        assert re.search(r"Available brokers: [1-9]\d*", section)
        assert re.search(r"Total orders: \d{4,}", section)
        assert re.search(r"Placed market order \S+: filled", section)
        assert re.search(r"in the order list: buy 10 AAPL -> filled", section)
        assert re.search(r"Cancelled limit order \S+: cancelled", section)
    assert "sk_sandbox" not in out + result.stderr
    assert "Traceback" not in result.stderr

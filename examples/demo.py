"""`make demo`: start the embedded sandbox, run both quick starts against it, stop it.

Set FINATIC_DEMO_BROWSER=1 (``make demo BROWSER=1``) to complete the portal yourself in a browser.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from finatic_server.sandbox import Sandbox

HERE = Path(__file__).parent
# Any key of this form is valid in the sandbox; it is a secret all the same, so it is never printed.
SANDBOX_API_KEY = "sk_sandbox_demo"


def main() -> int:
    with Sandbox() as url:
        print(f"Finatic sandbox running at {url}\n", flush=True)
        env = {**os.environ, "FINATIC_BASE_URL": url, "FINATIC_API_KEY": SANDBOX_API_KEY}
        for script in ("quickstart_sync.py", "quickstart_async.py"):
            print(f"== examples/{script}", flush=True)
            result = subprocess.run([sys.executable, str(HERE / script)], env=env, check=False)
            if result.returncode != 0:
                print(f"examples/{script} failed with exit code {result.returncode}", file=sys.stderr)
                return result.returncode
            print(flush=True)
    print("Demo finished: both clients ran the quick start against the sandbox.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Shared helpers for the conformance tests: the tools the Makefile installs, and raw-HTTP sessions.

The external tools (Prism from npm in ``.tools/``, Debian's ``chromium``) are installed by ``make test``
(targets ``prism`` and ``chromium``). Run outside make without them, their tests skip and say how to
install them; with ``FINATIC_REQUIRE_TOOLS=1`` (set by ``make test``) a missing tool is a failure instead.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "spec" / "openapi.yaml"
PRISM = Path(os.environ.get("FINATIC_PRISM", ROOT / ".tools" / "prism" / "node_modules" / ".bin" / "prism"))
CHROMIUM = Path(os.environ.get("FINATIC_CHROMIUM", "/usr/bin/chromium"))
API_KEY = "sk_sandbox_x"
USER_ID = "user123"


def require_tool(path: Path, make_target: str) -> Path:
    """``path`` if it is an executable; otherwise skip (or fail under ``make test``)."""
    if path.is_file() and os.access(path, os.X_OK):
        return path
    found = shutil.which(path.name) if not path.is_absolute() else None
    if found:
        return Path(found)
    message = f"{path} is missing: run `make {make_target}` (make test installs it)"
    if os.environ.get("FINATIC_REQUIRE_TOOLS") == "1":
        pytest.fail(message)
    pytest.skip(message)


@dataclass
class RawSession:
    """A session started over raw HTTP: the headers every later call needs."""

    session_id: str
    company_id: str
    access_token: str
    refresh_token: str

    @property
    def headers(self) -> dict[str, str]:
        return {
            "X-Session-ID": self.session_id,
            "Session-ID": self.session_id,
            "X-Company-ID": self.company_id,
            "Authorization": f"Bearer {self.access_token}",
        }


def one_time_token(api_url: str, api_key: str = API_KEY) -> str:
    response = httpx.post(f"{api_url}/session/init", headers={"X-API-Key": api_key}, timeout=10)
    response.raise_for_status()
    token: str = response.json()["data"]["one_time_token"]
    return token


def raw_session(api_url: str, api_key: str = API_KEY) -> RawSession:
    """init, start with ``user123`` (direct auth) and fetch the tokens."""
    start = httpx.post(
        f"{api_url}/session/start",
        json={"user_id": USER_ID},
        headers={"One-Time-Token": one_time_token(api_url, api_key)},
        timeout=10,
    )
    start.raise_for_status()
    data = start.json()["data"]
    headers = {
        "X-Session-ID": data["session_id"],
        "Session-ID": data["session_id"],
        "X-Company-ID": data["company_id"],
    }
    user = httpx.get(f"{api_url}/session/{data['session_id']}/user", headers=headers, timeout=10)
    user.raise_for_status()
    tokens = user.json()["data"]
    return RawSession(data["session_id"], data["company_id"], tokens["access_token"], tokens["refresh_token"])

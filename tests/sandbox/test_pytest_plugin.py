"""The pytest plugin users enable with ``pytest_plugins = ["finatic_server.sandbox.pytest_plugin"]``."""

from __future__ import annotations

import httpx

from finatic_server.sandbox import Sandbox
from finatic_server.sandbox.pytest_plugin import finatic_sandbox, finatic_sandbox_config, finatic_sandbox_url

__all__ = ["finatic_sandbox", "finatic_sandbox_config", "finatic_sandbox_url"]


def test_the_fixtures_give_a_running_sandbox_and_its_url(
    finatic_sandbox: Sandbox, finatic_sandbox_url: str
) -> None:
    assert finatic_sandbox.running and finatic_sandbox_url == finatic_sandbox.url
    assert httpx.get(f"{finatic_sandbox_url}/api/v1/brokers/").status_code == 200

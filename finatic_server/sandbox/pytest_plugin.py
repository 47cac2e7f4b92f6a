"""Pytest fixtures for testing your own code against the sandbox.

In a ``conftest.py``::

    pytest_plugins = ["finatic_server.sandbox.pytest_plugin"]

    def test_orders(finatic_sandbox_url):
        client = FinaticServerClient("sk_sandbox_test", base_url=finatic_sandbox_url)
        ...

Override ``finatic_sandbox_config`` (session scope) to change the data set, token lifetimes or faults.
The sandbox is shared by the whole test session: state changes (placed orders) are visible across tests.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .config import SandboxConfig
from .server import Sandbox

__all__ = ["finatic_sandbox", "finatic_sandbox_config", "finatic_sandbox_url"]


@pytest.fixture(scope="session")
def finatic_sandbox_config() -> SandboxConfig:
    """The configuration of the session's sandbox (override this fixture to change it)."""
    return SandboxConfig()


@pytest.fixture(scope="session")
def finatic_sandbox(finatic_sandbox_config: SandboxConfig) -> Iterator[Sandbox]:
    """A running :class:`Sandbox` on a free port, stopped at the end of the test session."""
    sandbox = Sandbox(finatic_sandbox_config)
    sandbox.start()
    try:
        yield sandbox
    finally:
        sandbox.stop()


@pytest.fixture(scope="session")
def finatic_sandbox_url(finatic_sandbox: Sandbox) -> str:
    """The sandbox's base URL, ``http://127.0.0.1:PORT`` (the SDK adds ``/api/v1``)."""
    return finatic_sandbox.url

"""Shared pieces of the reliability tests: fast backoff, and async code run from synchronous tests."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import anyio
import pytest

T = TypeVar("T")
SANDBOX_KEY = "sk_sandbox_reliability"


@pytest.fixture
def fast_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the real retry loop (and its sleeps) but make the exponential backoff tiny."""
    import finatic_server.core.retry as retry

    monkeypatch.setattr(retry, "INITIAL_BACKOFF_SECONDS", 0.001)
    monkeypatch.setattr(retry, "MAX_BACKOFF_SECONDS", 0.004)


def run_async(function: Callable[..., Awaitable[T]], *args: Any) -> T:
    return anyio.run(function, *args)

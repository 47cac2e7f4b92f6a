"""Configuration of the sandbox server: data size, token lifetimes and fault injection."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

__all__ = ["FaultConfig", "SandboxConfig"]


@dataclass(frozen=True)
class FaultConfig:
    """Seeded fault injection for ``/api/v1/*`` requests.

    Each rate is a probability in ``[0, 1]`` drawn per request from one ``random.Random(seed)``, so a run
    with the same seed and the same request sequence fails in exactly the same places.
    """

    rate_429: float = 0.0
    """429 ``RATE_LIMITED`` with a ``Retry-After`` header of ``retry_after`` seconds."""
    rate_5xx: float = 0.0
    """500, 502 or 503 (chosen at random)."""
    rate_drop: float = 0.0
    """The response starts, then the connection is dropped: the client sees an incomplete response."""
    rate_slow: float = 0.0
    """The request is delayed by ``slow_seconds`` before it is handled."""
    slow_seconds: float = 2.0
    retry_after: float = 1.0
    seed: int = 0

    def __post_init__(self) -> None:
        for name in ("rate_429", "rate_5xx", "rate_drop", "rate_slow"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must be between 0 and 1, got {value!r}")
        if self.rate_429 + self.rate_5xx + self.rate_drop > 1.0:
            raise ValueError("rate_429 + rate_5xx + rate_drop must not exceed 1")
        if self.slow_seconds < 0 or self.retry_after < 0:
            raise ValueError("slow_seconds and retry_after must not be negative")

    @property
    def active(self) -> bool:
        return any((self.rate_429, self.rate_5xx, self.rate_drop, self.rate_slow))


@dataclass(frozen=True)
class SandboxConfig:
    """What the sandbox serves: the seeded data set, token lifetimes (seconds) and optional faults."""

    seed: int = 42
    orders: int = 2000
    access_token_ttl: float = 3600.0
    session_ttl: float = 86400.0
    one_time_token_ttl: float = 300.0
    faults: FaultConfig | None = None

    def __post_init__(self) -> None:
        if self.orders < 0:
            raise ValueError(f"orders must not be negative, got {self.orders!r}")
        for name in ("access_token_ttl", "session_ttl", "one_time_token_ttl"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive")

    def with_overrides(self, **overrides: Any) -> SandboxConfig:
        """A copy with some fields replaced; unknown names raise ``TypeError`` naming them."""
        known = {f.name for f in fields(self)}
        unknown = sorted(set(overrides) - known)
        if unknown:
            raise TypeError(f"unknown SandboxConfig field(s): {', '.join(unknown)}")
        return replace(self, **overrides)

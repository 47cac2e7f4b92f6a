"""The live state of one sandbox: companies, sessions and tokens, the data set, and what tests inspect."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from .config import SandboxConfig
from .data import Dataset, build_dataset

__all__ = ["Company", "Grant", "HeaderRecord", "OneTimeToken", "SandboxState", "Session"]

SECRET_HEADERS = frozenset({"x-api-key", "one-time-token", "authorization", "x-csrf-token", "cookie"})


@dataclass
class Company:
    id: str
    trading_enabled: bool = True
    has_access: bool = True
    removed_connections: set[str] = field(default_factory=set)


@dataclass
class OneTimeToken:
    company_id: str
    expires_at: float
    used: bool = False


@dataclass
class Session:
    id: str
    company_id: str
    created_at: float
    expires_at: float
    portal_id: str
    csrf_token: str
    status: str = "pending"
    user_id: str | None = None


@dataclass
class Grant:
    """An access or refresh token: which session it belongs to and until when it is valid."""

    session_id: str
    expires_at: float


class HeaderRecord(dict[str, str]):
    """The headers of one request (lower-case names). Its repr hides secret values."""

    def __repr__(self) -> str:
        shown = {k: ("<redacted>" if k in SECRET_HEADERS else v) for k, v in self.items()}
        return f"HeaderRecord({shown!r})"

    __str__ = __repr__


class SandboxState:
    """Everything one running sandbox knows. Tests read ``request_counts`` and ``last_headers``:

    - ``request_counts["POST /company/auth/refresh"]`` counts requests per endpoint (method and route
      path without ``/api/v1``, path parameters as ``{name}``);
    - ``last_headers["POST /brokers/orders"]`` holds the headers of the latest such request.
    """

    def __init__(self, config: SandboxConfig, clock: Callable[[], float] = time.time) -> None:
        self.config = config
        self.clock = clock
        self.data: Dataset = build_dataset(config.seed, config.orders)
        self.companies: dict[str, Company] = {}
        self.one_time_tokens: dict[str, OneTimeToken] = {}
        self.sessions: dict[str, Session] = {}
        self.sessions_by_portal: dict[str, Session] = {}
        self.access_tokens: dict[str, Grant] = {}
        self.refresh_tokens: dict[str, Grant] = {}
        self.idempotency: dict[tuple[str, str], tuple[int, bytes]] = {}
        self.idempotency_fingerprints: dict[tuple[str, str], str] = {}
        self.request_counts: Counter[str] = Counter()
        self.last_headers: dict[str, HeaderRecord] = {}
        self.lock = threading.RLock()

    def record(self, endpoint: str, headers: HeaderRecord) -> None:
        self.request_counts[endpoint] += 1
        self.last_headers[endpoint] = headers

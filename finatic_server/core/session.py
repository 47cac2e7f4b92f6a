"""Session and token state, and the httpx auth flow that turns it into request headers."""

from __future__ import annotations

import time
from collections.abc import Generator
from dataclasses import dataclass, field
from datetime import UTC, datetime

import httpx

# Refresh the access token this long before it expires (at most a tenth of its lifetime), so a request
# never races the expiry.
REFRESH_MARGIN_SECONDS = 60.0

# The two endpoints that happen before a session exists never carry session headers.
_PRE_SESSION_PATHS = ("/session/init", "/session/start")


@dataclass(slots=True)
class Tokens:
    access_token: str
    refresh_token: str | None
    # time.monotonic() moment to refresh at (immune to wall-clock jumps); None when the lifetime is unknown.
    refresh_at: float | None

    @classmethod
    def issued(cls, access_token: str, refresh_token: str | None, lifetime: float | None) -> Tokens:
        return cls(access_token, refresh_token, refresh_deadline(lifetime))

    def needs_refresh(self, now: float | None = None) -> bool:
        if self.refresh_at is None or not self.refresh_token:
            return False
        return (time.monotonic() if now is None else now) >= self.refresh_at

    def __repr__(self) -> str:  # never show the secrets
        return f"Tokens(access_token='***', refresh_token='***', refresh_at={self.refresh_at!r})"


@dataclass(slots=True)
class SessionState:
    """What the SDK knows about the current session. Shared by a client and its ``with_options`` copies."""

    device_info_header: str | None = None
    session_id: str | None = None
    company_id: str | None = None
    user_id: str | None = None
    csrf_token: str | None = field(default=None, repr=False)
    tokens: Tokens | None = field(default=None, repr=False)

    def start(self, *, session_id: str, company_id: str, csrf_token: str | None) -> None:
        """A new session replaces the old one entirely: user and tokens belong to the old session."""
        self.session_id = session_id
        self.company_id = company_id
        self.csrf_token = csrf_token or None
        self.user_id = None
        self.tokens = None

    @property
    def is_authenticated(self) -> bool:
        return self.session_id is not None and self.user_id is not None and self.tokens is not None

    def headers_for(self, path: str) -> dict[str, str]:
        headers: dict[str, str] = {}
        if self.device_info_header:
            headers["X-Device-Info"] = self.device_info_header
        if path.endswith(_PRE_SESSION_PATHS):
            return headers
        if self.session_id:
            headers["X-Session-ID"] = self.session_id
            headers["Session-ID"] = self.session_id
        if self.company_id:
            headers["X-Company-ID"] = self.company_id
        if self.csrf_token:
            headers["X-CSRF-Token"] = self.csrf_token
        if self.tokens is not None and self.tokens.access_token:
            headers["Authorization"] = f"Bearer {self.tokens.access_token}"
        return headers


class SessionAuth(httpx.Auth):
    """Adds the session headers to each request from the live state (no I/O, so one flow serves both
    the sync and the async client)."""

    def __init__(self, state: SessionState) -> None:
        self._state = state

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        for name, value in self._state.headers_for(request.url.path).items():
            request.headers[name] = value
        yield request

    def __repr__(self) -> str:
        return "SessionAuth(<redacted>)"


def refresh_deadline(lifetime: float | None, now: float | None = None) -> float | None:
    if lifetime is None:
        return None
    lifetime = max(float(lifetime), 0.0)
    return (time.monotonic() if now is None else now) + lifetime - min(REFRESH_MARGIN_SECONDS, lifetime / 10)


def seconds_until(moment: datetime | None) -> float | None:
    """Lifetime of a token from its absolute expiry time (naive times are taken as UTC)."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return (moment - datetime.now(UTC)).total_seconds()

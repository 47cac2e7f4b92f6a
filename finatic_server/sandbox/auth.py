"""Who is calling: API keys to companies, one-time tokens, sessions and bearer tokens."""

from __future__ import annotations

from collections.abc import Mapping

from .errors import ApiError, Code
from .ids import opaque_token, stable_uuid
from .state import Company, Grant, SandboxState, Session

__all__ = [
    "API_KEY_PREFIX",
    "company_for_api_key",
    "issue_token_pair",
    "require_session",
    "require_user",
    "session_for_id",
]

API_KEY_PREFIX = "sk_sandbox_"
NO_TRADING_KEY = "sk_sandbox_no_trading"
NO_ACCESS_KEY = "sk_sandbox_no_access"


def company_for_api_key(state: SandboxState, api_key: str | None) -> Company:
    """``sk_sandbox_<anything>`` is a company (its id derived from the key); anything else is 401."""
    key = (api_key or "").strip()
    if not key.startswith(API_KEY_PREFIX) or len(key) == len(API_KEY_PREFIX):
        raise ApiError(401, Code.INVALID_API_KEY, "Invalid API key")
    company_id = stable_uuid(f"company:{key}")
    company = state.companies.get(company_id)
    if company is None:
        company = Company(company_id, trading_enabled=key != NO_TRADING_KEY, has_access=key != NO_ACCESS_KEY)
        state.companies[company_id] = company
    return company


def session_for_id(state: SandboxState, session_id: str | None) -> Session:
    if not session_id:
        raise ApiError(401, Code.INVALID_SESSION, "A session id is required (X-Session-ID header)")
    session = state.sessions.get(session_id)
    if session is None:
        raise ApiError(401, Code.INVALID_SESSION, "Unknown session")
    if state.clock() >= session.expires_at:
        session.status = "expired"
        raise ApiError(401, Code.SESSION_EXPIRED, "The session has expired; start a new one")
    return session


def require_session(state: SandboxState, headers: Mapping[str, str]) -> Session:
    """The session named by ``X-Session-ID`` and ``Session-ID`` (the spec requires both, with the same
    value), with a matching ``X-Company-ID``."""
    session_id, legacy = headers.get("x-session-id"), headers.get("session-id")
    if not session_id or not legacy:
        raise ApiError(
            401, Code.INVALID_SESSION, "The session id is required in both X-Session-ID and Session-ID"
        )
    if session_id != legacy:
        raise ApiError(401, Code.INVALID_SESSION, "X-Session-ID and Session-ID name different sessions")
    session = session_for_id(state, session_id)
    if headers.get("x-company-id") != session.company_id:
        raise ApiError(401, Code.INVALID_COMPANY_ID, "X-Company-ID is missing or does not match the session")
    return session


def require_user(state: SandboxState, headers: Mapping[str, str]) -> tuple[Session, Company]:
    """A session bound to a user, with a valid bearer token issued for it."""
    session = require_session(state, headers)
    if session.user_id is None:
        raise ApiError(401, Code.SESSION_NOT_AUTHENTICATED, "The session is not authenticated yet")
    auth = headers.get("authorization", "")
    scheme, _, token = auth.partition(" ")
    grant = state.access_tokens.get(token.strip()) if scheme.lower() == "bearer" else None
    if grant is None or grant.session_id != session.id:
        raise ApiError(401, Code.INVALID_TOKEN, "A valid bearer access token is required")
    if state.clock() >= grant.expires_at:
        raise ApiError(401, Code.TOKEN_EXPIRED, "The access token has expired; refresh it")
    return session, state.companies[session.company_id]


def issue_token_pair(state: SandboxState, session: Session) -> tuple[str, str, float]:
    """A fresh access and refresh token for the session: ``(access, refresh, access_expires_at)``."""
    now = state.clock()
    access = opaque_token("sbx_at_")
    refresh = opaque_token("sbx_rt_")
    expires_at = now + state.config.access_token_ttl
    state.access_tokens[access] = Grant(session.id, expires_at)
    state.refresh_tokens[refresh] = Grant(session.id, session.expires_at)
    return access, refresh, expires_at

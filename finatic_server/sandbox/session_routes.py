"""Session endpoints: init, start, portal URL, the session's user, token refresh."""

from __future__ import annotations

import math

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .auth import company_for_api_key, issue_token_pair, require_session, session_for_id
from .data import USER_ID
from .errors import ApiError, Code
from .ids import opaque_token
from .records import iso, iso_ms
from .responses import payload_response, session_response
from .routing import api_route, read_json_object
from .state import Grant, OneTimeToken, SandboxState, Session

__all__ = ["session_routes"]

KNOWN_USERS = frozenset({USER_ID})
SCOPE = "api:access"


async def init_session(request: Request, state: SandboxState) -> Response:
    company = company_for_api_key(state, request.headers.get("x-api-key"))
    now = state.clock()
    token = opaque_token("ott_")
    expires_at = now + state.config.one_time_token_ttl
    state.one_time_tokens[token] = OneTimeToken(company.id, expires_at)
    return session_response(
        "Session initialized", {"one_time_token": token, "expires_at": iso_ms(expires_at)}
    )


async def start_session(request: Request, state: SandboxState) -> Response:
    now = state.clock()
    raw = (request.headers.get("one-time-token") or "").strip()
    token = state.one_time_tokens.get(raw)
    if token is None or token.used or now >= token.expires_at:
        raise ApiError(401, Code.INVALID_ONE_TIME_TOKEN, "The one-time token is invalid, used or expired")
    body = await read_json_object(request, required=False)
    user_id = body.get("user_id")
    if user_id is not None and not isinstance(user_id, str):
        raise ApiError(422, Code.VALIDATION_ERROR, "user_id must be a string")
    if user_id and user_id not in KNOWN_USERS:
        raise ApiError(404, Code.NOT_FOUND, "No such user for this company")
    token.used = True  # consumed only once a session exists
    session = Session(
        id=opaque_token("sess_", 18),
        company_id=token.company_id,
        created_at=now,
        expires_at=now + state.config.session_ttl,
        portal_id=opaque_token("", 18),
        csrf_token=opaque_token("csrf_", 18),
    )
    if user_id:
        session.user_id = user_id
        session.status = "active"
    state.sessions[session.id] = session
    state.sessions_by_portal[session.portal_id] = session
    return session_response(
        "Session started",
        {
            "session_id": session.id,
            "company_id": session.company_id,
            "status": session.status,
            "expires_at": iso(session.expires_at),
            "user_id": session.user_id,
            "auto_login": session.user_id is not None,
            "csrf_token": session.csrf_token,
        },
    )


async def portal_url(request: Request, state: SandboxState) -> Response:
    session = require_session(state, request.headers)
    base = str(request.base_url).rstrip("/")
    return session_response("Portal URL", {"portal_url": f"{base}/portal/{session.portal_id}"})


async def session_user(request: Request, state: SandboxState) -> Response:
    session = require_session(state, request.headers)
    if request.path_params["session_id"] != session.id:
        raise ApiError(401, Code.INVALID_SESSION, "The session in the path is not the one in X-Session-ID")
    if session.user_id is None:
        raise ApiError(401, Code.SESSION_NOT_AUTHENTICATED, "The user has not completed authentication yet")
    access, refresh, _ = issue_token_pair(state, session)
    return session_response(
        "Session user",
        {
            "user_id": session.user_id,
            "access_token": access,
            "refresh_token": refresh,
            "expires_in": _seconds(state.config.access_token_ttl),
            "token_type": "Bearer",
            "scope": SCOPE,
            "company_id": session.company_id,
        },
    )


async def refresh_token(request: Request, state: SandboxState) -> Response:
    body = await read_json_object(request)
    raw = body.get("refresh_token")
    if not isinstance(raw, str) or not raw:
        raise ApiError(422, Code.VALIDATION_ERROR, "refresh_token is required")
    grant: Grant | None = state.refresh_tokens.pop(raw, None)  # rotation: a refresh token works once
    if grant is None:
        raise ApiError(401, Code.INVALID_REFRESH_TOKEN, "The refresh token is invalid or was already used")
    session = session_for_id(state, grant.session_id)
    access, refresh, expires_at = issue_token_pair(state, session)
    return payload_response(
        "Token refreshed",
        {
            "access_token": access,
            "refresh_token": refresh,
            "expires_at": iso_ms(expires_at),
            "expires_in": _seconds(state.config.access_token_ttl),
            "token_type": "Bearer",
        },
    )


def _seconds(ttl: float) -> int:
    """``expires_in`` is whole seconds on the wire (rounded up: 0.5 s is 1)."""
    return math.ceil(ttl)


def session_routes(state: SandboxState) -> list[Route]:
    return [
        api_route(state, "POST", "/session/init", init_session),
        api_route(state, "POST", "/session/start", start_session),
        api_route(state, "GET", "/session/portal", portal_url),
        api_route(state, "GET", "/session/{session_id}/user", session_user),
        api_route(state, "POST", "/company/auth/refresh", refresh_token),
    ]

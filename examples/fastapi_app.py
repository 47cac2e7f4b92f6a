"""Finatic in FastAPI: the async client, created in the lifespan, one session per end user, injected.

    pip install fastapi uvicorn "finatic-server-python"
    FINATIC_API_KEY=sk_... uvicorn examples.fastapi_app:app

How app users map to Finatic sessions
-------------------------------------
An ``AsyncFinaticServerClient`` holds one Finatic session, and a session belongs to one end user. A web
app serves many users, so it keeps one client per end user (not one per request: a session costs three
API calls to start; not one for everybody: every user would see one user's data). ``FinaticSessions`` is
that registry: created in the lifespan, kept in ``app.state.finatic``, closed at shutdown, and handed to
the endpoints by dependency injection (``Depends(user_client)``).

- A new user: ``GET /finatic/connect`` starts a session and redirects to the Finatic portal;
  ``GET /finatic/callback`` waits for the portal to finish and answers with the Finatic user id. Store
  that id with your user.
- A user you already know (after a restart): ``await sessions.connect(app_user, finatic_user_id)`` starts
  a session with direct authentication (``start_session(user_id=...)``), no portal.
- ``await sessions.forget(app_user)`` on logout.

``app_user`` is a stand-in for your authentication dependency; here it reads an ``X-App-User`` header so
the example runs on its own.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, FastAPI, Header, HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse

from finatic_server import AsyncFinaticServerClient
from finatic_server.utils.errors import (
    ApiError,
    AuthenticationError,
    AuthorizationError,
    ConflictError,
    FinaticError,
    NotFoundError,
    OrderStateUnknownError,
    PortalTimeoutError,
    RateLimitError,
    TimeoutError,
    ValidationError,
)


class FinaticSessions:
    """One ``AsyncFinaticServerClient`` (one Finatic session) per end user of the app."""

    def __init__(self, api_key: str | None = None, base_url: str | None = None) -> None:
        self._api_key = api_key
        self._base_url = base_url
        self._clients: dict[str, AsyncFinaticServerClient] = {}

    async def start_portal(self, app_user: str, **portal_options: Any) -> str:
        """A new session for ``app_user`` (replacing any old one); returns the portal URL for them."""
        client = AsyncFinaticServerClient(self._api_key, base_url=self._base_url)
        try:
            await client.start_session()
            url = await client.get_portal_url(**portal_options)
        except BaseException:
            await client.close()
            raise
        old, self._clients[app_user] = self._clients.get(app_user), client
        if old is not None:
            await old.close()
        return url

    async def connect(self, app_user: str, finatic_user_id: str) -> AsyncFinaticServerClient:
        """The user's session, started with direct authentication if there is none yet."""
        client = self._clients.get(app_user)
        if client is not None and client.get_user_id() == finatic_user_id:
            return client
        client = AsyncFinaticServerClient(self._api_key, base_url=self._base_url)
        try:
            await client.start_session(user_id=finatic_user_id)
        except BaseException:
            await client.close()
            raise
        kept = self._clients.setdefault(app_user, client)
        if kept is not client:  # another request of this user got there first: use its session
            await client.close()
        return kept

    def get(self, app_user: str) -> AsyncFinaticServerClient | None:
        return self._clients.get(app_user)

    async def forget(self, app_user: str) -> None:
        client = self._clients.pop(app_user, None)
        if client is not None:
            await client.close()

    async def close(self) -> None:
        clients, self._clients = list(self._clients.values()), {}
        for client in clients:
            await client.close()


def create_app(api_key: str | None = None, base_url: str | None = None) -> FastAPI:
    """``api_key`` / ``base_url`` default to FINATIC_API_KEY / FINATIC_BASE_URL."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.finatic = FinaticSessions(api_key, base_url)
        try:
            yield
        finally:
            await app.state.finatic.close()

    app = FastAPI(lifespan=lifespan)
    app.state.portal_wait_seconds = 30.0
    app.add_exception_handler(FinaticError, finatic_error_response)  # type: ignore[arg-type]
    app.include_router(router)
    return app


# -- dependencies -------------------------------------------------------------------------------------


def finatic_sessions(request: Request) -> FinaticSessions:
    sessions: FinaticSessions = request.app.state.finatic
    return sessions


def app_user(x_app_user: Annotated[str | None, Header()] = None) -> str:
    """Stand-in for your authentication dependency: the signed-in user's id in *your* app."""
    if not x_app_user:
        raise HTTPException(401, "sign in first")
    return x_app_user


Sessions = Annotated[FinaticSessions, Depends(finatic_sessions)]
AppUser = Annotated[str, Depends(app_user)]


def user_client(user: AppUser, sessions: Sessions) -> AsyncFinaticServerClient:
    client = sessions.get(user)
    if client is None or not client.is_authenticated():
        raise HTTPException(401, "connect a broker first: GET /finatic/connect")
    return client


Client = Annotated[AsyncFinaticServerClient, Depends(user_client)]

# -- endpoints ----------------------------------------------------------------------------------------

router = APIRouter()


@router.get("/finatic/connect")
async def connect(user: AppUser, sessions: Sessions) -> RedirectResponse:
    return RedirectResponse(await sessions.start_portal(user, theme="dark"), status_code=302)


@router.get("/finatic/callback")
async def callback(user: AppUser, sessions: Sessions, request: Request) -> dict[str, str]:
    client = sessions.get(user)
    if client is None:
        raise HTTPException(401, "start with GET /finatic/connect")
    finatic_user_id = await client.wait_for_portal_completion(
        timeout=request.app.state.portal_wait_seconds, poll_interval=0.5
    )
    # Store finatic_user_id with your user: sessions.connect() re-authenticates them without the portal.
    return {"finatic_user_id": finatic_user_id}


@router.get("/orders")
async def list_orders(
    client: Client, page: int = 1, per_page: int = 50, symbol: str | None = None, status: str | None = None
) -> dict[str, Any]:
    filters = {k: v for k, v in (("symbol", symbol), ("status", status)) if v}
    result = await client.get_orders(page=page, per_page=per_page, filters=filters)
    return {
        "page": result.current_page,
        "has_next": result.has_next,
        "orders": [order.to_dict() for order in result.data],
    }


@router.post("/orders", status_code=201)
async def place_order(
    client: Client,
    user: AppUser,
    order: Annotated[dict[str, Any], Body()],
    idempotency_key: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    # The browser's Idempotency-Key (one per order) is passed on, so its retries are harmless.
    result = await client.place_order(
        order, idempotency_key=f"{user}:{idempotency_key}" if idempotency_key else None
    )
    return result.to_dict()


# -- errors -------------------------------------------------------------------------------------------


async def finatic_error_response(request: Request, error: FinaticError) -> JSONResponse:
    status, payload = error_status(error)
    headers = {}
    if isinstance(error, RateLimitError) and error.retry_after:
        headers["Retry-After"] = str(round(error.retry_after))
    return JSONResponse(payload, status_code=status, headers=headers)


def error_status(error: FinaticError) -> tuple[int, dict[str, Any]]:
    payload: dict[str, Any] = {"error": type(error).__name__, "message": error.message}
    if isinstance(error, ApiError):
        payload.update(code=error.code, request_id=error.request_id)
    if isinstance(error, ValidationError):
        payload["param"] = error.param
        return error.status_code or 400, payload
    if isinstance(error, OrderStateUnknownError):
        payload["idempotency_key"] = error.idempotency_key  # check the orders, or retry with this key
        return 502, payload
    for cls, status in (
        (AuthenticationError, 401),
        (AuthorizationError, 403),
        (NotFoundError, 404),
        (ConflictError, 409),
        (RateLimitError, 429),
        (PortalTimeoutError, 504),
        (TimeoutError, 504),
    ):
        if isinstance(error, cls):
            return status, payload
    return (502 if isinstance(error, ApiError) else 503), payload


app = create_app()

"""Finatic in Django: a single-module project (settings in code) with the synchronous client.

    pip install django "finatic-server-python"
    FINATIC_API_KEY=sk_... python examples/django_app/app.py runserver
    curl -H "X-App-User: alice" localhost:8000/positions

In a real project the settings go to ``settings.py``, the views to an app's ``views.py`` and the registry
(``finatic_sessions()``) to a module of its own, e.g. ``yourapp/finatic.py``.

How app users map to Finatic sessions
-------------------------------------
A ``FinaticServerClient`` holds one Finatic session, and a session belongs to one end user. So the process
keeps one client per end user (a session costs three API calls to start; one client for everybody would
show every user the same user's data). ``FinaticSessions`` is that registry: one per process, created on
first use, closed at exit; thread-safe, and a client is safe to share between threads.

Here users are known already: your database holds each user's Finatic user id (saved when they completed
the portal, see the Flask and FastAPI examples), so a session starts with direct authentication,
``start_session(user_id=...)``, no portal. ``FINATIC_USERS`` stands in for that column, and
``app_user()`` for ``request.user`` (here: an ``X-App-User`` header, so the example runs on its own).
"""

from __future__ import annotations

import atexit
import json
import sys
import threading
from collections.abc import Callable
from typing import Any

import django
from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path
from django.views.decorators.http import require_GET, require_POST

from finatic_server import FinaticServerClient
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

if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY="replace-me",  # an example: load yours from the environment
        ALLOWED_HOSTS=["localhost", "127.0.0.1", "testserver"],
        ROOT_URLCONF=__name__,
        MIDDLEWARE=["django.middleware.common.CommonMiddleware"],
        INSTALLED_APPS=[],
        FINATIC_API_KEY=None,  # None: the FINATIC_API_KEY environment variable
        FINATIC_BASE_URL=None,  # None: FINATIC_BASE_URL, else https://api.finatic.dev
        FINATIC_USERS={"alice": "user123"},  # app user -> Finatic user id (a column in your database)
    )
    django.setup()


class FinaticSessions:
    """One ``FinaticServerClient`` (one Finatic session) per end user, started by direct authentication."""

    def __init__(self, api_key: str | None = None, base_url: str | None = None) -> None:
        self._api_key = api_key
        self._base_url = base_url
        self._lock = threading.Lock()
        self._clients: dict[str, FinaticServerClient] = {}

    def connect(self, app_user: str, finatic_user_id: str) -> FinaticServerClient:
        with self._lock:
            client = self._clients.get(app_user)
        if client is not None and client.get_user_id() == finatic_user_id:
            return client
        client = FinaticServerClient(self._api_key, base_url=self._base_url)
        try:
            client.start_session(user_id=finatic_user_id)
        except BaseException:
            client.close()
            raise
        with self._lock:
            kept = self._clients.setdefault(app_user, client)
        if kept is not client:  # another request of this user got there first: use its session
            client.close()
        return kept

    def forget(self, app_user: str) -> None:
        """Close a user's session (on logout, or when they disconnect their broker)."""
        with self._lock:
            client = self._clients.pop(app_user, None)
        if client is not None:
            client.close()

    def close(self) -> None:
        with self._lock:
            clients, self._clients = list(self._clients.values()), {}
        for client in clients:
            client.close()


_sessions: FinaticSessions | None = None
_sessions_lock = threading.Lock()


def finatic_sessions() -> FinaticSessions:
    """The process's registry (each gunicorn/uwsgi worker has its own), closed when the process exits."""
    global _sessions
    with _sessions_lock:
        if _sessions is None:
            _sessions = FinaticSessions(settings.FINATIC_API_KEY, settings.FINATIC_BASE_URL)
            atexit.register(_sessions.close)
        return _sessions


def app_user(request: HttpRequest) -> str | None:
    """Stand-in for ``request.user``: the signed-in user's id in *your* app."""
    return request.headers.get("X-App-User") or None


def user_client(request: HttpRequest) -> FinaticServerClient | JsonResponse:
    user = app_user(request)
    if user is None:
        return JsonResponse({"error": "sign in first"}, status=401)
    finatic_user_id = settings.FINATIC_USERS.get(user)
    if finatic_user_id is None:
        return JsonResponse({"error": "connect a broker first"}, status=409)
    return finatic_sessions().connect(user, finatic_user_id)


View = Callable[[HttpRequest], HttpResponse]


def finatic_json(view: View) -> View:
    """Turns the SDK's errors into JSON answers with a fitting status."""

    def wrapped(request: HttpRequest) -> HttpResponse:
        try:
            return view(request)
        except FinaticError as error:
            status, payload = error_status(error)
            response = JsonResponse(payload, status=status)
            if isinstance(error, RateLimitError) and error.retry_after:
                response["Retry-After"] = str(round(error.retry_after))
            return response

    return wrapped


@require_GET
@finatic_json
def positions(request: HttpRequest) -> HttpResponse:
    client = user_client(request)
    if isinstance(client, JsonResponse):
        return client
    page = client.get_positions(
        page=int(request.GET.get("page", 1)),
        per_page=int(request.GET.get("per_page", 50)),
        filters={k: v for k in ("symbol", "status") if (v := request.GET.get(k))},
    )
    return JsonResponse(
        {"page": page.current_page, "has_next": page.has_next, "positions": [p.to_dict() for p in page.data]}
    )


@require_POST
@finatic_json
def place_order(request: HttpRequest) -> HttpResponse:
    # With django.middleware.csrf.CsrfViewMiddleware (you want it for cookie sessions), browsers send the
    # CSRF token; token-authenticated API clients use @csrf_exempt views.
    client = user_client(request)
    if isinstance(client, JsonResponse):
        return client
    try:
        body = json.loads(request.body)
    except ValueError:
        body = None
    if not isinstance(body, dict):
        return JsonResponse({"error": "send the order as a JSON object"}, status=400)
    key = request.headers.get("Idempotency-Key")  # one per order, so the browser may retry safely
    result = client.place_order(body, idempotency_key=f"{app_user(request)}:{key}" if key else None)
    return JsonResponse(result.to_dict(), status=201)


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


urlpatterns = [
    path("positions", positions),
    path("orders", place_order),
]

if __name__ == "__main__":
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)

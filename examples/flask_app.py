"""Finatic in a Flask app: the synchronous client, one session per end user, errors as HTTP answers.

    pip install flask "finatic-server-python"
    FINATIC_API_KEY=sk_... flask --app examples/flask_app.py run

How app users map to Finatic sessions
-------------------------------------
A ``FinaticServerClient`` holds *one* Finatic session, and a session belongs to one end user (after the
portal, or after ``start_session(user_id=...)``). A web app serves many users, so it keeps one client per
end user, not one per request (a session costs three API calls to start) and not one for everybody (all
your users would see one user's orders). ``FinaticSessions`` below is that registry: created once in the
app factory, stored in ``app.extensions["finatic"]``, closed when the process exits. It is thread-safe, and
each client is safe to share between the threads serving one user.

- A new user connects a broker: ``GET /finatic/connect`` starts a session and redirects to the Finatic
  portal; when the user is back, ``GET /finatic/callback`` waits for the portal to finish and answers with
  the Finatic user id. Store that id with your user.
- A user you already know (the id is in your database, e.g. after a restart): ``sessions.connect(app_user,
  finatic_user_id)`` starts a session with direct authentication, no portal (see the Django example).
- ``sessions.forget(app_user)`` on logout closes that user's session.

``current_app_user()`` is a stand-in for your login system (``flask_login.current_user.get_id()``); here
it reads an ``X-App-User`` header so the example runs on its own.
"""

from __future__ import annotations

import atexit
import threading
from typing import Any

from flask import Flask, current_app, jsonify, redirect, request
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import BadRequest, HTTPException, Unauthorized

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


class FinaticSessions:
    """One ``FinaticServerClient`` (one Finatic session) per end user of the app."""

    def __init__(self, api_key: str | None = None, base_url: str | None = None) -> None:
        self._api_key = api_key
        self._base_url = base_url
        self._lock = threading.Lock()
        self._clients: dict[str, FinaticServerClient] = {}

    def start_portal(self, app_user: str, **portal_options: Any) -> str:
        """A new session for ``app_user`` (replacing any old one); returns the portal URL for them."""
        client = FinaticServerClient(self._api_key, base_url=self._base_url)
        try:
            client.start_session()
            url = client.get_portal_url(**portal_options)
        except BaseException:
            client.close()
            raise
        with self._lock:
            old, self._clients[app_user] = self._clients.get(app_user), client
        if old is not None:
            old.close()
        return url

    def connect(self, app_user: str, finatic_user_id: str) -> FinaticServerClient:
        """The user's session, started with direct authentication if there is none yet."""
        client = self.get(app_user)
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

    def get(self, app_user: str) -> FinaticServerClient | None:
        with self._lock:
            return self._clients.get(app_user)

    def forget(self, app_user: str) -> None:
        with self._lock:
            client = self._clients.pop(app_user, None)
        if client is not None:
            client.close()

    def close(self) -> None:
        with self._lock:
            clients, self._clients = list(self._clients.values()), {}
        for client in clients:
            client.close()


def create_app(api_key: str | None = None, base_url: str | None = None) -> Flask:
    """The app factory. ``api_key`` / ``base_url`` default to FINATIC_API_KEY / FINATIC_BASE_URL."""
    app = Flask(__name__)
    app.config.setdefault("FINATIC_PORTAL_WAIT_SECONDS", 30.0)
    sessions = FinaticSessions(api_key, base_url)
    app.extensions["finatic"] = sessions
    atexit.register(sessions.close)  # one registry per app (per worker process), closed at exit
    _add_views(app)
    return app


def finatic_sessions() -> FinaticSessions:
    sessions: FinaticSessions = current_app.extensions["finatic"]
    return sessions


def current_app_user() -> str:
    """Stand-in for your login system: the signed-in user's id in *your* app."""
    user = request.headers.get("X-App-User", "").strip()
    if not user:
        raise Unauthorized("sign in first")
    return user


def user_client() -> FinaticServerClient:
    client = finatic_sessions().get(current_app_user())
    if client is None or not client.is_authenticated():
        raise Unauthorized("connect a broker first: GET /finatic/connect")
    return client


def _add_views(app: Flask) -> None:
    @app.get("/finatic/connect")
    def connect() -> ResponseReturnValue:
        portal_url = finatic_sessions().start_portal(current_app_user(), theme="light")
        return redirect(portal_url)

    @app.get("/finatic/callback")
    def callback() -> ResponseReturnValue:
        client = finatic_sessions().get(current_app_user())
        if client is None:
            raise Unauthorized("start with GET /finatic/connect")
        finatic_user_id = client.wait_for_portal_completion(
            timeout=current_app.config["FINATIC_PORTAL_WAIT_SECONDS"], poll_interval=0.5
        )
        # Store finatic_user_id with your user: sessions.connect() re-authenticates them without the portal.
        return jsonify(finatic_user_id=finatic_user_id)

    @app.get("/orders")
    def list_orders() -> ResponseReturnValue:
        page = user_client().get_orders(
            page=request.args.get("page", 1, type=int),
            per_page=request.args.get("per_page", 50, type=int),
            filters={k: v for k in ("symbol", "status") if (v := request.args.get(k))},
        )
        return jsonify(
            page=page.current_page,
            has_next=page.has_next,
            orders=[order.to_dict() for order in page.data],
        )

    @app.post("/orders")
    def place_order() -> ResponseReturnValue:
        body = request.get_json(silent=True)
        if not isinstance(body, dict):
            raise BadRequest("send the order as a JSON object")
        # Let the browser retry safely: its Idempotency-Key (one per order) is passed on to Finatic.
        key = request.headers.get("Idempotency-Key")
        result = user_client().place_order(
            body, idempotency_key=f"{current_app_user()}:{key}" if key else None
        )
        return jsonify(result.to_dict()), 201

    app.register_error_handler(FinaticError, finatic_error_response)
    app.register_error_handler(HTTPException, http_error_response)


def http_error_response(error: HTTPException) -> ResponseReturnValue:
    """The app's own 4xx answers (sign in first, bad JSON) are JSON too, like the Finatic errors."""
    return jsonify(error=type(error).__name__, message=error.description), error.code or 500


def finatic_error_response(error: FinaticError) -> ResponseReturnValue:
    """Every SDK error as a JSON answer your frontend can act on (never with secrets: messages have none)."""
    status, payload = error_status(error)
    headers = {}
    if isinstance(error, RateLimitError) and error.retry_after:
        headers["Retry-After"] = str(round(error.retry_after))
    return jsonify(payload), status, headers


def error_status(error: FinaticError) -> tuple[int, dict[str, Any]]:
    payload: dict[str, Any] = {"error": type(error).__name__, "message": error.message}
    if isinstance(error, ApiError):
        payload.update(code=error.code, request_id=error.request_id)
    if isinstance(error, ValidationError):
        payload["param"] = error.param
        return error.status_code or 400, payload
    if isinstance(error, OrderStateUnknownError):
        # The order may have been placed: the client should check, or retry with this key.
        payload["idempotency_key"] = error.idempotency_key
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


if __name__ == "__main__":
    create_app().run()

"""``create_app``: the sandbox as a Starlette ASGI application."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Match, Route

from .config import SandboxConfig
from .data_routes import data_routes
from .errors import ApiError, Code
from .faults import FaultInjector, FaultMiddleware
from .middleware import RequestIdMiddleware
from .portal import portal_routes
from .responses import error_response, json_response
from .session_routes import session_routes
from .state import SandboxState
from .trading_routes import trading_routes

__all__ = ["create_app"]


async def _health(request: Request) -> Response:
    return json_response(b'{"status":"ok"}')


def _allowed_methods(request: Request) -> list[str]:
    """Every method some route serves at this path (one route per method, so ask them all)."""
    methods: set[str] = set()
    scope = {**request.scope, "method": "GET"}
    for route in request.app.routes:
        if isinstance(route, Route) and route.matches(scope)[0] != Match.NONE:
            methods |= route.methods or set()
    return sorted(methods)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404:
        return error_response(ApiError(404, Code.NOT_FOUND, f"No endpoint {request.url.path}"))
    if exc.status_code == 405:
        allow = ", ".join(_allowed_methods(request))
        return error_response(
            ApiError(
                405,
                Code.METHOD_NOT_ALLOWED,
                f"{request.method} is not allowed on {request.url.path}",
                {"Allow": allow},
            )
        )
    return error_response(ApiError(exc.status_code, Code.VALIDATION_ERROR, str(exc.detail)))


def create_app(config: SandboxConfig | None = None, *, state: SandboxState | None = None) -> Starlette:
    """The sandbox application. ``app.state.sandbox`` is its live :class:`SandboxState`."""
    config = config or SandboxConfig()
    state = state or SandboxState(config)
    routes: list[Route] = [
        Route("/health", _health, methods=["GET"]),
        *session_routes(state),
        *data_routes(state),
        *trading_routes(state),
        *portal_routes(state),
    ]
    middleware = [Middleware(RequestIdMiddleware)]
    injector = None
    if config.faults is not None and config.faults.active:
        injector = FaultInjector(config.faults)
        middleware.append(Middleware(FaultMiddleware, injector=injector))
    app = Starlette(routes=routes, middleware=middleware, exception_handlers={HTTPException: _http_error})
    app.state.sandbox = state
    app.state.faults = injector
    return app

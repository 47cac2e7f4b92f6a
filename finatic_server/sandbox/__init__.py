"""The embedded Finatic sandbox: a stateful, seeded server that speaks the Finatic API.

Start it in-process (``with Sandbox() as url: ...``), from the command line (``finatic-sandbox --port 8765``)
or as a pytest fixture (``pytest_plugins = ["finatic_server.sandbox.pytest_plugin"]``).

- API keys: ``sk_sandbox_<anything>`` is a company (id derived from the key); ``sk_sandbox_no_trading``
  may not trade (403 ``TRADING_NOT_ENABLED``); ``sk_sandbox_no_access`` sees no connections (403
  ``NO_COMPANY_ACCESS``); anything else is 401 ``INVALID_API_KEY``.
- Users: ``user123`` only. ``POST /session/start`` with another ``user_id`` is 404 ``NOT_FOUND`` and does
  not use up the one-time token; a token is consumed once a session is created.
- Session headers, as the spec's security requirements say: ``X-Session-ID`` and ``Session-ID`` (both,
  same value) and ``X-Company-ID`` on every call after start, ``GET /session/{id}/user`` included.
- Requests are validated against the spec (``validation.py``): a bad query parameter or header is 400
  ``VALIDATION_ERROR``, a bad JSON body 422 ``VALIDATION_ERROR`` (order bodies: 400 ``INVALID_ORDER``),
  the message naming the parameter or field.
- Tokens: ``GET /session/{id}/user`` issues a fresh pair per call; a refresh token works once (rotation),
  a reused one is 401 ``INVALID_REFRESH_TOKEN``; old access tokens stay valid until they expire.
- Sandbox-specific 4xx codes: ``INVALID_SESSION`` (no/unknown session id), ``INVALID_COMPANY_ID``
  (X-Company-ID missing or wrong), ``INVALID_TOKEN`` (no/unknown bearer token),
  ``SESSION_NOT_AUTHENTICATED`` (portal not completed), ``ORDER_NOT_MODIFIABLE`` (409),
  ``IDEMPOTENCY_KEY_REUSED`` (409: one key, two different requests).
"""

from __future__ import annotations

try:
    import starlette  # noqa: F401
    import uvicorn  # noqa: F401
except ImportError as _missing:  # pragma: no cover - only without the extra
    raise ImportError(
        "finatic_server.sandbox needs the optional 'sandbox' extra (starlette, uvicorn): "
        'pip install "finatic-server-python[sandbox]"'
    ) from _missing

from .app import create_app
from .config import FaultConfig, SandboxConfig
from .portal_client import PortalError, complete_portal
from .server import Sandbox
from .state import SandboxState

__all__ = [
    "FaultConfig",
    "PortalError",
    "Sandbox",
    "SandboxConfig",
    "SandboxState",
    "complete_portal",
    "create_app",
]

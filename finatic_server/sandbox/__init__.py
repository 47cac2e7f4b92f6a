"""The embedded Finatic sandbox: a stateful, seeded server that speaks the Finatic API.

Start it in-process (``with Sandbox() as url: ...``), from the command line (``finatic-sandbox --port 8765``)
or as a pytest fixture (``pytest_plugins = ["finatic_server.sandbox.pytest_plugin"]``). API keys
``sk_sandbox_<anything>`` are valid; the user is ``user123``.
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

"""``Sandbox``: the sandbox app served by uvicorn on a background thread, on a socket bound here."""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
import time
from types import TracebackType
from typing import Any

import uvicorn

from .app import create_app
from .config import SandboxConfig
from .faults import FaultInjector
from .state import SandboxState

__all__ = ["Sandbox"]

logger = logging.getLogger("finatic_server.sandbox")
_START_TIMEOUT = 60.0


class Sandbox:
    """A running sandbox server.

    >>> with Sandbox(orders=100) as url:   # doctest: +SKIP
    ...     client = FinaticServerClient("sk_sandbox_demo", base_url=url)

    ``host``/``port`` choose the address (port 0, the default, picks a free one). Other keyword arguments
    override fields of ``config``. ``url`` is ``http://HOST:PORT`` (without ``/api/v1``); ``state`` is the
    live :class:`SandboxState` for tests.
    """

    def __init__(
        self, config: SandboxConfig | None = None, *, host: str = "127.0.0.1", port: int = 0, **overrides: Any
    ) -> None:
        self.config = (config or SandboxConfig()).with_overrides(**overrides)
        self.host = host
        self._requested_port = port
        self._state: SandboxState | None = None
        self._faults: FaultInjector | None = None
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._socket: socket.socket | None = None
        self._port: int | None = None
        self._lock = threading.Lock()

    # -- lifecycle ---------------------------------------------------------------------------------
    def start(self) -> Sandbox:
        with self._lock:
            if self._thread is not None:
                return self
            state = SandboxState(self.config)
            app = create_app(self.config, state=state)
            sock = socket.socket(socket.AF_INET6 if ":" in self.host else socket.AF_INET, socket.SOCK_STREAM)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                sock.bind((self.host, self._requested_port))
            except OSError:
                sock.close()
                raise
            sock.set_inheritable(True)
            self._port = sock.getsockname()[1]
            uv_config = uvicorn.Config(
                app,
                log_level="warning",
                access_log=False,
                lifespan="off",
                timeout_graceful_shutdown=1,
                timeout_keep_alive=5,
            )
            server = uvicorn.Server(uv_config)
            thread = threading.Thread(
                target=self._serve, args=(server, sock), name=f"finatic-sandbox-{self._port}", daemon=True
            )
            self._state, self._faults = state, app.state.faults
            self._server, self._socket, self._thread = server, sock, thread
            thread.start()
            deadline = time.monotonic() + _START_TIMEOUT
            while not server.started:
                if not thread.is_alive() or time.monotonic() > deadline:
                    self._stop_locked()
                    raise RuntimeError("the Finatic sandbox did not start")
                time.sleep(0.005)
            logger.info("Finatic sandbox listening on %s", self.url)
            return self

    @staticmethod
    def _serve(server: uvicorn.Server, sock: socket.socket) -> None:
        try:
            server.run(sockets=[sock])
        except Exception:  # pragma: no cover - reported by start()
            logger.exception("the Finatic sandbox server stopped with an error")

    def stop(self) -> None:
        """Stop serving and release the port; safe to call more than once."""
        with self._lock:
            self._stop_locked()

    def _stop_locked(self) -> None:
        server, thread, sock = self._server, self._thread, self._socket
        self._server = self._thread = self._socket = None
        if server is not None:
            server.should_exit = True
            server.force_exit = True
        if thread is not None:
            thread.join(timeout=5)
        if sock is not None:
            sock.close()

    def __enter__(self) -> str:
        self.start()
        return self.url

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def __del__(self) -> None:  # pragma: no cover - best effort
        with contextlib.suppress(Exception):
            self.stop()

    # -- what tests look at -------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("the sandbox has not been started")
        return self._port

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/v1"

    @property
    def state(self) -> SandboxState:
        if self._state is None:
            raise RuntimeError("the sandbox has not been started")
        return self._state

    @property
    def faults(self) -> FaultInjector | None:
        """The fault injector (its ``history`` lists every decision), or ``None`` without faults."""
        return self._faults

    def __repr__(self) -> str:
        where = self.url if self._port is not None else "not started"
        return f"<Sandbox {where} seed={self.config.seed} orders={self.config.orders}>"

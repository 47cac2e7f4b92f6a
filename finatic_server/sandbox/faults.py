"""Seeded fault injection for ``/api/v1/*``: 429s, 5xx, dropped connections and slow responses.

One ``random.Random(seed)`` drives every decision, in request order, so a run repeats exactly. For
``POST /brokers/orders`` a 5xx or a drop happens either before the order is handled or after it was placed
(the answer is lost), which is what an SDK's idempotency key has to survive.
"""

from __future__ import annotations

import logging
import random
import threading
from dataclasses import dataclass

import anyio
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .config import FaultConfig
from .errors import Code
from .records import dumps

__all__ = ["FaultDecision", "FaultInjector", "FaultMiddleware"]

logger = logging.getLogger("finatic_server.sandbox")
_PREFIX = "/api/v1/"
_STATUS_CODES = {500: Code.INTERNAL_ERROR, 502: Code.BAD_GATEWAY, 503: Code.SERVICE_UNAVAILABLE}
_UVICORN_NOISE = "ASGI callable returned without completing response."


@dataclass(frozen=True)
class FaultDecision:
    kind: str | None = None  # None, "429", "5xx" or "drop"
    status: int = 0
    slow: bool = False
    after_handling: bool = False


class FaultInjector:
    """Draws the fault for each request; ``history`` records every decision for tests."""

    def __init__(self, config: FaultConfig) -> None:
        self.config = config
        self._rng = random.Random(config.seed)
        self._lock = threading.Lock()
        self.history: list[FaultDecision] = []

    def reset(self, config: FaultConfig) -> None:
        """Start over with ``config`` (and its seed), e.g. one seed per run of a test on one sandbox."""
        with self._lock:
            self.config = config
            self._rng = random.Random(config.seed)
            self.history = []

    def decide(self, method: str, path: str) -> FaultDecision:
        c = self.config
        with self._lock:
            rng = self._rng
            slow = rng.random() < c.rate_slow
            u = rng.random()
            status = rng.choice((500, 502, 503))
            after = rng.random() < 0.5 and method == "POST" and path.rstrip("/") == "/api/v1/brokers/orders"
            if u < c.rate_429:
                decision = FaultDecision("429", 429, slow)
            elif u < c.rate_429 + c.rate_5xx:
                decision = FaultDecision("5xx", status, slow, after)
            elif u < c.rate_429 + c.rate_5xx + c.rate_drop:
                decision = FaultDecision("drop", 0, slow, after)
            else:
                decision = FaultDecision(None, 0, slow)
            self.history.append(decision)
            return decision


class _QuietIncompleteResponse(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != _UVICORN_NOISE


def _quiet_uvicorn() -> None:
    log = logging.getLogger("uvicorn.error")
    if not any(isinstance(f, _QuietIncompleteResponse) for f in log.filters):
        log.addFilter(_QuietIncompleteResponse())


class FaultMiddleware:
    def __init__(self, app: ASGIApp, injector: FaultInjector) -> None:
        self.app = app
        self.injector = injector
        _quiet_uvicorn()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(_PREFIX):
            await self.app(scope, receive, send)
            return
        decision = self.injector.decide(scope["method"], scope["path"])
        if decision.slow:
            await anyio.sleep(self.injector.config.slow_seconds)
        if decision.kind is None:
            await self.app(scope, receive, send)
            return
        if decision.after_handling:
            await self.app(scope, receive, _discard)
            logger.info("fault: %s after handling %s %s", decision.kind, scope["method"], scope["path"])
        if decision.kind == "drop":
            await _drop(send)
        else:
            await _error(send, decision.status, self.injector.config.retry_after)


async def _discard(message: Message) -> None:
    return None


async def _error(send: Send, status: int, retry_after: float) -> None:
    if status == 429:
        code, message = Code.RATE_LIMITED, "Too many requests; retry later"
    else:
        code, message = _STATUS_CODES[status], "The sandbox injected a server failure"
    body = dumps({"success": False, "message": message, "code": code, "status_code": status})
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    if status == 429:
        seconds = int(retry_after) if float(retry_after).is_integer() else retry_after
        headers.append((b"retry-after", str(seconds).encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _drop(send: Send) -> None:
    """Start a response that promises more than it sends, then stop: the server closes the connection."""
    headers = [(b"content-type", b"application/json"), (b"content-length", b"4096")]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": b'{"success":tr', "more_body": True})

"""FINATIC_LOG=debug|info: the SDK's log on stderr, in a fresh process, against the sandbox; no secrets in it,
and every error carries the sandbox's X-Request-ID."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from finatic_server.sandbox import Sandbox

ROOT = Path(__file__).parent.parent
API_KEY = "sk_sandbox_logging_secret_key"

# A session with both clients: a portal session, direct authentication, reads, an order, a cancel of an
# unknown order and a bad argument. Prints the secrets it saw (as JSON, on stdout) for the test to look for.
PROGRAM = textwrap.dedent(
    """
    import asyncio, json, os, sys
    from finatic_server import AsyncFinaticServerClient, FinaticServerClient, NotFoundError, ApiError

    url, key = os.environ["SANDBOX_URL"], os.environ["KEY"]
    seen = {"secrets": [key], "errors": []}

    with FinaticServerClient(key, base_url=url) as client:
        seen["secrets"].append(client.get_token())
        client.start_session(user_id="user123")
        tokens = client._state.tokens
        seen["secrets"] += [tokens.access_token, tokens.refresh_token]
        client.get_orders(per_page=5)
        placed = client.place_stock_market_order(
            symbol="AAPL", quantity=1, side="buy", broker="robinhood", account_number="123456789"
        )
        try:
            client.cancel_order("no-such-order", broker="robinhood")
        except ApiError as e:
            seen["errors"].append({"type": type(e).__name__, "request_id": e.request_id, "repr": repr(e),
                                   "str": str(e)})
        print(repr(client), file=sys.stderr)

    async def main():
        async with AsyncFinaticServerClient(key, base_url=url) as client:
            await client.start_session(user_id="user123")
            tokens = client._state.tokens
            seen["secrets"] += [tokens.access_token, tokens.refresh_token]
            await client.get_positions(per_page=2)
            try:
                await client.get_order_fills("no-such-order")
            except NotFoundError as e:
                seen["errors"].append({"type": type(e).__name__, "request_id": e.request_id, "repr": repr(e),
                                       "str": str(e)})

    asyncio.run(main())
    print(json.dumps(seen))
    """
)


@pytest.fixture(scope="module")
def sandbox_url() -> Iterator[str]:
    with Sandbox(orders=200) as url:
        yield url


def _run(sandbox_url: str, level: str | None) -> tuple[dict[str, list[object]], str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FINATIC_")}
    env.update(SANDBOX_URL=sandbox_url, KEY=API_KEY)
    if level is not None:
        env["FINATIC_LOG"] = level
    result = subprocess.run(
        [sys.executable, "-c", PROGRAM], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1]), result.stderr


def test_debug_logs_every_request_to_stderr_without_secrets(sandbox_url: str) -> None:
    seen, log = _run(sandbox_url, "debug")
    lines = log.splitlines()
    # One line per HTTP exchange: method, path, status, time and the server's request id.
    requests = [
        line for line in lines if re.search(r"DEBUG finatic_server\] (GET|POST|PATCH|DELETE) /", line)
    ]
    assert any("POST /api/v1/session/init -> 200" in line for line in requests), log
    assert any("POST /api/v1/session/start -> 200" in line for line in requests)
    assert any("GET /api/v1/brokers/data/orders -> 200" in line for line in requests)
    assert any("POST /api/v1/brokers/orders -> 200" in line for line in requests)
    assert any("GET /api/v1/brokers/data/positions -> 200" in line for line in requests)
    assert all(re.search(r"request id req_\w+", line) for line in requests)
    assert any("INFO finatic_server] Started session" in line for line in lines)

    secrets = [str(s) for s in seen["secrets"]]
    assert len(secrets) == 6 and all(secrets)
    for secret in secrets:
        assert secret not in log
    assert "bearer" not in log.lower() and "x-api-key" not in log.lower()  # no headers at all


def test_errors_carry_the_request_id_the_sandbox_sent(sandbox_url: str) -> None:
    seen, log = _run(sandbox_url, "debug")
    errors = seen["errors"]
    assert [e["type"] for e in errors] == ["NotFoundError", "NotFoundError"]  # type: ignore[index]
    for error in errors:
        request_id = error["request_id"]  # type: ignore[index]
        assert isinstance(request_id, str) and request_id.startswith("req_")
        # The same id the sandbox put in X-Request-ID, as logged for the failing exchange ...
        assert re.search(rf"-> 404 in [\d.]+ ms \(request id {request_id}\)", log), (request_id, log)
        # ... and shown where people look: the error's message and repr.
        assert request_id in error["repr"] or request_id in error["str"]  # type: ignore[index]
    for secret in seen["secrets"]:
        assert all(str(secret) not in str(e) for e in errors)


def test_info_logs_less_and_no_setting_logs_nothing(sandbox_url: str) -> None:
    _, info = _run(sandbox_url, "info")
    assert "INFO finatic_server] Started session" in info
    assert "DEBUG" not in info
    _, quiet = _run(sandbox_url, None)
    assert "finatic_server]" not in quiet
    assert quiet.strip().startswith("<FinaticServerClient")  # only the program's own line

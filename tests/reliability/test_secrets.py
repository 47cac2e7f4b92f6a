"""No secret (API key, one-time token, access or refresh token, CSRF token) ever shows: a whole session
against the sandbox -- portal and direct authentication, a refresh, pages, orders, errors -- is run on both
clients with every logger at DEBUG (httpx and httpcore included), and everything it produced is searched."""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable, Iterator
from typing import Any

import anyio
import pytest

from finatic_server import (
    AsyncFinaticServerClient,
    FinaticError,
    FinaticServerClient,
    ValidationError,
)
from finatic_server.sandbox import Sandbox, complete_portal
from tests.secrets import assert_no_secrets

API_KEY = "sk_sandbox_secret_key_for_leak_checks"
WRONG_KEY = "wrongkey_0123456789abcdefghij"
TTL = 1.0  # access tokens live one second, so the session below refreshes


@pytest.fixture(scope="module")
def box() -> Iterator[Sandbox]:
    sandbox = Sandbox(orders=300, access_token_ttl=TTL)
    sandbox.start()
    yield sandbox
    sandbox.stop()


def everything_shown(client: Any, box: Sandbox, seen: list[str]) -> None:
    """Run a session and add every repr/str/message it produced to ``seen``."""

    def show(*objects: Any) -> None:
        for obj in objects:
            seen.extend((repr(obj), str(obj)))
            if isinstance(obj, BaseException):
                seen.extend(str(arg) for arg in obj.args)
                seen.extend(f"{name}={value!r}" for name, value in vars(obj).items())

    started = client.start_session(user_id="user123")
    page = client.get_orders(per_page=5)
    show(client, started, page, page.data[0], client.get_accounts())
    time.sleep(TTL + 0.1)  # the access token is now past due: the next call refreshes it
    orders = list(client.iter_orders())
    placed = client.place_stock_limit_order("AAPL", 1, "buy", 1.0, "robinhood", "123456789")
    cancelled = client.cancel_order(placed.order_id, "robinhood")
    client.get_token()  # handed to the caller on purpose; it must not show anywhere else
    show(orders[0], placed, cancelled, client)
    for failing in (
        lambda: client.get_order_fills("no-such-order"),
        lambda: client.cancel_order(placed.order_id, "robinhood"),  # already cancelled: 409
        lambda: client.place_stock_market_order("AAPL", -1, "buy", "robinhood", "123456789"),
    ):
        with pytest.raises(FinaticError) as caught:
            failing()
        show(caught.value, caught.value.__cause__)


def run_session(make_client: Callable[..., Any], box: Sandbox) -> list[str]:
    seen: list[str] = []
    direct = make_client(api_key=API_KEY, base_url=box.url)
    everything_shown(direct, box, seen)

    portal = make_client(api_key=API_KEY, base_url=box.url)
    seen.append(repr(portal.start_session()))
    url = portal.get_portal_url(theme="dark")
    complete_portal(url)
    seen.extend([url, portal.wait_for_portal_completion(timeout=10, poll_interval=0.05), repr(portal)])

    wrong = make_client(api_key=WRONG_KEY, base_url=box.url)
    with pytest.raises(FinaticError) as caught:
        wrong.start_session(user_id="user123")
    seen.extend([repr(caught.value), str(caught.value), repr(wrong), str(wrong)])
    return seen


def issued_secrets(box: Sandbox) -> set[str]:
    state = box.state
    with state.lock:
        found = {*state.one_time_tokens, *state.access_tokens, *state.refresh_tokens}
        found |= {session.csrf_token for session in state.sessions.values()}
    return found


def test_no_secret_in_logs_reprs_errors_or_output(
    box: Sandbox, make_client: Callable[..., Any], caplog: pytest.LogCaptureFixture, capsys: Any
) -> None:
    for name in ("", "httpx", "httpcore", "finatic_server", "uvicorn"):
        caplog.set_level(logging.DEBUG, logger=name)
    refreshes = box.state.request_counts["POST /company/auth/refresh"]

    seen = run_session(make_client, box)

    assert box.state.request_counts["POST /company/auth/refresh"] > refreshes, "the session did not refresh"
    secrets = {API_KEY, WRONG_KEY, *issued_secrets(box)}
    assert len(secrets) > 8  # keys, several one-time tokens, access and refresh tokens, CSRF tokens
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    logged = [formatter.format(record) for record in caplog.records]
    assert any(r.name.startswith("httpcore") for r in caplog.records), "no httpcore DEBUG records"
    out, err = capsys.readouterr()
    for text in [*logged, *seen, out, err]:
        for secret in secrets:
            assert secret not in text, f"a secret leaked into: {text[:160]!r}"
    assert_no_secrets([*logged, *seen, out, err])


def test_plain_http_with_an_api_key_is_refused_off_loopback_unless_allowed() -> None:
    async def make_async(**kwargs: Any) -> None:
        await AsyncFinaticServerClient(API_KEY, **kwargs).close()

    def make_sync(**kwargs: Any) -> None:
        FinaticServerClient(API_KEY, **kwargs).close()

    for make in (make_sync, lambda **kw: anyio.run(functools.partial(make_async, **kw))):
        with pytest.raises(ValidationError, match="allow_insecure_http") as caught:
            make(base_url="http://api.example.com")
        assert API_KEY not in str(caught.value) and API_KEY not in repr(caught.value)
        with pytest.raises(ValidationError):
            make(base_url="http://10.0.0.7:8000")
        for loopback in ("http://127.0.0.1:8000", "http://localhost:8000", "http://[::1]:8000"):
            make(base_url=loopback)
        make(base_url="http://api.example.com", allow_insecure_http=True)

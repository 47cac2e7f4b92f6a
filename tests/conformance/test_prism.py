"""Prism (``@stoplight/prism-cli``, installed by ``make prism`` into ``.tools/``) as a validating proxy
between the SDK and the sandbox during an end-to-end run: every request the SDK sends and every response the
sandbox gives is checked against our spec. With ``--errors`` Prism turns a violation into an error
response (which the SDK would raise); the test also scans Prism's log for violation lines.

Prism matches request paths against the spec's paths as written (``/session/init``), without the servers'
``/api/v1`` prefix, while the SDK always calls ``<base>/api/v1/...``; so Prism gets the spec with each path
prefixed by ``/api/v1`` (written to a temporary file, everything else unchanged) and proxies to the
sandbox's root.
"""

from __future__ import annotations

import json
import re
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import yaml

from finatic_server import FinaticServerClient
from finatic_server.sandbox import Sandbox, complete_portal
from finatic_server.utils.errors import (
    AuthenticationError,
    ConflictError,
    NotFoundError,
    TradeAccessDeniedError,
    TradingNotEnabledError,
)

from .conftest import API_KEY, PRISM, SPEC, USER_ID, require_tool

TOKEN_TTL = 2.0  # short, so the run refreshes its access token once
VIOLATION = re.compile(r"violation|\[VALIDATOR\]|✖|error", re.IGNORECASE)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _prefixed_spec(target: Path) -> Path:
    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    spec["paths"] = {f"/api/v1{path}": item for path, item in spec["paths"].items()}
    spec["servers"] = [{"url": "http://127.0.0.1"}]
    target.write_text(json.dumps(spec), encoding="utf-8")
    return target


class PrismProxy:
    def __init__(self, process: subprocess.Popen[bytes], log: Path, url: str) -> None:
        self.process, self.log, self.url = process, log, url

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def mark(self) -> int:
        return len(self.output())

    def problems(self, since: int = 0) -> list[str]:
        """Violation and error lines Prism logged after ``since`` (a :meth:`mark`)."""
        return [line for line in self.output()[since:].splitlines() if VIOLATION.search(line)]


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    box = Sandbox(orders=300, access_token_ttl=TOKEN_TTL).start()
    yield box
    box.stop()


@pytest.fixture(scope="module")
def prism(sandbox: Sandbox, tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrismProxy]:
    executable = require_tool(PRISM, "prism")
    work = tmp_path_factory.mktemp("prism")
    spec = _prefixed_spec(work / "openapi.json")
    port = _free_port()
    log = work / "prism.log"
    with log.open("wb") as out:
        command = [str(executable), "proxy", str(spec), sandbox.url, "--errors"]
        command += ["--host", "127.0.0.1", "--port", str(port)]
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    proxy = PrismProxy(process, log, f"http://127.0.0.1:{port}")
    try:
        deadline = time.monotonic() + 60
        while "Prism is listening" not in proxy.output():
            assert process.poll() is None, f"prism exited:\n{proxy.output()}"
            assert time.monotonic() < deadline, f"prism did not start:\n{proxy.output()}"
            time.sleep(0.1)
        yield proxy
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_prism_validates_what_it_proxies(prism: PrismProxy) -> None:
    """The proxy really validates: a request that breaks the spec is refused by Prism itself, and logged."""
    mark = prism.mark()
    headers = {"X-Session-ID": "s", "Session-ID": "s", "X-Company-ID": "c", "Authorization": "Bearer t"}
    response = httpx.get(f"{prism.url}/api/v1/brokers/data/orders", params={"limit": 0}, headers=headers)
    assert response.status_code == 422 and "stoplight.io/prism" in response.text
    assert "limit" in response.text
    time.sleep(0.2)
    assert prism.problems(mark)


def test_an_sdk_run_through_prism_has_no_violations(prism: PrismProxy, sandbox: Sandbox) -> None:
    requests_before = sum(sandbox.state.request_counts.values())
    mark = prism.mark()
    with FinaticServerClient(API_KEY, base_url=prism.url, max_retries=0) as client:
        # portal authentication
        client.start_session()
        with pytest.raises(AuthenticationError):
            client.get_session_user()  # 401 SESSION_NOT_AUTHENTICATED until the portal is done
        portal = client.get_portal_url(theme="dark", brokers=["robinhood", "alpaca"], email="a@b.co")
        complete_portal(portal.replace(prism.url, sandbox.url), "robinhood")
        assert client.wait_for_portal_completion(timeout=10, poll_interval=0.05) == USER_ID

        # brokers and pages
        assert client.get_broker_list() and client.get_broker_connections()
        accounts = client.get_accounts(per_page=5)
        orders = client.get_orders(per_page=50)
        assert orders.has_next and len(orders.next_page().data) == 50
        every_order = client.get_all_orders()
        assert len({o.id for o in every_order}) == len(every_order) > 100
        filled = client.get_filled_orders()
        assert filled and all(o.status == "filled" for o in filled)
        assert client.get_positions(per_page=10).data and client.get_balances(per_page=10).data
        assert client.get_open_positions() is not None and accounts.data
        client.get_order_fills(filled[0].id)
        client.get_order_events(filled[0].id)
        client.get_order_groups(per_page=5)
        lots = client.get_position_lots(per_page=5)
        if lots.data:
            client.get_position_lot_fills(lots.data[0].id)

        # the access token expires during the run: the SDK refreshes it
        time.sleep(TOKEN_TTL)
        assert client.get_orders(per_page=1).data

        # trading: place, modify, cancel, and the errors around them
        market = client.place_stock_market_order("AAPL", 2, "buy", "robinhood", "123456789")
        assert market.status == "filled"
        limit = client.place_stock_limit_order("MSFT", 3, "buy", 100.0, "robinhood", "123456789")
        modified = client.modify_order(limit.order_id, {"price": 101.0, "quantity": 4}, "robinhood")
        assert modified.order_id == limit.order_id
        cancelled = client.cancel_order(limit.order_id, "robinhood")
        assert cancelled.status == "cancelled"
        with pytest.raises(ConflictError):
            client.cancel_order(market.order_id, "robinhood")  # 409: already filled
        with pytest.raises(NotFoundError):
            client.get_order_fills("no-such-order")
        connections = {c.broker_id: c.id for c in client.get_broker_connections()}
        ibkr = next(
            a
            for a in client.get_all_accounts()
            if a.user_broker_connection_id == connections["interactive_brokers"]
        )
        with pytest.raises(TradeAccessDeniedError):  # a read-only connection
            client.place_stock_market_order("AAPL", 1, "buy", "interactive_brokers", ibkr.account_number)
        connection = next(c for c in client.get_broker_connections() if c.broker_id == "coinbase")
        assert client.disconnect_company(connection.id).action == "company_access_removed"

    # direct authentication, an unknown user, and a company that may not trade
    with FinaticServerClient("sk_sandbox_no_trading", base_url=prism.url, max_retries=0) as client:
        with pytest.raises(NotFoundError):
            client.start_session(user_id="nobody")
        client.start_session(user_id=USER_ID)
        with pytest.raises(TradingNotEnabledError):
            client.place_stock_market_order("AAPL", 1, "buy", "robinhood", "123456789")
    with (
        FinaticServerClient("not-a-sandbox-key", base_url=prism.url, max_retries=0) as client,
        pytest.raises(AuthenticationError),
    ):
        client.start_session()

    counts = sandbox.state.request_counts
    assert sum(counts.values()) - requests_before > 30  # the calls did go through to the sandbox
    assert counts["POST /company/auth/refresh"] >= 1
    time.sleep(0.2)  # let Prism finish logging the last exchange
    assert "Forwarding" in prism.output()[mark:]
    problems = prism.problems(mark)
    assert problems == [], "\n".join(problems)

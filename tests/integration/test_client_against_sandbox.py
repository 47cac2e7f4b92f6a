"""Both clients against the sandbox over real HTTP: what a user sees end to end."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

from finatic_server import (
    AuthenticationError,
    CompanyAccessError,
    ConflictError,
    NotFoundError,
    TradeAccessDeniedError,
    TradingNotEnabledError,
)
from finatic_server.sandbox import Sandbox, complete_portal
from finatic_server.types import OrdersFilter


@pytest.fixture(scope="module")
def server() -> Iterator[Sandbox]:
    sandbox = Sandbox(orders=600, access_token_ttl=2.0).start()
    yield sandbox
    sandbox.stop()


@pytest.fixture
def sandbox(server: Sandbox) -> str:
    return server.url


@pytest.fixture
def client(make_client: Any, sandbox: str, request: pytest.FixtureRequest) -> Any:
    """An authenticated client of a company of its own (per test), so trades never interfere."""
    c = make_client(api_key=f"sk_sandbox_{request.node.name[:40]}", base_url=sandbox)
    c.start_session(user_id="user123")
    return c


def test_portal_authentication_end_to_end(make_client: Any, sandbox: str) -> None:
    c = make_client(api_key="sk_sandbox_portal_user", base_url=sandbox)
    c.start_session()
    with pytest.raises(AuthenticationError) as not_yet:
        c.get_session_user()
    assert not_yet.value.code == "SESSION_NOT_AUTHENTICATED"

    url = c.get_portal_url(theme="corporateBlue", brokers=["tradovate"], email="pat@example.com")
    complete_portal(url, broker="ninja_trader")
    assert c.wait_for_portal_completion(timeout=10, poll_interval=0.05) == "user123"
    assert c.is_authenticated()
    assert c.get_broker_connections()


def test_every_order_comes_back_once_across_pages(client: Any) -> None:
    everything = client.get_all_orders()
    ids = [order.id for order in everything]
    assert len(ids) == len(set(ids)) >= 600
    first = client.get_orders(page=1, per_page=250)
    second = first.next_page()
    assert [o.id for o in first.data + second.data] == ids[:500]
    assert second.has_previous and second.current_page == 2


def test_filters_are_applied_by_the_server(client: Any) -> None:
    filled_aapl = client.get_all_orders(filters=OrdersFilter(status="filled", symbol="AAPL"))
    assert filled_aapl and all(o.status == "filled" and o.symbol == "AAPL" for o in filled_aapl)
    robinhood = client.get_orders_by_broker("robinhood")
    connections = {c.id: c.broker_id for c in client.get_broker_connections()}
    assert robinhood and {connections[o.user_broker_connection_id] for o in robinhood} == {"robinhood"}
    assert all(p.status == "active" for p in client.get_open_positions())


def test_a_market_order_fills_and_shows_up_with_its_fill(client: Any) -> None:
    placed = client.place_crypto_market_order(
        symbol="BTC-USD", quantity=0.1, side="buy", broker="coinbase", account_number="123456789"
    )
    assert placed.status == "filled"
    newest = client.get_orders(per_page=1).data[0]
    assert newest.id == placed.order_id and newest.quantity == 0.1
    fills = client.get_order_fills(newest.id).data
    assert sum(f.quantity for f in fills) == pytest.approx(0.1)


def test_a_limit_order_waits_can_be_modified_and_cancelled_once(client: Any) -> None:
    order = client.place_stock_limit_order(
        symbol="MSFT", quantity=3, side="buy", price=100.0, broker="robinhood", account_number="123456789"
    )
    assert order.status == "new"
    modified = client.modify_order(order.order_id, {"price": 101.5}, broker="robinhood")
    assert modified.order_id == order.order_id
    assert client.cancel_order(order.order_id, broker="robinhood").status == "cancelled"
    with pytest.raises(ConflictError) as again:
        client.cancel_order(order.order_id, broker="robinhood")
    assert again.value.code == "ORDER_NOT_CANCELLABLE"
    with pytest.raises(NotFoundError):
        client.cancel_order("no-such-order", broker="robinhood")


def test_company_and_connection_permissions_are_typed_errors(make_client: Any, sandbox: str) -> None:
    no_trading = make_client(api_key="sk_sandbox_no_trading", base_url=sandbox)
    no_trading.start_session(user_id="user123")
    assert no_trading.get_orders().data  # reading is allowed
    with pytest.raises(TradingNotEnabledError):
        no_trading.place_stock_market_order("AAPL", 1, "buy", "robinhood", "123456789")

    no_access = make_client(api_key="sk_sandbox_no_access", base_url=sandbox)
    no_access.start_session(user_id="user123")
    with pytest.raises(CompanyAccessError):
        no_access.get_orders()

    read_only = make_client(api_key="sk_sandbox_read_only_check", base_url=sandbox)
    read_only.start_session(user_id="user123")
    with pytest.raises(TradeAccessDeniedError):
        read_only.place_stock_market_order("AAPL", 1, "buy", "interactive_brokers", "123456789")


def test_a_wrong_api_key_is_an_authentication_error(make_client: Any, sandbox: str) -> None:
    with pytest.raises(AuthenticationError) as bad:
        make_client(api_key="sk_live_wrong", base_url=sandbox).start_session()
    assert bad.value.code == "INVALID_API_KEY" and bad.value.request_id


def test_tokens_are_refreshed_as_they_expire(client: Any, server: Sandbox) -> None:
    refreshes = server.state.request_counts["POST /company/auth/refresh"]
    before = client.get_orders(per_page=1).data
    time.sleep(2.2)  # the sandbox's access tokens live 2 s here
    assert client.get_orders(per_page=1).data[0].id == before[0].id
    assert server.state.request_counts["POST /company/auth/refresh"] == refreshes + 1

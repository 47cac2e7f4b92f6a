"""Convenience filters: each one asks the server for exactly what it names (the filtering happens there)."""

from __future__ import annotations

import httpx
import pytest
import respx

from finatic_server import ValidationError
from tests.conftest import API_ROOT
from tests.fake_api import order
from tests.signed_in import list_response, sent_query, signed_in

ORDERS = f"{API_ROOT}/brokers/data/orders"
POSITIONS = f"{API_ROOT}/brokers/data/positions"
ACCOUNTS = f"{API_ROOT}/brokers/data/accounts"
POSITION = {
    "id": "pos-1",
    "user_broker_connection_id": "conn-1",
    "broker_provided_account_id": "123",
    "symbol": "AAPL",
    "asset_type": "equity",
    "status": "active",
}
ACCOUNT = {"id": "acc-1", "user_broker_connection_id": "conn-1", "broker_provided_account_id": "123"}
WINDOW = {"limit": "1000", "offset": "0"}


def test_open_positions_are_the_active_ones(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        router.get(POSITIONS).mock(return_value=list_response([POSITION]))
        positions = client.get_open_positions()
        assert [p.id for p in positions] == ["pos-1"]
        assert sent_query(router.calls.last) == {"position_status": "active", **WINDOW}


def test_open_positions_keep_the_callers_options(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        router.get(POSITIONS).mock(return_value=list_response([POSITION]))
        client.get_open_positions(options={"broker_name": "alpaca", "account_id": "acc-1"})
        assert sent_query(router.calls.last) == {
            "position_status": "active",
            "broker_id": "alpaca",
            "account_id": "acc-1",
            **WINDOW,
        }


def test_filled_orders_ask_for_status_filled(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        router.get(ORDERS).mock(return_value=list_response([order(1)]))
        assert [o.id for o in client.get_filled_orders()] == ["ord-1"]
        assert sent_query(router.calls.last) == {"order_status": "filled", **WINDOW}


def test_pending_orders_cover_every_non_terminal_status_newest_first(make_client) -> None:
    pending = ("submitted", "new", "partially_filled", "pending_cancel", "created", "received")

    def answer(request: httpx.Request) -> httpx.Response:
        status = request.url.params["order_status"]
        n = pending.index(status)
        # Each status has one order; the later the status in the list, the older its order.
        return list_response([order(50 - n, status=status)])

    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        router.get(ORDERS).mock(side_effect=answer)
        orders = client.get_pending_orders(options={"connection_id": "conn-1"})

        asked = [sent_query(call)["order_status"] for call in router.calls]
        assert sorted(asked) == sorted(pending)
        assert not {"filled", "cancelled", "rejected", "expired"} & set(asked)
        assert all(sent_query(call)["connection_id"] == "conn-1" for call in router.calls)
        assert [o.status for o in orders] == list(pending)
        created = [str(o.created_at) for o in orders]
        assert created == sorted(created, reverse=True)


def test_active_accounts_ask_for_status_active(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        router.get(ACCOUNTS).mock(return_value=list_response([ACCOUNT]))
        assert [a.id for a in client.get_active_accounts()] == ["acc-1"]
        assert sent_query(router.calls.last) == {"status": "active", **WINDOW}


def test_orders_and_positions_by_symbol_filter_on_the_server(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        router.get(ORDERS).mock(return_value=list_response([order(1)]))
        router.get(POSITIONS).mock(return_value=list_response([POSITION]))

        client.get_orders_by_symbol("AAPL")
        assert sent_query(router.calls.last) == {"symbol": "AAPL", **WINDOW}
        client.get_positions_by_symbol("TSLA", options={"broker_name": "robinhood"})
        assert sent_query(router.calls.last) == {"symbol": "TSLA", "broker_id": "robinhood", **WINDOW}


@pytest.mark.parametrize(
    ("given", "sent"),
    [
        ("robinhood", "robinhood"),
        ("tradovate", "ninja_trader"),
        ("Tasty Trade", "tasty_trade"),
        ("IBKR", "interactive_brokers"),
    ],
)
def test_orders_and_positions_by_broker_send_the_broker_id(make_client, given: str, sent: str) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        router.get(ORDERS).mock(return_value=list_response([order(1)]))
        router.get(POSITIONS).mock(return_value=list_response([POSITION]))

        client.get_orders_by_broker(given)
        assert sent_query(router.calls.last) == {"broker_id": sent, **WINDOW}
        client.get_positions_by_broker(given)
        assert sent_query(router.calls.last) == {"broker_id": sent, **WINDOW}


def test_convenience_filters_gather_every_page(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        router.get(ORDERS).side_effect = [
            list_response([order(n) for n in range(1000)], has_more=True, limit=1000),
            list_response([order(1000)], has_more=False, offset=1000, limit=1000),
        ]
        assert len(client.get_filled_orders()) == 1001
        assert [sent_query(c) for c in router.calls] == [
            {"order_status": "filled", "limit": "1000", "offset": "0"},
            {"order_status": "filled", "limit": "1000", "offset": "1000"},
        ]


def test_bad_arguments_fail_before_anything_is_sent(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        with pytest.raises(ValidationError, match="broker"):
            client.get_orders_by_broker("not_a_broker")
        with pytest.raises(ValidationError, match="broker"):
            client.get_positions_by_broker("")
        with pytest.raises(ValidationError, match="symbol"):
            client.get_orders_by_symbol("")
        with pytest.raises(ValidationError, match="symbol"):
            client.get_positions_by_symbol(None)
        assert router.calls.call_count == 0

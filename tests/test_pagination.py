"""Pages and iteration: what is sent for each page, what a page object tells the caller, and how iteration
over every item behaves (lazily, with the same options and filters, never ending silently)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
import respx

from finatic_server import ApiError, ValidationError
from finatic_server.types import BrokerDataOptions, OrdersFilter
from tests.conftest import API_ROOT
from tests.fake_api import order, orders_pages
from tests.signed_in import list_response, route, sent_query, signed_in

ORDERS = f"{API_ROOT}/brokers/data/orders"


def test_a_page_is_asked_for_by_limit_and_offset(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        orders_pages(router, total=250, per_page=50)

        page = client.get_orders(page=3, per_page=50)

        assert sent_query(router.calls.last) == {"limit": "50", "offset": "100"}
        assert [o.id for o in page.data] == [f"ord-{n}" for n in range(100, 150)]
        assert page.current_page == 3
        assert page.has_next and page.has_previous


def test_the_first_page_has_no_previous_and_the_last_has_no_next(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        orders_pages(router, total=150, per_page=100)

        first = client.get_orders()
        assert sent_query(router.calls.last) == {"limit": "100", "offset": "0"}
        assert first.current_page == 1 and not first.has_previous and first.has_next
        assert len(first.data) == 100

        last = first.next_page()
        assert sent_query(router.calls.last) == {"limit": "100", "offset": "100"}
        assert last.current_page == 2 and last.has_previous and not last.has_next
        assert [o.id for o in last.data] == [f"ord-{n}" for n in range(100, 150)]

        back = last.previous_page()
        assert sent_query(router.calls.last) == {"limit": "100", "offset": "0"}
        assert [o.id for o in back.data] == [o.id for o in first.data]


def test_has_next_comes_from_the_servers_has_more_not_from_the_page_size(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        orders = router.get(ORDERS)
        # A short page that says there is more, then a full page that says there is not.
        orders.side_effect = [
            list_response([order(1)], has_more=True, limit=10),
            list_response([order(n) for n in range(10)], has_more=False, limit=10),
        ]
        short = client.get_orders(per_page=10)
        assert short.has_next
        full = client.get_orders(per_page=10)
        assert not full.has_next


def test_asking_past_the_ends_fails_clearly_without_a_request(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        router.get(ORDERS).mock(return_value=list_response([order(1)], has_more=False))
        only = client.get_orders()
        sent = router.calls.call_count
        with pytest.raises(Exception, match="no next page"):
            only.next_page()
        with pytest.raises(Exception, match="no previous page"):
            only.previous_page()
        assert router.calls.call_count == sent


def test_options_and_filters_are_sent_with_every_page(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        orders_pages(router, total=30, per_page=10)
        options = BrokerDataOptions(broker_name="robinhood", connection_id="conn-1", account_id="acc-9")
        filters = OrdersFilter(status="filled", symbol="AAPL")

        page = client.get_orders(per_page=10, options=options, filters=filters)
        page = page.next_page()
        page.previous_page()

        expected = {
            "broker_id": "robinhood",
            "connection_id": "conn-1",
            "account_id": "acc-9",
            "order_status": "filled",
            "symbol": "AAPL",
        }
        assert len(router.calls) == 3
        for call, offset in zip(router.calls, ("0", "10", "0"), strict=True):
            assert sent_query(call) == {**expected, "limit": "10", "offset": offset}


def test_options_and_filters_may_be_plain_dicts(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        orders_pages(router, total=5, per_page=10)
        client.get_orders(options={"broker_name": "alpaca"}, filters={"status": "cancelled", "side": "sell"})
        assert sent_query(router.calls.last) == {
            "broker_id": "alpaca",
            "order_status": "cancelled",
            "side": "sell",
            "limit": "100",
            "offset": "0",
        }


def test_bad_filters_fail_before_anything_is_sent(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        with pytest.raises(ValidationError, match="status"):
            client.get_orders(filters={"status": "done"})
        with pytest.raises(ValidationError, match="colour"):
            client.get_orders(filters={"colour": "red"})
        with pytest.raises(ValidationError, match="options"):
            client.get_orders(options="robinhood")
        with pytest.raises(ValidationError, match="broker_name"):
            client.get_orders(options={"broker_name": "not_a_broker"})
        assert router.calls.call_count == 0


def test_iteration_is_lazy_and_fetches_page_by_page(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        orders_pages(router, total=2500, per_page=1000)

        iterator = client.iter_orders()
        assert router.calls.call_count == 0  # nothing until iterated

        first = next(iterator)
        assert first.id == "ord-0"
        assert router.calls.call_count == 1
        for _ in range(999):
            next(iterator)
        assert router.calls.call_count == 1  # still on the first page
        assert next(iterator).id == "ord-1000"
        assert router.calls.call_count == 2
        rest = list(iterator)
        assert rest[-1].id == "ord-2499"
        assert [sent_query(call)["offset"] for call in router.calls] == ["0", "1000", "2000"]


def test_get_all_orders_gathers_every_order_over_pages(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        orders_pages(router, total=2345, per_page=1000)
        options = BrokerDataOptions(broker_name="tradovate")

        everything = client.get_all_orders(options=options, filters=OrdersFilter(symbol="AAPL"))

        assert [o.id for o in everything] == [f"ord-{n}" for n in range(2345)]
        assert [(q["offset"], q["limit"]) for q in map(sent_query, router.calls)] == [
            ("0", "1000"), ("1000", "1000"), ("2000", "1000"),
        ]  # fmt: skip
        for call in router.calls:
            assert sent_query(call)["broker_id"] == "ninja_trader"
            assert sent_query(call)["symbol"] == "AAPL"


def test_an_empty_page_that_says_has_more_does_not_end_iteration(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        router.get(ORDERS).side_effect = [
            list_response([order(1), order(2)], has_more=True, offset=0, limit=1000),
            list_response([], has_more=True, offset=1000, limit=1000),
            list_response([order(3)], has_more=False, offset=2000, limit=1000),
        ]
        assert [o.id for o in client.get_all_orders()] == ["ord-1", "ord-2", "ord-3"]
        assert router.calls.call_count == 3


def test_a_run_of_empty_pages_that_say_has_more_is_an_error_not_an_endless_loop(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        router.get(ORDERS).mock(return_value=list_response([], has_more=True, limit=1000))
        with pytest.raises(ApiError, match="empty pages"):
            client.get_all_orders()
        assert 2 <= router.calls.call_count <= 5


def test_a_list_without_a_pagination_block_ends_at_a_short_page(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        router.get(ORDERS).side_effect = [
            httpx.Response(200, json={"success": True, "response_data": [order(n) for n in range(1000)]}),
            httpx.Response(200, json={"success": True, "response_data": [order(1000)]}),
        ]
        assert len(client.get_all_orders()) == 1001
        assert router.calls.call_count == 2


@pytest.mark.parametrize("per_page", [0, -1, 1001, "10", 10.0, True])
def test_per_page_out_of_bounds_is_refused_before_sending(make_client, per_page: Any) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        for method in ("get_orders", "get_accounts", "get_positions", "get_balances", "get_order_groups",
                       "get_position_lots"):  # fmt: skip
            with pytest.raises(ValidationError, match="per_page") as raised:
                getattr(client, method)(per_page=per_page)
            assert raised.value.param == "per_page"
        for method, parent in (("get_order_fills", "ord-1"), ("get_order_events", "ord-1"),
                               ("get_position_lot_fills", "lot-1")):  # fmt: skip
            with pytest.raises(ValidationError, match="per_page"):
                getattr(client, method)(parent, per_page=per_page)
        assert router.calls.call_count == 0


@pytest.mark.parametrize("page", [0, -2, "2", 1.5])
def test_page_numbers_start_at_one(make_client, page: Any) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        with pytest.raises(ValidationError, match="page"):
            client.get_orders(page=page)
        assert router.calls.call_count == 0


def test_the_largest_page_is_1000(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        orders_pages(router, total=5, per_page=1000)
        client.get_orders(per_page=1000)
        assert sent_query(router.calls.last)["limit"] == "1000"


# -- the other list endpoints --------------------------------------------------------------------------

ACCOUNT = {"id": "acc-1", "user_broker_connection_id": "conn-1", "broker_provided_account_id": "123"}
POSITION = {**ACCOUNT, "id": "pos-1", "symbol": "AAPL", "asset_type": "equity"}
BALANCE = {"id": "bal-1", "account_id": "acc-1"}
GROUP = {"id": "grp-1", "orders": [{**order(1), "legs": [{"id": "leg-1", "leg_index": 0}]}]}
LOT = {"id": "lot-1", "position_id": "pos-1", "remaining_quantity": 5}
FILL = {
    "id": "fill-1",
    "order_id": "ord-1",
    "price": 1.5,
    "quantity": 2,
    "executed_at": "2026-01-01T00:00:00Z",
}
EVENT = {"id": "ev-1", "order_id": "ord-1", "event_time": "2026-01-01T00:00:00Z", "inferred": False,
         "order_status": "filled"}  # fmt: skip
LOT_FILL = {"id": "lf-1", "lot_id": "lot-1", "fill_price": 1.5, "fill_quantity": 2,
            "executed_at": "2026-01-01T00:00:00Z"}  # fmt: skip

LISTS = [
    # method, path, item, filters given, query they become
    ("get_accounts", "/brokers/data/accounts", ACCOUNT,
     {"account_type": "margin", "status": "active", "currency": "USD"},
     {"account_type": "margin", "status": "active", "currency": "USD"}),
    ("get_positions", "/brokers/data/positions", POSITION,
     {"status": "active", "symbol": "AAPL", "side": "long", "asset_type": "equity"},
     {"position_status": "active", "symbol": "AAPL", "side": "long", "asset_type": "equity"}),
    ("get_balances", "/brokers/data/balances", BALANCE,
     {"account_id": "acc-1", "is_end_of_day_snapshot": True, "created_after": "2026-01-01"},
     {"account_id": "acc-1", "is_end_of_day_snapshot": "true",
      "balance_created_after": "2026-01-01T00:00:00+00:00"}),
    ("get_order_groups", "/brokers/data/orders/groups", GROUP,
     {"created_before": "2026-02-01T00:00:00Z"},
     {"created_before": "2026-02-01T00:00:00+00:00"}),
    ("get_position_lots", "/brokers/data/positions/lots", LOT,
     {"symbol": "AAPL", "position_id": "pos-1"},
     {"symbol": "AAPL", "position_id": "pos-1"}),
]  # fmt: skip


@pytest.mark.parametrize(("method", "path", "item", "filters", "query"), LISTS, ids=[m[0] for m in LISTS])
def test_every_list_endpoint_pages_with_options_and_filters(
    make_client, method: str, path: str, item: dict[str, Any], filters: dict[str, Any], query: dict[str, str]
) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        route(router, "GET", path).side_effect = [
            list_response([item], has_more=True, offset=20, limit=20),
            list_response([item], has_more=False, offset=40, limit=20),
        ]
        options = BrokerDataOptions(broker_name="robinhood", connection_id="conn-1")

        page = getattr(client, method)(page=2, per_page=20, options=options, filters=filters)
        assert page.data[0].id == item["id"]
        assert page.current_page == 2 and page.has_previous and page.has_next
        page.next_page()

        common = {"broker_id": "robinhood", "connection_id": "conn-1", "limit": "20"}
        assert sent_query(router.calls[0]) == {**common, **query, "offset": "20"}
        assert sent_query(router.calls[1]) == {**common, **query, "offset": "40"}


def test_order_groups_keep_their_orders_and_legs(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        route(router, "GET", "/brokers/data/orders/groups").mock(return_value=list_response([GROUP]))
        group = client.get_order_groups().data[0]
        assert group.orders[0].id == "ord-1"
        assert group.orders[0].legs[0].id == "leg-1"


CHILDREN = [
    ("get_order_fills", "/brokers/data/orders/ord-1/fills", "ord-1", FILL),
    ("get_order_events", "/brokers/data/orders/ord-1/events", "ord-1", EVENT),
    ("get_position_lot_fills", "/brokers/data/positions/lots/lot-1/fills", "lot-1", LOT_FILL),
]


@pytest.mark.parametrize(("method", "path", "parent", "item"), CHILDREN, ids=[c[0] for c in CHILDREN])
def test_child_lists_put_the_id_in_the_path_and_page_like_the_rest(
    make_client, method: str, path: str, parent: str, item: dict[str, Any]
) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        route(router, "GET", path).side_effect = [
            list_response([item], has_more=True, offset=0, limit=2),
            list_response([item], has_more=False, offset=2, limit=2),
        ]
        page = getattr(client, method)(parent, connection_id="conn-7", per_page=2)
        assert page.data[0].id == item["id"]
        assert page.has_next and not page.has_previous
        second = page.next_page()
        assert not second.has_next and second.current_page == 2

        assert [call.request.url.path for call in router.calls] == [f"/api/v1{path}"] * 2
        assert sent_query(router.calls[0]) == {"connection_id": "conn-7", "limit": "2", "offset": "0"}
        assert sent_query(router.calls[1]) == {"connection_id": "conn-7", "limit": "2", "offset": "2"}


@pytest.mark.parametrize("method", [c[0] for c in CHILDREN])
def test_child_lists_need_a_real_parent_id(make_client, method: str) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        for bad in ("", "   ", None, 42):
            with pytest.raises(ValidationError):
                getattr(client, method)(bad)
        with pytest.raises(ValidationError, match="connection_id"):
            getattr(client, method)("x-1", connection_id="")
        assert router.calls.call_count == 0


def test_child_lists_without_connection_id_send_only_the_window(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        route(router, "GET", "/brokers/data/orders/ord-1/fills").mock(return_value=list_response([FILL]))
        client.get_order_fills("ord-1")
        assert sent_query(router.calls.last) == {"limit": "100", "offset": "0"}


@pytest.mark.parametrize(
    ("method", "path", "item"),
    [
        ("get_all_accounts", "/brokers/data/accounts", ACCOUNT),
        ("get_all_positions", "/brokers/data/positions", POSITION),
        ("get_all_balances", "/brokers/data/balances", BALANCE),
    ],
)
def test_every_get_all_pages_through_everything(
    make_client, method: str, path: str, item: dict[str, Any]
) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        route(router, "GET", path).side_effect = [
            list_response([item] * 1000, has_more=True, offset=0, limit=1000),
            list_response([item] * 7, has_more=False, offset=1000, limit=1000),
        ]
        assert len(getattr(client, method)(options={"connection_id": "conn-1"})) == 1007
        assert [sent_query(c)["offset"] for c in router.calls] == ["0", "1000"]
        assert all(sent_query(c)["connection_id"] == "conn-1" for c in router.calls)


def test_a_page_iterates_over_its_own_items(make_client) -> None:
    with respx.mock(assert_all_called=False) as router:
        client = signed_in(make_client, router)
        orders_pages(router, total=7, per_page=5)
        page = client.get_orders(per_page=5)
        assert [order.id for order in page] == [order.id for order in page.data] == [
            f"ord-{n}" for n in range(5)
        ]

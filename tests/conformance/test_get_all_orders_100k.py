"""``get_all_orders`` over a 100,000-order sandbox: every order exactly once, in the order the server lists
them (pages of the SDK's default size, walked by ``has_more``/``next_offset``)."""

from __future__ import annotations

from finatic_server import FinaticServerClient
from finatic_server.sandbox import Sandbox

from .conftest import API_KEY, USER_ID

ORDERS = 100_000


def test_get_all_orders_returns_all_100k_orders_once_in_server_order() -> None:
    box = Sandbox(orders=ORDERS).start()
    try:
        with FinaticServerClient(API_KEY, base_url=box.url) as client:
            client.start_session(user_id=USER_ID)
            orders = client.get_all_orders()
        ids = [o.id for o in orders]
        assert len(ids) == ORDERS and len(set(ids)) == ORDERS
        assert ids == [row.id for row in box.state.data.orders.rows]  # the server's own listing order
    finally:
        box.stop()

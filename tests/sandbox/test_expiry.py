"""Open orders expire lazily: gtd at its expireTime, day once a new UTC day has begun (the sandbox clock)."""

from __future__ import annotations

import math
import time
from typing import Any

import httpx
import pytest

from finatic_server.sandbox import Sandbox
from finatic_server.sandbox.records import iso

from .conftest import ApiSession, market_order, start_session


class Clock:
    """The sandbox's clock: real time plus an offset the test moves."""

    def __init__(self) -> None:
        self.offset = 0.0

    def __call__(self) -> float:
        return time.time() + self.offset


@pytest.fixture()
def clock(fresh_sandbox: Sandbox) -> Clock:
    clock = Clock()
    fresh_sandbox.state.clock = clock
    return clock


@pytest.fixture()
def trader(fresh_http: httpx.Client, clock: Clock) -> ApiSession:
    return start_session(fresh_http)


def _limit(**extra: Any) -> dict[str, Any]:
    return market_order(orderType="Limit", price=100.0, **extra)


def _order(user: ApiSession, order_id: str, **params: Any) -> dict[str, Any] | None:
    rows = user.get("/brokers/data/orders", limit=1000, **params).json()["response_data"]
    return next((o for o in rows if o["id"] == order_id), None)


def _events(user: ApiSession, order_id: str) -> list[dict[str, Any]]:
    response = user.get(f"/brokers/data/orders/{order_id}/events")
    assert response.status_code == 200, response.text
    rows: list[dict[str, Any]] = response.json()["response_data"]
    return rows


def test_a_gtd_order_expires_at_its_expire_time_and_then_cannot_be_cancelled_or_modified(
    trader: ApiSession, clock: Clock
) -> None:
    expire = iso(math.floor(clock()) + 60)
    placed = trader.post("/brokers/orders", _limit(timeInForce="gtd", expireTime=expire))
    assert placed.status_code == 200, placed.text
    order_id = placed.json()["response_data"]["order_id"]
    order = _order(trader, order_id)
    assert order is not None and order["status"] == "new"

    clock.offset = 120
    order = _order(trader, order_id)
    assert order is not None and order["status"] == "expired" and order["updated_at"] == expire
    assert _order(trader, order_id, order_status="expired") is not None
    assert _order(trader, order_id, order_status="new") is None
    events = _events(trader, order_id)
    assert [e["event_type"] for e in events] == ["submitted", "accepted", "expired"]
    assert events[-1]["order_status"] == "expired" and events[-1]["event_time"] == expire

    cancel = trader.delete(f"/brokers/orders/{order_id}")
    assert cancel.status_code == 409 and cancel.json()["code"] == "ORDER_NOT_CANCELLABLE"
    modify = trader.patch(
        f"/brokers/orders/{order_id}", {"broker": "robinhood", "order": {"orderId": order_id, "price": 99.0}}
    )
    assert modify.status_code == 409 and modify.json()["code"] == "ORDER_NOT_MODIFIABLE"
    assert len(_events(trader, order_id)) == 3


def test_expiry_is_checked_on_cancel_without_a_read_first(trader: ApiSession, clock: Clock) -> None:
    expire = iso(math.floor(clock()) + 30)
    order_id = trader.post("/brokers/orders", _limit(timeInForce="gtd", expireTime=expire)).json()[
        "response_data"
    ]["order_id"]
    clock.offset = 60
    cancel = trader.delete(f"/brokers/orders/{order_id}")
    assert cancel.status_code == 409 and cancel.json()["code"] == "ORDER_NOT_CANCELLABLE"
    assert "expired" in cancel.json()["message"]


def test_a_day_order_expires_when_the_utc_day_ends_and_a_gtc_order_stays_open(
    fresh_http: httpx.Client, trader: ApiSession, clock: Clock
) -> None:
    day_id = trader.post("/brokers/orders", _limit()).json()["response_data"]["order_id"]
    gtc_id = trader.post("/brokers/orders", _limit(timeInForce="gtc")).json()["response_data"]["order_id"]
    now = clock()
    clock.offset = (math.floor(now / 86400) + 1) * 86400 + 5 - now  # 5 s into the next UTC day
    later = start_session(fresh_http)  # the first session's tokens are stale a day later
    day = _order(later, day_id)
    assert day is not None and day["status"] == "expired"
    assert day["updated_at"] == iso((math.floor(now / 86400) + 1) * 86400)
    gtc = _order(later, gtc_id)
    assert gtc is not None and gtc["status"] == "new"
    assert later.delete(f"/brokers/orders/{gtc_id}").status_code == 200


def test_modifying_the_expire_time_moves_the_deadline(trader: ApiSession, clock: Clock) -> None:
    start = math.floor(clock())
    order_id = trader.post("/brokers/orders", _limit(timeInForce="gtd", expireTime=iso(start + 30))).json()[
        "response_data"
    ]["order_id"]
    moved = trader.patch(
        f"/brokers/orders/{order_id}",
        {"broker": "robinhood", "order": {"orderId": order_id, "expireTime": iso(start + 300)}},
    )
    assert moved.status_code == 200, moved.text
    clock.offset = 60
    order = _order(trader, order_id)
    assert order is not None and order["status"] == "new"
    clock.offset = 400
    order = _order(trader, order_id)
    assert order is not None and order["status"] == "expired" and order["updated_at"] == iso(start + 300)


def test_switching_to_gtd_needs_an_expire_time(trader: ApiSession) -> None:
    order_id = trader.post("/brokers/orders", _limit(timeInForce="gtc")).json()["response_data"]["order_id"]
    bad = trader.patch(
        f"/brokers/orders/{order_id}",
        {"broker": "robinhood", "order": {"orderId": order_id, "timeInForce": "gtd"}},
    )
    assert bad.status_code == 400 and "expireTime" in bad.json()["message"]
    bad = trader.patch(
        f"/brokers/orders/{order_id}",
        {"broker": "robinhood", "order": {"orderId": order_id, "expireTime": "soon"}},
    )
    assert bad.status_code == 400 and "expireTime" in bad.json()["message"]

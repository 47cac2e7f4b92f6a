from __future__ import annotations

import datetime

from ..types import ApiModel

__all__ = ["OrderFill"]


class OrderFill(ApiModel):
    """One execution of an order."""

    id: str
    order_id: str
    price: float
    quantity: float
    executed_at: datetime.datetime
    leg_id: str | None = None
    execution_id: str | None = None
    trade_id: str | None = None
    venue: str | None = None
    commission_fee: float | None = None
    created_at: datetime.datetime | None = None
    updated_at: datetime.datetime | None = None

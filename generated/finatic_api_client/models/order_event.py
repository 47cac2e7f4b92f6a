from __future__ import annotations

import datetime
from typing import Annotated

from pydantic import Field

from ..types import ApiModel
from .order_status import OrderStatus

__all__ = ["OrderEvent"]


class OrderEvent(ApiModel):
    """A lifecycle event of an order, observed from the broker or inferred."""

    id: str
    order_id: str
    event_time: datetime.datetime
    inferred: bool
    """True when the event was inferred rather than reported by the broker."""
    order_group_id: str | None = None
    event_type: str | None = None
    event_id: str | None = None
    order_status: Annotated[OrderStatus | str, Field(union_mode="left_to_right")] | None = None
    confidence: float | None = None
    reason_code: str | None = None
    recorded_at: datetime.datetime | None = None

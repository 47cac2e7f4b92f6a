from __future__ import annotations

import datetime

from ..types import ApiModel

__all__ = ["PositionLotFill"]


class PositionLotFill(ApiModel):
    """A fill that opened or closed (part of) a position lot."""

    id: str
    lot_id: str
    fill_price: float
    fill_quantity: float
    executed_at: datetime.datetime
    order_fill_id: str | None = None
    commission_share: float | None = None
    created_at: datetime.datetime | None = None
    updated_at: datetime.datetime | None = None

from __future__ import annotations

import datetime
from typing import Annotated

from pydantic import Field

from ..types import ApiModel
from .asset_type import AssetType

__all__ = ["OrderLeg"]


class OrderLeg(ApiModel):
    """One leg of an order in an order group."""

    id: str | None = None
    order_id: str | None = None
    leg_index: int | None = None
    asset_type: Annotated[AssetType | str, Field(union_mode="left_to_right")] | None = None
    broker_provided_symbol: str | None = None
    quantity: float | None = None
    filled_quantity: float | None = None
    avg_fill_price: float | None = None
    created_at: datetime.datetime | None = None
    updated_at: datetime.datetime | None = None

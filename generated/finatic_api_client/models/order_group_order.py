from __future__ import annotations

import datetime
from typing import Annotated

from pydantic import Field

from ..types import ApiModel
from .asset_type import AssetType
from .order_side import OrderSide
from .order_status import OrderStatus
from .order_type import OrderType
from .time_in_force import TimeInForce

__all__ = ["OrderGroupOrder"]


class OrderGroupOrder(ApiModel):
    """An order of an order group — a BrokerOrder plus its legs."""

    id: str
    user_broker_connection_id: str
    broker_provided_account_id: str
    symbol: str
    order_type: Annotated[OrderType | str, Field(union_mode="left_to_right")]
    """Order type (wire values are PascalCase)."""
    side: Annotated[OrderSide | str, Field(union_mode="left_to_right")]
    """The `side` of an order in broker data."""
    quantity: float
    status: Annotated[OrderStatus | str, Field(union_mode="left_to_right")]
    """Order status; `submitted, new, partially_filled, pending_cancel, created, received` are not yet
    terminal (pending)."""
    created_at: datetime.datetime
    order_id: str | None = None
    """The broker's own order id."""
    price: float | None = None
    stop_price: float | None = None
    asset_type: Annotated[AssetType | str, Field(union_mode="left_to_right")] | None = None
    time_in_force: Annotated[TimeInForce | str, Field(union_mode="left_to_right")] | None = None
    updated_at: datetime.datetime | None = None
    filled_at: datetime.datetime | None = None
    filled_quantity: float | None = None
    filled_avg_price: float | None = None
    legs: list[OrderLeg] | None = None


# Referenced models are imported after the class so that schemas may refer to each other in cycles;
# pydantic resolves the annotations when the model is first used.
from .order_leg import OrderLeg

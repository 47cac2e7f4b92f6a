from __future__ import annotations

import datetime
from typing import Annotated

from pydantic import Field

from ..types import ApiModel
from .asset_type import AssetType
from .order_action import OrderAction
from .order_type import OrderType
from .time_in_force import TimeInForce

__all__ = ["OrderModification"]


class OrderModification(ApiModel):
    """Changes to an open order: `orderId` plus only the fields that change, camelCase, with broker extras
    flattened in (see `OrderRequest`)."""

    order_id: str = Field(alias="orderId")
    """The broker's order id."""
    account_number: str | None = Field(default=None, alias="accountNumber")
    order_type: Annotated[OrderType | str, Field(union_mode="left_to_right")] | None = Field(
        default=None, alias="orderType"
    )
    asset_type: Annotated[AssetType | str, Field(union_mode="left_to_right")] | None = Field(
        default=None, alias="assetType"
    )
    action: Annotated[OrderAction | str, Field(union_mode="left_to_right")] | None = None
    time_in_force: Annotated[TimeInForce | str, Field(union_mode="left_to_right")] | None = Field(
        default=None, alias="timeInForce"
    )
    symbol: str | None = None
    order_qty: float | None = Field(default=None, alias="orderQty")
    price: float | None = None
    stop_price: float | None = Field(default=None, alias="stopPrice")
    expire_time: datetime.datetime | None = Field(default=None, alias="expireTime")

from __future__ import annotations

import datetime
from typing import Annotated

from pydantic import Field

from ..types import ApiModel
from .asset_type import AssetType
from .position_side import PositionSide
from .position_status import PositionStatus

__all__ = ["BrokerPosition"]


class BrokerPosition(ApiModel):
    """A position as recorded in broker data."""

    id: str
    user_broker_connection_id: str
    broker_provided_account_id: str
    symbol: str
    asset_type: Annotated[AssetType | str, Field(union_mode="left_to_right")]
    side: Annotated[PositionSide | str, Field(union_mode="left_to_right")] | None = None
    status: Annotated[PositionStatus | str, Field(union_mode="left_to_right")] | None = None
    quantity: float | None = None
    average_price: float | None = None
    market_value: float | None = None
    cost_basis: float | None = None
    unrealized_gain_loss: float | None = None
    unrealized_gain_loss_percent: float | None = None
    current_price: float | None = None
    last_price: float | None = None
    last_price_updated_at: datetime.datetime | None = None
    created_at: datetime.datetime | None = None
    updated_at: datetime.datetime | None = None

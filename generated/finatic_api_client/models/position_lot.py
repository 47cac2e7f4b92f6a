from __future__ import annotations

import datetime
from typing import Annotated

from pydantic import Field

from ..types import ApiModel
from .asset_type import AssetType
from .position_side import PositionSide

__all__ = ["PositionLot"]


class PositionLot(ApiModel):
    """A tax lot of a position."""

    id: str
    position_id: str | None = None
    user_broker_connection_id: str | None = None
    broker_provided_account_id: str | None = None
    instrument_key: str | None = None
    asset_type: Annotated[AssetType | str, Field(union_mode="left_to_right")] | None = None
    side: Annotated[PositionSide | str, Field(union_mode="left_to_right")] | None = None
    open_quantity: float | None = None
    closed_quantity: float | None = None
    remaining_quantity: float | None = None
    open_price: float | None = None
    close_price_avg: float | None = None
    cost_basis: float | None = None
    cost_basis_w_commission: float | None = None
    realized_pl: float | None = None
    realized_pl_w_commission: float | None = None
    lot_opened_at: datetime.datetime | None = None
    lot_closed_at: datetime.datetime | None = None
    position_group_id: str | None = None
    created_at: datetime.datetime | None = None
    updated_at: datetime.datetime | None = None

from __future__ import annotations

import datetime
from typing import Any

from ..types import ApiModel

__all__ = ["BrokerBalance"]


class BrokerBalance(ApiModel):
    """A balance snapshot of a broker account."""

    id: str
    account_id: str
    total_cash_value: float | None = None
    net_liquidation_value: float | None = None
    initial_margin: float | None = None
    maintenance_margin: float | None = None
    available_to_withdraw: float | None = None
    total_realized_pnl: float | None = None
    balance_created_at: datetime.datetime | None = None
    balance_updated_at: datetime.datetime | None = None
    is_end_of_day_snapshot: bool | None = None
    raw_payload: Any | None = None
    """The broker's raw balance payload (usually an object; any JSON value is accepted)."""
    created_at: datetime.datetime | None = None
    updated_at: datetime.datetime | None = None

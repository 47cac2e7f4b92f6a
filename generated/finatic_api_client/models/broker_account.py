from __future__ import annotations

import datetime
from typing import Annotated

from pydantic import Field

from ..types import ApiModel
from .account_status import AccountStatus
from .account_type import AccountType

__all__ = ["BrokerAccount"]


class BrokerAccount(ApiModel):
    """A broker account."""

    id: str
    user_broker_connection_id: str
    broker_provided_account_id: str
    account_name: str | None = None
    account_number: str | None = None
    account_type: Annotated[AccountType | str, Field(union_mode="left_to_right")] | None = None
    currency: str | None = None
    cash_balance: float | None = None
    buying_power: float | None = None
    status: Annotated[AccountStatus | str, Field(union_mode="left_to_right")] | None = None
    created_at: datetime.datetime | None = None
    updated_at: datetime.datetime | None = None
    last_synced_at: datetime.datetime | None = None
    positions_synced_at: datetime.datetime | None = None
    orders_synced_at: datetime.datetime | None = None
    balances_synced_at: datetime.datetime | None = None
    account_created_at: datetime.datetime | None = None
    account_updated_at: datetime.datetime | None = None
    account_first_trade_at: datetime.datetime | None = None

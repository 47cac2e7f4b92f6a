"""Options and filters for the broker data endpoints. Each field's serialization alias is its query name."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import Field, field_validator

from ..core import normalize
from ..core.inputs import InputModel

OrderStatusName = Literal[
    "submitted", "new", "partially_filled", "filled", "pending_cancel",
    "cancelled", "rejected", "expired", "created", "received",
]  # fmt: skip
AssetTypeName = Literal["equity", "equity_option", "crypto", "forex", "future", "future_option"]
PositionStatusName = Literal["active", "inactive", "closed"]
AccountTypeName = Literal["margin", "cash", "crypto"]
AccountStatusName = Literal["active", "inactive"]
Moment = datetime | date


class BrokerDataOptions(InputModel):
    """Which broker, connection and account to read from (carried to every page)."""

    broker_name: str | None = Field(default=None, serialization_alias="broker_id")
    connection_id: str | None = None
    account_id: str | None = None
    with_metadata: bool | None = None

    @field_validator("broker_name", mode="before")
    @classmethod
    def _broker(cls, value: Any) -> str | None:
        # Aliases (``tradovate``) become the id the API filters on (``ninja_trader``).
        return None if value is None else normalize.broker_id(value, "broker_name")


class AccountsFilter(InputModel):
    account_type: AccountTypeName | None = None
    status: AccountStatusName | None = None
    currency: str | None = None


class OrdersFilter(InputModel):
    status: OrderStatusName | None = Field(default=None, serialization_alias="order_status")
    symbol: str | None = None
    side: Literal["buy", "sell"] | None = None
    asset_type: AssetTypeName | None = None
    account_id: str | None = None
    created_after: Moment | None = None
    created_before: Moment | None = None


class PositionsFilter(InputModel):
    symbol: str | None = None
    side: Literal["long", "short"] | None = None
    asset_type: AssetTypeName | None = None
    status: PositionStatusName | None = Field(default=None, serialization_alias="position_status")
    account_id: str | None = None
    updated_after: Moment | None = None
    updated_before: Moment | None = None


class BalancesFilter(InputModel):
    account_id: str | None = None
    is_end_of_day_snapshot: bool | None = None
    created_after: Moment | None = Field(default=None, serialization_alias="balance_created_after")
    created_before: Moment | None = Field(default=None, serialization_alias="balance_created_before")


class OrderGroupsFilter(InputModel):
    created_after: Moment | None = None
    created_before: Moment | None = None


class PositionLotsFilter(InputModel):
    symbol: str | None = None
    position_id: str | None = None
    account_id: str | None = None

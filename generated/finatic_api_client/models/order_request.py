from __future__ import annotations

import datetime
from typing import Annotated

from pydantic import Field

from ..types import ApiModel
from .asset_type import AssetType
from .order_action import OrderAction
from .order_type import OrderType
from .time_in_force import TimeInForce

__all__ = ["OrderRequest"]


class OrderRequest(ApiModel):
    """A new order, keys in camelCase, with broker extras flattened into the same object
    (`additionalProperties`). Quantities are decimal numbers and are never truncated (0.1 BTC stays 0.1).
    Options symbols follow the OCC format (`AAPL240315C00150000` = AAPL, 2024-03-15, call, strike 150.000).

    Broker extras (defaults in brackets):
    - robinhood: `extendedHours` (boolean) [false unless asked], `marketHours` (`regular_hours` |
      `extended_hours`), `trailType` (`percentage` | `amount`)
    - ninja_trader: `accountSpec`, `isAutomated` (boolean) [true], `activationTime`, `text`,
      `pegDifference`, `expireTime`
    - tasty_trade (kebab-case on the wire): `automated-source` (boolean) [true], `price-effect` (`Debit` |
      `Credit`), `external-identifier`, `partition-key`, `preflight-id`, `source`, `value-effect`"""

    account_number: str = Field(alias="accountNumber")
    """The broker account number."""
    order_type: Annotated[OrderType | str, Field(union_mode="left_to_right")] = Field(alias="orderType")
    """Order type (wire values are PascalCase)."""
    asset_type: Annotated[AssetType | str, Field(union_mode="left_to_right")] = Field(alias="assetType")
    action: Annotated[OrderAction | str, Field(union_mode="left_to_right")]
    """Order action; options also use the open/close variants."""
    time_in_force: Annotated[TimeInForce | str, Field(union_mode="left_to_right")] = Field(
        alias="timeInForce"
    )
    """Time in force; `gtd` needs `expireTime`."""
    symbol: str
    order_qty: float | None = Field(default=None, alias="orderQty")
    """Quantity (fractions allowed, never truncated). Give exactly one of orderQty or notional."""
    notional: float | None = None
    """Amount of quote currency to trade instead of a quantity (Market orders, e.g. crypto)."""
    price: float | None = None
    """Limit price (Limit and StopLimit orders)."""
    stop_price: float | None = Field(default=None, alias="stopPrice")
    """Stop price (Stop and StopLimit orders)."""
    expire_time: datetime.datetime | None = Field(default=None, alias="expireTime")
    """Expiry of a `gtd` order."""

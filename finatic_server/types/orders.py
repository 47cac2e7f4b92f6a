"""Order inputs: what the caller describes, validated before anything is sent."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Self

from pydantic import Field, field_validator, model_validator

from ..core import normalize
from ..core.inputs import InputModel
from ..core.occ import OptionContract, build_occ, parse_occ
from ..utils.errors import ValidationError

__all__ = ["BrokerOrderParams", "OptionContract", "build_occ", "parse_occ"]


class BrokerOrderParams(InputModel):
    """A complete order. Friendly spellings are accepted (``side="buy"``, ``order_type="limit"``)."""

    broker: str
    order_type: str
    asset_type: str
    action: str
    symbol: str
    order_qty: int | float | None = None
    notional: int | float | None = Field(default=None, description="Amount of quote currency (crypto)")
    time_in_force: str = "day"
    account_number: str
    price: int | float | None = None
    stop_price: int | float | None = None
    expire_time: datetime | None = None
    connection_id: str | None = None
    extras: dict[str, Any] = Field(default_factory=dict, description="Broker-specific fields")

    @field_validator("broker", mode="before")
    @classmethod
    def _broker(cls, value: Any) -> str:
        return normalize.broker_id(value)

    @field_validator("order_type", mode="before")
    @classmethod
    def _order_type(cls, value: Any) -> str:
        return normalize.order_type(value)

    @field_validator("asset_type", mode="before")
    @classmethod
    def _asset_type(cls, value: Any) -> str:
        return normalize.asset_type(value)

    @field_validator("action", mode="before")
    @classmethod
    def _action(cls, value: Any) -> str:
        return normalize.action(value, "action")

    @field_validator("time_in_force", mode="before")
    @classmethod
    def _time_in_force(cls, value: Any) -> str:
        return normalize.time_in_force(value)

    @field_validator("order_qty", "notional", "price", "stop_price", mode="before")
    @classmethod
    def _positive(cls, value: Any, info: Any) -> int | float | None:
        return None if value is None else normalize.positive_number(value, info.field_name)

    @field_validator("symbol", mode="before")
    @classmethod
    def _symbol(cls, value: Any) -> str:
        if not isinstance(value, str) or not value.strip() or any(c.isspace() for c in value.strip()):
            raise ValidationError("symbol must be a non-empty ticker such as 'AAPL'", param="symbol")
        return value.strip().upper()

    @field_validator("account_number", "connection_id", mode="before")
    @classmethod
    def _identifier(cls, value: Any, info: Any) -> str | None:
        if value is None:
            if info.field_name == "account_number":
                raise ValidationError(
                    "account_number is required: the broker account to trade in", param="account_number"
                )
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            raise ValidationError(f"{info.field_name} must be a non-empty string", param=info.field_name)
        return value.strip()

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        kind = self.order_type
        if (self.order_qty is None) == (self.notional is None):
            raise ValidationError("give exactly one of quantity or notional", param="quantity")
        if self.notional is not None and kind != "Market":
            raise ValidationError("notional amounts are only for market orders", param="notional")
        if kind in ("Limit", "StopLimit") and self.price is None:
            raise ValidationError(f"a {kind} order needs a price", param="price")
        if kind in ("Stop", "StopLimit", "TrailingStop") and self.stop_price is None:
            raise ValidationError(f"a {kind} order needs a stop_price", param="stop_price")
        if kind == "Market" and self.price is not None:
            raise ValidationError("a Market order takes no price", param="price")
        if self.time_in_force == "gtd" and self.expire_time is None:
            raise ValidationError("time_in_force 'gtd' needs an expire_time", param="expire_time")
        if self.asset_type in ("equity_option",):
            parse_occ(self.symbol)
        return self

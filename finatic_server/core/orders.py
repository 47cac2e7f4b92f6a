"""Order builders: BrokerOrderParams <-> the wire body of place / modify / cancel."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from ..types.orders import BrokerOrderParams
from ..utils.errors import ValidationError
from . import normalize
from .occ import build_occ

# Friendly name -> wire name of each broker's extra order fields (finatic-api.md, "Order body").
BROKER_EXTRAS: dict[str, dict[str, str]] = {
    "robinhood": {
        "extended_hours": "extendedHours",
        "market_hours": "marketHours",
        "trail_type": "trailType",
    },
    "ninja_trader": {
        "account_spec": "accountSpec",
        "is_automated": "isAutomated",
        "activation_time": "activationTime",
        "text": "text",
        "peg_difference": "pegDifference",
    },
    "tasty_trade": {
        "automated_source": "automated-source",
        "price_effect": "price-effect",
        "external_identifier": "external-identifier",
        "partition_key": "partition-key",
        "preflight_id": "preflight-id",
        "source": "source",
        "value_effect": "value-effect",
    },
}
BROKER_EXTRA_DEFAULTS: dict[str, dict[str, Any]] = {
    "robinhood": {"extendedHours": False},
    "ninja_trader": {"isAutomated": True},
    "tasty_trade": {"automated-source": True},
}

# modify_order's friendly keys -> wire keys (wire keys are accepted as they are).
MODIFIABLE = {
    "price": "price",
    "quantity": "orderQty",
    "order_qty": "orderQty",
    "stop_price": "stopPrice",
    "time_in_force": "timeInForce",
    "order_type": "orderType",
    "side": "action",
    "action": "action",
    "expire_time": "expireTime",
}


def coerce_params(params: BrokerOrderParams | Mapping[str, Any]) -> BrokerOrderParams:
    if isinstance(params, BrokerOrderParams):
        return params
    if isinstance(params, Mapping):
        return BrokerOrderParams.model_validate(dict(params))
    raise ValidationError(
        f"order must be a BrokerOrderParams or a dict, got {type(params).__name__}", param="order"
    )


def order_body(params: BrokerOrderParams) -> dict[str, Any]:
    """``{"broker", "order": {...camelCase..., ...broker extras}}`` for POST /brokers/orders."""
    order: dict[str, Any] = {
        "orderType": params.order_type,
        "assetType": params.asset_type,
        "action": params.action,
        "timeInForce": params.time_in_force,
        "symbol": params.symbol,
    }
    optional = {
        "accountNumber": params.account_number,
        "orderQty": params.order_qty,
        "notional": params.notional,
        "price": params.price,
        "stopPrice": params.stop_price,
        "expireTime": _timestamp(params.expire_time) if params.expire_time else None,
    }
    order.update({key: value for key, value in optional.items() if value is not None})
    order.update(broker_extras(params.broker, params.extras))
    return {"broker": params.broker, "order": order}


def broker_extras(broker: str, extras: Mapping[str, Any]) -> dict[str, Any]:
    """The broker's defaults overlaid with the caller's extras (friendly or wire names)."""
    known = BROKER_EXTRAS.get(broker, {})
    wire_names = set(known.values())
    result = dict(BROKER_EXTRA_DEFAULTS.get(broker, {}))
    for key, value in extras.items():
        wire = known.get(key, key if key in wire_names else None)
        if wire is None:
            allowed = ", ".join(known) or "none"
            raise ValidationError(
                f"{key!r} is not an order field of {broker} (its extras: {allowed})", param=key
            )
        result[wire] = value
    return result


def asset_order(
    asset_type: str,
    order_type: str,
    *,
    symbol: str,
    quantity: Any,
    side: Any,
    broker: Any,
    account_number: Any = None,
    price: Any = None,
    stop_price: Any = None,
    time_in_force: Any = "day",
    expire_time: datetime | None = None,
    connection_id: str | None = None,
    notional: Any = None,
    extras: Mapping[str, Any] | None = None,
) -> BrokerOrderParams:
    """The order behind each ``place_<asset>_<type>_order`` method (errors name these arguments)."""
    return BrokerOrderParams(
        broker=broker,
        order_type=order_type,
        asset_type=asset_type,
        action=normalize.action(side, "side"),
        symbol=symbol,
        order_qty=None if quantity is None else normalize.positive_number(quantity, "quantity"),
        notional=notional,
        price=price,
        stop_price=stop_price,
        time_in_force=time_in_force,
        expire_time=expire_time,
        account_number=account_number,
        connection_id=connection_id,
        extras=dict(extras or {}),
    )


def option_symbol(symbol: str | None, underlying: Any, expiry: Any, option_type: Any, strike: Any) -> str:
    """An OCC symbol as given, or built from its parts (give one or the other)."""
    parts = (underlying, expiry, option_type, strike)
    if symbol is not None:
        if any(part is not None for part in parts):
            raise ValidationError(
                "give either symbol or underlying/expiry/option_type/strike, not both", param="symbol"
            )
        return symbol
    if any(part is None for part in parts):
        raise ValidationError(
            "an options order needs symbol, or all of underlying, expiry, option_type and strike",
            param="symbol",
        )
    return build_occ(underlying, expiry, option_type, strike).symbol


def modification_body(
    order_id: str, broker: Any, modifications: Mapping[str, Any], account_number: str | None
) -> dict[str, Any]:
    """``{"broker", "order": {"orderId", ...changed fields}}`` for PATCH /brokers/orders/{id}."""
    if not isinstance(modifications, Mapping) or not modifications:
        raise ValidationError("modifications must be a non-empty dict", param="modifications")
    broker_id = normalize.broker_id(broker)
    order: dict[str, Any] = {"orderId": order_id}
    if account_number:
        order["accountNumber"] = account_number
    wire_keys = set(MODIFIABLE.values())
    for key, value in modifications.items():
        wire = MODIFIABLE.get(key, key if key in wire_keys else None)
        if wire is None:
            allowed = ", ".join(k for k in MODIFIABLE if k not in ("order_qty", "action"))
            raise ValidationError(f"cannot modify {key!r}; modifiable: {allowed}", param=key)
        order[wire] = _modified_value(wire, value, key)
    return {"broker": broker_id, "order": order}


def _modified_value(wire: str, value: Any, param: str) -> Any:
    if wire in ("price", "orderQty", "stopPrice"):
        return normalize.positive_number(value, param)
    if wire == "timeInForce":
        return normalize.time_in_force(value, param)
    if wire == "orderType":
        return normalize.order_type(value, param)
    if wire == "action":
        return normalize.action(value, param)
    if isinstance(value, datetime):
        return _timestamp(value)
    return value


def cancel_body(order_id: str, broker: Any, account_number: str | None) -> dict[str, Any]:
    order: dict[str, Any] = {"orderId": order_id}
    if account_number:
        order["accountNumber"] = account_number
    return {"broker": normalize.broker_id(broker), "order": order}


def identifier(value: Any, param: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(f"{param} must be a non-empty string, got {value!r}", param=param)
    return value.strip()


IDEMPOTENCY_KEY_MAX_LENGTH = 255


def idempotency_key(value: Any) -> str:
    """The caller's Idempotency-Key, or a new one. It is sent as a header, so it must be printable ASCII
    without spaces (1 to 255 characters, as the API allows): checked here, before the order is sent, rather
    than failing on the wire in a way that would leave the order's state unknown."""
    if value is None:
        return f"finatic-{uuid.uuid4()}"
    if (
        not isinstance(value, str)
        or not 1 <= len(value) <= IDEMPOTENCY_KEY_MAX_LENGTH
        or not all("!" <= char <= "~" for char in value)
    ):
        raise ValidationError(
            f"idempotency_key must be 1 to {IDEMPOTENCY_KEY_MAX_LENGTH} printable ASCII characters without "
            f"spaces, got {value!r:.60}",
            param="idempotency_key",
        )
    return value


def optional_identifier(value: Any, param: str) -> str | None:
    """None, or a non-empty id (an empty string would otherwise be sent as ``?param=``)."""
    return None if value is None else identifier(value, param)


def _timestamp(moment: datetime) -> str:
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.isoformat().replace("+00:00", "Z")

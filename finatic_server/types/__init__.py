"""Public types: the inputs the SDK takes and the models the API returns (under the README's names)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .device import DeviceInfo
from .filters import (
    AccountsFilter,
    BalancesFilter,
    BrokerDataOptions,
    OrderGroupsFilter,
    OrdersFilter,
    PositionLotsFilter,
    PositionsFilter,
)
from .orders import BrokerOrderParams, OptionContract

if TYPE_CHECKING:
    from finatic_api_client.models import (
        BrokerAccount,
        BrokerBalance,
        BrokerConnection,
        BrokerInfo,
        BrokerOrder,
        BrokerPosition,
        DisconnectCompanyResult,
        OrderEvent,
        OrderFill,
        OrderGroup,
        OrderLeg,
        OrderResponse,
        PositionLot,
        PositionLotFill,
        SessionStartData,
    )

    from .._async.pagination import AsyncPage
    from .._sync.pagination import Page
    from .._sync.pagination import Page as PaginatedResult

# Generated models load on first use, which keeps `import finatic_server` fast.
_MODELS = frozenset({
    "BrokerAccount", "BrokerBalance", "BrokerConnection", "BrokerInfo", "BrokerOrder", "BrokerPosition",
    "DisconnectCompanyResult", "OrderEvent", "OrderFill", "OrderGroup", "OrderLeg", "OrderResponse",
    "PositionLot", "PositionLotFill", "SessionStartData",
})  # fmt: skip


def __getattr__(name: str) -> Any:
    if name in _MODELS:
        from finatic_api_client import models

        return getattr(models, name)
    if name in ("Page", "PaginatedResult"):
        from .._sync.pagination import Page

        return Page
    if name == "AsyncPage":
        from .._async.pagination import AsyncPage

        return AsyncPage
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "AccountsFilter",
    "AsyncPage",
    "BalancesFilter",
    "BrokerAccount",
    "BrokerBalance",
    "BrokerConnection",
    "BrokerDataOptions",
    "BrokerInfo",
    "BrokerOrder",
    "BrokerOrderParams",
    "BrokerPosition",
    "DeviceInfo",
    "DisconnectCompanyResult",
    "OptionContract",
    "OrderEvent",
    "OrderFill",
    "OrderGroup",
    "OrderGroupsFilter",
    "OrderLeg",
    "OrderResponse",
    "OrdersFilter",
    "Page",
    "PaginatedResult",
    "PositionLot",
    "PositionLotFill",
    "PositionLotsFilter",
    "PositionsFilter",
    "SessionStartData",
]

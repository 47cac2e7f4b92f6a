"""All data models of the Finatic API (one class per ``components/schemas`` entry).

Imports are lazy (PEP 562): a model module is imported the first time its name is used.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .account_list_response import AccountListResponse
    from .account_status import AccountStatus
    from .account_type import AccountType
    from .asset_type import AssetType
    from .balance_list_response import BalanceListResponse
    from .broker_account import BrokerAccount
    from .broker_balance import BrokerBalance
    from .broker_connection import BrokerConnection
    from .broker_connection_list_response import BrokerConnectionListResponse
    from .broker_info import BrokerInfo
    from .broker_list_response import BrokerListResponse
    from .broker_order import BrokerOrder
    from .broker_position import BrokerPosition
    from .cancel_order_request import CancelOrderRequest
    from .connection_metadata import ConnectionMetadata
    from .connection_permissions import ConnectionPermissions
    from .connection_status import ConnectionStatus
    from .disconnect_action import DisconnectAction
    from .disconnect_company_response import DisconnectCompanyResponse
    from .disconnect_company_result import DisconnectCompanyResult
    from .error_code import ErrorCode
    from .error_detail import ErrorDetail
    from .error_response import ErrorResponse
    from .modify_order_request import ModifyOrderRequest
    from .order_action import OrderAction
    from .order_cancellation import OrderCancellation
    from .order_event import OrderEvent
    from .order_event_list_response import OrderEventListResponse
    from .order_fill import OrderFill
    from .order_fill_list_response import OrderFillListResponse
    from .order_group import OrderGroup
    from .order_group_list_response import OrderGroupListResponse
    from .order_group_order import OrderGroupOrder
    from .order_leg import OrderLeg
    from .order_list_response import OrderListResponse
    from .order_modification import OrderModification
    from .order_operation_response import OrderOperationResponse
    from .order_request import OrderRequest
    from .order_response import OrderResponse
    from .order_side import OrderSide
    from .order_status import OrderStatus
    from .order_type import OrderType
    from .pagination import Pagination
    from .place_order_request import PlaceOrderRequest
    from .portal_url_data import PortalUrlData
    from .portal_url_response import PortalUrlResponse
    from .position_list_response import PositionListResponse
    from .position_lot import PositionLot
    from .position_lot_fill import PositionLotFill
    from .position_lot_fill_list_response import PositionLotFillListResponse
    from .position_lot_list_response import PositionLotListResponse
    from .position_side import PositionSide
    from .position_status import PositionStatus
    from .session_init_data import SessionInitData
    from .session_init_response import SessionInitResponse
    from .session_start_data import SessionStartData
    from .session_start_request import SessionStartRequest
    from .session_start_response import SessionStartResponse
    from .session_status import SessionStatus
    from .session_user_data import SessionUserData
    from .session_user_response import SessionUserResponse
    from .time_in_force import TimeInForce
    from .token_refresh_data import TokenRefreshData
    from .token_refresh_request import TokenRefreshRequest
    from .token_refresh_response import TokenRefreshResponse

_MODULES: dict[str, str] = {
    "AccountListResponse": ".account_list_response",
    "AccountStatus": ".account_status",
    "AccountType": ".account_type",
    "AssetType": ".asset_type",
    "BalanceListResponse": ".balance_list_response",
    "BrokerAccount": ".broker_account",
    "BrokerBalance": ".broker_balance",
    "BrokerConnection": ".broker_connection",
    "BrokerConnectionListResponse": ".broker_connection_list_response",
    "BrokerInfo": ".broker_info",
    "BrokerListResponse": ".broker_list_response",
    "BrokerOrder": ".broker_order",
    "BrokerPosition": ".broker_position",
    "CancelOrderRequest": ".cancel_order_request",
    "ConnectionMetadata": ".connection_metadata",
    "ConnectionPermissions": ".connection_permissions",
    "ConnectionStatus": ".connection_status",
    "DisconnectAction": ".disconnect_action",
    "DisconnectCompanyResponse": ".disconnect_company_response",
    "DisconnectCompanyResult": ".disconnect_company_result",
    "ErrorCode": ".error_code",
    "ErrorDetail": ".error_detail",
    "ErrorResponse": ".error_response",
    "ModifyOrderRequest": ".modify_order_request",
    "OrderAction": ".order_action",
    "OrderCancellation": ".order_cancellation",
    "OrderEvent": ".order_event",
    "OrderEventListResponse": ".order_event_list_response",
    "OrderFill": ".order_fill",
    "OrderFillListResponse": ".order_fill_list_response",
    "OrderGroup": ".order_group",
    "OrderGroupListResponse": ".order_group_list_response",
    "OrderGroupOrder": ".order_group_order",
    "OrderLeg": ".order_leg",
    "OrderListResponse": ".order_list_response",
    "OrderModification": ".order_modification",
    "OrderOperationResponse": ".order_operation_response",
    "OrderRequest": ".order_request",
    "OrderResponse": ".order_response",
    "OrderSide": ".order_side",
    "OrderStatus": ".order_status",
    "OrderType": ".order_type",
    "Pagination": ".pagination",
    "PlaceOrderRequest": ".place_order_request",
    "PortalUrlData": ".portal_url_data",
    "PortalUrlResponse": ".portal_url_response",
    "PositionListResponse": ".position_list_response",
    "PositionLot": ".position_lot",
    "PositionLotFill": ".position_lot_fill",
    "PositionLotFillListResponse": ".position_lot_fill_list_response",
    "PositionLotListResponse": ".position_lot_list_response",
    "PositionSide": ".position_side",
    "PositionStatus": ".position_status",
    "SessionInitData": ".session_init_data",
    "SessionInitResponse": ".session_init_response",
    "SessionStartData": ".session_start_data",
    "SessionStartRequest": ".session_start_request",
    "SessionStartResponse": ".session_start_response",
    "SessionStatus": ".session_status",
    "SessionUserData": ".session_user_data",
    "SessionUserResponse": ".session_user_response",
    "TimeInForce": ".time_in_force",
    "TokenRefreshData": ".token_refresh_data",
    "TokenRefreshRequest": ".token_refresh_request",
    "TokenRefreshResponse": ".token_refresh_response",
}

__all__ = [
    "AccountListResponse",
    "AccountStatus",
    "AccountType",
    "AssetType",
    "BalanceListResponse",
    "BrokerAccount",
    "BrokerBalance",
    "BrokerConnection",
    "BrokerConnectionListResponse",
    "BrokerInfo",
    "BrokerListResponse",
    "BrokerOrder",
    "BrokerPosition",
    "CancelOrderRequest",
    "ConnectionMetadata",
    "ConnectionPermissions",
    "ConnectionStatus",
    "DisconnectAction",
    "DisconnectCompanyResponse",
    "DisconnectCompanyResult",
    "ErrorCode",
    "ErrorDetail",
    "ErrorResponse",
    "ModifyOrderRequest",
    "OrderAction",
    "OrderCancellation",
    "OrderEvent",
    "OrderEventListResponse",
    "OrderFill",
    "OrderFillListResponse",
    "OrderGroup",
    "OrderGroupListResponse",
    "OrderGroupOrder",
    "OrderLeg",
    "OrderListResponse",
    "OrderModification",
    "OrderOperationResponse",
    "OrderRequest",
    "OrderResponse",
    "OrderSide",
    "OrderStatus",
    "OrderType",
    "Pagination",
    "PlaceOrderRequest",
    "PortalUrlData",
    "PortalUrlResponse",
    "PositionListResponse",
    "PositionLot",
    "PositionLotFill",
    "PositionLotFillListResponse",
    "PositionLotListResponse",
    "PositionSide",
    "PositionStatus",
    "SessionInitData",
    "SessionInitResponse",
    "SessionStartData",
    "SessionStartRequest",
    "SessionStartResponse",
    "SessionStatus",
    "SessionUserData",
    "SessionUserResponse",
    "TimeInForce",
    "TokenRefreshData",
    "TokenRefreshRequest",
    "TokenRefreshResponse",
]


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})

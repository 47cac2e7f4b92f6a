"""Checks on spec/openapi.yaml: valid OpenAPI 3.1 and complete against docs/architecture.md."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from openapi_spec_validator import validate

ROOT = Path(__file__).resolve().parent.parent
SPEC_PATH = ROOT / "spec" / "openapi.yaml"

Operations = dict[str, tuple[str, str, dict[str, Any]]]

HTTP_METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}

# tag -> operation_id -> (method, path); from docs/architecture.md "Operation ids".
OPERATIONS: dict[str, tuple[str, str, str]] = {
    "init_session": ("session", "post", "/session/init"),
    "start_session": ("session", "post", "/session/start"),
    "get_portal_url": ("session", "get", "/session/portal"),
    "get_session_user": ("session", "get", "/session/{session_id}/user"),
    "refresh_token": ("auth", "post", "/company/auth/refresh"),
    "list_brokers": ("brokers", "get", "/brokers/"),
    "list_broker_connections": ("brokers", "get", "/brokers/connections"),
    "disconnect_company": ("brokers", "delete", "/brokers/disconnect-company/{connection_id}"),
    "get_accounts": ("broker_data", "get", "/brokers/data/accounts"),
    "get_orders": ("broker_data", "get", "/brokers/data/orders"),
    "get_positions": ("broker_data", "get", "/brokers/data/positions"),
    "get_balances": ("broker_data", "get", "/brokers/data/balances"),
    "get_order_fills": ("broker_data", "get", "/brokers/data/orders/{order_id}/fills"),
    "get_order_events": ("broker_data", "get", "/brokers/data/orders/{order_id}/events"),
    "get_order_groups": ("broker_data", "get", "/brokers/data/orders/groups"),
    "get_position_lots": ("broker_data", "get", "/brokers/data/positions/lots"),
    "get_position_lot_fills": ("broker_data", "get", "/brokers/data/positions/lots/{lot_id}/fills"),
    "place_order": ("trading", "post", "/brokers/orders"),
    "modify_order": ("trading", "patch", "/brokers/orders/{order_id}"),
    "cancel_order": ("trading", "delete", "/brokers/orders/{order_id}"),
}

# operation_id -> query parameters (finatic-api.md "Endpoints")
QUERY_PARAMS: dict[str, set[str]] = {
    "get_accounts": {
        "limit", "offset", "broker_id", "connection_id", "account_type", "status", "currency",
        "with_metadata",
    },
    "get_orders": {
        "limit", "offset", "broker_id", "connection_id", "account_id", "symbol", "order_status", "side",
        "asset_type", "created_after", "created_before", "with_metadata",
    },
    "get_positions": {
        "limit", "offset", "broker_id", "connection_id", "account_id", "symbol", "side", "asset_type",
        "position_status", "updated_after", "updated_before", "with_metadata",
    },
    "get_balances": {
        "limit", "offset", "broker_id", "connection_id", "account_id", "is_end_of_day_snapshot",
        "balance_created_after", "balance_created_before", "with_metadata",
    },
    "get_order_fills": {"connection_id", "limit", "offset"},
    "get_order_events": {"connection_id", "limit", "offset"},
    "get_order_groups": {"broker_id", "connection_id", "limit", "offset", "created_after", "created_before"},
    "get_position_lots": {
        "broker_id", "connection_id", "account_id", "symbol", "position_id", "limit", "offset",
    },
    "get_position_lot_fills": {"connection_id", "limit", "offset"},
    "place_order": {"connection_id"},
    "modify_order": {"account_number", "connection_id"},
    "cancel_order": {"account_number", "connection_id"},
}

# operation_id -> 2xx envelope schema (docs/architecture.md "Schema names")
ENVELOPES: dict[str, str] = {
    "init_session": "SessionInitResponse",
    "start_session": "SessionStartResponse",
    "get_portal_url": "PortalUrlResponse",
    "get_session_user": "SessionUserResponse",
    "refresh_token": "TokenRefreshResponse",
    "list_brokers": "BrokerListResponse",
    "list_broker_connections": "BrokerConnectionListResponse",
    "disconnect_company": "DisconnectCompanyResponse",
    "get_accounts": "AccountListResponse",
    "get_orders": "OrderListResponse",
    "get_positions": "PositionListResponse",
    "get_balances": "BalanceListResponse",
    "get_order_fills": "OrderFillListResponse",
    "get_order_events": "OrderEventListResponse",
    "get_order_groups": "OrderGroupListResponse",
    "get_position_lots": "PositionLotListResponse",
    "get_position_lot_fills": "PositionLotFillListResponse",
    "place_order": "OrderOperationResponse",
    "modify_order": "OrderOperationResponse",
    "cancel_order": "OrderOperationResponse",
}

SCHEMA_NAMES = {
    # data objects
    "BrokerInfo", "BrokerConnection", "ConnectionPermissions", "ConnectionMetadata", "BrokerAccount",
    "BrokerOrder", "BrokerPosition", "BrokerBalance", "OrderFill", "OrderEvent", "OrderGroup",
    "OrderGroupOrder", "OrderLeg", "PositionLot", "PositionLotFill", "Pagination", "OrderResponse",
    "DisconnectCompanyResult",
    # session payloads and envelopes
    "SessionInitData", "SessionStartData", "PortalUrlData", "SessionUserData", "TokenRefreshData",
    "SessionInitResponse", "SessionStartResponse", "PortalUrlResponse", "SessionUserResponse",
    # data envelopes
    "TokenRefreshResponse", "BrokerListResponse", "BrokerConnectionListResponse", "DisconnectCompanyResponse",
    "AccountListResponse", "OrderListResponse", "PositionListResponse", "BalanceListResponse",
    "OrderFillListResponse", "OrderEventListResponse", "OrderGroupListResponse", "PositionLotListResponse",
    "PositionLotFillListResponse", "OrderOperationResponse",
    # errors
    "ErrorResponse", "ErrorDetail", "ErrorCode",
    # requests
    "SessionStartRequest", "TokenRefreshRequest", "PlaceOrderRequest", "OrderRequest", "ModifyOrderRequest",
    "OrderModification", "CancelOrderRequest", "OrderCancellation",
    # enums
    "OrderType", "AssetType", "OrderAction", "TimeInForce", "OrderStatus", "PositionStatus", "AccountType",
    "AccountStatus", "ConnectionStatus", "SessionStatus", "DisconnectAction", "OrderSide", "PositionSide",
}

README_TYPES = [
    "BrokerOrder", "BrokerPosition", "BrokerAccount", "BrokerBalance", "BrokerInfo", "BrokerConnection",
    "OrderResponse",
]

ENUMS: dict[str, list[str]] = {
    "OrderType": ["Market", "Limit", "Stop", "StopLimit", "TrailingStop"],
    "AssetType": ["equity", "equity_option", "crypto", "forex", "future", "future_option"],
    "OrderAction": ["Buy", "Sell", "Buy to Open", "Sell to Open", "Buy to Close", "Sell to Close"],
    "TimeInForce": ["day", "gtc", "gtd", "ioc", "fok"],
    "OrderStatus": [
        "submitted", "new", "partially_filled", "filled", "pending_cancel", "cancelled", "rejected",
        "expired", "created", "received",
    ],
    "PositionStatus": ["active", "inactive", "closed"],
    "AccountType": ["margin", "cash", "crypto"],
    "AccountStatus": ["active", "inactive"],
    "ConnectionStatus": [
        "active", "needs_reauth", "revoked", "pending_initial_auth", "failed", "rate_limited",
    ],
    "SessionStatus": ["pending", "authenticating", "active", "completed", "expired"],
    "DisconnectAction": ["company_access_removed", "connection_deleted"],
    "OrderSide": ["buy", "sell"],
    "PositionSide": ["long", "short"],
}

# finatic-api.md "Error codes" table
ERROR_CODES = [
    "INVALID_ORDER", "VALIDATION_ERROR", "INVALID_API_KEY", "TOKEN_EXPIRED", "SESSION_EXPIRED",
    "INVALID_ONE_TIME_TOKEN", "TRADING_NOT_ENABLED", "NO_COMPANY_ACCESS", "TRADE_ACCESS_DENIED",
    "ORDER_NOT_FOUND", "NOT_FOUND", "ORDER_NOT_CANCELLABLE", "RATE_LIMITED",
]

SESSION_SCHEMES = {"SessionId", "SessionIdLegacy", "CompanyId"}
PUBLIC_OPERATIONS = {"init_session", "start_session", "refresh_token", "list_brokers"}


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    with SPEC_PATH.open(encoding="utf-8") as f:
        data: dict[str, Any] = yaml.safe_load(f)
    return data


@pytest.fixture(scope="module")
def operations(spec: dict[str, Any]) -> Operations:
    found: Operations = {}
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if method in HTTP_METHODS:
                assert op["operationId"] not in found, f"duplicate operationId {op['operationId']}"
                found[op["operationId"]] = (method, path, op)
    return found


def resolve(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        parts = node["$ref"].removeprefix("#/").split("/")
        target: Any = spec
        for part in parts:
            target = target[part]
        node = target
    return node


def parameters(spec: dict[str, Any], op: dict[str, Any], where: str) -> dict[str, dict[str, Any]]:
    params = (resolve(spec, p) for p in op.get("parameters", []))
    return {p["name"]: p for p in params if p["in"] == where}


def test_spec_is_valid_openapi_3_1(spec: dict[str, Any]) -> None:
    assert spec["openapi"].startswith("3.1")
    validate(spec)


def test_top_level_order_is_info_servers_tags_paths_components(spec: dict[str, Any]) -> None:
    assert list(spec) == ["openapi", "info", "servers", "tags", "paths", "components"]


def test_server_url_is_api_v1(spec: dict[str, Any]) -> None:
    assert spec["servers"][0]["url"] == "https://api.finatic.dev/api/v1"


@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
def test_operation_exists_with_method_path_and_tag(
    operation_id: str, operations: Operations
) -> None:
    tag, method, path = OPERATIONS[operation_id]
    assert operation_id in operations, f"operation {operation_id} missing"
    got_method, got_path, op = operations[operation_id]
    assert (got_method, got_path) == (method, path)
    assert op["tags"] == [tag]
    assert op.get("summary") and op.get("description"), "summary and description become docstrings"


def test_no_operations_beyond_the_contract(operations: Operations) -> None:
    assert set(operations) == set(OPERATIONS)


@pytest.mark.parametrize("operation_id", sorted(ENVELOPES))
def test_operation_2xx_response_uses_its_envelope(
    operation_id: str, operations: Operations
) -> None:
    _, _, op = operations[operation_id]
    ok = [code for code in op["responses"] if str(code).startswith("2")]
    assert ok == ["200"]
    schema = op["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema == {"$ref": f"#/components/schemas/{ENVELOPES[operation_id]}"}


@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
def test_operation_documents_error_responses_with_error_response(
    operation_id: str,
    spec: dict[str, Any],
    operations: Operations,
) -> None:
    _, _, op = operations[operation_id]
    responses = op["responses"]
    for code in ("400", "401", "422", "429", "5XX"):
        assert code in responses, f"{operation_id} lacks a {code} response"
    for code, response in responses.items():
        if str(code).startswith("2"):
            continue
        schema = resolve(spec, response)["content"]["application/json"]["schema"]
        assert schema == {"$ref": "#/components/schemas/ErrorResponse"}, code
    assert "Retry-After" in resolve(spec, responses["429"])["headers"]


@pytest.mark.parametrize("operation_id", sorted(QUERY_PARAMS))
def test_operation_query_parameters(
    operation_id: str,
    spec: dict[str, Any],
    operations: Operations,
) -> None:
    _, _, op = operations[operation_id]
    assert set(parameters(spec, op, "query")) == QUERY_PARAMS[operation_id]


def test_query_parameter_types(spec: dict[str, Any], operations: Operations) -> None:
    date_params = {
        "created_after", "created_before", "updated_after", "updated_before", "balance_created_after",
        "balance_created_before",
    }
    enum_params = {
        ("get_accounts", "account_type"): "AccountType",
        ("get_accounts", "status"): "AccountStatus",
        ("get_orders", "order_status"): "OrderStatus",
        ("get_orders", "side"): "OrderSide",
        ("get_orders", "asset_type"): "AssetType",
        ("get_positions", "side"): "PositionSide",
        ("get_positions", "asset_type"): "AssetType",
        ("get_positions", "position_status"): "PositionStatus",
    }
    for operation_id in QUERY_PARAMS:
        _, _, op = operations[operation_id]
        for name, param in parameters(spec, op, "query").items():
            schema = param["schema"]
            assert param.get("required", False) is False, (operation_id, name)
            if name == "limit":
                assert schema == {"type": "integer", "minimum": 1, "maximum": 1000, "default": 100}
            elif name == "offset":
                assert schema == {"type": "integer", "minimum": 0, "default": 0}
            elif name in date_params:
                assert schema == {"type": "string", "format": "date-time"}, (operation_id, name)
            elif name in {"with_metadata", "is_end_of_day_snapshot"}:
                assert schema == {"type": "boolean"}, (operation_id, name)
            elif (operation_id, name) in enum_params:
                ref = f"#/components/schemas/{enum_params[(operation_id, name)]}"
                assert schema == {"$ref": ref}, (operation_id, name)
            else:
                assert schema == {"type": "string"}, (operation_id, name)


@pytest.mark.parametrize(
    ("operation_id", "header", "required"),
    [
        ("init_session", "X-API-Key", True),
        ("start_session", "One-Time-Token", True),
        ("place_order", "Idempotency-Key", False),
        ("modify_order", "Idempotency-Key", False),
    ],
)
def test_header_parameters(
    operation_id: str,
    header: str,
    required: bool,
    spec: dict[str, Any],
    operations: Operations,
) -> None:
    _, _, op = operations[operation_id]
    headers = parameters(spec, op, "header")
    assert set(headers) == {header}
    assert headers[header].get("required", False) is required
    assert headers[header].get("description")


def test_only_the_named_operations_take_header_parameters(
    spec: dict[str, Any], operations: Operations
) -> None:
    with_headers = {oid for oid, (_, _, op) in operations.items() if parameters(spec, op, "header")}
    assert with_headers == {"init_session", "start_session", "place_order", "modify_order"}


def test_session_headers_are_security_schemes(spec: dict[str, Any]) -> None:
    schemes = spec["components"]["securitySchemes"]
    by_header = {s["name"]: s for s in schemes.values() if s["type"] == "apiKey"}
    for header in ("X-Session-ID", "Session-ID", "X-Company-ID", "X-Device-Info", "X-CSRF-Token"):
        assert by_header[header]["in"] == "header"
        assert by_header[header].get("description")
    bearer = [s for s in schemes.values() if s["type"] == "http"]
    assert bearer and bearer[0]["scheme"] == "bearer"


@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
def test_operation_security(operation_id: str, operations: Operations) -> None:
    _, _, op = operations[operation_id]
    assert "security" in op
    if operation_id in PUBLIC_OPERATIONS:
        assert op["security"] == []
    else:
        assert op["security"], "non-public operations need the session headers"
        for requirement in op["security"]:
            assert set(requirement) >= SESSION_SCHEMES


@pytest.mark.parametrize("name", sorted(SCHEMA_NAMES))
def test_schema_exists(name: str, spec: dict[str, Any]) -> None:
    assert name in spec["components"]["schemas"]


def test_no_schemas_beyond_the_contract(spec: dict[str, Any]) -> None:
    assert set(spec["components"]["schemas"]) == SCHEMA_NAMES


@pytest.mark.parametrize("name", README_TYPES)
def test_readme_type_is_a_schema(name: str, spec: dict[str, Any]) -> None:
    assert name in spec["components"]["schemas"]


@pytest.mark.parametrize("name", sorted(ENUMS))
def test_enum_values(name: str, spec: dict[str, Any]) -> None:
    schema = spec["components"]["schemas"][name]
    assert schema["type"] == "string"
    assert schema["enum"] == ENUMS[name]


@pytest.mark.parametrize("code", ERROR_CODES)
def test_error_code_is_documented(code: str, spec: dict[str, Any]) -> None:
    assert code in spec["components"]["schemas"]["ErrorCode"]["enum"]
    assert code in spec["components"]["schemas"]["ErrorResponse"]["properties"]["code"]["description"]


def test_error_response_shape(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    props = schemas["ErrorResponse"]["properties"]
    assert props["code"]["type"] == ["string", "null"], "code stays a plain string so unknown codes parse"
    assert props["detail"]["anyOf"] == [
        {"type": "string"},
        {"$ref": "#/components/schemas/ErrorDetail"},
        {"type": "null"},
    ]
    assert {"success", "message", "status_code", "errors"} <= set(props)
    assert set(schemas["ErrorDetail"]["properties"]) == {"code", "message"}


def _is_nullable(prop: dict[str, Any]) -> bool:
    types = prop.get("type")
    if isinstance(types, list) and "null" in types:
        return True
    if {"type": "null"} in prop.get("anyOf", []):
        return True
    return "type" not in prop and "$ref" not in prop and "anyOf" not in prop  # any JSON value


def _object_schemas(spec: dict[str, Any]) -> dict[str, dict[str, Any]]:
    out = {}
    for name, schema in spec["components"]["schemas"].items():
        if schema.get("type") == "object":
            out[name] = schema
    return out


def test_every_optional_field_is_nullable(spec: dict[str, Any]) -> None:
    for name, schema in _object_schemas(spec).items():
        required = set(schema.get("required", []))
        for field, prop in schema.get("properties", {}).items():
            if field not in required:
                assert _is_nullable(prop), f"{name}.{field} is optional but not nullable"


def test_response_objects_allow_additional_properties(spec: dict[str, Any]) -> None:
    closed = {"SessionStartRequest", "TokenRefreshRequest", "PlaceOrderRequest", "ModifyOrderRequest",
              "CancelOrderRequest"}
    for name, schema in _object_schemas(spec).items():
        if name not in closed:
            assert schema.get("additionalProperties") is True, name


# finatic-api.md "Objects": field lists, * = required.
OBJECT_FIELDS = {
    "BrokerInfo": (
        "id*, name*, display_name*, description, website, features, auth_type, logo_path, is_active*, "
        "supports_trading"
    ),
    "BrokerConnection": (
        "id*, broker_id*, user_id*, company_id, status*, connected_at, last_synced_at, permissions, "
        "metadata, needs_reauth"
    ),
    "BrokerAccount": (
        "id*, user_broker_connection_id*, broker_provided_account_id*, account_name, account_number, "
        "account_type, currency, cash_balance, buying_power, status, created_at, updated_at, "
        "last_synced_at, positions_synced_at, orders_synced_at, balances_synced_at, account_created_at, "
        "account_updated_at, account_first_trade_at"
    ),
    "BrokerOrder": (
        "id*, user_broker_connection_id*, broker_provided_account_id*, order_id, symbol*, order_type*, "
        "side*, quantity*, price, stop_price, asset_type, time_in_force, status*, created_at*, "
        "updated_at, filled_at, filled_quantity, filled_avg_price"
    ),
    "BrokerPosition": (
        "id*, user_broker_connection_id*, broker_provided_account_id*, symbol*, asset_type*, side, "
        "status, quantity, average_price, market_value, cost_basis, unrealized_gain_loss, "
        "unrealized_gain_loss_percent, current_price, last_price, last_price_updated_at, created_at, "
        "updated_at"
    ),
    "BrokerBalance": (
        "id*, account_id*, total_cash_value, net_liquidation_value, initial_margin, maintenance_margin, "
        "available_to_withdraw, total_realized_pnl, balance_created_at, balance_updated_at, "
        "is_end_of_day_snapshot, raw_payload, created_at, updated_at"
    ),
    "OrderFill": (
        "id*, order_id*, leg_id, price*, quantity*, executed_at*, execution_id, trade_id, venue, "
        "commission_fee, created_at, updated_at"
    ),
    "OrderEvent": (
        "id*, order_id*, order_group_id, event_type, event_time*, event_id, order_status, inferred*, "
        "confidence, reason_code, recorded_at"
    ),
    "OrderGroup": (
        "id*, user_broker_connection_id, created_at, updated_at, orders"
    ),
    "OrderLeg": (
        "id, order_id, leg_index, asset_type, broker_provided_symbol, quantity, filled_quantity, "
        "avg_fill_price, created_at, updated_at"
    ),
    "PositionLot": (
        "id*, position_id, user_broker_connection_id, broker_provided_account_id, instrument_key, "
        "asset_type, side, open_quantity, closed_quantity, remaining_quantity, open_price, "
        "close_price_avg, cost_basis, cost_basis_w_commission, realized_pl, realized_pl_w_commission, "
        "lot_opened_at, lot_closed_at, position_group_id, created_at, updated_at"
    ),
    "PositionLotFill": (
        "id*, lot_id*, order_fill_id, fill_price*, fill_quantity*, executed_at*, commission_share, "
        "created_at, updated_at"
    ),
    "Pagination": (
        "has_more*, next_offset, current_offset, limit"
    ),
    "SessionInitData": (
        "one_time_token*, expires_at*"
    ),
    "SessionStartData": (
        "session_id*, company_id*, status*, expires_at*, user_id, auto_login, csrf_token"
    ),
    "PortalUrlData": (
        "portal_url*"
    ),
    "TokenRefreshData": (
        "access_token*, refresh_token*, expires_at*"
    ),
    # orderQty is required by finatic-api.md unless the SDK sends a notional amount instead (crypto).
    "OrderRequest": (
        "accountNumber*, orderType*, assetType*, action*, timeInForce*, symbol*, orderQty, notional, price, "
        "stopPrice, expireTime"
    ),
    "OrderCancellation": (
        "orderId*, accountNumber"
    ),
}


@pytest.mark.parametrize("name", sorted(OBJECT_FIELDS))
def test_object_fields_match_the_protocol(name: str, spec: dict[str, Any]) -> None:
    schema = spec["components"]["schemas"][name]
    fields = [f.strip() for f in OBJECT_FIELDS[name].split(",")]
    assert list(schema["properties"]) == [f.rstrip("*") for f in fields]
    assert set(schema.get("required", [])) == {f.rstrip("*") for f in fields if f.endswith("*")}


def test_order_group_order_is_broker_order_plus_legs(spec: dict[str, Any]) -> None:
    all_of = spec["components"]["schemas"]["OrderGroupOrder"]["allOf"]
    assert all_of[0] == {"$ref": "#/components/schemas/BrokerOrder"}
    assert all_of[1]["properties"]["legs"]["items"] == {"$ref": "#/components/schemas/OrderLeg"}


def test_numbers_are_numbers_and_timestamps_are_date_time(spec: dict[str, Any]) -> None:
    number_field = re.compile(r"(quantity|price|Qty|Price|balance|power|value|margin|pnl|pl|basis|fee|share)"
                              r"(_w_commission|_avg|_percent)?$")
    for name, schema in _object_schemas(spec).items():
        for field, prop in schema.get("properties", {}).items():
            types = prop.get("type")
            if field.endswith("_at") or field == "expireTime":
                assert prop.get("format") == "date-time", f"{name}.{field}"
            elif number_field.search(field):
                assert types in ("number", ["number", "null"]), f"{name}.{field}"
    assert spec["components"]["schemas"]["OrderRequest"]["properties"]["orderQty"]["exclusiveMinimum"] == 0


def test_order_request_documents_broker_extras(spec: dict[str, Any]) -> None:
    description = spec["components"]["schemas"]["OrderRequest"]["description"]
    for extra in ("extendedHours", "marketHours", "trailType", "accountSpec", "isAutomated", "activationTime",
                  "pegDifference", "automated-source", "price-effect", "external-identifier", "partition-key",
                  "preflight-id", "value-effect"):
        assert extra in description, extra


def test_cancel_order_body_is_optional(operations: Operations) -> None:
    _, _, op = operations["cancel_order"]
    assert op["requestBody"]["required"] is False
    schema = op["requestBody"]["content"]["application/json"]["schema"]
    assert schema == {"$ref": "#/components/schemas/CancelOrderRequest"}

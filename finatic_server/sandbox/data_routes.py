"""Read endpoints: the broker catalogue, connections, and the paginated broker data lists."""

from __future__ import annotations

from collections.abc import Mapping

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from . import query as q
from .auth import require_session, require_user
from .errors import ApiError, Code
from .records import Row, dumps
from .responses import json_response, page_response, payload_response
from .routing import api_route
from .state import Company, SandboxState
from .tables import Filter
from .trading import expire_orders

__all__ = ["connection_json", "data_routes", "visible_connections"]


def _company_with_access(request: Request, state: SandboxState) -> Company:
    _, company = require_user(state, request.headers)
    if not company.has_access:
        raise ApiError(
            403, Code.NO_COMPANY_ACCESS, "This company has no access to the user's broker connections"
        )
    return company


def visible_connections(state: SandboxState, company: Company) -> list[Row]:
    if not company.has_access:
        return []
    return [c for c in state.data.connections if c.id not in company.removed_connections]


def connection_json(row: Row, company: Company) -> bytes:
    return dumps({**row.data, "company_id": company.id})


def _filter(
    company: Company,
    params: Mapping[str, str],
    *,
    account: bool = True,
    extra: tuple[tuple[str, object | None], ...] = (),
    ts: tuple[float | None, float | None] = (None, None),
) -> Filter:
    pairs: list[tuple[str, object]] = []
    broker = q.broker(params)
    if broker is not None:
        pairs.append(("broker_id", broker))
    connection = q.text(params, "connection_id")
    if connection is not None:
        pairs.append(("conn_id", connection))
    if account:
        acct = q.text(params, "account_id")
        if acct is not None:
            pairs.append(("account", acct))
    pairs.extend((k, v) for k, v in extra if v is not None)
    return Filter(tuple(pairs), ts[0], ts[1], frozenset(company.removed_connections))


async def list_brokers(request: Request, state: SandboxState) -> Response:
    return payload_response("Brokers retrieved", state.data.brokers)


async def list_connections(request: Request, state: SandboxState) -> Response:
    session = require_session(state, request.headers)
    company = state.companies[session.company_id]
    items = b",".join(connection_json(c, company) for c in visible_connections(state, company))
    return json_response(
        b'{"success":true,"message":"Connections retrieved","status_code":200,"response_data":['
        + items
        + b"]}"
    )


async def get_accounts(request: Request, state: SandboxState) -> Response:
    company = _company_with_access(request, state)
    p = request.query_params
    limit, offset = q.page(p)
    currency = q.text(p, "currency")
    flt = _filter(
        company,
        p,
        account=False,
        extra=(
            ("account_type", q.enum(p, "account_type", q.ACCOUNT_TYPES)),
            ("status", q.enum(p, "status", q.ACCOUNT_STATUSES)),
            ("currency", currency.upper() if currency else None),
        ),
    )
    q.boolean(p, "with_metadata")
    return page_response("Accounts retrieved", state.data.accounts.select(flt), limit, offset)


async def get_orders(request: Request, state: SandboxState) -> Response:
    company = _company_with_access(request, state)
    p = request.query_params
    limit, offset = q.page(p)
    symbol = q.text(p, "symbol")
    flt = _filter(
        company,
        p,
        extra=(
            ("symbol", symbol.upper() if symbol else None),
            ("status", q.enum(p, "order_status", q.ORDER_STATUSES)),
            ("side", q.enum(p, "side", q.ORDER_SIDES)),
            ("asset_type", q.enum(p, "asset_type", q.ASSET_TYPES)),
        ),
        ts=(q.date(p, "created_after"), q.date(p, "created_before")),
    )
    q.boolean(p, "with_metadata")
    expire_orders(state)
    return page_response("Orders retrieved", state.data.orders.select(flt), limit, offset)


async def get_positions(request: Request, state: SandboxState) -> Response:
    company = _company_with_access(request, state)
    p = request.query_params
    limit, offset = q.page(p)
    symbol = q.text(p, "symbol")
    flt = _filter(
        company,
        p,
        extra=(
            ("symbol", symbol.upper() if symbol else None),
            ("side", q.enum(p, "side", q.POSITION_SIDES)),
            ("asset_type", q.enum(p, "asset_type", q.ASSET_TYPES)),
            ("status", q.enum(p, "position_status", q.POSITION_STATUSES)),
        ),
        ts=(q.date(p, "updated_after"), q.date(p, "updated_before")),
    )
    q.boolean(p, "with_metadata")
    return page_response("Positions retrieved", state.data.positions.select(flt), limit, offset)


async def get_balances(request: Request, state: SandboxState) -> Response:
    company = _company_with_access(request, state)
    p = request.query_params
    limit, offset = q.page(p)
    flt = _filter(
        company,
        p,
        extra=(("is_end_of_day_snapshot", q.boolean(p, "is_end_of_day_snapshot")),),
        ts=(q.date(p, "balance_created_after"), q.date(p, "balance_created_before")),
    )
    q.boolean(p, "with_metadata")
    return page_response("Balances retrieved", state.data.balances.select(flt), limit, offset)


def _visible_order(request: Request, state: SandboxState, company: Company) -> Row:
    expire_orders(state)
    order = state.data.orders.get(request.path_params["order_id"])
    connection = q.text(request.query_params, "connection_id")
    if (
        order is None
        or order.conn_id in company.removed_connections
        or (connection is not None and connection != order.conn_id)
    ):
        raise ApiError(404, Code.ORDER_NOT_FOUND, "Order not found")
    return order


async def get_order_fills(request: Request, state: SandboxState) -> Response:
    company = _company_with_access(request, state)
    limit, offset = q.page(request.query_params)
    order = _visible_order(request, state, company)
    return page_response("Order fills retrieved", state.data.fills_for(order.id), limit, offset)


async def get_order_events(request: Request, state: SandboxState) -> Response:
    company = _company_with_access(request, state)
    limit, offset = q.page(request.query_params)
    order = _visible_order(request, state, company)
    return page_response("Order events retrieved", state.data.events_for(order), limit, offset)


async def get_order_groups(request: Request, state: SandboxState) -> Response:
    company = _company_with_access(request, state)
    p = request.query_params
    limit, offset = q.page(p)
    flt = _filter(company, p, account=False, ts=(q.date(p, "created_after"), q.date(p, "created_before")))
    expire_orders(state)
    data = state.data

    def render(group: Row) -> bytes:
        orders = []
        for order_id in data.group_orders.get(group.id, ()):
            order = data.orders.get(order_id)
            if order is not None:
                orders.append({**order.data, "legs": data.legs.get(order_id, [])})
        return dumps({**group.data, "orders": orders})

    return page_response("Order groups retrieved", data.groups.select(flt), limit, offset, render)


async def get_position_lots(request: Request, state: SandboxState) -> Response:
    company = _company_with_access(request, state)
    p = request.query_params
    limit, offset = q.page(p)
    symbol = q.text(p, "symbol")
    flt = _filter(
        company,
        p,
        extra=(("symbol", symbol.upper() if symbol else None), ("position_id", q.text(p, "position_id"))),
    )
    return page_response("Position lots retrieved", state.data.lots.select(flt), limit, offset)


async def get_position_lot_fills(request: Request, state: SandboxState) -> Response:
    company = _company_with_access(request, state)
    limit, offset = q.page(request.query_params)
    lot_id = request.path_params["lot_id"]
    lot = state.data.lots.get(lot_id)
    fills = state.data.ledger.lot_fills(lot_id)
    connection = q.text(request.query_params, "connection_id")
    if (
        lot is None
        or fills is None
        or lot.conn_id in company.removed_connections
        or (connection is not None and connection != lot.conn_id)
    ):
        raise ApiError(404, Code.NOT_FOUND, "Position lot not found")
    return page_response("Position lot fills retrieved", fills, limit, offset)


def data_routes(state: SandboxState) -> list[Route]:
    return [
        api_route(state, "GET", "/brokers/", list_brokers),
        api_route(state, "GET", "/brokers", list_brokers, count_as="GET /brokers/"),
        api_route(state, "GET", "/brokers/connections", list_connections),
        api_route(state, "GET", "/brokers/data/accounts", get_accounts),
        api_route(state, "GET", "/brokers/data/orders", get_orders),
        api_route(state, "GET", "/brokers/data/positions", get_positions),
        api_route(state, "GET", "/brokers/data/balances", get_balances),
        api_route(state, "GET", "/brokers/data/orders/groups", get_order_groups),
        api_route(state, "GET", "/brokers/data/orders/{order_id}/fills", get_order_fills),
        api_route(state, "GET", "/brokers/data/orders/{order_id}/events", get_order_events),
        api_route(state, "GET", "/brokers/data/positions/lots", get_position_lots),
        api_route(state, "GET", "/brokers/data/positions/lots/{lot_id}/fills", get_position_lot_fills),
    ]

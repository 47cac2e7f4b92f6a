import datetime
from typing import Any

import httpx

from ...models.asset_type import AssetType
from ...models.order_list_response import OrderListResponse
from ...models.order_side import OrderSide
from ...models.order_status import OrderStatus
from ...types import UNSET, Unset, query_params

__all__ = ["asyncio_detailed", "parse_response", "sync_detailed"]


def _get_kwargs(
    *,
    limit: int | None | Unset = UNSET,
    offset: int | None | Unset = UNSET,
    broker_id: str | None | Unset = UNSET,
    connection_id: str | None | Unset = UNSET,
    account_id: str | None | Unset = UNSET,
    symbol: str | None | Unset = UNSET,
    order_status: OrderStatus | str | None | Unset = UNSET,
    side: OrderSide | str | None | Unset = UNSET,
    asset_type: AssetType | str | None | Unset = UNSET,
    created_after: datetime.datetime | None | Unset = UNSET,
    created_before: datetime.datetime | None | Unset = UNSET,
    with_metadata: bool | None | Unset = UNSET,
) -> dict[str, Any]:
    """The keyword arguments of ``httpx.Client.request`` for this operation."""
    url = "/brokers/data/orders"
    kwargs: dict[str, Any] = {"method": "GET", "url": url}
    kwargs["params"] = query_params(
        {
            "limit": limit,
            "offset": offset,
            "broker_id": broker_id,
            "connection_id": connection_id,
            "account_id": account_id,
            "symbol": symbol,
            "order_status": order_status,
            "side": side,
            "asset_type": asset_type,
            "created_after": created_after,
            "created_before": created_before,
            "with_metadata": with_metadata,
        }
    )
    return kwargs


def parse_response(response: httpx.Response) -> OrderListResponse:
    """Parse the 200 body of this operation (raises ``pydantic.ValidationError``)."""
    return OrderListResponse.model_validate_json(response.content)


def sync_detailed(
    *,
    client: httpx.Client,
    timeout: Any = httpx.USE_CLIENT_DEFAULT,
    limit: int | None | Unset = UNSET,
    offset: int | None | Unset = UNSET,
    broker_id: str | None | Unset = UNSET,
    connection_id: str | None | Unset = UNSET,
    account_id: str | None | Unset = UNSET,
    symbol: str | None | Unset = UNSET,
    order_status: OrderStatus | str | None | Unset = UNSET,
    side: OrderSide | str | None | Unset = UNSET,
    asset_type: AssetType | str | None | Unset = UNSET,
    created_after: datetime.datetime | None | Unset = UNSET,
    created_before: datetime.datetime | None | Unset = UNSET,
    with_metadata: bool | None | Unset = UNSET,
) -> httpx.Response:
    """List broker orders.

    Returns one page of the user's orders, filtered by the query parameters (the SDK's `status` filter
    is sent as `order_status`).

    Sends the request (``timeout`` defaults to the client's) and returns the raw response; never raises
    on
    the status code, and never follows a redirect (one to another host would carry the API key or
    token).
    """

    return client.request(
        timeout=timeout,
        follow_redirects=False,
        **_get_kwargs(
            limit=limit,
            offset=offset,
            broker_id=broker_id,
            connection_id=connection_id,
            account_id=account_id,
            symbol=symbol,
            order_status=order_status,
            side=side,
            asset_type=asset_type,
            created_after=created_after,
            created_before=created_before,
            with_metadata=with_metadata,
        ),
    )


async def asyncio_detailed(
    *,
    client: httpx.AsyncClient,
    timeout: Any = httpx.USE_CLIENT_DEFAULT,
    limit: int | None | Unset = UNSET,
    offset: int | None | Unset = UNSET,
    broker_id: str | None | Unset = UNSET,
    connection_id: str | None | Unset = UNSET,
    account_id: str | None | Unset = UNSET,
    symbol: str | None | Unset = UNSET,
    order_status: OrderStatus | str | None | Unset = UNSET,
    side: OrderSide | str | None | Unset = UNSET,
    asset_type: AssetType | str | None | Unset = UNSET,
    created_after: datetime.datetime | None | Unset = UNSET,
    created_before: datetime.datetime | None | Unset = UNSET,
    with_metadata: bool | None | Unset = UNSET,
) -> httpx.Response:
    """List broker orders.

    Returns one page of the user's orders, filtered by the query parameters (the SDK's `status` filter
    is sent as `order_status`).

    Sends the request (``timeout`` defaults to the client's) and returns the raw response; never raises
    on
    the status code, and never follows a redirect (one to another host would carry the API key or
    token).
    """

    return await client.request(
        timeout=timeout,
        follow_redirects=False,
        **_get_kwargs(
            limit=limit,
            offset=offset,
            broker_id=broker_id,
            connection_id=connection_id,
            account_id=account_id,
            symbol=symbol,
            order_status=order_status,
            side=side,
            asset_type=asset_type,
            created_after=created_after,
            created_before=created_before,
            with_metadata=with_metadata,
        ),
    )

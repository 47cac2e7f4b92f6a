import datetime
from typing import Any

import httpx

from ...models.asset_type import AssetType
from ...models.position_list_response import PositionListResponse
from ...models.position_side import PositionSide
from ...models.position_status import PositionStatus
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
    side: PositionSide | str | None | Unset = UNSET,
    asset_type: AssetType | str | None | Unset = UNSET,
    position_status: PositionStatus | str | None | Unset = UNSET,
    updated_after: datetime.datetime | None | Unset = UNSET,
    updated_before: datetime.datetime | None | Unset = UNSET,
    with_metadata: bool | None | Unset = UNSET,
) -> dict[str, Any]:
    """The keyword arguments of ``httpx.Client.request`` for this operation."""
    url = "/brokers/data/positions"
    kwargs: dict[str, Any] = {"method": "GET", "url": url}
    kwargs["params"] = query_params(
        {
            "limit": limit,
            "offset": offset,
            "broker_id": broker_id,
            "connection_id": connection_id,
            "account_id": account_id,
            "symbol": symbol,
            "side": side,
            "asset_type": asset_type,
            "position_status": position_status,
            "updated_after": updated_after,
            "updated_before": updated_before,
            "with_metadata": with_metadata,
        }
    )
    return kwargs


def parse_response(response: httpx.Response) -> PositionListResponse:
    """Parse the 200 body of this operation (raises ``pydantic.ValidationError``)."""
    return PositionListResponse.model_validate_json(response.content)


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
    side: PositionSide | str | None | Unset = UNSET,
    asset_type: AssetType | str | None | Unset = UNSET,
    position_status: PositionStatus | str | None | Unset = UNSET,
    updated_after: datetime.datetime | None | Unset = UNSET,
    updated_before: datetime.datetime | None | Unset = UNSET,
    with_metadata: bool | None | Unset = UNSET,
) -> httpx.Response:
    """List broker positions.

    Returns one page of the user's positions, filtered by the query parameters.

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
            side=side,
            asset_type=asset_type,
            position_status=position_status,
            updated_after=updated_after,
            updated_before=updated_before,
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
    side: PositionSide | str | None | Unset = UNSET,
    asset_type: AssetType | str | None | Unset = UNSET,
    position_status: PositionStatus | str | None | Unset = UNSET,
    updated_after: datetime.datetime | None | Unset = UNSET,
    updated_before: datetime.datetime | None | Unset = UNSET,
    with_metadata: bool | None | Unset = UNSET,
) -> httpx.Response:
    """List broker positions.

    Returns one page of the user's positions, filtered by the query parameters.

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
            side=side,
            asset_type=asset_type,
            position_status=position_status,
            updated_after=updated_after,
            updated_before=updated_before,
            with_metadata=with_metadata,
        ),
    )

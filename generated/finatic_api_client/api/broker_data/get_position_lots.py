from typing import Any

import httpx

from ...models.position_lot_list_response import PositionLotListResponse
from ...types import UNSET, Unset, query_params

__all__ = ["asyncio_detailed", "parse_response", "sync_detailed"]


def _get_kwargs(
    *,
    broker_id: str | None | Unset = UNSET,
    connection_id: str | None | Unset = UNSET,
    account_id: str | None | Unset = UNSET,
    symbol: str | None | Unset = UNSET,
    position_id: str | None | Unset = UNSET,
    limit: int | None | Unset = UNSET,
    offset: int | None | Unset = UNSET,
) -> dict[str, Any]:
    """The keyword arguments of ``httpx.Client.request`` for this operation."""
    url = "/brokers/data/positions/lots"
    kwargs: dict[str, Any] = {"method": "GET", "url": url}
    kwargs["params"] = query_params(
        {
            "broker_id": broker_id,
            "connection_id": connection_id,
            "account_id": account_id,
            "symbol": symbol,
            "position_id": position_id,
            "limit": limit,
            "offset": offset,
        }
    )
    return kwargs


def parse_response(response: httpx.Response) -> PositionLotListResponse:
    """Parse the 200 body of this operation (raises ``pydantic.ValidationError``)."""
    return PositionLotListResponse.model_validate_json(response.content)


def sync_detailed(
    *,
    client: httpx.Client,
    timeout: Any = httpx.USE_CLIENT_DEFAULT,
    broker_id: str | None | Unset = UNSET,
    connection_id: str | None | Unset = UNSET,
    account_id: str | None | Unset = UNSET,
    symbol: str | None | Unset = UNSET,
    position_id: str | None | Unset = UNSET,
    limit: int | None | Unset = UNSET,
    offset: int | None | Unset = UNSET,
) -> httpx.Response:
    """List position lots.

    Returns one page of tax lots (opened/closed quantities, cost basis, realised P&L) of positions.

    Sends the request (``timeout`` defaults to the client's) and returns the raw response; never raises
    on
    the status code, and never follows a redirect (one to another host would carry the API key or
    token).
    """

    return client.request(
        timeout=timeout,
        follow_redirects=False,
        **_get_kwargs(
            broker_id=broker_id,
            connection_id=connection_id,
            account_id=account_id,
            symbol=symbol,
            position_id=position_id,
            limit=limit,
            offset=offset,
        ),
    )


async def asyncio_detailed(
    *,
    client: httpx.AsyncClient,
    timeout: Any = httpx.USE_CLIENT_DEFAULT,
    broker_id: str | None | Unset = UNSET,
    connection_id: str | None | Unset = UNSET,
    account_id: str | None | Unset = UNSET,
    symbol: str | None | Unset = UNSET,
    position_id: str | None | Unset = UNSET,
    limit: int | None | Unset = UNSET,
    offset: int | None | Unset = UNSET,
) -> httpx.Response:
    """List position lots.

    Returns one page of tax lots (opened/closed quantities, cost basis, realised P&L) of positions.

    Sends the request (``timeout`` defaults to the client's) and returns the raw response; never raises
    on
    the status code, and never follows a redirect (one to another host would carry the API key or
    token).
    """

    return await client.request(
        timeout=timeout,
        follow_redirects=False,
        **_get_kwargs(
            broker_id=broker_id,
            connection_id=connection_id,
            account_id=account_id,
            symbol=symbol,
            position_id=position_id,
            limit=limit,
            offset=offset,
        ),
    )

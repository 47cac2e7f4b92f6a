from typing import Any

import httpx

from ...models.order_fill_list_response import OrderFillListResponse
from ...types import UNSET, Unset, path_segment, query_params

__all__ = ["asyncio_detailed", "parse_response", "sync_detailed"]


def _get_kwargs(
    *,
    order_id: str,
    connection_id: str | None | Unset = UNSET,
    limit: int | None | Unset = UNSET,
    offset: int | None | Unset = UNSET,
) -> dict[str, Any]:
    """The keyword arguments of ``httpx.Client.request`` for this operation."""
    url = f"/brokers/data/orders/{path_segment(order_id)}/fills"
    kwargs: dict[str, Any] = {"method": "GET", "url": url}
    kwargs["params"] = query_params(
        {
            "connection_id": connection_id,
            "limit": limit,
            "offset": offset,
        }
    )
    return kwargs


def parse_response(response: httpx.Response) -> OrderFillListResponse:
    """Parse the 200 body of this operation (raises ``pydantic.ValidationError``)."""
    return OrderFillListResponse.model_validate_json(response.content)


def sync_detailed(
    *,
    client: httpx.Client,
    timeout: Any = httpx.USE_CLIENT_DEFAULT,
    order_id: str,
    connection_id: str | None | Unset = UNSET,
    limit: int | None | Unset = UNSET,
    offset: int | None | Unset = UNSET,
) -> httpx.Response:
    """List an order's fills.

    Returns one page of the executions (fills) of one order.

    Sends the request (``timeout`` defaults to the client's) and returns the raw response; never raises
    on
    the status code, and never follows a redirect (one to another host would carry the API key or
    token).
    """

    return client.request(
        timeout=timeout,
        follow_redirects=False,
        **_get_kwargs(
            order_id=order_id,
            connection_id=connection_id,
            limit=limit,
            offset=offset,
        ),
    )


async def asyncio_detailed(
    *,
    client: httpx.AsyncClient,
    timeout: Any = httpx.USE_CLIENT_DEFAULT,
    order_id: str,
    connection_id: str | None | Unset = UNSET,
    limit: int | None | Unset = UNSET,
    offset: int | None | Unset = UNSET,
) -> httpx.Response:
    """List an order's fills.

    Returns one page of the executions (fills) of one order.

    Sends the request (``timeout`` defaults to the client's) and returns the raw response; never raises
    on
    the status code, and never follows a redirect (one to another host would carry the API key or
    token).
    """

    return await client.request(
        timeout=timeout,
        follow_redirects=False,
        **_get_kwargs(
            order_id=order_id,
            connection_id=connection_id,
            limit=limit,
            offset=offset,
        ),
    )

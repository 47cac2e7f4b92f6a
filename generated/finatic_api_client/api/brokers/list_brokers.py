from typing import Any

import httpx

from ...models.broker_list_response import BrokerListResponse

__all__ = ["asyncio_detailed", "parse_response", "sync_detailed"]


def _get_kwargs() -> dict[str, Any]:
    """The keyword arguments of ``httpx.Client.request`` for this operation."""
    url = "/brokers/"
    kwargs: dict[str, Any] = {"method": "GET", "url": url}
    return kwargs


def parse_response(response: httpx.Response) -> BrokerListResponse:
    """Parse the 200 body of this operation (raises ``pydantic.ValidationError``)."""
    return BrokerListResponse.model_validate_json(response.content)


def sync_detailed(
    *,
    client: httpx.Client,
    timeout: Any = httpx.USE_CLIENT_DEFAULT,
) -> httpx.Response:
    """List supported brokers.

    Returns every broker the API supports, with its features and whether it supports trading.

    Sends the request (``timeout`` defaults to the client's) and returns the raw response; never raises
    on
    the status code, and never follows a redirect (one to another host would carry the API key or
    token).
    """

    return client.request(timeout=timeout, follow_redirects=False, **_get_kwargs())


async def asyncio_detailed(
    *,
    client: httpx.AsyncClient,
    timeout: Any = httpx.USE_CLIENT_DEFAULT,
) -> httpx.Response:
    """List supported brokers.

    Returns every broker the API supports, with its features and whether it supports trading.

    Sends the request (``timeout`` defaults to the client's) and returns the raw response; never raises
    on
    the status code, and never follows a redirect (one to another host would carry the API key or
    token).
    """

    return await client.request(timeout=timeout, follow_redirects=False, **_get_kwargs())

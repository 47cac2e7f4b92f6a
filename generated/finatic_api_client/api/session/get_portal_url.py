from typing import Any

import httpx

from ...models.portal_url_response import PortalUrlResponse

__all__ = ["asyncio_detailed", "parse_response", "sync_detailed"]


def _get_kwargs() -> dict[str, Any]:
    """The keyword arguments of ``httpx.Client.request`` for this operation."""
    url = "/session/portal"
    kwargs: dict[str, Any] = {"method": "GET", "url": url}
    return kwargs


def parse_response(response: httpx.Response) -> PortalUrlResponse:
    """Parse the 200 body of this operation (raises ``pydantic.ValidationError``)."""
    return PortalUrlResponse.model_validate_json(response.content)


def sync_detailed(
    *,
    client: httpx.Client,
    timeout: Any = httpx.USE_CLIENT_DEFAULT,
) -> httpx.Response:
    """Get the portal URL.

    Returns the URL of the broker-connection portal for this session; the SDK appends theme, brokers and
    email parameters to it.

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
    """Get the portal URL.

    Returns the URL of the broker-connection portal for this session; the SDK appends theme, brokers and
    email parameters to it.

    Sends the request (``timeout`` defaults to the client's) and returns the raw response; never raises
    on
    the status code, and never follows a redirect (one to another host would carry the API key or
    token).
    """

    return await client.request(timeout=timeout, follow_redirects=False, **_get_kwargs())

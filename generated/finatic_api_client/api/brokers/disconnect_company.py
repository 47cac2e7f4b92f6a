from typing import Any

import httpx

from ...models.disconnect_company_response import DisconnectCompanyResponse
from ...types import path_segment

__all__ = ["asyncio_detailed", "parse_response", "sync_detailed"]


def _get_kwargs(
    *,
    connection_id: str,
) -> dict[str, Any]:
    """The keyword arguments of ``httpx.Client.request`` for this operation."""
    url = f"/brokers/disconnect-company/{path_segment(connection_id)}"
    kwargs: dict[str, Any] = {"method": "DELETE", "url": url}
    return kwargs


def parse_response(response: httpx.Response) -> DisconnectCompanyResponse:
    """Parse the 200 body of this operation (raises ``pydantic.ValidationError``)."""
    return DisconnectCompanyResponse.model_validate_json(response.content)


def sync_detailed(
    *,
    client: httpx.Client,
    timeout: Any = httpx.USE_CLIENT_DEFAULT,
    connection_id: str,
) -> httpx.Response:
    """Disconnect the company from a broker connection.

    Removes this company's access to a connection; the connection itself is deleted when no other
    company uses it (`action` says which happened).

    Sends the request (``timeout`` defaults to the client's) and returns the raw response; never raises
    on
    the status code, and never follows a redirect (one to another host would carry the API key or
    token).
    """

    return client.request(
        timeout=timeout,
        follow_redirects=False,
        **_get_kwargs(
            connection_id=connection_id,
        ),
    )


async def asyncio_detailed(
    *,
    client: httpx.AsyncClient,
    timeout: Any = httpx.USE_CLIENT_DEFAULT,
    connection_id: str,
) -> httpx.Response:
    """Disconnect the company from a broker connection.

    Removes this company's access to a connection; the connection itself is deleted when no other
    company uses it (`action` says which happened).

    Sends the request (``timeout`` defaults to the client's) and returns the raw response; never raises
    on
    the status code, and never follows a redirect (one to another host would carry the API key or
    token).
    """

    return await client.request(
        timeout=timeout,
        follow_redirects=False,
        **_get_kwargs(
            connection_id=connection_id,
        ),
    )

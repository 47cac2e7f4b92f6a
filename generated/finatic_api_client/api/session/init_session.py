from typing import Any

import httpx

from ...models.session_init_response import SessionInitResponse
from ...types import header_params

__all__ = ["asyncio_detailed", "parse_response", "sync_detailed"]


def _get_kwargs(
    *,
    x_api_key: str,
) -> dict[str, Any]:
    """The keyword arguments of ``httpx.Client.request`` for this operation."""
    url = "/session/init"
    kwargs: dict[str, Any] = {"method": "POST", "url": url}
    kwargs["headers"] = header_params(
        {
            "X-API-Key": x_api_key,
        }
    )
    return kwargs


def parse_response(response: httpx.Response) -> SessionInitResponse:
    """Parse the 200 body of this operation (raises ``pydantic.ValidationError``)."""
    return SessionInitResponse.model_validate_json(response.content)


def sync_detailed(
    *,
    client: httpx.Client,
    timeout: Any = httpx.USE_CLIENT_DEFAULT,
    x_api_key: str,
) -> httpx.Response:
    """Initialise a session.

    Exchanges the company API key for a short-lived one-time token used to start a session.

    Sends the request (``timeout`` defaults to the client's) and returns the raw response; never raises
    on
    the status code, and never follows a redirect (one to another host would carry the API key or
    token).
    """

    return client.request(
        timeout=timeout,
        follow_redirects=False,
        **_get_kwargs(
            x_api_key=x_api_key,
        ),
    )


async def asyncio_detailed(
    *,
    client: httpx.AsyncClient,
    timeout: Any = httpx.USE_CLIENT_DEFAULT,
    x_api_key: str,
) -> httpx.Response:
    """Initialise a session.

    Exchanges the company API key for a short-lived one-time token used to start a session.

    Sends the request (``timeout`` defaults to the client's) and returns the raw response; never raises
    on
    the status code, and never follows a redirect (one to another host would carry the API key or
    token).
    """

    return await client.request(
        timeout=timeout,
        follow_redirects=False,
        **_get_kwargs(
            x_api_key=x_api_key,
        ),
    )

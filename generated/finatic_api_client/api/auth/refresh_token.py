from typing import Any

import httpx

from ...models.token_refresh_request import TokenRefreshRequest
from ...models.token_refresh_response import TokenRefreshResponse
from ...types import ApiModel

__all__ = ["asyncio_detailed", "parse_response", "sync_detailed"]


def _get_kwargs(
    *,
    body: TokenRefreshRequest | dict[str, Any],
) -> dict[str, Any]:
    """The keyword arguments of ``httpx.Client.request`` for this operation."""
    url = "/company/auth/refresh"
    kwargs: dict[str, Any] = {"method": "POST", "url": url}
    kwargs["json"] = body.to_dict() if isinstance(body, ApiModel) else body
    return kwargs


def parse_response(response: httpx.Response) -> TokenRefreshResponse:
    """Parse the 200 body of this operation (raises ``pydantic.ValidationError``)."""
    return TokenRefreshResponse.model_validate_json(response.content)


def sync_detailed(
    *,
    client: httpx.Client,
    timeout: Any = httpx.USE_CLIENT_DEFAULT,
    body: TokenRefreshRequest | dict[str, Any],
) -> httpx.Response:
    """Refresh the access token.

    Exchanges a refresh token for a new access/refresh token pair; done before expiry and once on a 401
    with code `TOKEN_EXPIRED`.

    Sends the request (``timeout`` defaults to the client's) and returns the raw response; never raises
    on
    the status code, and never follows a redirect (one to another host would carry the API key or
    token).
    """

    return client.request(
        timeout=timeout,
        follow_redirects=False,
        **_get_kwargs(
            body=body,
        ),
    )


async def asyncio_detailed(
    *,
    client: httpx.AsyncClient,
    timeout: Any = httpx.USE_CLIENT_DEFAULT,
    body: TokenRefreshRequest | dict[str, Any],
) -> httpx.Response:
    """Refresh the access token.

    Exchanges a refresh token for a new access/refresh token pair; done before expiry and once on a 401
    with code `TOKEN_EXPIRED`.

    Sends the request (``timeout`` defaults to the client's) and returns the raw response; never raises
    on
    the status code, and never follows a redirect (one to another host would carry the API key or
    token).
    """

    return await client.request(
        timeout=timeout,
        follow_redirects=False,
        **_get_kwargs(
            body=body,
        ),
    )

from typing import Any

import httpx

from ...models.session_user_response import SessionUserResponse
from ...types import path_segment

__all__ = ["asyncio_detailed", "parse_response", "sync_detailed"]


def _get_kwargs(
    *,
    session_id: str,
) -> dict[str, Any]:
    """The keyword arguments of ``httpx.Client.request`` for this operation."""
    url = f"/session/{path_segment(session_id)}/user"
    kwargs: dict[str, Any] = {"method": "GET", "url": url}
    return kwargs


def parse_response(response: httpx.Response) -> SessionUserResponse:
    """Parse the 200 body of this operation (raises ``pydantic.ValidationError``)."""
    return SessionUserResponse.model_validate_json(response.content)


def sync_detailed(
    *,
    client: httpx.Client,
    timeout: Any = httpx.USE_CLIENT_DEFAULT,
    session_id: str,
) -> httpx.Response:
    """Get the session's user and tokens.

    Returns the authenticated user and its access/refresh tokens after portal or direct auth; answers
    401 (other servers: another 4xx) with code `SESSION_NOT_AUTHENTICATED` while the portal is not done.

    Sends the request (``timeout`` defaults to the client's) and returns the raw response; never raises
    on
    the status code, and never follows a redirect (one to another host would carry the API key or
    token).
    """

    return client.request(
        timeout=timeout,
        follow_redirects=False,
        **_get_kwargs(
            session_id=session_id,
        ),
    )


async def asyncio_detailed(
    *,
    client: httpx.AsyncClient,
    timeout: Any = httpx.USE_CLIENT_DEFAULT,
    session_id: str,
) -> httpx.Response:
    """Get the session's user and tokens.

    Returns the authenticated user and its access/refresh tokens after portal or direct auth; answers
    401 (other servers: another 4xx) with code `SESSION_NOT_AUTHENTICATED` while the portal is not done.

    Sends the request (``timeout`` defaults to the client's) and returns the raw response; never raises
    on
    the status code, and never follows a redirect (one to another host would carry the API key or
    token).
    """

    return await client.request(
        timeout=timeout,
        follow_redirects=False,
        **_get_kwargs(
            session_id=session_id,
        ),
    )

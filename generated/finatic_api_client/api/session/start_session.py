from typing import Any

import httpx

from ...models.session_start_request import SessionStartRequest
from ...models.session_start_response import SessionStartResponse
from ...types import UNSET, ApiModel, Unset, header_params

__all__ = ["asyncio_detailed", "parse_response", "sync_detailed"]


def _get_kwargs(
    *,
    body: SessionStartRequest | dict[str, Any] | Unset = UNSET,
    one_time_token: str,
) -> dict[str, Any]:
    """The keyword arguments of ``httpx.Client.request`` for this operation."""
    url = "/session/start"
    kwargs: dict[str, Any] = {"method": "POST", "url": url}
    kwargs["headers"] = header_params(
        {
            "One-Time-Token": one_time_token,
        }
    )
    if not isinstance(body, Unset):
        kwargs["json"] = body.to_dict() if isinstance(body, ApiModel) else body
    return kwargs


def parse_response(response: httpx.Response) -> SessionStartResponse:
    """Parse the 200 body of this operation (raises ``pydantic.ValidationError``)."""
    return SessionStartResponse.model_validate_json(response.content)


def sync_detailed(
    *,
    client: httpx.Client,
    timeout: Any = httpx.USE_CLIENT_DEFAULT,
    body: SessionStartRequest | dict[str, Any] | Unset = UNSET,
    one_time_token: str,
) -> httpx.Response:
    """Start a session.

    Starts a session with the one-time token; with a valid `user_id` the session is `active` and bound
    to that user (direct auth), without it the session stays `pending` until the portal completes. An
    unknown `user_id` is 404 `NOT_FOUND` and leaves the one-time token unused.

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
            one_time_token=one_time_token,
        ),
    )


async def asyncio_detailed(
    *,
    client: httpx.AsyncClient,
    timeout: Any = httpx.USE_CLIENT_DEFAULT,
    body: SessionStartRequest | dict[str, Any] | Unset = UNSET,
    one_time_token: str,
) -> httpx.Response:
    """Start a session.

    Starts a session with the one-time token; with a valid `user_id` the session is `active` and bound
    to that user (direct auth), without it the session stays `pending` until the portal completes. An
    unknown `user_id` is 404 `NOT_FOUND` and leaves the one-time token unused.

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
            one_time_token=one_time_token,
        ),
    )

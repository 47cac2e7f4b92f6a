from typing import Any

import httpx

from ...models.account_list_response import AccountListResponse
from ...models.account_status import AccountStatus
from ...models.account_type import AccountType
from ...types import UNSET, Unset, query_params

__all__ = ["asyncio_detailed", "parse_response", "sync_detailed"]


def _get_kwargs(
    *,
    limit: int | None | Unset = UNSET,
    offset: int | None | Unset = UNSET,
    broker_id: str | None | Unset = UNSET,
    connection_id: str | None | Unset = UNSET,
    account_type: AccountType | str | None | Unset = UNSET,
    status: AccountStatus | str | None | Unset = UNSET,
    currency: str | None | Unset = UNSET,
    with_metadata: bool | None | Unset = UNSET,
) -> dict[str, Any]:
    """The keyword arguments of ``httpx.Client.request`` for this operation."""
    url = "/brokers/data/accounts"
    kwargs: dict[str, Any] = {"method": "GET", "url": url}
    kwargs["params"] = query_params(
        {
            "limit": limit,
            "offset": offset,
            "broker_id": broker_id,
            "connection_id": connection_id,
            "account_type": account_type,
            "status": status,
            "currency": currency,
            "with_metadata": with_metadata,
        }
    )
    return kwargs


def parse_response(response: httpx.Response) -> AccountListResponse:
    """Parse the 200 body of this operation (raises ``pydantic.ValidationError``)."""
    return AccountListResponse.model_validate_json(response.content)


def sync_detailed(
    *,
    client: httpx.Client,
    timeout: Any = httpx.USE_CLIENT_DEFAULT,
    limit: int | None | Unset = UNSET,
    offset: int | None | Unset = UNSET,
    broker_id: str | None | Unset = UNSET,
    connection_id: str | None | Unset = UNSET,
    account_type: AccountType | str | None | Unset = UNSET,
    status: AccountStatus | str | None | Unset = UNSET,
    currency: str | None | Unset = UNSET,
    with_metadata: bool | None | Unset = UNSET,
) -> httpx.Response:
    """List broker accounts.

    Returns one page of the user's broker accounts, filtered by the query parameters.

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
            account_type=account_type,
            status=status,
            currency=currency,
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
    account_type: AccountType | str | None | Unset = UNSET,
    status: AccountStatus | str | None | Unset = UNSET,
    currency: str | None | Unset = UNSET,
    with_metadata: bool | None | Unset = UNSET,
) -> httpx.Response:
    """List broker accounts.

    Returns one page of the user's broker accounts, filtered by the query parameters.

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
            account_type=account_type,
            status=status,
            currency=currency,
            with_metadata=with_metadata,
        ),
    )

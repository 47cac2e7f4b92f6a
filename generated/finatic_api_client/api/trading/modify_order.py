from typing import Any

import httpx

from ...models.modify_order_request import ModifyOrderRequest
from ...models.order_operation_response import OrderOperationResponse
from ...types import UNSET, ApiModel, Unset, header_params, path_segment, query_params

__all__ = ["asyncio_detailed", "parse_response", "sync_detailed"]


def _get_kwargs(
    *,
    order_id: str,
    body: ModifyOrderRequest | dict[str, Any],
    account_number: str | None | Unset = UNSET,
    connection_id: str | None | Unset = UNSET,
    idempotency_key: str | None | Unset = UNSET,
) -> dict[str, Any]:
    """The keyword arguments of ``httpx.Client.request`` for this operation."""
    url = f"/brokers/orders/{path_segment(order_id)}"
    kwargs: dict[str, Any] = {"method": "PATCH", "url": url}
    kwargs["params"] = query_params(
        {
            "account_number": account_number,
            "connection_id": connection_id,
        }
    )
    kwargs["headers"] = header_params(
        {
            "Idempotency-Key": idempotency_key,
        }
    )
    kwargs["json"] = body.to_dict() if isinstance(body, ApiModel) else body
    return kwargs


def parse_response(response: httpx.Response) -> OrderOperationResponse:
    """Parse the 200 body of this operation (raises ``pydantic.ValidationError``)."""
    return OrderOperationResponse.model_validate_json(response.content)


def sync_detailed(
    *,
    client: httpx.Client,
    timeout: Any = httpx.USE_CLIENT_DEFAULT,
    order_id: str,
    body: ModifyOrderRequest | dict[str, Any],
    account_number: str | None | Unset = UNSET,
    connection_id: str | None | Unset = UNSET,
    idempotency_key: str | None | Unset = UNSET,
) -> httpx.Response:
    """Modify an open order.

    Changes the given fields (quantity, prices, time in force, ...) of an open order; an optional
    `Idempotency-Key` lets the server deduplicate a retried modification.

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
            body=body,
            account_number=account_number,
            connection_id=connection_id,
            idempotency_key=idempotency_key,
        ),
    )


async def asyncio_detailed(
    *,
    client: httpx.AsyncClient,
    timeout: Any = httpx.USE_CLIENT_DEFAULT,
    order_id: str,
    body: ModifyOrderRequest | dict[str, Any],
    account_number: str | None | Unset = UNSET,
    connection_id: str | None | Unset = UNSET,
    idempotency_key: str | None | Unset = UNSET,
) -> httpx.Response:
    """Modify an open order.

    Changes the given fields (quantity, prices, time in force, ...) of an open order; an optional
    `Idempotency-Key` lets the server deduplicate a retried modification.

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
            body=body,
            account_number=account_number,
            connection_id=connection_id,
            idempotency_key=idempotency_key,
        ),
    )

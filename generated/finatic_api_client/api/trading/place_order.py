from typing import Any

import httpx

from ...models.order_operation_response import OrderOperationResponse
from ...models.place_order_request import PlaceOrderRequest
from ...types import UNSET, ApiModel, Unset, header_params, query_params

__all__ = ["asyncio_detailed", "parse_response", "sync_detailed"]


def _get_kwargs(
    *,
    body: PlaceOrderRequest | dict[str, Any],
    connection_id: str | None | Unset = UNSET,
    idempotency_key: str | None | Unset = UNSET,
) -> dict[str, Any]:
    """The keyword arguments of ``httpx.Client.request`` for this operation."""
    url = "/brokers/orders"
    kwargs: dict[str, Any] = {"method": "POST", "url": url}
    kwargs["params"] = query_params(
        {
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
    body: PlaceOrderRequest | dict[str, Any],
    connection_id: str | None | Unset = UNSET,
    idempotency_key: str | None | Unset = UNSET,
) -> httpx.Response:
    """Place an order.

    Sends a new order to the broker (the company must have trading enabled); send one `Idempotency-Key`
    per logical order and reuse it on retries so a repeat never places a second order.

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
            connection_id=connection_id,
            idempotency_key=idempotency_key,
        ),
    )


async def asyncio_detailed(
    *,
    client: httpx.AsyncClient,
    timeout: Any = httpx.USE_CLIENT_DEFAULT,
    body: PlaceOrderRequest | dict[str, Any],
    connection_id: str | None | Unset = UNSET,
    idempotency_key: str | None | Unset = UNSET,
) -> httpx.Response:
    """Place an order.

    Sends a new order to the broker (the company must have trading enabled); send one `Idempotency-Key`
    per logical order and reuse it on retries so a repeat never places a second order.

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
            connection_id=connection_id,
            idempotency_key=idempotency_key,
        ),
    )

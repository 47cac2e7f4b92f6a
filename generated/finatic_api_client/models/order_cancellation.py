from __future__ import annotations

from pydantic import Field

from ..types import ApiModel

__all__ = ["OrderCancellation"]


class OrderCancellation(ApiModel):
    """The order to cancel, camelCase, with broker extras flattened in (see `OrderRequest`)."""

    order_id: str = Field(alias="orderId")
    """The broker's order id."""
    account_number: str | None = Field(default=None, alias="accountNumber")

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from ..types import ApiModel
from .order_status import OrderStatus

__all__ = ["OrderResponse"]


class OrderResponse(ApiModel):
    """Result of place/modify/cancel; brokers add their own fields, which are kept."""

    order_id: str
    """The broker's order id."""
    status: Annotated[OrderStatus | str, Field(union_mode="left_to_right")] | None = None
    message: str | None = None

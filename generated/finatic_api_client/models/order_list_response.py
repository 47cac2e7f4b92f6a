from __future__ import annotations

from typing import Any

from ..types import ApiModel

__all__ = ["OrderListResponse"]


class OrderListResponse(ApiModel):
    """The ``OrderListResponse`` object of the Finatic API."""

    success: bool
    response_data: list[BrokerOrder]
    message: str | None = None
    status_code: int | None = None
    pagination: Pagination | None = None
    warnings: list[Any] | None = None
    """Messages attached to the envelope, each a string or an object (any JSON value is accepted)."""
    errors: list[Any] | None = None
    """Messages attached to the envelope, each a string or an object (any JSON value is accepted)."""


# Referenced models are imported after the class so that schemas may refer to each other in cycles;
# pydantic resolves the annotations when the model is first used.
from .broker_order import BrokerOrder
from .pagination import Pagination

from __future__ import annotations

from typing import Any

from ..types import ApiModel

__all__ = ["OrderFillListResponse"]


class OrderFillListResponse(ApiModel):
    """The ``OrderFillListResponse`` object of the Finatic API."""

    success: bool
    response_data: list[OrderFill]
    message: str | None = None
    status_code: int | None = None
    pagination: Pagination | None = None
    warnings: list[Any] | None = None
    """Messages attached to the envelope, each a string or an object (any JSON value is accepted)."""
    errors: list[Any] | None = None
    """Messages attached to the envelope, each a string or an object (any JSON value is accepted)."""


# Referenced models are imported after the class so that schemas may refer to each other in cycles;
# pydantic resolves the annotations when the model is first used.
from .order_fill import OrderFill
from .pagination import Pagination

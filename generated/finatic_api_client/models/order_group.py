from __future__ import annotations

import datetime

from ..types import ApiModel

__all__ = ["OrderGroup"]


class OrderGroup(ApiModel):
    """A group of linked orders (e.g. a multi-leg or bracket order)."""

    id: str
    user_broker_connection_id: str | None = None
    created_at: datetime.datetime | None = None
    updated_at: datetime.datetime | None = None
    orders: list[OrderGroupOrder] | None = None


# Referenced models are imported after the class so that schemas may refer to each other in cycles;
# pydantic resolves the annotations when the model is first used.
from .order_group_order import OrderGroupOrder

from __future__ import annotations

from ..types import ApiModel

__all__ = ["CancelOrderRequest"]


class CancelOrderRequest(ApiModel):
    """The ``CancelOrderRequest`` object of the Finatic API."""

    broker: str
    """Broker id."""
    order: OrderCancellation
    """The order to cancel, camelCase, with broker extras flattened in (see `OrderRequest`)."""


# Referenced models are imported after the class so that schemas may refer to each other in cycles;
# pydantic resolves the annotations when the model is first used.
from .order_cancellation import OrderCancellation

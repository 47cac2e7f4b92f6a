from __future__ import annotations

from ..types import ApiModel

__all__ = ["ModifyOrderRequest"]


class ModifyOrderRequest(ApiModel):
    """The ``ModifyOrderRequest`` object of the Finatic API."""

    broker: str
    """Broker id."""
    order: OrderModification
    """Changes to an open order: `orderId` plus only the fields that change, camelCase, with broker extras
    flattened in (see `OrderRequest`)."""


# Referenced models are imported after the class so that schemas may refer to each other in cycles;
# pydantic resolves the annotations when the model is first used.
from .order_modification import OrderModification

from __future__ import annotations

from ..types import ApiModel

__all__ = ["PlaceOrderRequest"]


class PlaceOrderRequest(ApiModel):
    """The ``PlaceOrderRequest`` object of the Finatic API."""

    broker: str
    """Broker id (`alpaca`, `robinhood`, `tasty_trade`, `ninja_trader`, `interactive_brokers`, `coinbase`)."""
    order: OrderRequest
    """A new order, keys in camelCase, with broker extras flattened into the same object
    (`additionalProperties`). Quantities are decimal numbers and are never truncated (0.1 BTC stays
    0.1).
    Options symbols follow the OCC format (`AAPL240315C00150000` = AAPL, 2024-03-15, call, strike
    150.000).

    Broker extras (defaults in brackets):
    - robinhood: `extendedHours` (boolean) [false unless asked], `marketHours` (`regular_hours` |
      `extended_hours`), `trailType` (`percentage` | `amount`)
    - ninja_trader: `accountSpec`, `isAutomated` (boolean) [true], `activationTime`, `text`,
      `pegDifference`, `expireTime`
    - tasty_trade (kebab-case on the wire): `automated-source` (boolean) [true], `price-effect` (`Debit`
    |
      `Credit`), `external-identifier`, `partition-key`, `preflight-id`, `source`, `value-effect`"""


# Referenced models are imported after the class so that schemas may refer to each other in cycles;
# pydantic resolves the annotations when the model is first used.
from .order_request import OrderRequest

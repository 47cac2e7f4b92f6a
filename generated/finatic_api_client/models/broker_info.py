from __future__ import annotations

from ..types import ApiModel

__all__ = ["BrokerInfo"]


class BrokerInfo(ApiModel):
    """A broker the API supports."""

    id: str
    """Broker id, e.g. `alpaca`, `robinhood`, `tasty_trade`, `ninja_trader`."""
    name: str
    display_name: str
    is_active: bool
    description: str | None = None
    website: str | None = None
    features: list[str] | None = None
    auth_type: str | None = None
    logo_path: str | None = None
    supports_trading: bool | None = None

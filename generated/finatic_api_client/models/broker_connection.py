from __future__ import annotations

import datetime
from typing import Annotated

from pydantic import Field

from ..types import ApiModel
from .connection_status import ConnectionStatus

__all__ = ["BrokerConnection"]


class BrokerConnection(ApiModel):
    """A user's connection to a broker."""

    id: str
    broker_id: str
    user_id: str
    status: Annotated[ConnectionStatus | str, Field(union_mode="left_to_right")]
    company_id: str | None = None
    connected_at: datetime.datetime | None = None
    last_synced_at: datetime.datetime | None = None
    permissions: ConnectionPermissions | None = None
    metadata: ConnectionMetadata | None = None
    needs_reauth: bool | None = None


# Referenced models are imported after the class so that schemas may refer to each other in cycles;
# pydantic resolves the annotations when the model is first used.
from .connection_metadata import ConnectionMetadata
from .connection_permissions import ConnectionPermissions

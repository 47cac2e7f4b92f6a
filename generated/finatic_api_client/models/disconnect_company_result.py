from __future__ import annotations

from typing import Annotated

from pydantic import Field

from ..types import ApiModel
from .disconnect_action import DisconnectAction

__all__ = ["DisconnectCompanyResult"]


class DisconnectCompanyResult(ApiModel):
    """The ``DisconnectCompanyResult`` object of the Finatic API."""

    connection_id: str
    action: Annotated[DisconnectAction | str, Field(union_mode="left_to_right")]
    """What `disconnect_company` did: only this company's access was removed, or the connection was deleted
    because no company uses it any more."""
    remaining_companies: int | list[str] | None = None
    """The companies still using the connection (a count or a list of company ids)."""
    message: str | None = None

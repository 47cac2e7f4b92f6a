from __future__ import annotations

from ..types import ApiModel

__all__ = ["SessionUserResponse"]


class SessionUserResponse(ApiModel):
    """The ``SessionUserResponse`` object of the Finatic API."""

    success: bool
    data: SessionUserData
    message: str | None = None


# Referenced models are imported after the class so that schemas may refer to each other in cycles;
# pydantic resolves the annotations when the model is first used.
from .session_user_data import SessionUserData

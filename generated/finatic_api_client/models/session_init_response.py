from __future__ import annotations

from ..types import ApiModel

__all__ = ["SessionInitResponse"]


class SessionInitResponse(ApiModel):
    """The ``SessionInitResponse`` object of the Finatic API."""

    success: bool
    data: SessionInitData
    message: str | None = None


# Referenced models are imported after the class so that schemas may refer to each other in cycles;
# pydantic resolves the annotations when the model is first used.
from .session_init_data import SessionInitData

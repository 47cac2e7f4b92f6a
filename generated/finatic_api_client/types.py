"""Shared types of the generated client: ``UNSET``/``Unset``, the model base ``ApiModel`` and the
helpers the endpoint modules use to build query parameters and headers."""

import datetime
from collections.abc import Mapping
from enum import Enum
from typing import Any, Final, Literal, Self
from urllib.parse import quote

from pydantic import BaseModel, ConfigDict


class Unset:
    """Type of ``UNSET``: an argument that was not given (and is therefore not sent)."""

    __slots__ = ()

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Final[Unset] = Unset()


class ApiModel(BaseModel):
    """Base of every generated model.

    Unknown fields are kept (``extra="allow"``), fields can be set by their Python name or by their wire
    alias, and ``to_dict()`` gives the JSON-ready wire form (aliases, ``None`` left out, extras kept).
    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
        protected_namespaces=(),
    )

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """Validate a wire-format mapping (as decoded from JSON) into this model."""
        return cls.model_validate(data)

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready wire form: keys are wire names, ``None`` fields are left out, extras are kept."""
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)


QueryValue = str | int | float | list[str | int | float]


def _scalar_param(value: object) -> str | int | float:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return _scalar_param(value.value)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, str | int | float):
        return value
    return str(value)


def query_params(values: Mapping[str, object]) -> dict[str, QueryValue]:
    """Query parameters as httpx sends them: ``UNSET`` and ``None`` are left out, enums are sent by value,
    dates in ISO 8601 and booleans as ``true``/``false``; lists repeat the parameter."""
    params: dict[str, QueryValue] = {}
    for name, value in values.items():
        if value is None or isinstance(value, Unset):
            continue
        if isinstance(value, list | tuple):
            params[name] = [_scalar_param(item) for item in value if item is not None]
        else:
            params[name] = _scalar_param(value)
    return params


def path_segment(value: object) -> str:
    """One URL path segment: every reserved character escaped (``/``, ``?``, ``#``), and a value of only
    dots escaped too, so that an id such as ``..`` cannot climb to another endpoint."""
    segment = quote(str(value), safe="")
    if segment.strip(".") == "":
        segment = segment.replace(".", "%2E")
    return segment


def header_params(values: Mapping[str, object]) -> dict[str, str]:
    """Request headers: ``UNSET``, ``None`` and empty values are never sent."""
    headers: dict[str, str] = {}
    for name, value in values.items():
        if value is None or isinstance(value, Unset):
            continue
        text = str(_scalar_param(value))
        if text:
            headers[name] = text
    return headers


__all__ = ["UNSET", "ApiModel", "QueryValue", "Unset", "header_params", "path_segment", "query_params"]

"""Options and filters -> query parameters (the same ones on every page)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from ..types.filters import BrokerDataOptions
from ..utils.errors import ValidationError
from .inputs import InputModel


def query_params(
    options: BrokerDataOptions | dict[str, Any] | None,
    filters: InputModel | dict[str, Any] | None,
    filter_type: type[InputModel] | None,
) -> dict[str, Any]:
    """Merge options and filters into the endpoint's query arguments; a value given twice must agree."""
    params: dict[str, Any] = {}
    if options is not None:
        params.update(_dump(_coerce(options, BrokerDataOptions, "options")))
    if filters is not None:
        if filter_type is None:
            raise ValidationError("this endpoint takes no filters", param="filters")
        for name, value in _dump(_coerce(filters, filter_type, "filters")).items():
            if name in params and params[name] != value:
                raise ValidationError(
                    f"{name} is given as {params[name]!r} in options and {value!r} in filters",
                    param=f"filters.{name}",
                )
            params[name] = value
    return params


def _coerce(value: Any, model: type[InputModel], param: str) -> InputModel:
    if isinstance(value, model):
        return value
    if isinstance(value, dict):
        return model.model_validate(value)
    raise ValidationError(
        f"{param} must be a {model.__name__} or a dict, got {type(value).__name__}", param=param
    )


def _dump(model: InputModel) -> dict[str, Any]:
    dumped = model.model_dump(by_alias=True, exclude_none=True)
    return {name: _wire_value(value) for name, value in dumped.items()}


def _wire_value(value: Any) -> Any:
    """Dates become aware datetimes (midnight UTC); naive datetimes are taken as UTC."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    return value

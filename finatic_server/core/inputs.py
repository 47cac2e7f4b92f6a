"""Base class of the SDK's input models: strict, immutable, and failing with the SDK's ValidationError."""

from __future__ import annotations

from typing import Any, Self

import pydantic

from ..utils.errors import ValidationError


class InputModel(pydantic.BaseModel):
    """Something the caller builds and the SDK sends: unknown keys and bad values fail before sending."""

    model_config = pydantic.ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    def __init__(self, **data: Any) -> None:
        try:
            super().__init__(**data)
        except pydantic.ValidationError as exc:
            raise validation_error(exc, type(self).__name__) from None

    @classmethod
    def model_validate(cls, obj: Any, *args: Any, **kwargs: Any) -> Self:
        try:
            return super().model_validate(obj, *args, **kwargs)
        except pydantic.ValidationError as exc:
            raise validation_error(exc, cls.__name__) from None


def validation_error(exc: pydantic.ValidationError, model_name: str) -> ValidationError:
    """One readable sentence per problem, naming the argument, without echoing huge inputs."""
    problems = []
    first_param = None
    for item in exc.errors(include_url=False, include_input=False):
        param = ".".join(str(part) for part in item["loc"]) or model_name
        first_param = first_param or param
        message = item["msg"].removeprefix("Value error, ")
        problems.append(f"{param}: {message}")
    return ValidationError(f"Invalid {model_name}: " + "; ".join(problems), param=first_param)

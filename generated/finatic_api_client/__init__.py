"""Low-level client of the Finatic API, generated from ``spec/openapi.yaml`` by ``codegen.py``.

Do not edit: change the spec or ``templates/`` and run ``make regen``. Imports are lazy (PEP 562).
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from . import api, models
    from .types import UNSET, ApiModel, Unset

_ATTRIBUTES: dict[str, str] = {
    "UNSET": ".types",
    "ApiModel": ".types",
    "Unset": ".types",
}
_SUBMODULES = frozenset({"api", "client", "errors", "models", "types"})

__all__ = ["UNSET", "ApiModel", "Unset", "api", "models"]


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    module = _ATTRIBUTES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})

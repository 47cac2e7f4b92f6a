"""Generated endpoint modules, imported on first use: importing every endpoint and model up front would
triple the time it takes to import the SDK."""

from __future__ import annotations

import importlib
from types import ModuleType

_loaded: dict[str, ModuleType] = {}


def api(name: str) -> ModuleType:
    """``api("broker_data.get_orders")`` -> ``finatic_api_client.api.broker_data.get_orders``."""
    module = _loaded.get(name)
    if module is None:
        module = _loaded[name] = importlib.import_module(f"finatic_api_client.api.{name}")
    return module

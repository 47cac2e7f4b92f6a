"""Device information sent as ``X-Device-Info`` on every call."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ..types.device import DeviceInfo
from ..utils.errors import ValidationError


def device_info_header(device_info: DeviceInfo | Mapping[str, Any] | None) -> str | None:
    if device_info is None:
        return None
    if isinstance(device_info, Mapping):
        device_info = DeviceInfo.model_validate(dict(device_info))
    if not isinstance(device_info, DeviceInfo):
        raise ValidationError(
            f"device_info must be a DeviceInfo or a dict, got {type(device_info).__name__}",
            param="device_info",
        )
    return json.dumps(device_info.model_dump(exclude_none=True), separators=(",", ":"))

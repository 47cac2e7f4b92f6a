"""DeviceInfo: where the end user's request came from."""

from __future__ import annotations

from ..core.inputs import InputModel


class DeviceInfo(InputModel):
    ip_address: str
    user_agent: str
    fingerprint: str | None = None

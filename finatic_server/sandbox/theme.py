"""Portal themes: the presets the SDK names, and a safe reading of a custom theme object."""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

__all__ = ["PRESETS", "Theme", "decode_base64_json", "resolve_theme"]

_COLOR = re.compile(r"^(#[0-9a-fA-F]{3,8}|rgba?\([0-9\s.,%]+\)|hsla?\([0-9\s.,%deg]+\)|[a-zA-Z]{3,20})$")
_FONT = re.compile(r"^[\w\s,\-'\"]{1,120}$")


@dataclass(frozen=True)
class Theme:
    background: str
    surface: str
    text: str
    muted: str
    primary: str
    primary_text: str
    border: str
    logo_url: str | None = None
    font_family: str = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"
    radius: str = "12px"


PRESETS: dict[str, Theme] = {
    "light": Theme("#f6f7fb", "#ffffff", "#1a1f36", "#5b6479", "#2563eb", "#ffffff", "#e3e6ee"),
    "dark": Theme("#0f1115", "#1a1d24", "#e6e8ee", "#9aa3b5", "#4f8cff", "#ffffff", "#2a2f3a"),
    "corporateBlue": Theme("#eef3f9", "#ffffff", "#0b2545", "#4a5d78", "#0b5cad", "#ffffff", "#d4deeb"),
    "purple": Theme("#f7f3ff", "#ffffff", "#2d1b4e", "#6b5b86", "#7c3aed", "#ffffff", "#e6dcfb"),
    "green": Theme("#f2faf5", "#ffffff", "#12301f", "#4d6b59", "#16a34a", "#ffffff", "#d5ecdd"),
    "orange": Theme("#fff7f0", "#ffffff", "#3b1f0b", "#7a5a43", "#ea580c", "#ffffff", "#f7dcc6"),
    "stockAlgos": Theme("#0b0f1a", "#121a2b", "#e8ecf5", "#8d99b3", "#00c2a8", "#04211d", "#1f2a40"),
}
_PRESET_KEYS = {name.lower(): name for name in PRESETS}
_ALIASES: dict[str, tuple[str, ...]] = {
    "primary": ("primaryColor", "primary_color", "primary", "accentColor", "accent_color"),
    "background": ("backgroundColor", "background_color", "background"),
    "surface": ("surfaceColor", "surface_color", "cardColor", "card_color", "surface"),
    "text": ("textColor", "text_color", "text", "foreground"),
    "muted": ("mutedColor", "muted_color", "secondaryTextColor", "secondary_text_color"),
    "primary_text": ("primaryTextColor", "primary_text_color", "buttonTextColor", "button_text_color"),
    "border": ("borderColor", "border_color", "border"),
}


def decode_base64_json(value: str | None) -> Any:
    """Standard or URL-safe base64 (padding optional) of JSON; ``None`` when it is not."""
    if not value:
        return None
    text = value.strip().replace(" ", "+")
    text += "=" * (-len(text) % 4)
    for decode in (base64.b64decode, base64.urlsafe_b64decode):
        try:
            return json.loads(decode(text.encode()))
        except (binascii.Error, ValueError, UnicodeDecodeError):
            continue
    return None


def _flatten(obj: Mapping[str, Any]) -> dict[str, Any]:
    flat = dict(obj)
    for nested in ("colors", "colours", "palette"):
        inner = obj.get(nested)
        if isinstance(inner, Mapping):
            flat.update({k: v for k, v in inner.items() if k not in flat})
    return flat


def _custom(obj: Mapping[str, Any]) -> Theme:
    flat = _flatten(obj)
    base = PRESETS.get(
        _PRESET_KEYS.get(str(flat.get("preset", flat.get("base", ""))).lower(), ""), PRESETS["light"]
    )
    changes: dict[str, Any] = {}
    for field_name, keys in _ALIASES.items():
        for key in keys:
            value = flat.get(key)
            if isinstance(value, str) and _COLOR.match(value.strip()):
                changes[field_name] = value.strip()
                break
    for key in ("logoUrl", "logo_url", "logo"):
        logo = flat.get(key)
        if isinstance(logo, str) and re.match(r"^(https?://|data:image/)", logo.strip()) and len(logo) < 4096:
            changes["logo_url"] = logo.strip()
            break
    for key in ("fontFamily", "font_family"):
        font = flat.get(key)
        if isinstance(font, str) and _FONT.match(font):
            changes["font_family"] = font
            break
    for key in ("borderRadius", "border_radius"):
        radius = flat.get(key)
        if isinstance(radius, int | float) and 0 <= radius <= 48:
            changes["radius"] = f"{radius}px"
        elif isinstance(radius, str) and re.match(r"^\d{1,2}(px|rem|em)$", radius):
            changes["radius"] = radius
    return replace(base, **changes)


def resolve_theme(theme: str | None, theme_object: str | None) -> Theme:
    """The theme for the portal's query parameters; anything unreadable falls back to ``light``."""
    name = (theme or "").strip()
    if name.lower() == "custom":
        obj = decode_base64_json(theme_object)
        return _custom(obj) if isinstance(obj, Mapping) else PRESETS["light"]
    return PRESETS.get(_PRESET_KEYS.get(name.lower(), "light"), PRESETS["light"])

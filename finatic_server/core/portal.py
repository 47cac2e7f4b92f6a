"""Portal URL parameters: theme, broker filter and prefilled email."""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..utils.errors import ValidationError
from .normalize import broker_id

THEME_PRESETS = ("dark", "light", "corporateBlue", "purple", "green", "orange", "stockAlgos")

Theme = str | Mapping[str, Any]


def portal_query(
    *, theme: Theme | None, brokers: Sequence[str] | None, email: str | None
) -> dict[str, str]:
    """The query parameters the SDK adds to the portal URL (validated: call it before any request)."""
    params = theme_params(theme) if theme is not None else {}
    if brokers is not None:
        params["brokers"] = _b64_json(broker_filter(brokers))
    if email is not None:
        params["email"] = _email(email)
    return params


def with_query(url: str, params: dict[str, str]) -> str:
    """``url`` with ``params`` set (replacing any of the same name the server put there)."""
    if not params:
        return url
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in params]
    query.extend(params.items())
    return urlunsplit(parts._replace(query=urlencode(query)))


def theme_params(theme: Theme) -> dict[str, str]:
    """A preset name, ``{"preset": name}``, ``{"custom": {...}}`` or a plain dict of theme values."""
    if isinstance(theme, str):
        return {"theme": _preset(theme)}
    if not isinstance(theme, Mapping) or not theme:
        raise ValidationError(
            "theme must be a preset name, {'preset': name}, {'custom': {...}} or a dict of theme values",
            param="theme",
        )
    if set(theme) == {"preset"}:
        return {"theme": _preset(theme["preset"])}
    custom = theme["custom"] if set(theme) == {"custom"} else theme
    if not isinstance(custom, Mapping) or not custom:
        raise ValidationError("theme['custom'] must be a non-empty dict of theme values", param="theme")
    try:
        encoded = _b64_json(dict(custom))
    except (TypeError, ValueError):
        raise ValidationError("theme values must be JSON-serialisable", param="theme") from None
    return {"theme": "custom", "themeObject": encoded}


def broker_filter(brokers: Sequence[str]) -> list[str]:
    if isinstance(brokers, str) or not isinstance(brokers, Sequence) or not brokers:
        raise ValidationError("brokers must be a non-empty list of broker ids", param="brokers")
    return list(dict.fromkeys(broker_id(b, "brokers") for b in brokers))


def _preset(name: Any) -> str:
    if isinstance(name, str):
        for preset in THEME_PRESETS:
            if preset.lower() == name.strip().lower():
                return preset
    raise ValidationError(
        f"theme {name!r} is not a preset; use one of {', '.join(THEME_PRESETS)} or a custom dict",
        param="theme",
    )


def _email(email: Any) -> str:
    if not isinstance(email, str) or "@" not in email or any(c.isspace() for c in email.strip()):
        raise ValidationError(f"email {email!r} is not an email address", param="email")
    return email.strip()


def _b64_json(value: Any) -> str:
    return base64.b64encode(json.dumps(value, separators=(",", ":")).encode()).decode()

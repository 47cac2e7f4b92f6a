"""Client configuration: base URL, timeouts and the transport safety checks."""

from __future__ import annotations

import ipaddress
import math
from dataclasses import dataclass
from typing import Any

import httpx

from ..utils.errors import ValidationError

DEFAULT_BASE_URL = "https://api.finatic.dev"
API_PREFIX = "/api/v1"
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_RETRIES = 2
# Connections the SDK keeps open per client; enough for bursts of concurrent async calls.
DEFAULT_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=20)


def check_api_key(api_key: Any) -> str:
    """The API key, stripped. It travels in a header, so it must be printable ASCII without spaces; the
    message never repeats the key (a bad one would otherwise surface in an httpx error, in full)."""
    if not isinstance(api_key, str) or not api_key.strip():
        raise ValidationError("api_key must be a non-empty string (or set FINATIC_API_KEY)", param="api_key")
    key: str = api_key.strip()
    if not all("!" <= char <= "~" for char in key):
        raise ValidationError(
            "api_key contains spaces, control or non-ASCII characters; check that it was copied whole",
            param="api_key",
        )
    return key


def check_seconds(value: Any, param: str) -> float:
    """A finite, positive number of seconds (NaN or infinity would wait forever)."""
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or value <= 0
    ):
        raise ValidationError(f"{param} must be a positive number of seconds, got {value!r:.60}", param=param)
    return float(value)


def normalize_base_url(base_url: str, *, allow_insecure_http: bool = False) -> str:
    """Return the API root (``.../api/v1``) for a base URL given with or without ``/api/v1``.

    Plain ``http://`` would send the API key in clear text, so it is refused for any host that is not this
    machine unless ``allow_insecure_http`` is set.
    """
    if not isinstance(base_url, str) or not base_url.strip():
        raise ValidationError("base_url must be a non-empty URL string", param="base_url")
    try:
        url = httpx.URL(base_url.strip())
    except (httpx.InvalidURL, TypeError) as exc:
        raise ValidationError(f"base_url is not a valid URL: {exc}", param="base_url") from None
    if url.scheme not in ("http", "https") or not url.host:
        raise ValidationError(
            "base_url must be an absolute http(s) URL such as https://api.finatic.dev", param="base_url"
        )
    if url.scheme == "http" and not allow_insecure_http and not is_loopback(url.host):
        raise ValidationError(
            f"refusing to send the API key over plain http to {url.host}; use https, "
            "or pass allow_insecure_http=True if you really mean it",
            param="base_url",
        )
    path = url.path.rstrip("/")
    if not path.endswith(API_PREFIX):
        path += API_PREFIX
    return str(url.copy_with(path=path, query=None, fragment=None))


def is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def to_timeout(timeout: float | httpx.Timeout | None) -> httpx.Timeout:
    if isinstance(timeout, httpx.Timeout):
        return timeout
    if timeout is None:
        return httpx.Timeout(None)
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or timeout <= 0:
        raise ValidationError(
            f"timeout must be a positive number of seconds or an httpx.Timeout, got {timeout!r}",
            param="timeout",
        )
    return httpx.Timeout(float(timeout))


def check_max_retries(max_retries: int) -> int:
    if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
        raise ValidationError(
            f"max_retries must be a whole number >= 0, got {max_retries!r}", param="max_retries"
        )
    return max_retries


@dataclass(frozen=True, slots=True)
class RequestOptions:
    """Per-client (or per ``with_options`` copy) settings applied to every request."""

    timeout: httpx.Timeout
    max_retries: int

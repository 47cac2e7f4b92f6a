"""Turn what came back (an httpx exception, an error status, an error envelope) into a FinaticError."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

import httpx

from ..utils import errors as e
from .retry import parse_retry_after

_BY_CODE: dict[str, type[e.ApiError]] = {
    "INVALID_API_KEY": e.AuthenticationError,
    "TOKEN_EXPIRED": e.AuthenticationError,
    "SESSION_EXPIRED": e.AuthenticationError,
    "INVALID_ONE_TIME_TOKEN": e.AuthenticationError,
    "SESSION_NOT_AUTHENTICATED": e.AuthenticationError,
    "TRADING_NOT_ENABLED": e.TradingNotEnabledError,
    "NO_COMPANY_ACCESS": e.CompanyAccessError,
    "TRADE_ACCESS_DENIED": e.TradeAccessDeniedError,
    "INVALID_ORDER": e.ValidationError,
    "VALIDATION_ERROR": e.ValidationError,
    "ORDER_NOT_FOUND": e.NotFoundError,
    "NOT_FOUND": e.NotFoundError,
    "ORDER_NOT_CANCELLABLE": e.ConflictError,
    "RATE_LIMITED": e.RateLimitError,
}

_BY_STATUS: dict[int, type[e.ApiError]] = {
    400: e.ValidationError,
    401: e.AuthenticationError,
    403: e.AuthorizationError,
    404: e.NotFoundError,
    409: e.ConflictError,
    422: e.ValidationError,
    429: e.RateLimitError,
}

# How much of an unreadable body goes into a message; the whole body stays on the error.
_SNIPPET = 200
_REQUEST_ID_HEADERS = ("x-request-id", "request-id", "x-correlation-id")


def error_from_exception(exc: Exception, host: str) -> e.FinaticError:
    """A network-level failure. ``request_sent`` is False where the request surely never left."""
    if isinstance(exc, httpx.InvalidURL):
        return e.ValidationError(
            f"The request cannot be sent: {exc} (an argument is too long or not valid in a URL)"
        )
    if isinstance(exc, UnicodeEncodeError | httpx.LocalProtocolError):
        # The request could not be written: a header value HTTP cannot carry. httpx's message quotes the
        # header value, which may be the API key or a token, so it is not repeated.
        return e.FinaticError(
            f"The request to {host} could not be sent: a header value contains characters HTTP cannot "
            f"carry ({type(exc).__name__})"
        )
    if isinstance(exc, httpx.ConnectTimeout | httpx.PoolTimeout):
        return e.TimeoutError(f"Timed out connecting to {host}", request_sent=False)
    if isinstance(exc, httpx.TimeoutException):
        return e.TimeoutError(f"Timed out waiting for {host} ({type(exc).__name__})")
    if isinstance(exc, httpx.ConnectError):
        return e.ConnectionError(f"Could not connect to {host}: {exc}", request_sent=False)
    if isinstance(exc, httpx.UnsupportedProtocol | httpx.InvalidURL):
        return e.ConnectionError(f"Could not send the request to {host}: {exc}", request_sent=False)
    return e.ConnectionError(f"The connection to {host} failed: {type(exc).__name__}: {exc}")


def error_from_response(response: httpx.Response) -> e.ApiError | None:
    """The error an HTTP response stands for, or None for a 2xx (whose envelope is checked on parsing)."""
    if 200 <= response.status_code < 300:
        return None
    return _build_error(response, _decode(response.content))


def error_from_success_body(response: httpx.Response, body: Any) -> e.ApiError | None:
    """A 2xx whose body says it failed (``success: false``, or ``status_code >= 400``)."""
    if not isinstance(body, Mapping):
        return None
    status = body.get("status_code")
    if body.get("success") is False or (isinstance(status, int) and status >= 400):
        return _build_error(response, body)
    return None


def unreadable_response(response: httpx.Response, reason: str) -> e.ApiError:
    """A 2xx the SDK could not use: report it, with the body, instead of leaking a parser error."""
    body = _decode(response.content)
    mapped = error_from_success_body(response, body)
    if mapped is not None:
        return mapped
    return e.ApiError(
        f"The API returned a response the SDK could not read ({reason})",
        status_code=response.status_code,
        body=body,
        headers=response.headers,
        request_id=_request_id(response, body),
    )


def _build_error(response: httpx.Response, body: Any) -> e.ApiError:
    code, message = _code_and_message(body)
    status = response.status_code
    body_status = body.get("status_code") if isinstance(body, Mapping) else None
    if 200 <= status < 300 and isinstance(body_status, int) and body_status >= 400:
        status = body_status
    cls = _BY_CODE.get(code or "") or _BY_STATUS.get(status)
    if cls is None:
        cls = e.ServerError if status >= 500 else e.ApiError
    if not message:
        message = _fallback_message(response, body)
    kwargs: dict[str, Any] = {
        "status_code": status,
        "code": code,
        "body": body,
        "headers": response.headers,
        "request_id": _request_id(response, body),
    }
    if cls is e.RateLimitError:
        kwargs["retry_after"] = parse_retry_after(response.headers.get("retry-after"))
    return cls(message, **kwargs)


def redact(error: e.FinaticError, secrets: Iterable[str | None]) -> e.FinaticError:
    """``error`` with every secret the server echoed back (in its message, body or headers) replaced by
    ``***``: an API that repeats the key in an error must not put it in the caller's logs."""
    found = sorted({s for s in secrets if s and len(s) >= _MIN_SECRET_LENGTH}, key=len, reverse=True)
    if not found:
        return error
    error.message = _scrub(error.message, found)
    error.args = tuple(_scrub(arg, found) for arg in error.args)
    if isinstance(error, e.ApiError):
        error.body = _scrub(error.body, found)
        error.headers = {name: _scrub(value, found) for name, value in error.headers.items()}
        error.code = _scrub(error.code, found)
        error.request_id = _scrub(error.request_id, found)
    return error


_MIN_SECRET_LENGTH = 4


def _scrub(value: Any, secrets: list[str]) -> Any:
    if isinstance(value, str):
        for secret in secrets:
            value = value.replace(secret, "***")
        return value
    if isinstance(value, Mapping):
        return {_scrub(k, secrets): _scrub(v, secrets) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_scrub(item, secrets) for item in value]
    return value


def _decode(content: bytes) -> Any:
    if not content:
        return None
    try:
        return json.loads(content)
    except (ValueError, UnicodeDecodeError, RecursionError):  # RecursionError: absurdly nested JSON
        return content.decode("utf-8", errors="replace")


def _code_and_message(body: Any) -> tuple[str | None, str | None]:
    if not isinstance(body, Mapping):
        return None, None
    code = body.get("code") if isinstance(body.get("code"), str) else None
    message = body.get("message") if isinstance(body.get("message"), str) else None
    detail = body.get("detail")
    if isinstance(detail, Mapping):
        if code is None and isinstance(detail.get("code"), str):
            code = detail["code"]
        if isinstance(detail.get("message"), str):
            message = detail["message"]
    elif isinstance(detail, str) and detail:
        message = message if message else detail
    elif isinstance(detail, list) and detail:  # FastAPI-style validation errors
        message = "; ".join(_describe_validation_item(item) for item in detail[:5])
    return code, message


def _describe_validation_item(item: Any) -> str:
    if isinstance(item, Mapping):
        location = ".".join(str(part) for part in item.get("loc", ()) if part != "body")
        text = str(item.get("msg", item))
        return f"{location}: {text}" if location else text
    return str(item)


def _fallback_message(response: httpx.Response, body: Any) -> str:
    reason = response.reason_phrase or "error"
    base = f"HTTP {response.status_code} {reason}".rstrip()
    if isinstance(body, str) and body.strip():
        if "<html" in body[:500].lower():
            return f"{base} (the server sent an HTML error page)"
        snippet = " ".join(body.split())[:_SNIPPET]
        return f"{base}: {snippet}"
    if body is None:
        return f"{base} (empty response)"
    return base


def _request_id(response: httpx.Response, body: Any) -> str | None:
    for name in _REQUEST_ID_HEADERS:
        value = response.headers.get(name)
        if value:
            return str(value)
    if isinstance(body, Mapping) and isinstance(body.get("request_id"), str):
        return str(body["request_id"])
    return None

"""When to retry a request, and how long to wait first.

Reads retry on network failures, timeouts, 408, 429 and 5xx. Cancelling is idempotent and retries the same
way. Placing or modifying an order retries only because every attempt carries the same Idempotency-Key;
where the server may have acted on an attempt and the retries run out, the client reports the order's state
as unknown instead of guessing.
"""

from __future__ import annotations

import enum
import random
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from ..utils.errors import ApiError, ConnectionError, FinaticError, RateLimitError

INITIAL_BACKOFF_SECONDS = 0.5
MAX_BACKOFF_SECONDS = 8.0
# A Retry-After longer than this is not waited for: the error is raised so the caller can decide.
MAX_RETRY_AFTER_SECONDS = 60.0

_RETRYABLE_STATUSES = frozenset({408, 429})


class RequestKind(enum.Enum):
    READ = "read"
    CANCEL = "cancel"
    ORDER_WRITE = "order_write"  # place / modify: sent with an Idempotency-Key
    SESSION = "session"  # session set-up: safe to repeat (a new one-time token each time)


def is_retryable(error: FinaticError) -> bool:
    if isinstance(error, ConnectionError):
        return True
    if isinstance(error, ApiError) and error.status_code is not None:
        return error.status_code in _RETRYABLE_STATUSES or error.status_code >= 500
    return False


def may_have_reached_server(error: FinaticError) -> bool:
    """False only where the request surely never arrived: no connection was made, or it was refused
    before processing (429)."""
    if isinstance(error, ConnectionError):
        return error.request_sent
    return not isinstance(error, RateLimitError)


def backoff_delay(attempt: int, error: FinaticError, rng: random.Random | None = None) -> float | None:
    """Seconds to wait before retry number ``attempt + 1``; None means do not retry (Retry-After too long)."""
    retry_after = error.retry_after if isinstance(error, RateLimitError) else None
    if retry_after is None and isinstance(error, ApiError):
        retry_after = parse_retry_after(error.headers.get("retry-after"))
    if retry_after is not None:
        return retry_after if retry_after <= MAX_RETRY_AFTER_SECONDS else None
    # Exponential backoff with "full jitter": spreads the retries of many clients apart.
    ceiling = min(MAX_BACKOFF_SECONDS, INITIAL_BACKOFF_SECONDS * (2**attempt))
    return (rng or random).uniform(ceiling / 2, ceiling)


def parse_retry_after(value: str | None) -> float | None:
    """``Retry-After`` as seconds: either a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            moment = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        seconds = (moment - datetime.now(UTC)).total_seconds()
    if seconds != seconds:  # NaN
        return None
    return max(seconds, 0.0)

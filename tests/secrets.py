"""The secrets the tests use, and the check that none of them leaked."""

from __future__ import annotations

import re
from collections.abc import Iterable

# Every secret a test hands out or the sandbox issues looks like one of these.
SECRET_PATTERNS = [
    re.compile(r"sk_(test|sandbox)_[A-Za-z0-9_]{6,}"),
    re.compile(r"(ott|one_time|access|refresh|at|rt)_[A-Za-z0-9]{16,}"),
]
KNOWN_SECRETS: set[str] = set()


def remember(*secrets: str) -> None:
    KNOWN_SECRETS.update(s for s in secrets if s)


def assert_no_secrets(texts: Iterable[str]) -> None:
    for text in texts:
        for secret in KNOWN_SECRETS:
            assert secret not in text, f"a secret leaked into: {text[:120]!r}"
        for pattern in SECRET_PATTERNS:
            assert not pattern.search(text), f"something secret-shaped leaked into: {text[:120]!r}"

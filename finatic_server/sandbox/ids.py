"""Deterministic identifiers: UUID-shaped strings derived from the seed, never from the clock."""

from __future__ import annotations

import hashlib
import itertools
import secrets

__all__ = ["IdFactory", "opaque_token", "stable_uuid"]


def _uuid_shape(digest: bytes) -> str:
    h = bytearray(digest[:16])
    h[6] = (h[6] & 0x0F) | 0x40  # version 4
    h[8] = (h[8] & 0x3F) | 0x80  # RFC 4122 variant
    x = h.hex()
    return f"{x[:8]}-{x[8:12]}-{x[12:16]}-{x[16:20]}-{x[20:]}"


_MASK = (1 << 128) - 1
_MUL = 0x9E3779B97F4A7C15F39CC0605CEDC835  # odd: n -> n * _MUL is a bijection mod 2**128
_VERSION_CLEAR = _MASK ^ (0xF << 76) ^ (0x3 << 62)
_VERSION_SET = (0x4 << 76) | (0x2 << 62)


class IdFactory:
    """Makes ids that depend only on the seed and the order in which they are asked for."""

    def __init__(self, seed: int) -> None:
        self._prefix = f"finatic-sandbox:{seed}:".encode()
        self._offset = int.from_bytes(hashlib.blake2b(self._prefix, digest_size=16).digest(), "big")
        self._counter = itertools.count()

    def new(self) -> str:
        """The next id of the sequence (a bijective mix of a counter: unique, cheap, random-looking)."""
        x = ((next(self._counter) + self._offset) * _MUL) & _MASK
        x ^= x >> 61
        x = ((x * _MUL) & _VERSION_CLEAR) | _VERSION_SET
        h = f"{x:032x}"
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"

    def derived(self, parent: str, kind: str, n: int = 0) -> str:
        """An id that is a pure function of another id (used for lazily built child objects)."""
        key = self._prefix + f"{parent}:{kind}:{n}".encode()
        return _uuid_shape(hashlib.blake2b(key, digest_size=16).digest())


def stable_uuid(text: str) -> str:
    """A UUID-shaped id that is a pure function of ``text``."""
    return _uuid_shape(hashlib.blake2b(text.encode(), digest_size=16).digest())


def opaque_token(prefix: str, nbytes: int = 24) -> str:
    """A random secret (tokens, session ids): unpredictable on purpose, unlike the data ids."""
    return f"{prefix}{secrets.token_urlsafe(nbytes)}"

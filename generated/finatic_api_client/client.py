"""The generated endpoint functions take plain httpx clients; there is no client class here.

Pass ``client=httpx.Client(base_url=".../api/v1")`` to ``sync_detailed`` and an ``httpx.AsyncClient`` to
``asyncio_detailed``. Timeouts, retries, authentication and error mapping belong to the hand-written layer.
"""

from typing import TypeAlias

import httpx

SyncHttpClient: TypeAlias = httpx.Client
AsyncHttpClient: TypeAlias = httpx.AsyncClient

__all__ = ["AsyncHttpClient", "SyncHttpClient"]

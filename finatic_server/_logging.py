"""The SDK logs through ``logging.getLogger("finatic_server")``; ``FINATIC_LOG=debug|info`` turns it on."""

from __future__ import annotations

import logging
import os

logger = logging.getLogger("finatic_server")

_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO, "warning": logging.WARNING}


def setup_from_env() -> None:
    level = _LEVELS.get(os.environ.get("FINATIC_LOG", "").strip().lower())
    if level is None or logger.handlers:
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("[%(asctime)s %(levelname)s %(name)s] %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(level)

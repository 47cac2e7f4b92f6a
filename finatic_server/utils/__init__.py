"""Utilities whose import paths the README promises (``finatic_server.utils.errors``)."""

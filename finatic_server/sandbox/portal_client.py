"""``complete_portal``: what the person does on the portal page, done over HTTP."""

from __future__ import annotations

import html
import re

import httpx

__all__ = ["PortalError", "complete_portal"]

_FORM = re.compile(r'<form method="post" action="([^"]+)" data-broker="([a-z_]+)">')


class PortalError(RuntimeError):
    """The portal page could not be completed (bad URL, expired session, broker not offered)."""


def complete_portal(
    portal_url: str, broker: str = "robinhood", *, email: str | None = None, timeout: float = 10.0
) -> None:
    """Open the portal page and press *Connect* for ``broker``: the session becomes authenticated as
    ``user123``. Query parameters the SDK added to the URL (theme, brokers, email) are kept."""
    wanted = "ninja_trader" if broker.strip().lower() == "tradovate" else broker.strip().lower()
    with httpx.Client(timeout=timeout, follow_redirects=True) as client:
        page = client.get(portal_url)
        if page.status_code != 200:
            raise PortalError(f"the portal page answered HTTP {page.status_code}")
        forms = {b: html.unescape(action) for action, b in _FORM.findall(page.text)}
        if wanted not in forms:
            offered = ", ".join(sorted(forms)) or "none"
            raise PortalError(f"broker {broker!r} is not offered on this portal (offered: {offered})")
        form = {"broker": wanted, "email": email or ""}
        done = client.post(page.url.join(forms[wanted]), data=form)
        if done.status_code != 200 or "Connected" not in done.text:
            raise PortalError(f"connecting {broker!r} failed with HTTP {done.status_code}")

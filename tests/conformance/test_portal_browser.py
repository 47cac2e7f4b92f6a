"""The portal page in headless Chromium (Debian's ``chromium``, installed by ``make chromium``).

The SDK starts a session and builds the portal URL with a custom theme (colours and a logo), a broker
filter and an email; Chromium loads it, and the test reads what it rendered -- computed colours, the logo
image, the brokers offered, the prefilled email -- then clicks *Connect* with a real mouse event, while the
SDK waits in ``wait_for_portal_completion`` until the session is authenticated.

Chromium is driven over the DevTools protocol with a small websocket client (``websockets``, which the
sandbox extra already installs through ``uvicorn[standard]``): no browser download, no driver whose
version must match the browser's.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from websockets.sync.client import ClientConnection, connect

from finatic_server import FinaticServerClient
from finatic_server.sandbox import Sandbox

from .conftest import API_KEY, CHROMIUM, USER_ID, require_tool

PRIMARY, BACKGROUND, SURFACE = "#ff0088", "#101820", "#f2f4f8"
LOGO_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="32">'
    '<rect width="120" height="32" rx="6" fill="#ff0088"/>'
    '<text x="12" y="22" font-size="16" fill="#fff" font-family="sans-serif">ACME</text></svg>'
)
LOGO = "data:image/svg+xml;base64," + base64.b64encode(LOGO_SVG.encode()).decode()
EMAIL = "pat@example.com"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--remote-debugging-port=0",
    "--window-size=900,900",
]


def _rgb(colour: str) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


def _contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio of two computed ``rgb(r, g, b)`` colours."""

    def luminance(colour: str) -> float:
        channels = [int(c) / 255 for c in colour[colour.index("(") + 1 : colour.index(")")].split(",")[:3]]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


class DevTools:
    """The DevTools protocol over one page's websocket: commands and the events seen meanwhile."""

    def __init__(self, ws: ClientConnection) -> None:
        self.ws, self.next_id, self.events = ws, 0, []  # type: list[dict[str, Any]]

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv(timeout=30))
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise AssertionError(f"{method}: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result
            self.events.append(message)

    def wait_for(self, event: str, timeout: float = 20) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            for i, message in enumerate(self.events):
                if message.get("method") == event:
                    return self.events.pop(i)
            remaining = deadline - time.monotonic()
            assert remaining > 0, f"no {event} within {timeout} s"
            self.events.append(json.loads(self.ws.recv(timeout=remaining)))

    def evaluate(self, expression: str) -> Any:
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        assert "exceptionDetails" not in result, result["exceptionDetails"]
        return result["result"].get("value")

    def navigate(self, url: str) -> None:
        self.events.clear()
        self.send("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")

    def click(self, selector: str) -> None:
        """A real mouse click in the middle of the element."""
        box = self.evaluate(
            f"(() => {{ const r = document.querySelector({json.dumps(selector)}).getBoundingClientRect();"
            " return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })()"
        )
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.send(
                "Input.dispatchMouseEvent", type=kind, x=box["x"], y=box["y"], button="left", clickCount=1
            )


@pytest.fixture()
def browser(tmp_path: Path) -> Iterator[DevTools]:
    executable = require_tool(CHROMIUM, "chromium")
    profile = tmp_path / "profile"
    process = subprocess.Popen(
        [str(executable), *FLAGS, f"--user-data-dir={profile}", "about:blank"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not (port_file.exists() and port_file.read_text().strip()):
            assert process.poll() is None, "chromium exited at start"
            assert time.monotonic() < deadline, "chromium did not open its DevTools port"
            time.sleep(0.05)
        port = int(port_file.read_text().split()[0])
        pages = httpx.get(f"http://127.0.0.1:{port}/json/list", timeout=10).json()
        page = next(p for p in pages if p["type"] == "page")
        with connect(page["webSocketDebuggerUrl"], max_size=None, open_timeout=10) as ws:
            tools = DevTools(ws)
            tools.send("Page.enable")
            yield tools
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_the_portal_in_chromium_themes_filters_prefills_and_connects(
    browser: DevTools, tmp_path: Path
) -> None:
    with Sandbox(orders=50) as url, FinaticServerClient(API_KEY, base_url=url) as client:
        client.start_session()
        portal = client.get_portal_url(
            theme={"custom": {"primaryColor": PRIMARY, "backgroundColor": BACKGROUND,
                              "surfaceColor": SURFACE, "logoUrl": LOGO}},
            brokers=["alpaca", "coinbase"],
            email=EMAIL,
        )  # fmt: skip
        browser.navigate(portal)

        # the custom theme: colours and logo
        assert browser.evaluate("getComputedStyle(document.body).backgroundColor") == _rgb(BACKGROUND)
        assert browser.evaluate("getComputedStyle(document.querySelector('main')).backgroundColor") == _rgb(
            SURFACE
        )
        assert browser.evaluate("getComputedStyle(document.querySelector('button')).backgroundColor") == _rgb(
            PRIMARY
        )
        logo = browser.evaluate(
            "(() => { const i = document.querySelector('header img');"
            " return i && {src: i.src, complete: i.complete, width: i.naturalWidth}; })()"
        )
        assert logo == {"src": LOGO, "complete": True, "width": 120}

        # only the filtered brokers, and the prefilled email (also in each broker's form)
        offered = browser.evaluate(
            "[...document.querySelectorAll('form[data-broker]')].map(f => f.dataset.broker)"
        )
        assert offered == ["alpaca", "coinbase"]
        names = browser.evaluate("[...document.querySelectorAll('.name')].map(e => e.textContent)")
        assert names == ["Alpaca", "Coinbase"]
        assert browser.evaluate("document.querySelector('#email').value") == EMAIL
        field = browser.evaluate(
            "(() => { const s = getComputedStyle(document.querySelector('#email'));"
            " return [s.color, s.backgroundColor]; })()"
        )
        assert _contrast(*field) >= 4.5, f"the email is hard to read: {field}"  # WCAG AA for text
        copies = browser.evaluate("[...document.querySelectorAll('.email-copy')].map(e => e.value)")
        assert copies == [EMAIL, EMAIL]

        screenshot = base64.b64decode(browser.send("Page.captureScreenshot", format="png")["data"])
        assert screenshot.startswith(b"\x89PNG") and len(screenshot) > 5_000
        (tmp_path / "portal.png").write_bytes(screenshot)
        keep = os.environ.get("FINATIC_SCREENSHOT_DIR")
        if keep:
            Path(keep).mkdir(parents=True, exist_ok=True)
            shutil.copy(tmp_path / "portal.png", Path(keep) / "portal.png")

        # the SDK waits for the portal while the user clicks Connect
        outcome: dict[str, Any] = {}

        def wait() -> None:
            try:
                outcome["user"] = client.wait_for_portal_completion(timeout=20, poll_interval=0.1)
            except Exception as exc:  # reported below
                outcome["error"] = exc

        waiter = threading.Thread(target=wait)
        waiter.start()
        assert not client.is_authenticated()
        browser.events.clear()
        browser.click("#connect-alpaca")
        browser.wait_for("Page.loadEventFired")
        waiter.join(timeout=30)
        assert outcome == {"user": USER_ID}
        assert client.is_authenticated() and client.get_user_id() == USER_ID
        assert "Connected to Alpaca" in browser.evaluate("document.body.innerText")
        assert browser.evaluate("getComputedStyle(document.querySelector('.check')).color") == _rgb(PRIMARY)
        assert client.get_broker_connections()  # the session's tokens work

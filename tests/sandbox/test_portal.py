"""The portal page: themes, broker filter, prefilled email, and robustness against bad parameters."""

from __future__ import annotations

import base64
import json

import httpx
import pytest

from .conftest import start_session


def _b64(value: object) -> str:
    return base64.b64encode(json.dumps(value).encode()).decode()


@pytest.fixture()
def portal_url(http: httpx.Client) -> str:
    session = start_session(http, user_id=None)
    url: str = session.get("/session/portal").json()["data"]["portal_url"]
    return url


def test_the_page_lists_every_broker_with_a_connect_button(portal_url: str) -> None:
    page = httpx.get(portal_url)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    for name in ("Alpaca", "Robinhood", "tastytrade", "NinjaTrader", "Interactive Brokers", "Coinbase"):
        assert name in page.text
    assert page.text.count(">Connect</button>") == 6
    assert "http" not in page.text.split("<body>")[0].replace("http-equiv", "")  # no external assets


@pytest.mark.parametrize(
    ("theme", "colour"),
    [("dark", "#0f1115"), ("corporateBlue", "#0b5cad"), ("stockAlgos", "#00c2a8"), ("purple", "#7c3aed")],
)
def test_theme_presets_set_the_colours(portal_url: str, theme: str, colour: str) -> None:
    assert colour in httpx.get(portal_url, params={"theme": theme}).text


def test_a_custom_theme_object_sets_colours_and_logo(portal_url: str) -> None:
    theme = {"primaryColor": "#ff0088", "backgroundColor": "#101010", "logo_url": "https://example.com/l.png"}
    page = httpx.get(portal_url, params={"theme": "custom", "themeObject": _b64(theme)}).text
    assert "--primary:#ff0088" in page and "--bg:#101010" in page
    assert '<img src="https://example.com/l.png"' in page


def test_the_brokers_parameter_filters_the_list_and_tradovate_means_ninja_trader(portal_url: str) -> None:
    page = httpx.get(portal_url, params={"brokers": _b64(["tradovate", "coinbase"])}).text
    assert page.count(">Connect</button>") == 2 and "NinjaTrader" in page and "Robinhood" not in page


def test_the_email_is_prefilled_and_escaped(portal_url: str) -> None:
    page = httpx.get(portal_url, params={"email": 'a@b.co"><script>'}).text
    assert 'value="a@b.co&quot;&gt;&lt;script&gt;"' in page and "<script>" not in page


@pytest.mark.parametrize(
    "params",
    [
        {"theme": "nonsense"},
        {"theme": "custom", "themeObject": "%%%"},
        {"theme": "custom"},
        {"theme": "custom", "themeObject": _b64({"primaryColor": "red;}</style><script>"})},
        {"brokers": "not-base64"},
        {"brokers": _b64({"a": 1})},
        {"brokers": _b64(["unknown"])},
    ],
)
def test_bad_parameters_are_ignored_not_fatal(portal_url: str, params: dict[str, str]) -> None:
    page = httpx.get(portal_url, params=params)
    assert page.status_code == 200 and "<script>" not in page.text and ">Connect</button>" in page.text


def test_connecting_a_broker_authenticates_the_session(http: httpx.Client) -> None:
    session = start_session(http, user_id=None)
    portal_url = session.get("/session/portal").json()["data"]["portal_url"]
    done = httpx.post(f"{portal_url}/connect?theme=green", data={"broker": "alpaca", "email": "x@y.z"})
    assert done.status_code == 200 and "you can close this window" in done.text and "#16a34a" in done.text
    assert session.fetch_tokens().json()["data"]["user_id"] == "user123"


def test_an_unknown_portal_link_is_a_friendly_404(portal_url: str) -> None:
    page = httpx.get(portal_url.rsplit("/", 1)[0] + "/nope")
    assert page.status_code == 404 and "not valid" in page.text

"""The Flask, Django and FastAPI examples, driven by each framework's own test client against the sandbox."""

from __future__ import annotations

import importlib.util
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from finatic_server.sandbox import Sandbox, complete_portal

EXAMPLES = Path(__file__).parent.parent / "examples"

# Starlette's TestClient would rather use httpx2; the SDK (and this test) use httpx.
pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")

ORDER = {
    "broker": "robinhood",
    "order_type": "market",
    "asset_type": "equity",
    "action": "buy",
    "symbol": "AAPL",
    "order_qty": 3,
    "account_number": "123456789",
}


def _load(relative: str, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, EXAMPLES / relative)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def sandbox_url() -> Iterator[str]:
    with Sandbox(orders=300) as url:
        yield url


# -- Flask --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def flask_example() -> ModuleType:
    pytest.importorskip("flask")
    return _load("flask_app.py", "finatic_flask_example")


@pytest.fixture
def flask_app(flask_example: ModuleType, sandbox_url: str, request: pytest.FixtureRequest) -> Iterator[Any]:
    api_key = f"sk_sandbox_flask_{request.node.name[-20:].strip('[]')}"
    app = flask_example.create_app(api_key=api_key, base_url=sandbox_url)
    app.config.update(TESTING=True, FINATIC_PORTAL_WAIT_SECONDS=0.2)
    yield app
    app.extensions["finatic"].close()


def _flask_connect(client: Any, user: str) -> None:
    started = client.get("/finatic/connect", headers={"X-App-User": user})
    assert started.status_code == 302
    complete_portal(started.headers["Location"], broker="robinhood")
    done = client.get("/finatic/callback", headers={"X-App-User": user})
    assert done.status_code == 200, done.get_json()
    assert done.get_json() == {"finatic_user_id": "user123"}


def test_flask_portal_flow_then_orders_as_json(flask_app: Any, sandbox_url: str) -> None:
    client = flask_app.test_client()
    started = client.get("/finatic/connect", headers={"X-App-User": "alice"})
    assert started.status_code == 302 and started.headers["Location"].startswith(sandbox_url)

    # The user has not finished the portal: the callback gives up after the configured wait.
    early = client.get("/finatic/callback", headers={"X-App-User": "alice"})
    assert early.status_code == 504 and early.get_json()["error"] == "PortalTimeoutError"

    complete_portal(started.headers["Location"], broker="robinhood")
    done = client.get("/finatic/callback", headers={"X-App-User": "alice"})
    assert done.status_code == 200 and done.get_json() == {"finatic_user_id": "user123"}

    listed = client.get("/orders?per_page=5", headers={"X-App-User": "alice"})
    assert listed.status_code == 200
    body = listed.get_json()
    assert body["page"] == 1 and body["has_next"] is True and len(body["orders"]) == 5
    assert {"id", "symbol", "status"} <= set(body["orders"][0])

    aapl = client.get("/orders?symbol=AAPL&per_page=20", headers={"X-App-User": "alice"}).get_json()
    assert aapl["orders"] and {o["symbol"] for o in aapl["orders"]} == {"AAPL"}


def test_flask_places_orders_and_maps_errors_to_http(flask_app: Any) -> None:
    client = flask_app.test_client()
    not_signed_in = client.get("/orders")  # not signed in to the app: a JSON answer, not an HTML page
    assert not_signed_in.status_code == 401 and not_signed_in.get_json()["message"] == "sign in first"
    assert client.get("/orders", headers={"X-App-User": "bob"}).status_code == 401  # no broker yet
    _flask_connect(client, "bob")
    bob = {"X-App-User": "bob"}

    placed = client.post("/orders", json=ORDER, headers=bob)
    assert placed.status_code == 201, placed.get_json()
    assert placed.get_json()["status"] == "filled" and placed.get_json()["order_id"]

    # The browser's Idempotency-Key makes its retry harmless: the same order comes back.
    first = client.post("/orders", json=ORDER, headers={**bob, "Idempotency-Key": "order-1"})
    again = client.post("/orders", json=ORDER, headers={**bob, "Idempotency-Key": "order-1"})
    assert first.status_code == again.status_code == 201
    assert first.get_json()["order_id"] == again.get_json()["order_id"]

    invalid = client.post("/orders", json={**ORDER, "order_qty": -1}, headers=bob)
    assert invalid.status_code == 400
    assert invalid.get_json()["param"] == "order_qty" and invalid.get_json()["error"] == "ValidationError"

    assert client.post("/orders", data="not json", headers=bob).status_code == 400

    unknown = client.post("/orders", json={**ORDER, "account_number": "000"}, headers=bob)
    assert 400 <= unknown.status_code < 500 and unknown.get_json()["request_id"]


def test_flask_keeps_one_session_per_app_user(flask_app: Any) -> None:
    client = flask_app.test_client()
    _flask_connect(client, "carol")
    _flask_connect(client, "dave")
    sessions = flask_app.extensions["finatic"]
    carol, dave = sessions.get("carol"), sessions.get("dave")
    assert carol is not dave and carol.get_session_id() != dave.get_session_id()
    sessions.forget("carol")
    assert client.get("/orders", headers={"X-App-User": "carol"}).status_code == 401
    assert client.get("/orders", headers={"X-App-User": "dave"}).status_code == 200


def test_flask_answers_403_for_a_company_that_may_not_trade(
    flask_example: ModuleType, sandbox_url: str
) -> None:
    app = flask_example.create_app(api_key="sk_sandbox_no_trading", base_url=sandbox_url)
    app.config.update(TESTING=True)
    try:
        client = app.test_client()
        _flask_connect(client, "erin")
        refused = client.post("/orders", json=ORDER, headers={"X-App-User": "erin"})
        assert refused.status_code == 403
        assert refused.get_json()["code"] == "TRADING_NOT_ENABLED" and refused.get_json()["request_id"]
    finally:
        app.extensions["finatic"].close()


# -- Django -------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def django_example() -> ModuleType:
    pytest.importorskip("django")
    return _load("django_app/app.py", "finatic_django_example")


@pytest.fixture
def django_client(django_example: ModuleType, sandbox_url: str) -> Iterator[Any]:
    from django.test import Client, override_settings

    with override_settings(FINATIC_API_KEY="sk_sandbox_django", FINATIC_BASE_URL=sandbox_url):
        django_example._sessions = None
        yield Client()
        django_example.finatic_sessions().close()
        django_example._sessions = None


def test_django_lists_positions_of_the_request_user(django_client: Any, django_example: ModuleType) -> None:
    listed = django_client.get("/positions?per_page=3", headers={"X-App-User": "alice"})
    assert listed.status_code == 200, listed.content
    body = listed.json()
    assert body["page"] == 1 and len(body["positions"]) == 3
    assert {"symbol", "quantity"} <= set(body["positions"][0])

    # Later requests of the same user share its one session.
    client = django_example.finatic_sessions().connect("alice", "user123")
    assert django_client.get("/positions", headers={"X-App-User": "alice"}).status_code == 200
    assert django_example.finatic_sessions().connect("alice", "user123") is client

    assert django_client.get("/positions").status_code == 401
    assert django_client.get("/positions", headers={"X-App-User": "mallory"}).status_code == 409
    assert django_client.post("/positions", headers={"X-App-User": "alice"}).status_code == 405


def test_django_places_an_order_and_maps_errors(django_client: Any) -> None:
    alice = {"X-App-User": "alice"}
    placed = django_client.post("/orders", ORDER, content_type="application/json", headers=alice)
    assert placed.status_code == 201, placed.content
    assert placed.json()["status"] == "filled"

    invalid = django_client.post(
        "/orders", {**ORDER, "symbol": " "}, content_type="application/json", headers=alice
    )
    assert invalid.status_code == 400 and invalid.json()["param"] == "symbol"
    garbage = django_client.post("/orders", "{", content_type="application/json", headers=alice)
    assert garbage.status_code == 400


# -- FastAPI ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fastapi_example() -> ModuleType:
    pytest.importorskip("fastapi")
    return _load("fastapi_app.py", "finatic_fastapi_example")


@pytest.fixture
def fastapi_client(fastapi_example: ModuleType, sandbox_url: str) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    app = fastapi_example.create_app(api_key="sk_sandbox_fastapi", base_url=sandbox_url)
    app.state.portal_wait_seconds = 0.2
    with TestClient(app, follow_redirects=False) as client:  # runs the lifespan
        yield client
    assert app.state.finatic.get("frank") is None  # closed and emptied at shutdown


def test_fastapi_portal_flow_then_orders(fastapi_client: Any, sandbox_url: str) -> None:
    frank = {"X-App-User": "frank"}
    assert fastapi_client.get("/orders", headers=frank).status_code == 401
    started = fastapi_client.get("/finatic/connect", headers=frank)
    assert started.status_code == 302 and started.headers["location"].startswith(sandbox_url)
    assert "theme=dark" in started.headers["location"]
    early = fastapi_client.get("/finatic/callback", headers=frank)
    assert early.status_code == 504 and early.json()["error"] == "PortalTimeoutError"

    complete_portal(started.headers["location"], broker="robinhood")
    done = fastapi_client.get("/finatic/callback", headers=frank)
    assert done.status_code == 200 and done.json() == {"finatic_user_id": "user123"}

    listed = fastapi_client.get("/orders", params={"per_page": 4, "status": "filled"}, headers=frank)
    assert listed.status_code == 200
    body = listed.json()
    assert body["has_next"] is True and len(body["orders"]) == 4
    assert {o["status"] for o in body["orders"]} == {"filled"}


def test_fastapi_places_orders_and_maps_errors(fastapi_client: Any, fastapi_example: ModuleType) -> None:
    assert fastapi_client.get("/orders").status_code == 401
    started = fastapi_client.get("/finatic/connect", headers={"X-App-User": "frank"})
    complete_portal(started.headers["location"], broker="robinhood")
    assert fastapi_client.get("/finatic/callback", headers={"X-App-User": "frank"}).status_code == 200
    frank = {"X-App-User": "frank", "Idempotency-Key": "fastapi-order-1"}

    first = fastapi_client.post("/orders", json=ORDER, headers=frank)
    again = fastapi_client.post("/orders", json=ORDER, headers=frank)
    assert first.status_code == again.status_code == 201, first.json()
    assert first.json()["order_id"] == again.json()["order_id"]

    invalid = fastapi_client.post("/orders", json={**ORDER, "broker": "nope"}, headers=frank)
    assert invalid.status_code == 400 and invalid.json()["param"] == "broker"
    assert fastapi_client.post("/orders", json=[1, 2], headers=frank).status_code == 422
    # One key, two different orders: the sandbox refuses (409) and the request id comes along.
    reused = fastapi_client.post("/orders", json={**ORDER, "order_qty": 4}, headers=frank)
    assert reused.status_code == 409 and reused.json()["request_id"]


# -- the README's excerpts ----------------------------------------------------------------------------


def test_the_readme_framework_snippets_are_excerpts_of_the_tested_examples() -> None:
    readme = (EXAMPLES.parent / "README.md").read_text()
    section = readme.split("## Using it in Flask, Django and FastAPI")[1].split("\n## ")[0]
    snippets = re.findall(r"\((examples/[\w/]+\.py)\).*?```text\n(.*?)```", section, flags=re.S)
    assert [path for path, _ in snippets] == [
        "examples/flask_app.py",
        "examples/django_app/app.py",
        "examples/fastapi_app.py",
    ]
    for path, snippet in snippets:
        source = (EXAMPLES.parent / path).read_text()
        for line in snippet.splitlines():
            code = line.strip().replace("(...)", "(")
            if code and code != "...":
                assert code.rstrip(".").rstrip() in source, f"{path} has no line {code!r}"

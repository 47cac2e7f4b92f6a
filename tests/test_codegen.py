"""codegen.py, the templates and the generated package: behaviour of generated models and endpoints (on a
small fixture spec), determinism against the committed tree, the regeneration workflow and unasync."""

from __future__ import annotations

import asyncio
import datetime
import importlib
import importlib.util
import json
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pydantic
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
MINI_SPEC = Path(__file__).resolve().parent / "fixtures" / "mini_openapi.yaml"

sys.path.insert(0, str(ROOT))
import codegen  # noqa: E402

_loaded = 0


def load_package(package_dir: Path) -> ModuleType:
    """Import a generated package from ``package_dir`` under a unique name (so it does not clash with the
    installed ``finatic_api_client``)."""
    global _loaded
    _loaded += 1
    name = f"_codegen_test_pkg_{_loaded}"
    spec = importlib.util.spec_from_file_location(
        name, package_dir / "__init__.py", submodule_search_locations=[str(package_dir)]
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def mini(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    out = tmp_path_factory.mktemp("mini") / "finatic_api_client"
    codegen.generate_client(MINI_SPEC, out)
    package = load_package(out)
    yield package
    for key in [k for k in sys.modules if k == package.__name__ or k.startswith(package.__name__ + ".")]:
        del sys.modules[key]


def sub(package: ModuleType, dotted: str) -> Any:
    return importlib.import_module(f"{package.__name__}.{dotted}")


ORDER_LIST = {
    "success": True,
    "message": "ok",
    "status_code": 200,
    "response_data": [
        {
            "id": "o1",
            "symbol": "BTC-USD",
            "status": "filled",
            "quantity": 0.1,
            "price": None,
            "created_at": "2024-03-15T14:30:00Z",
            "tags": ["filled", "settled_later"],
            "last_fill": {
                "id": "f1",
                "order_id": "o1",
                "price": 64000.5,
                "quantity": 0.1,
                "executed_at": "2024-03-15T14:30:01Z",
                "venue": "X",
            },
            "brand_new_field": {"nested": [1, 2]},
        },
        {
            "id": "o2",
            "symbol": "AAPL",
            "status": "pending_review",
            "quantity": 3,
            "created_at": "2024-03-15T14:31:00Z",
            "updated_at": None,
            "last_fill": None,
        },
    ],
    "pagination": {"has_more": True, "next_offset": 2, "current_offset": 0, "limit": 2},
    "warnings": None,
}


# --- models ----------------------------------------------------------------------------------------------


def test_models_keep_unknown_fields(mini: ModuleType) -> None:
    models = mini.models
    page = models.OrderListResponse.from_dict(ORDER_LIST)
    first = page.response_data[0]
    assert first.model_extra == {"brand_new_field": {"nested": [1, 2]}}
    assert first.last_fill.model_extra == {"venue": "X"}
    assert page.to_dict()["response_data"][0]["brand_new_field"] == {"nested": [1, 2]}


def test_unknown_enum_values_are_accepted_and_known_ones_become_members(mini: ModuleType) -> None:
    models = mini.models
    page = models.OrderListResponse.model_validate_json(json.dumps(ORDER_LIST))
    first, second = page.response_data
    assert first.status is models.OrderStatus.FILLED
    assert second.status == "pending_review" and not isinstance(second.status, models.OrderStatus)
    assert first.tags == [models.OrderStatus.FILLED, "settled_later"]
    assert first.tags[0] is models.OrderStatus.FILLED
    # enum values with spaces
    order = models.OrderRequest(
        account_number="A1", order_type="Limit", action="Buy to Open", symbol="X", order_qty=1
    )
    assert order.action is models.OrderAction.BUY_TO_OPEN
    assert str(models.OrderAction.BUY_TO_OPEN) == "Buy to Open"


def test_null_is_fine_in_optional_fields(mini: ModuleType) -> None:
    page = mini.models.OrderListResponse.from_dict(ORDER_LIST)
    second = page.response_data[1]
    assert second.updated_at is None and second.last_fill is None and second.price is None
    assert page.warnings is None
    assert page.pagination.next_offset == 2
    assert isinstance(page.response_data[0].created_at, datetime.datetime)
    assert isinstance(page.response_data[0].quantity, float)


def test_required_fields_are_required(mini: ModuleType) -> None:
    with pytest.raises(pydantic.ValidationError):
        mini.models.OrderFill.from_dict({"id": "f1"})


def test_aliases_round_trip_with_extras(mini: ModuleType) -> None:
    models = mini.models
    wire = {
        "accountNumber": "A1",
        "orderType": "Limit",
        "action": "Buy",
        "symbol": "AAPL",
        "orderQty": 0.1,
        "price": 150.25,
        "extendedHours": True,
        "automated-source": True,
    }
    order = models.OrderRequest.from_dict(wire)
    assert order.account_number == "A1" and order.order_qty == 0.1
    assert order.to_dict() == wire
    by_name = models.OrderRequest(
        account_number="A1",
        order_type=models.OrderType.LIMIT,
        action="Buy",
        symbol="AAPL",
        order_qty=0.1,
        price=150.25,
        extendedHours=True,
        **{"automated-source": True},
    )
    assert by_name.to_dict() == wire
    assert models.PlaceOrderRequest(broker="robinhood", order=by_name).to_dict() == {
        "broker": "robinhood",
        "order": wire,
    }


def test_importing_the_package_imports_no_model(tmp_path: Path) -> None:
    code = textwrap.dedent(
        """
        import sys
        import finatic_api_client
        import finatic_api_client.models
        loaded = [m for m in sys.modules if m.startswith("finatic_api_client.models.")]
        assert loaded == [], loaded
        from finatic_api_client.models import OrderListResponse
        loaded = [m for m in sys.modules if m.startswith("finatic_api_client.models.")]
        assert len(loaded) < len(finatic_api_client.models.__all__), loaded
        """
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=tmp_path)


# --- endpoints -------------------------------------------------------------------------------------------


def test_get_kwargs_omits_unset_and_none_query_params(mini: ModuleType) -> None:
    get_orders = sub(mini, "api.broker_data.get_orders")
    models = mini.models
    assert get_orders._get_kwargs() == {"method": "GET", "url": "/brokers/data/orders", "params": {}}
    kwargs = get_orders._get_kwargs(
        limit=10,
        offset=None,
        order_status=models.OrderStatus.PARTIALLY_FILLED,
        created_after=datetime.datetime(2024, 3, 15, 14, 30, tzinfo=datetime.UTC),
        with_metadata=False,
    )
    assert kwargs["params"] == {
        "limit": 10,
        "order_status": "partially_filled",
        "created_after": "2024-03-15T14:30:00+00:00",
        "with_metadata": "false",
    }
    # an enum argument also takes a plain (possibly unknown) string
    assert get_orders._get_kwargs(order_status="on_hold")["params"] == {"order_status": "on_hold"}


def test_path_params_are_quoted(mini: ModuleType) -> None:
    fills = sub(mini, "api.broker_data.get_order_fills")
    kwargs = fills._get_kwargs(order_id="a/b c")
    assert kwargs["url"] == "/brokers/data/orders/a%2Fb%20c/fills"
    assert kwargs["params"] == {}


def test_post_sends_the_body_by_alias_and_headers_only_when_set(mini: ModuleType) -> None:
    place_order = sub(mini, "api.trading.place_order")
    models = mini.models
    order = models.OrderRequest(
        account_number="A1", order_type="Market", action="Sell", symbol="AAPL", order_qty=2, marketHours="x"
    )
    body = models.PlaceOrderRequest(broker="robinhood", order=order)
    kwargs = place_order._get_kwargs(body=body)
    assert kwargs["json"] == {
        "broker": "robinhood",
        "order": {
            "accountNumber": "A1",
            "orderType": "Market",
            "action": "Sell",
            "symbol": "AAPL",
            "orderQty": 2.0,
            "marketHours": "x",
        },
    }
    assert kwargs["headers"] == {} and kwargs["params"] == {}
    raw = {"broker": "alpaca", "order": {"orderQty": 1}}
    kwargs = place_order._get_kwargs(body=raw, idempotency_key="key-1", connection_id="c1")
    assert kwargs["json"] == raw
    assert kwargs["headers"] == {"Idempotency-Key": "key-1"}
    assert kwargs["params"] == {"connection_id": "c1"}


def test_parse_response_gives_typed_models(mini: ModuleType) -> None:
    get_orders = sub(mini, "api.broker_data.get_orders")
    response = httpx.Response(200, json=ORDER_LIST)
    page = get_orders.parse_response(response)
    assert isinstance(page, mini.models.OrderListResponse)
    assert isinstance(page.response_data[0], mini.models.BrokerOrder)
    assert isinstance(page.response_data[0].last_fill, mini.models.OrderFill)
    assert isinstance(page.pagination, mini.models.Pagination)
    with pytest.raises(pydantic.ValidationError):
        get_orders.parse_response(httpx.Response(200, content=b"not json"))


def test_detailed_functions_send_and_never_raise_on_status(mini: ModuleType) -> None:
    place_order = sub(mini, "api.trading.place_order")
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(520, json={"success": False, "message": "upstream"})

    transport = httpx.MockTransport(handler)
    body = {"broker": "alpaca", "order": {"symbol": "AAPL"}}
    with httpx.Client(transport=transport, base_url="https://api.test/api/v1") as client:
        response = place_order.sync_detailed(client=client, body=body, idempotency_key="k1")
    assert response.status_code == 520

    async def run() -> httpx.Response:
        async with httpx.AsyncClient(transport=transport, base_url="https://api.test/api/v1") as client:
            return await place_order.asyncio_detailed(client=client, body=body, connection_id="c 1")

    response = asyncio.run(run())
    assert response.status_code == 520
    first, second = seen
    assert first.method == "POST" and str(first.url) == "https://api.test/api/v1/brokers/orders"
    assert first.headers["Idempotency-Key"] == "k1" and json.loads(first.content) == body
    assert "Idempotency-Key" not in second.headers
    assert second.url.params["connection_id"] == "c 1"


def test_required_header_param(mini: ModuleType) -> None:
    init_session = sub(mini, "api.session.init_session")
    assert init_session._get_kwargs(x_api_key="secret")["headers"] == {"X-API-Key": "secret"}
    page = init_session.parse_response(
        httpx.Response(200, json={"success": True, "data": {"one_time_token": "ott", "expires_at": None}})
    )
    assert page.data.one_time_token == "ott"
    assert "ott" not in repr(page)  # token-like fields stay out of reprs


# --- the committed tree and the regeneration workflow ----------------------------------------------------


def test_generation_is_deterministic_and_matches_the_committed_tree() -> None:
    if not codegen.SPEC.exists():
        pytest.skip("spec/openapi.yaml not written yet")
    assert codegen.check_client(codegen.SPEC, codegen.OUTPUT) == []


def test_every_committed_model_builds_its_schema() -> None:
    if not codegen.OUTPUT.exists():
        pytest.skip("generated/ not committed yet")
    code = textwrap.dedent(
        """
        import finatic_api_client.models as m
        from pydantic import BaseModel
        for name in m.__all__:
            cls = getattr(m, name)
            if isinstance(cls, type) and issubclass(cls, BaseModel):
                cls.model_rebuild()
                cls.model_json_schema()
        """
    )
    subprocess.run([sys.executable, "-W", "error", "-c", code], check=True)


def test_regeneration_workflow_adds_an_endpoint(tmp_path: Path) -> None:
    spec = yaml.safe_load(MINI_SPEC.read_text())
    spec["paths"]["/brokers/data/widgets/{widget_id}"] = {
        "get": {
            "tags": ["broker_data"],
            "operationId": "get_widget",
            "summary": "One widget",
            "parameters": [
                {"name": "widget_id", "in": "path", "required": True, "schema": {"type": "string"}},
                {"name": "color", "in": "query", "schema": {"$ref": "#/components/schemas/WidgetColor"}},
            ],
            "responses": {
                "200": {
                    "description": "The widget",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Widget"}}},
                }
            },
        }
    }
    spec["components"]["schemas"]["WidgetColor"] = {"type": "string", "enum": ["red", "blue"]}
    spec["components"]["schemas"]["Widget"] = {
        "type": "object",
        "required": ["id", "color"],
        "properties": {
            "id": {"type": "string"},
            "color": {"$ref": "#/components/schemas/WidgetColor"},
            "sizeCm": {"type": "number"},
        },
    }
    spec_path = tmp_path / "openapi.yaml"
    spec_path.write_text(yaml.safe_dump(spec))
    out = tmp_path / "gen" / "finatic_api_client"
    subprocess.run(
        [sys.executable, str(ROOT / "codegen.py"), "--spec", str(spec_path), "--output", str(out)],
        check=True,
        capture_output=True,
    )
    assert (out / "api" / "broker_data" / "get_widget.py").is_file()
    package = load_package(out)
    get_widget = sub(package, "api.broker_data.get_widget")

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.path == "/api/v1/brokers/data/widgets/w1"
        assert dict(request.url.params) == {"color": "blue"}
        return httpx.Response(200, json={"id": "w1", "color": "blue", "sizeCm": 2.5, "weight": 3})

    with httpx.Client(transport=httpx.MockTransport(handler), base_url="https://x.test/api/v1") as client:
        response = get_widget.sync_detailed(
            client=client, widget_id="w1", color=package.models.WidgetColor.BLUE
        )
    widget = get_widget.parse_response(response)
    assert isinstance(widget, package.models.Widget)
    assert widget.color is package.models.WidgetColor.BLUE and widget.size_cm == 2.5
    assert widget.to_dict() == {"id": "w1", "color": "blue", "sizeCm": 2.5, "weight": 3}


# --- unasync ---------------------------------------------------------------------------------------------

ASYNC_MODULE = '''\
"""AsyncWidgetClient: use it with ``async with`` and ``aclose()``."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from types import TracebackType
from typing import Generic, TypeVar

import httpx

from .._concurrency import AsyncLock, async_sleep
from .._async.pages import AsyncPage

T = TypeVar("T")

FetchPage = Callable[[int], Awaitable["AsyncPage[T]"]]


class AsyncFinaticServerClient(Generic[T]):
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http
        self._lock = AsyncLock()

    async def __aenter__(self) -> AsyncFinaticServerClient[T]:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    async def first(self, fetch: FetchPage[T]) -> AsyncPage[T]:
        async with self._lock:
            await async_sleep(0)
            return await fetch(0)

    async def iterate(self, first: Awaitable[AsyncPage[T]]) -> AsyncIterator[T]:
        page = await first
        for item in page.data:
            yield item
        raise StopAsyncIteration


__all__ = ["AsyncFinaticServerClient"]
'''


def test_unasync_converts_an_async_module(tmp_path: Path) -> None:
    async_dir, sync_dir = tmp_path / "_async", tmp_path / "_sync"
    async_dir.mkdir()
    (async_dir / "widgets.py").write_text(ASYNC_MODULE)
    outputs = codegen.unasync_sources(async_dir, sync_dir)
    assert list(outputs) == [sync_dir / "widgets.py"]
    text = outputs[sync_dir / "widgets.py"]
    assert text.startswith("# GENERATED by codegen.py from ")
    assert "/_async/widgets.py -- do not edit.\n" in text.splitlines(keepends=True)[0]
    compile(text, "widgets.py", "exec")
    code = text.split('."""', 1)[1]  # after the module docstring
    for gone in ("async ", "await ", "Async", "aclose", "__aenter__", "Awaitable", "_async"):
        assert gone not in code, gone
    for expected in (
        # names inside strings are renamed too (prose like "async with" is left alone)
        '"""SyncWidgetClient: use it with ``async with`` and ``close()``."""',
        "from collections.abc import Callable, Iterator",
        "from .._concurrency import SyncLock, sync_sleep",
        "from .._sync.pages import Page",
        'FetchPage = Callable[[int], "Page[T]"]',
        "class FinaticServerClient(Generic[T]):",
        "def __init__(self, http: httpx.Client) -> None:",
        "def __enter__(self) -> FinaticServerClient[T]:",
        "def __exit__(",
        "self.close()",
        "with self._lock:",
        "sync_sleep(0)",
        "def iterate(self, first: Page[T]) -> Iterator[T]:",
        "raise StopIteration",
        '__all__ = ["FinaticServerClient"]',
    ):
        assert expected in text, expected


def test_unasync_write_and_check(tmp_path: Path) -> None:
    async_dir, sync_dir = tmp_path / "_async", tmp_path / "_sync"
    # nothing to do when there is no async code
    assert codegen.write_sync(async_dir, sync_dir) == []
    async_dir.mkdir()
    assert codegen.write_sync(async_dir, sync_dir) == []
    (async_dir / "a.py").write_text("async def f() -> None:\n    pass\n")
    (async_dir / "b.py").write_text("X = 1\n")
    sync_dir.mkdir()
    (sync_dir / "hand_written.py").write_text("Y = 2\n")
    assert codegen.write_sync(async_dir, sync_dir) == [sync_dir / "a.py", sync_dir / "b.py"]
    assert "def f() -> None:" in (sync_dir / "a.py").read_text()
    assert codegen.check_sync(async_dir, sync_dir) == []
    first = (sync_dir / "a.py").read_bytes()
    codegen.write_sync(async_dir, sync_dir)
    assert (sync_dir / "a.py").read_bytes() == first  # deterministic
    # drift and stale files are reported, then fixed by writing
    (async_dir / "a.py").write_text("async def g() -> None:\n    pass\n")
    (async_dir / "b.py").unlink()
    problems = codegen.check_sync(async_dir, sync_dir)
    assert any(p.startswith("differs: ") and p.endswith("a.py") for p in problems)
    assert any(p.startswith("stale ") and p.endswith("b.py") for p in problems)
    codegen.write_sync(async_dir, sync_dir)
    assert not (sync_dir / "b.py").exists()
    assert (sync_dir / "hand_written.py").exists()
    assert codegen.check_sync(async_dir, sync_dir) == []

"""The sync and async clients are one API: the same public methods, with the same parameters, defaults and
kinds; only the async side awaits (and iterates with ``async for``)."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from typing import Any

import pytest

from finatic_server import AsyncFinaticServerClient, FinaticServerClient
from finatic_server._async.pagination import AsyncPage
from finatic_server._sync.pagination import Page

# How the async spelling of a type becomes the sync one (the rules codegen.py applies).
_SYNC_NAMES = {
    "AsyncFinaticServerClient": "FinaticServerClient",
    "AsyncPage": "Page",
    "AsyncIterator": "Iterator",
    "AsyncClient": "Client",
}


def public_methods(cls: type) -> dict[str, Callable[..., Any]]:
    return {
        name: member
        for name, member in inspect.getmembers(cls)
        if not name.startswith("_") and callable(member)
    }


def as_sync(annotation: Any) -> str:
    text = str(annotation)
    for async_name, sync_name in _SYNC_NAMES.items():
        text = re.sub(rf"\b{async_name}\b", sync_name, text)
    return text


def describe(function: Callable[..., Any], *, sync: bool) -> list[tuple[str, Any, Any, str]]:
    signature = inspect.signature(function)
    return [
        (p.name, p.kind, p.default, str(p.annotation) if sync else as_sync(p.annotation))
        for p in signature.parameters.values()
    ]


@pytest.mark.parametrize(
    ("sync_cls", "async_cls"), [(FinaticServerClient, AsyncFinaticServerClient), (Page, AsyncPage)]
)
def test_both_sides_expose_the_same_public_methods(sync_cls: type, async_cls: type) -> None:
    assert set(public_methods(sync_cls)) == set(public_methods(async_cls))


def test_every_client_method_has_the_same_signature_on_both_clients() -> None:
    sync_methods = public_methods(FinaticServerClient)
    async_methods = public_methods(AsyncFinaticServerClient)
    for name, sync_method in sync_methods.items():
        async_method = async_methods[name]
        assert describe(sync_method, sync=True) == describe(async_method, sync=False), name
        sync_return = inspect.signature(sync_method).return_annotation
        async_return = inspect.signature(async_method).return_annotation
        assert str(sync_return) == as_sync(async_return), name


def test_the_async_client_awaits_where_the_sync_client_returns() -> None:
    for name, sync_method in public_methods(FinaticServerClient).items():
        async_method = getattr(AsyncFinaticServerClient, name)
        assert not inspect.iscoroutinefunction(sync_method), name
        if (
            name.startswith("iter_")
            or name in ("with_options", "is_authenticated")
            or (name.startswith("get_")
            and name.endswith("_id"))
        ):
            assert not inspect.iscoroutinefunction(async_method), name
        else:
            assert inspect.iscoroutinefunction(async_method), name


def test_page_navigation_awaits_on_the_async_side() -> None:
    for name in ("next_page", "previous_page"):
        assert inspect.iscoroutinefunction(getattr(AsyncPage, name))
        assert not inspect.iscoroutinefunction(getattr(Page, name))


def test_both_clients_are_context_managers_with_the_same_constructor() -> None:
    assert hasattr(FinaticServerClient, "__enter__") and hasattr(FinaticServerClient, "__exit__")
    assert hasattr(AsyncFinaticServerClient, "__aenter__") and hasattr(AsyncFinaticServerClient, "__aexit__")
    assert describe(FinaticServerClient.__init__, sync=True) == describe(
        AsyncFinaticServerClient.__init__, sync=False
    )


def test_the_public_surface_includes_everything_the_readme_promises() -> None:
    promised = {
        "start_session", "get_portal_url", "wait_for_portal_completion", "get_session_user", "get_token",
        "is_authenticated", "get_user_id", "get_session_id", "get_company_id",
        "get_broker_list", "get_broker_connections", "disconnect_company",
        "get_accounts", "get_orders", "get_positions", "get_balances",
        "get_order_groups", "get_position_lots",
        "get_order_fills", "get_order_events", "get_position_lot_fills",
        "iter_accounts", "iter_orders", "iter_positions", "iter_balances",
        "get_all_accounts", "get_all_orders", "get_all_positions", "get_all_balances",
        "get_open_positions", "get_filled_orders", "get_pending_orders", "get_active_accounts",
        "get_orders_by_symbol", "get_positions_by_symbol", "get_orders_by_broker", "get_positions_by_broker",
        "place_order", "modify_order", "cancel_order",
        "place_stock_market_order", "place_stock_limit_order", "place_stock_stop_order",
        "place_stock_stop_limit_order", "place_stock_trailing_stop_order",
        "place_crypto_market_order", "place_crypto_limit_order",
        "place_options_market_order", "place_options_limit_order",
        "place_futures_market_order", "place_futures_limit_order",
        "close", "with_options",
    }  # fmt: skip
    assert promised <= set(public_methods(FinaticServerClient))
    assert promised <= set(public_methods(AsyncFinaticServerClient))

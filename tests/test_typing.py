"""Users' code type-checks: mypy --strict on a small program that uses both clients, and mypy catches misuse.

(mypy --strict on the hand-written package itself runs in `make typecheck`.)"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent

USER_PROGRAM = textwrap.dedent(
    """
    from __future__ import annotations

    import asyncio
    from typing import assert_type

    import httpx

    from finatic_server import (
        ApiError,
        AsyncFinaticServerClient,
        FinaticServerClient,
        OrderStateUnknownError,
        RateLimitError,
        ValidationError,
    )
    from finatic_server.types import (
        AsyncPage,
        BrokerDataOptions,
        BrokerOrder,
        BrokerOrderParams,
        BrokerPosition,
        OrderResponse,
        OrdersFilter,
        Page,
        PositionsFilter,
    )


    def sync_part(api_key: str, base_url: str) -> list[str]:
        with FinaticServerClient(api_key, base_url=base_url, timeout=httpx.Timeout(10.0)) as client:
            client.start_session(user_id="user123")
            user_id: str | None = client.get_user_id()
            page = client.get_orders(
                page=1, per_page=50, options=BrokerDataOptions(broker_name="robinhood"),
                filters=OrdersFilter(status="filled", symbol="AAPL"),
            )
            assert_type(page, Page[BrokerOrder])
            assert_type(page.data, list[BrokerOrder])
            if page.has_next:
                assert_type(page.next_page(), Page[BrokerOrder])
            symbols = [order.symbol or "" for order in client.iter_orders()]
            positions: list[BrokerPosition] = client.get_all_positions(filters=PositionsFilter(symbol="AAPL"))
            params = BrokerOrderParams(
                broker="robinhood", order_type="Market", asset_type="equity", action="Buy",
                account_number="123456789", symbol="AAPL", order_qty=1,
            )
            try:
                placed = client.place_order(params, idempotency_key="order-1")
                assert_type(placed, OrderResponse)
                client.cancel_order(placed.order_id or "", broker="robinhood")
            except OrderStateUnknownError as e:
                key: str | None = e.idempotency_key
            except RateLimitError as e:
                wait: float | None = e.retry_after
            except ValidationError as e:
                param: str | None = e.param
            except ApiError as e:
                status: int | None = e.status_code
                request_id: str | None = e.request_id
            patient = client.with_options(max_retries=5, timeout=60)
            assert_type(patient, FinaticServerClient)
            return symbols + [p.symbol or "" for p in positions] + [user_id or ""]


    async def async_part(api_key: str) -> int:
        async with AsyncFinaticServerClient(api_key) as client:
            await client.start_session(user_id="user123")
            page = await client.get_positions(per_page=10)
            assert_type(page, AsyncPage[BrokerPosition])
            count = 0
            async for order in client.iter_orders(filters={"status": "filled"}):
                assert_type(order, BrokerOrder)
                count += 1
            response = await client.place_stock_limit_order(
                symbol="AAPL", quantity=10, side="buy", price=150.0, broker="robinhood",
                account_number="123456789", time_in_force="gtc",
            )
            assert_type(response, OrderResponse)
            return count + len(await client.get_all_orders())


    print(sync_part("sk_sandbox_x", "http://127.0.0.1:1"), asyncio.run(async_part("sk_sandbox_x")))
    """
)

MISUSE = textwrap.dedent(
    """
    from finatic_server import AsyncFinaticServerClient, FinaticServerClient
    from finatic_server.types import BrokerOrder

    client = FinaticServerClient("sk_sandbox_x")
    client.get_orders(page="1")
    client.place_stock_market_order(symbol="AAPL", quantity="10", side="buy", broker="robinhood")
    client.get_ordres()


    async def forgot_await(aclient: AsyncFinaticServerClient) -> list[BrokerOrder]:
        return aclient.get_all_orders()
    """
)


def _mypy(tmp_path: Path, source: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "program.py").write_text(source)
    return subprocess.run(
        [
            sys.executable, "-m", "mypy", "--strict", "--python-version", "3.11", "--no-error-summary",
            "--cache-dir", str(tmp_path / ".mypy_cache"), "--warn-unused-ignores", "program.py",
        ],
        capture_output=True, text=True, cwd=tmp_path, timeout=300,
    )  # fmt: skip


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """mypy on both programs in one temp dir, so the second run reuses the first one's cache."""
    folder = tmp_path_factory.mktemp("typing")
    good = _mypy(folder, USER_PROGRAM)
    bad = _mypy(folder, MISUSE)
    return good.stdout + good.stderr, bad.stdout + bad.stderr


def test_a_user_program_using_both_clients_passes_mypy_strict(checked: tuple[str, str]) -> None:
    good, _ = checked
    assert good.strip() == "", good


def test_mypy_reports_misuse(checked: tuple[str, str]) -> None:
    _, bad = checked
    errors = [line for line in bad.splitlines() if ": error:" in line]
    by_line = {int(m.group(1)): line for line in errors if (m := re.match(r"program\.py:(\d+)", line))}
    assert (
        'Argument "page" to "get_orders" of "FinaticServerClient" has incompatible type "str"' in by_line[6]
    )
    assert 'Argument "quantity"' in by_line[7] and '"str"' in by_line[7]
    assert '"FinaticServerClient" has no attribute "get_ordres"' in by_line[8]
    assert "Coroutine" in by_line[12]  # a forgotten await
    assert len(errors) == 4, bad


def test_both_packages_are_marked_typed() -> None:
    assert (ROOT / "finatic_server" / "py.typed").is_file()
    assert (ROOT / "generated" / "finatic_api_client" / "py.typed").is_file()

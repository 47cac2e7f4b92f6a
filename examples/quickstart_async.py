"""The README quick start with the async client (FastAPI, asyncio or trio).

    FINATIC_API_KEY=... FINATIC_BASE_URL=... python examples/quickstart_async.py
"""

from __future__ import annotations

import asyncio
import os

from finatic_server import AsyncFinaticServerClient


async def main() -> None:
    api_key = os.environ["FINATIC_API_KEY"]
    base_url = os.environ.get("FINATIC_BASE_URL", "https://api.finatic.dev")

    async with AsyncFinaticServerClient(api_key, base_url=base_url) as client:
        await client.start_session()
        portal_url = await client.get_portal_url(theme="dark", brokers=["robinhood", "tasty_trade"])
        print(f"User should visit: {portal_url}")
        await complete_portal_for_demo(portal_url)

        await client.wait_for_portal_completion(timeout=300)
        print(f"Authenticated user: {client.get_user_id()}")

        brokers = await client.get_broker_list()
        print(f"Available brokers: {len(brokers)}")

        all_orders = await client.get_all_orders()
        print(f"Total orders: {len(all_orders)}")

        placed = await client.place_stock_market_order(
            symbol="AAPL", quantity=10, side="buy", broker="robinhood", account_number="123456789"
        )
        print(f"Placed market order {placed.order_id}: {placed.status}")
        newest = (await client.get_orders(page=1, per_page=5)).data
        shown = next(o for o in newest if placed.order_id in (o.id, o.order_id))
        print(f"  in the order list: {shown.side} {shown.quantity:g} {shown.symbol} -> {shown.status}")

        limit = await client.place_stock_limit_order(
            symbol="AAPL", quantity=10, side="buy", price=150.00, time_in_force="gtc",
            broker="robinhood", account_number="123456789",
        )  # fmt: skip
        print(f"Placed limit order {limit.order_id}: {limit.status}")
        cancelled = await client.cancel_order(order_id=limit.order_id, broker="robinhood")
        print(f"Cancelled limit order {cancelled.order_id}: {cancelled.status}")


async def complete_portal_for_demo(portal_url: str) -> None:
    if os.environ.get("FINATIC_DEMO_BROWSER"):
        print("Open that URL in a browser and connect a broker; waiting up to 5 minutes...")
        return
    from finatic_server.sandbox import complete_portal

    await asyncio.to_thread(complete_portal, portal_url, "robinhood")


if __name__ == "__main__":
    asyncio.run(main())

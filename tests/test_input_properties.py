"""Property-based tests: whatever a caller passes to the order builders, filters and portal options, the
SDK either accepts it or raises finatic_server.ValidationError -- never anything else -- and an accepted
quantity is sent exactly as given."""

from __future__ import annotations

import json
import math
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from finatic_server import ValidationError
from finatic_server.core import orders
from finatic_server.core.filters import query_params
from finatic_server.core.occ import build_occ, parse_occ
from finatic_server.core.portal import portal_query
from finatic_server.types import BrokerDataOptions, OrdersFilter, PositionsFilter
from finatic_server.types.orders import BrokerOrderParams

anything = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=3),
)
words = st.sampled_from(
    [
        "buy",
        "sell",
        "Buy to Open",
        "market",
        "Limit",
        "stop_limit",
        "equity",
        "crypto",
        "option",
        "robinhood",
        "tradovate",
        "coinbase",
        "day",
        "gtc",
        "gtd",
        "AAPL",
        "BTC-USD",
        "AAPL240315C00150000",
        "",
    ]
)
field_value = st.one_of(anything, words)
settings_ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _accepts_or_validation_error(build: Any) -> Any:
    try:
        return build()
    except ValidationError as exc:
        assert str(exc)  # a message that says what is wrong
        return None


@settings_
@given(
    st.fixed_dictionaries(
        {},
        optional={
            name: field_value
            for name in (
                "broker",
                "order_type",
                "asset_type",
                "action",
                "symbol",
                "order_qty",
                "notional",
                "time_in_force",
                "account_number",
                "price",
                "stop_price",
                "expire_time",
                "connection_id",
                "extras",
                "unknown_field",
            )
        },
    )
)
def test_order_params_accept_or_raise_validation_error(fields: dict[str, Any]) -> None:
    params = _accepts_or_validation_error(lambda: BrokerOrderParams.model_validate(fields))
    if params is not None:
        body = _accepts_or_validation_error(lambda: orders.order_body(params))
        if body is not None:
            json.dumps(body)  # always sendable


@settings_
@given(symbol=field_value, quantity=field_value, side=field_value, broker=field_value, price=field_value)
def test_asset_order_builder_accepts_or_raises_validation_error(
    symbol: Any, quantity: Any, side: Any, broker: Any, price: Any
) -> None:
    _accepts_or_validation_error(
        lambda: orders.asset_order(
            "equity",
            "Limit",
            symbol=symbol,
            quantity=quantity,
            side=side,
            broker=broker,
            account_number="123456789",
            price=price,
        )
    )


@settings_
@given(
    st.one_of(
        st.floats(min_value=1e-8, max_value=1e9, allow_nan=False),
        st.decimals(min_value="0.00000001", max_value="1000000000", places=8),
        st.integers(min_value=1, max_value=10**12),
    )
)
def test_an_accepted_quantity_is_sent_exactly(quantity: Any) -> None:
    params = _accepts_or_validation_error(
        lambda: orders.asset_order(
            "crypto",
            "Market",
            symbol="BTC-USD",
            quantity=quantity,
            side="buy",
            broker="coinbase",
            account_number="123456789",
        )
    )
    if params is None:  # a Decimal a JSON number cannot carry exactly is refused, not rounded
        return
    wire = json.dumps(orders.order_body(params))
    sent = json.loads(wire)["order"]["orderQty"]
    # The number on the wire is, digit for digit, the quantity the caller gave.
    assert Decimal(repr(sent)) == Decimal(str(quantity))
    assert math.isfinite(sent) and sent > 0


@settings_
@given(modifications=st.dictionaries(st.one_of(words, st.sampled_from(list(orders.MODIFIABLE))), field_value))
def test_modifications_accept_or_raise_validation_error(modifications: dict[str, Any]) -> None:
    _accepts_or_validation_error(lambda: orders.modification_body("ord-1", "robinhood", modifications, None))


@settings_
@given(
    options=st.one_of(
        anything, st.fixed_dictionaries({}, optional={"broker_name": field_value, "account_id": field_value})
    ),
    filters=st.one_of(
        anything,
        st.fixed_dictionaries(
            {}, optional={"status": field_value, "symbol": field_value, "created_after": field_value}
        ),
    ),
)
def test_options_and_filters_accept_or_raise_validation_error(options: Any, filters: Any) -> None:
    for filter_type in (OrdersFilter, PositionsFilter):
        _accepts_or_validation_error(lambda: query_params(options, filters, filter_type))  # noqa: B023
    _accepts_or_validation_error(lambda: BrokerDataOptions.model_validate(options))


@settings_
@given(theme=st.one_of(anything, words), brokers=st.one_of(anything, st.lists(words)), email=field_value)
def test_portal_options_accept_or_raise_validation_error(theme: Any, brokers: Any, email: Any) -> None:
    _accepts_or_validation_error(lambda: portal_query(theme=theme, brokers=brokers, email=email))


@settings_
@given(symbol=field_value, underlying=field_value, expiry=field_value, kind=field_value, strike=field_value)
def test_occ_symbols_parse_build_or_raise_validation_error(
    symbol: Any, underlying: Any, expiry: Any, kind: Any, strike: Any
) -> None:
    _accepts_or_validation_error(lambda: parse_occ(symbol))
    built = _accepts_or_validation_error(lambda: build_occ(underlying, expiry, kind, strike))
    if built is not None:
        assert parse_occ(built.symbol) == built  # what the SDK builds, it can read back

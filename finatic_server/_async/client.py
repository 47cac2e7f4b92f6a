"""AsyncFinaticServerClient: the one hand-written client. ``_sync/client.py`` is generated from this file."""

from __future__ import annotations

import copy
import logging
import os
import time
from collections.abc import AsyncIterator, Mapping, Sequence
from datetime import datetime
from types import ModuleType, TracebackType
from typing import TYPE_CHECKING, Any, Self, TypeVar

import httpx
import pydantic

if TYPE_CHECKING:
    from finatic_api_client.models import (
        BrokerAccount,
        BrokerBalance,
        BrokerConnection,
        BrokerInfo,
        BrokerOrder,
        BrokerPosition,
        DisconnectCompanyResult,
        OrderEvent,
        OrderFill,
        OrderGroup,
        OrderResponse,
        PositionLot,
        PositionLotFill,
        SessionStartData,
    )

from .._concurrency import async_sleep
from .._endpoints import api as _api
from .._logging import logger
from ..core import filters as _filters
from ..core import orders as _orders
from ..core import pagination as _pages
from ..core.config import (
    DEFAULT_BASE_URL,
    DEFAULT_LIMITS,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    RequestOptions,
    check_api_key,
    check_max_retries,
    check_seconds,
    normalize_base_url,
    to_timeout,
)
from ..core.device import device_info_header
from ..core.error_mapping import (
    error_from_exception,
    error_from_response,
    error_from_success_body,
    redact,
    unreadable_response,
)
from ..core.normalize import broker_id, positive_number
from ..core.portal import Theme, portal_query, with_query
from ..core.retry import RequestKind, backoff_delay, is_retryable, may_have_reached_server
from ..core.session import SessionAuth, SessionState, Tokens, seconds_until
from ..types.device import DeviceInfo
from ..types.filters import (
    AccountsFilter,
    BalancesFilter,
    BrokerDataOptions,
    OrderGroupsFilter,
    OrdersFilter,
    PositionLotsFilter,
    PositionsFilter,
)
from ..types.orders import BrokerOrderParams
from ..utils.errors import (
    ApiError,
    AuthenticationError,
    ClientClosedError,
    ConflictError,
    FinaticError,
    NotFoundError,
    OrderStateUnknownError,
    PortalTimeoutError,
    ValidationError,
)
from .connections import AsyncConnections
from .pagination import AsyncPage, iterate_items

T = TypeVar("T")

Options = BrokerDataOptions | dict[str, Any] | None
PENDING_ORDER_STATUSES = ("submitted", "new", "partially_filled", "pending_cancel", "created", "received")


class AsyncFinaticServerClient:
    """Client for the Finatic server API.

    ``api_key`` and ``base_url`` default to the ``FINATIC_API_KEY`` and ``FINATIC_BASE_URL`` environment
    variables (and ``https://api.finatic.dev``).

    Start a session with :meth:`start_session` (give ``user_id`` to authenticate a known user directly, or
    send the user to :meth:`get_portal_url` and then :meth:`wait_for_portal_completion`); then read broker
    data and trade. Use it as a context manager, or call :meth:`close` when done.
    """

    def __init__(
        self,
        api_key: str | None = None,
        base_url: str | None = None,
        device_info: DeviceInfo | Mapping[str, Any] | None = None,
        timeout: float | httpx.Timeout | None = DEFAULT_TIMEOUT,
        http_client: httpx.AsyncClient | None = None,
        *,
        max_retries: int = DEFAULT_MAX_RETRIES,
        allow_insecure_http: bool = False,
    ) -> None:
        api_key = check_api_key(os.environ.get("FINATIC_API_KEY") if api_key is None else api_key)
        base_url = base_url or os.environ.get("FINATIC_BASE_URL") or DEFAULT_BASE_URL
        if http_client is not None and not isinstance(http_client, httpx.AsyncClient):
            raise ValidationError(
                f"http_client must be an httpx.AsyncClient, got {type(http_client).__name__}",
                param="http_client",
            )
        self._api_key = api_key
        self._api_root = normalize_base_url(base_url, allow_insecure_http=allow_insecure_http)
        self._host = httpx.URL(self._api_root).host
        self._options = RequestOptions(
            timeout=to_timeout(timeout), max_retries=check_max_retries(max_retries)
        )
        self._state = SessionState(device_info_header=device_info_header(device_info))
        self._auth = SessionAuth(self._state)
        if http_client is not None:
            # The caller's client keeps its own settings; the SDK only needs its base URL and auth.
            http_client.base_url = httpx.URL(self._api_root + "/")
            http_client.auth = self._auth
        self._connections = AsyncConnections(self._new_http_client, http_client)
        self._is_copy = False
        self._closed = False

    # -- lifetime ---------------------------------------------------------------------------------------

    def _new_http_client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            base_url=self._api_root + "/",
            auth=self._auth,
            timeout=self._options.timeout,
            limits=DEFAULT_LIMITS,
            headers={"User-Agent": _user_agent(), "Accept": "application/json"},
        )

    def _http_client(self) -> httpx.AsyncClient:
        if self._closed:
            raise ClientClosedError("this client is closed; create a new one")
        return self._connections.get()

    async def close(self) -> None:
        """Release the connections (a client passed in as ``http_client`` is left open: it is yours).
        Closing a ``with_options`` copy closes only the copy."""
        self._closed = True
        if not self._is_copy:
            await self._connections.aclose()

    async def __aenter__(self) -> Self:
        self._http_client()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()

    def with_options(
        self, *, max_retries: int | None = None, timeout: float | httpx.Timeout | None = None
    ) -> Self:
        """A copy with other retry / timeout settings that shares this client's session and connections."""
        clone = copy.copy(self)
        clone._is_copy = True  # closing the copy must not close the connections it shares
        clone._options = RequestOptions(
            timeout=self._options.timeout if timeout is None else to_timeout(timeout),
            max_retries=self._options.max_retries if max_retries is None else check_max_retries(max_retries),
        )
        return clone

    def __repr__(self) -> str:
        return (
            f"<{type(self).__name__} base_url={self._api_root!r} session_id={self._state.session_id!r} "
            f"user_id={self._state.user_id!r} authenticated={self.is_authenticated()}>"
        )

    # -- session state ----------------------------------------------------------------------------------

    def is_authenticated(self) -> bool:
        return self._state.is_authenticated

    def get_user_id(self) -> str | None:
        return self._state.user_id

    def get_session_id(self) -> str | None:
        return self._state.session_id

    def get_company_id(self) -> str | None:
        return self._state.company_id

    # -- sessions and authentication ---------------------------------------------------------------------

    async def start_session(self, user_id: str | None = None) -> SessionStartData:
        """Start a session. With ``user_id`` the user is authenticated at once (direct authentication);
        without it, send the user to :meth:`get_portal_url`."""
        if user_id is not None:
            user_id = _orders.identifier(user_id, "user_id")
        one_time_token = await self.get_token()
        body = {"user_id": user_id} if user_id is not None else {}
        envelope = await self._call(
            _api("session.start_session"), RequestKind.SESSION, one_time_token=one_time_token, body=body
        )
        data = envelope.data
        self._state.start(session_id=data.session_id, company_id=data.company_id, csrf_token=data.csrf_token)
        logger.info("Started session %s (status %s)", data.session_id, data.status)
        if user_id is not None:
            await self.get_session_user()
        return data  # type: ignore[no-any-return]

    async def get_token(self) -> str:
        """A fresh one-time token (e.g. for the Finatic client SDK in a browser). Changes no session state."""
        envelope = await self._call(
            _api("session.init_session"), RequestKind.SESSION, x_api_key=self._api_key
        )
        return envelope.data.one_time_token  # type: ignore[no-any-return]

    async def get_portal_url(
        self,
        theme: Theme | None = None,
        brokers: Sequence[str] | None = None,
        email: str | None = None,
    ) -> str:
        """The URL where the user connects a broker; ``theme`` is a preset name, ``{"preset": name}``,
        ``{"custom": {...}}`` or a dict of theme values; ``brokers`` limits the brokers shown."""
        params = portal_query(theme=theme, brokers=brokers, email=email)
        self._require_session()
        envelope = await self._call(_api("session.get_portal_url"), RequestKind.READ)
        return with_query(envelope.data.portal_url, params)

    async def get_session_user(self) -> str:
        """Fetch the session's user and tokens once (after the portal, or after direct authentication).
        Raises AuthenticationError (code ``SESSION_NOT_AUTHENTICATED``) while the portal is not done."""
        session_id = self._require_session()
        envelope = await self._call(_api("session.get_session_user"), RequestKind.READ, session_id=session_id)
        data = envelope.data
        self._state.user_id = data.user_id
        self._state.tokens = Tokens.issued(data.access_token, data.refresh_token, data.expires_in)
        if data.company_id:
            self._state.company_id = data.company_id
        return data.user_id  # type: ignore[no-any-return]

    async def wait_for_portal_completion(self, timeout: float = 300.0, poll_interval: float = 1.0) -> str:
        """Wait until the user has completed the portal; returns the user id (then ``get_user_id()``)."""
        timeout = check_seconds(timeout, "timeout")
        poll_interval = check_seconds(poll_interval, "poll_interval")
        deadline = time.monotonic() + timeout
        while True:
            try:
                return await self.get_session_user()
            except AuthenticationError as exc:
                if exc.code != "SESSION_NOT_AUTHENTICATED":
                    raise
            if time.monotonic() + poll_interval > deadline:
                raise PortalTimeoutError(
                    f"the user did not complete the portal within {timeout:g} seconds"
                )
            await async_sleep(poll_interval)

    # -- brokers ------------------------------------------------------------------------------------------

    async def get_broker_list(self) -> list[BrokerInfo]:
        envelope = await self._call(_api("brokers.list_brokers"), RequestKind.READ)
        return envelope.response_data or []

    async def get_broker_connections(self) -> list[BrokerConnection]:
        self._require_user()
        envelope = await self._call(_api("brokers.list_broker_connections"), RequestKind.READ)
        return envelope.response_data or []

    async def disconnect_company(self, connection_id: str) -> DisconnectCompanyResult:
        """Remove this company's access to a broker connection."""
        connection_id = _orders.identifier(connection_id, "connection_id")
        self._require_user()
        envelope = await self._call(
            _api("brokers.disconnect_company"), RequestKind.CANCEL, connection_id=connection_id
        )
        return envelope.response_data  # type: ignore[no-any-return]

    # -- broker data: pages -------------------------------------------------------------------------------

    async def get_accounts(
        self,
        page: int = 1,
        per_page: int = _pages.DEFAULT_PER_PAGE,
        options: Options = None,
        filters: AccountsFilter | dict[str, Any] | None = None,
    ) -> AsyncPage[BrokerAccount]:
        return await self._page(
            _api("broker_data.get_accounts"), page, per_page, options, filters, AccountsFilter
        )

    async def get_orders(
        self,
        page: int = 1,
        per_page: int = _pages.DEFAULT_PER_PAGE,
        options: Options = None,
        filters: OrdersFilter | dict[str, Any] | None = None,
    ) -> AsyncPage[BrokerOrder]:
        return await self._page(
            _api("broker_data.get_orders"), page, per_page, options, filters, OrdersFilter
        )

    async def get_positions(
        self,
        page: int = 1,
        per_page: int = _pages.DEFAULT_PER_PAGE,
        options: Options = None,
        filters: PositionsFilter | dict[str, Any] | None = None,
    ) -> AsyncPage[BrokerPosition]:
        return await self._page(
            _api("broker_data.get_positions"), page, per_page, options, filters, PositionsFilter
        )

    async def get_balances(
        self,
        page: int = 1,
        per_page: int = _pages.DEFAULT_PER_PAGE,
        options: Options = None,
        filters: BalancesFilter | dict[str, Any] | None = None,
    ) -> AsyncPage[BrokerBalance]:
        return await self._page(
            _api("broker_data.get_balances"), page, per_page, options, filters, BalancesFilter
        )

    async def get_order_groups(
        self,
        page: int = 1,
        per_page: int = _pages.DEFAULT_PER_PAGE,
        options: Options = None,
        filters: OrderGroupsFilter | dict[str, Any] | None = None,
    ) -> AsyncPage[OrderGroup]:
        return await self._page(
            _api("broker_data.get_order_groups"), page, per_page, options, filters, OrderGroupsFilter
        )

    async def get_position_lots(
        self,
        page: int = 1,
        per_page: int = _pages.DEFAULT_PER_PAGE,
        options: Options = None,
        filters: PositionLotsFilter | dict[str, Any] | None = None,
    ) -> AsyncPage[PositionLot]:
        return await self._page(
            _api("broker_data.get_position_lots"), page, per_page, options, filters, PositionLotsFilter
        )

    async def get_order_fills(
        self,
        order_id: str,
        connection_id: str | None = None,
        page: int = 1,
        per_page: int = _pages.DEFAULT_PER_PAGE,
    ) -> AsyncPage[OrderFill]:
        return await self._child_page(
            _api("broker_data.get_order_fills"), "order_id", order_id, connection_id, page, per_page
        )

    async def get_order_events(
        self,
        order_id: str,
        connection_id: str | None = None,
        page: int = 1,
        per_page: int = _pages.DEFAULT_PER_PAGE,
    ) -> AsyncPage[OrderEvent]:
        return await self._child_page(
            _api("broker_data.get_order_events"), "order_id", order_id, connection_id, page, per_page
        )

    async def get_position_lot_fills(
        self,
        lot_id: str,
        connection_id: str | None = None,
        page: int = 1,
        per_page: int = _pages.DEFAULT_PER_PAGE,
    ) -> AsyncPage[PositionLotFill]:
        return await self._child_page(
            _api("broker_data.get_position_lot_fills"), "lot_id", lot_id, connection_id, page, per_page
        )

    # -- broker data: every item --------------------------------------------------------------------------

    def iter_accounts(
        self, options: Options = None, filters: AccountsFilter | dict[str, Any] | None = None
    ) -> AsyncIterator[BrokerAccount]:
        """Every account, fetched page by page as you iterate (constant memory)."""
        return self._iterate(_api("broker_data.get_accounts"), options, filters, AccountsFilter)

    def iter_orders(
        self, options: Options = None, filters: OrdersFilter | dict[str, Any] | None = None
    ) -> AsyncIterator[BrokerOrder]:
        """Every order, fetched page by page as you iterate (constant memory)."""
        return self._iterate(_api("broker_data.get_orders"), options, filters, OrdersFilter)

    def iter_positions(
        self, options: Options = None, filters: PositionsFilter | dict[str, Any] | None = None
    ) -> AsyncIterator[BrokerPosition]:
        """Every position, fetched page by page as you iterate (constant memory)."""
        return self._iterate(_api("broker_data.get_positions"), options, filters, PositionsFilter)

    def iter_balances(
        self, options: Options = None, filters: BalancesFilter | dict[str, Any] | None = None
    ) -> AsyncIterator[BrokerBalance]:
        """Every balance snapshot, fetched page by page as you iterate (constant memory)."""
        return self._iterate(_api("broker_data.get_balances"), options, filters, BalancesFilter)

    async def get_all_accounts(
        self, options: Options = None, filters: AccountsFilter | dict[str, Any] | None = None
    ) -> list[BrokerAccount]:
        return [item async for item in self.iter_accounts(options, filters)]

    async def get_all_orders(
        self, options: Options = None, filters: OrdersFilter | dict[str, Any] | None = None
    ) -> list[BrokerOrder]:
        return [item async for item in self.iter_orders(options, filters)]

    async def get_all_positions(
        self, options: Options = None, filters: PositionsFilter | dict[str, Any] | None = None
    ) -> list[BrokerPosition]:
        return [item async for item in self.iter_positions(options, filters)]

    async def get_all_balances(
        self, options: Options = None, filters: BalancesFilter | dict[str, Any] | None = None
    ) -> list[BrokerBalance]:
        return [item async for item in self.iter_balances(options, filters)]

    # -- convenience filters (filtered on the server) -------------------------------------------------------

    async def get_open_positions(self, options: Options = None) -> list[BrokerPosition]:
        return await self.get_all_positions(options, PositionsFilter(status="active"))

    async def get_filled_orders(self, options: Options = None) -> list[BrokerOrder]:
        return await self.get_all_orders(options, OrdersFilter(status="filled"))

    async def get_pending_orders(self, options: Options = None) -> list[BrokerOrder]:
        """Orders in every non-terminal status, newest first."""
        pending: list[BrokerOrder] = []
        for status in PENDING_ORDER_STATUSES:
            pending += await self.get_all_orders(options, OrdersFilter(status=status))  # type: ignore[arg-type]
        return sorted(pending, key=_created_at, reverse=True)

    async def get_active_accounts(self, options: Options = None) -> list[BrokerAccount]:
        return await self.get_all_accounts(options, AccountsFilter(status="active"))

    async def get_orders_by_symbol(self, symbol: str, options: Options = None) -> list[BrokerOrder]:
        return await self.get_all_orders(options, OrdersFilter(symbol=_orders.identifier(symbol, "symbol")))

    async def get_positions_by_symbol(self, symbol: str, options: Options = None) -> list[BrokerPosition]:
        symbol = _orders.identifier(symbol, "symbol")
        return await self.get_all_positions(options, PositionsFilter(symbol=symbol))

    async def get_orders_by_broker(self, broker: str) -> list[BrokerOrder]:
        return await self.get_all_orders(BrokerDataOptions(broker_name=broker_id(broker)))

    async def get_positions_by_broker(self, broker: str) -> list[BrokerPosition]:
        return await self.get_all_positions(BrokerDataOptions(broker_name=broker_id(broker)))

    # -- trading ------------------------------------------------------------------------------------------

    async def place_order(
        self,
        order: BrokerOrderParams | Mapping[str, Any],
        *,
        connection_id: str | None = None,
        idempotency_key: str | None = None,
    ) -> OrderResponse:
        """Place an order. One Idempotency-Key is sent with every attempt, so a retry never places it
        twice; when the outcome cannot be known, OrderStateUnknownError carries that key."""
        params = _orders.coerce_params(order)
        body = _orders.order_body(params)
        key = _orders.idempotency_key(idempotency_key)
        self._require_user()
        envelope = await self._call(
            _api("trading.place_order"),
            RequestKind.ORDER_WRITE,
            body=body,
            connection_id=connection_id or params.connection_id,
            idempotency_key=key,
        )
        return envelope.response_data  # type: ignore[no-any-return]

    async def modify_order(
        self,
        order_id: str,
        modifications: Mapping[str, Any],
        broker: str,
        connection_id: str | None = None,
        account_number: str | None = None,
        *,
        idempotency_key: str | None = None,
    ) -> OrderResponse:
        """Change an open order: ``modifications`` takes ``price``, ``quantity``, ``stop_price``,
        ``time_in_force``, ``order_type`` or ``side`` (or their wire names)."""
        order_id = _orders.identifier(order_id, "order_id")
        connection_id = _orders.optional_identifier(connection_id, "connection_id")
        account_number = _orders.optional_identifier(account_number, "account_number")
        body = _orders.modification_body(order_id, broker, modifications, account_number)
        key = _orders.idempotency_key(idempotency_key)
        self._require_user()
        envelope = await self._call(
            _api("trading.modify_order"),
            RequestKind.ORDER_WRITE,
            order_id=order_id,
            body=body,
            connection_id=connection_id,
            account_number=account_number,
            idempotency_key=key,
        )
        return envelope.response_data  # type: ignore[no-any-return]

    async def cancel_order(
        self,
        order_id: str,
        broker: str,
        connection_id: str | None = None,
        account_number: str | None = None,
    ) -> OrderResponse:
        """Cancel an open order. Safe to retry: a retry that finds the order already cancelled succeeds."""
        order_id = _orders.identifier(order_id, "order_id")
        connection_id = _orders.optional_identifier(connection_id, "connection_id")
        account_number = _orders.optional_identifier(account_number, "account_number")
        body = _orders.cancel_body(order_id, broker, account_number)
        self._require_user()
        try:
            envelope = await self._call(
                _api("trading.cancel_order"),
                RequestKind.CANCEL,
                order_id=order_id,
                body=body,
                connection_id=connection_id,
                account_number=account_number,
            )
        except ConflictError as exc:
            # A retried cancel may find that its own earlier attempt already cancelled the order.
            if exc.attempts < 2 or not await self._is_cancelled(order_id, connection_id):
                raise
            from finatic_api_client.models import OrderResponse

            return OrderResponse(order_id=order_id, status="cancelled", message="Order already cancelled")
        return envelope.response_data  # type: ignore[no-any-return]

    # Every place_*_order helper takes idempotency_key: OrderStateUnknownError tells the caller to retry
    # with the key it carries, so the helper that failed must accept it (it used to end up in **extras).
    async def place_stock_market_order(
        self, symbol: str, quantity: float, side: str, broker: str, account_number: str | None = None,
        *, time_in_force: str = "day", connection_id: str | None = None,
        idempotency_key: str | None = None, **extras: Any,
    ) -> OrderResponse:  # fmt: skip
        return await self.place_order(_orders.asset_order(
            "equity", "Market", symbol=symbol, quantity=quantity, side=side, broker=broker,
            account_number=account_number, time_in_force=time_in_force, connection_id=connection_id,
            extras=extras,
        ), idempotency_key=idempotency_key)  # fmt: skip

    async def place_stock_limit_order(
        self, symbol: str, quantity: float, side: str, price: float, broker: str,
        account_number: str | None = None, *, time_in_force: str = "day", expire_time: datetime | None = None,
        connection_id: str | None = None, idempotency_key: str | None = None, **extras: Any,
    ) -> OrderResponse:  # fmt: skip
        return await self.place_order(_orders.asset_order(
            "equity", "Limit", symbol=symbol, quantity=quantity, side=side, broker=broker, price=price,
            account_number=account_number, time_in_force=time_in_force, expire_time=expire_time,
            connection_id=connection_id, extras=extras,
        ), idempotency_key=idempotency_key)  # fmt: skip

    async def place_stock_stop_order(
        self, symbol: str, quantity: float, side: str, stop_price: float, broker: str,
        account_number: str | None = None, *, time_in_force: str = "day", expire_time: datetime | None = None,
        connection_id: str | None = None, idempotency_key: str | None = None, **extras: Any,
    ) -> OrderResponse:  # fmt: skip
        return await self.place_order(_orders.asset_order(
            "equity", "Stop", symbol=symbol, quantity=quantity, side=side, broker=broker,
            stop_price=stop_price, account_number=account_number, time_in_force=time_in_force,
            expire_time=expire_time, connection_id=connection_id, extras=extras,
        ), idempotency_key=idempotency_key)  # fmt: skip

    async def place_stock_stop_limit_order(
        self, symbol: str, quantity: float, side: str, stop_price: float, price: float, broker: str,
        account_number: str | None = None, *, time_in_force: str = "day", expire_time: datetime | None = None,
        connection_id: str | None = None, idempotency_key: str | None = None, **extras: Any,
    ) -> OrderResponse:  # fmt: skip
        return await self.place_order(_orders.asset_order(
            "equity", "StopLimit", symbol=symbol, quantity=quantity, side=side, broker=broker, price=price,
            stop_price=stop_price, account_number=account_number, time_in_force=time_in_force,
            expire_time=expire_time, connection_id=connection_id, extras=extras,
        ), idempotency_key=idempotency_key)  # fmt: skip

    async def place_stock_trailing_stop_order(
        self, symbol: str, quantity: float, side: str, trail: float, broker: str,
        account_number: str | None = None, *, trail_type: str = "amount", time_in_force: str = "day",
        connection_id: str | None = None, idempotency_key: str | None = None, **extras: Any,
    ) -> OrderResponse:  # fmt: skip
        """``trail`` is an amount of money, or a percentage with ``trail_type="percentage"``."""
        if trail_type not in ("amount", "percentage"):
            raise ValidationError("trail_type must be 'amount' or 'percentage'", param="trail_type")
        trail = positive_number(trail, "trail")
        if broker_id(broker) == "robinhood":
            extras = {"trail_type": trail_type, **extras}
        elif trail_type == "percentage":
            # Only robinhood's order body can say "percent"; elsewhere 5% would be sent as $5.
            raise ValidationError(
                f"trail_type='percentage' is only supported for robinhood, not {broker_id(broker)}",
                param="trail_type",
            )
        return await self.place_order(_orders.asset_order(
            "equity", "TrailingStop", symbol=symbol, quantity=quantity, side=side, broker=broker,
            stop_price=trail, account_number=account_number, time_in_force=time_in_force,
            connection_id=connection_id, extras=extras,
        ), idempotency_key=idempotency_key)  # fmt: skip

    async def place_crypto_market_order(
        self, symbol: str, quantity: float | None = None, side: str = "buy", broker: str = "coinbase",
        account_number: str | None = None, *, notional: float | None = None, time_in_force: str = "gtc",
        connection_id: str | None = None, idempotency_key: str | None = None, **extras: Any,
    ) -> OrderResponse:  # fmt: skip
        """Buy or sell ``quantity`` units (fractions are exact: 0.1 is sent as 0.1), or a ``notional``
        amount of the quote currency."""
        return await self.place_order(_orders.asset_order(
            "crypto", "Market", symbol=symbol, quantity=quantity, notional=notional, side=side,
            broker=broker, account_number=account_number, time_in_force=time_in_force,
            connection_id=connection_id, extras=extras,
        ), idempotency_key=idempotency_key)  # fmt: skip

    async def place_crypto_limit_order(
        self, symbol: str, quantity: float, side: str, price: float, broker: str = "coinbase",
        account_number: str | None = None, *, time_in_force: str = "gtc", expire_time: datetime | None = None,
        connection_id: str | None = None, idempotency_key: str | None = None, **extras: Any,
    ) -> OrderResponse:  # fmt: skip
        return await self.place_order(_orders.asset_order(
            "crypto", "Limit", symbol=symbol, quantity=quantity, side=side, broker=broker, price=price,
            account_number=account_number, time_in_force=time_in_force, expire_time=expire_time,
            connection_id=connection_id, extras=extras,
        ), idempotency_key=idempotency_key)  # fmt: skip

    async def place_options_market_order(
        self, symbol: str | None = None, quantity: float = 1, side: str = "buy", broker: str = "tasty_trade",
        account_number: str | None = None, *, underlying: str | None = None, expiry: Any = None,
        option_type: str | None = None, strike: float | None = None, time_in_force: str = "day",
        connection_id: str | None = None, idempotency_key: str | None = None, **extras: Any,
    ) -> OrderResponse:  # fmt: skip
        """``symbol`` in OCC format (validated), or ``underlying``, ``expiry``, ``option_type`` and
        ``strike`` to build it."""
        occ = _orders.option_symbol(symbol, underlying, expiry, option_type, strike)
        return await self.place_order(_orders.asset_order(
            "equity_option", "Market", symbol=occ, quantity=quantity, side=side, broker=broker,
            account_number=account_number, time_in_force=time_in_force, connection_id=connection_id,
            extras=extras,
        ), idempotency_key=idempotency_key)  # fmt: skip

    async def place_options_limit_order(
        self, symbol: str | None = None, quantity: float = 1, side: str = "buy", price: float | None = None,
        broker: str = "tasty_trade", account_number: str | None = None, *, underlying: str | None = None,
        expiry: Any = None, option_type: str | None = None, strike: float | None = None,
        time_in_force: str = "day", expire_time: datetime | None = None, connection_id: str | None = None,
        idempotency_key: str | None = None, **extras: Any,
    ) -> OrderResponse:  # fmt: skip
        occ = _orders.option_symbol(symbol, underlying, expiry, option_type, strike)
        return await self.place_order(_orders.asset_order(
            "equity_option", "Limit", symbol=occ, quantity=quantity, side=side, broker=broker, price=price,
            account_number=account_number, time_in_force=time_in_force, expire_time=expire_time,
            connection_id=connection_id, extras=extras,
        ), idempotency_key=idempotency_key)  # fmt: skip

    async def place_futures_market_order(
        self, symbol: str, quantity: float, side: str, broker: str = "ninja_trader",
        account_number: str | None = None, *, time_in_force: str = "day", connection_id: str | None = None,
        idempotency_key: str | None = None, **extras: Any,
    ) -> OrderResponse:  # fmt: skip
        return await self.place_order(_orders.asset_order(
            "future", "Market", symbol=symbol, quantity=quantity, side=side, broker=broker,
            account_number=account_number, time_in_force=time_in_force, connection_id=connection_id,
            extras=extras,
        ), idempotency_key=idempotency_key)  # fmt: skip

    async def place_futures_limit_order(
        self, symbol: str, quantity: float, side: str, price: float, broker: str = "ninja_trader",
        account_number: str | None = None, *, time_in_force: str = "day", expire_time: datetime | None = None,
        connection_id: str | None = None, idempotency_key: str | None = None, **extras: Any,
    ) -> OrderResponse:  # fmt: skip
        return await self.place_order(_orders.asset_order(
            "future", "Limit", symbol=symbol, quantity=quantity, side=side, broker=broker, price=price,
            account_number=account_number, time_in_force=time_in_force, expire_time=expire_time,
            connection_id=connection_id, extras=extras,
        ), idempotency_key=idempotency_key)  # fmt: skip

    # -- the request pipeline ------------------------------------------------------------------------------

    async def _page(
        self,
        endpoint: ModuleType,
        page: int,
        per_page: int,
        options: Options,
        filters: Any,
        filter_type: type[Any],
    ) -> AsyncPage[Any]:
        offset, limit = _pages.page_window(page, per_page)
        query = _filters.query_params(options, filters, filter_type)
        self._require_user()
        return await self._fetch_page(endpoint, query, limit, offset)

    async def _child_page(
        self,
        endpoint: ModuleType,
        id_name: str,
        parent_id: str,
        connection_id: str | None,
        page: int,
        per_page: int,
    ) -> AsyncPage[Any]:
        offset, limit = _pages.page_window(page, per_page)
        query: dict[str, Any] = {id_name: _orders.identifier(parent_id, id_name)}
        if connection_id is not None:
            query["connection_id"] = _orders.identifier(connection_id, "connection_id")
        self._require_user()
        return await self._fetch_page(endpoint, query, limit, offset)

    def _iterate(
        self, endpoint: ModuleType, options: Options, filters: Any, filter_type: type[Any]
    ) -> AsyncIterator[Any]:
        query = _filters.query_params(options, filters, filter_type)  # bad input fails here, not mid-loop
        self._require_user()

        async def fetch(offset: int) -> AsyncPage[Any]:
            return await self._fetch_page(endpoint, query, _pages.ITERATION_PER_PAGE, offset)

        return iterate_items(fetch)

    async def _fetch_page(
        self, endpoint: ModuleType, query: dict[str, Any], limit: int, offset: int
    ) -> AsyncPage[Any]:
        envelope = await self._call(endpoint, RequestKind.READ, limit=limit, offset=offset, **query)
        data = list(envelope.response_data or [])
        has_more, next_offset = _pages.next_window(offset, limit, len(data), envelope.pagination)

        async def fetch(at: int) -> AsyncPage[Any]:
            return await self._fetch_page(endpoint, query, limit, at)

        return AsyncPage(
            data, offset=offset, per_page=limit, has_more=has_more, next_offset=next_offset, fetch=fetch
        )

    async def _call(
        self, endpoint: ModuleType, kind: RequestKind, *, may_refresh: bool = True, **arguments: Any
    ) -> Any:
        """Send one logical request: fresh token first, retries by ``kind``, one refresh on TOKEN_EXPIRED,
        and every failure as a FinaticError. The refresh request itself is sent with ``may_refresh=False``."""
        http = self._http_client()
        if may_refresh:
            await self._refresh_if_due()
        attempt = 0
        refreshed = False
        while True:
            tokens_used = self._state.tokens
            error = await self._attempt(http, endpoint, arguments)
            if not isinstance(error, FinaticError):
                return error
            if (
                isinstance(error, AuthenticationError)
                and error.code == "TOKEN_EXPIRED"
                and may_refresh
                and not refreshed
                and tokens_used is not None
            ):
                refreshed = True
                await self._refresh_tokens(stale=tokens_used)
                continue
            if attempt < self._options.max_retries and is_retryable(error):
                delay = backoff_delay(attempt, error)
                if delay is not None:
                    attempt += 1
                    logger.info(
                        "Retrying %s in %.2fs (retry %d of %d): %s",
                        _operation(endpoint), delay, attempt, self._options.max_retries, error,
                    )  # fmt: skip
                    await async_sleep(delay)
                    continue
            error.attempts = attempt + 1
            if kind is RequestKind.ORDER_WRITE and is_retryable(error) and may_have_reached_server(error):
                key = arguments.get("idempotency_key")
                raise OrderStateUnknownError(
                    f"the order request failed ({error}) and may or may not have reached the broker; check "
                    f"the order list, or retry with idempotency_key={key!r} to get the first result",
                    idempotency_key=key,
                ) from error
            raise error

    async def _attempt(self, http: httpx.AsyncClient, endpoint: ModuleType, arguments: dict[str, Any]) -> Any:
        """One HTTP exchange: the parsed envelope, or the FinaticError it stands for (returned)."""
        started = time.perf_counter()
        try:
            response = await endpoint.asyncio_detailed(
                client=http, timeout=self._options.timeout, **arguments
            )
        except (httpx.HTTPError, httpx.InvalidURL, UnicodeEncodeError) as exc:
            logger.info("%s failed: %s", _operation(endpoint), type(exc).__name__)
            return redact(error_from_exception(exc, self._host or "the API"), self._secrets(arguments))
        if logger.isEnabledFor(logging.DEBUG):  # the arguments cost a header lookup on every call
            logger.debug(
                "%s %s -> %d in %.1f ms (request id %s)",
                response.request.method, response.request.url.path, response.status_code,
                (time.perf_counter() - started) * 1000, response.headers.get("x-request-id"),
            )  # fmt: skip
        error = error_from_response(response)
        if error is None:
            try:
                envelope = endpoint.parse_response(response)
            except (pydantic.ValidationError, ValueError) as exc:
                error = unreadable_response(response, _short_reason(exc))
            else:
                if envelope.success is not False and (getattr(envelope, "status_code", None) or 0) < 400:
                    return envelope
                error = error_from_success_body(response, envelope.to_dict()) or unreadable_response(
                    response, "the body says the request failed"
                )
        # A server may echo what it was sent (the key, a token) in its error: never hand that on.
        return redact(error, self._secrets(arguments))

    def _secrets(self, arguments: dict[str, Any]) -> list[str | None]:
        """Everything secret this client holds or the request carried."""
        tokens = self._state.tokens
        body = arguments.get("body")
        return [
            self._api_key,
            self._state.csrf_token,
            tokens.access_token if tokens is not None else None,
            tokens.refresh_token if tokens is not None else None,
            arguments.get("one_time_token"),
            body.get("refresh_token") if isinstance(body, dict) else None,
        ]

    async def _refresh_if_due(self) -> None:
        tokens = self._state.tokens
        if tokens is not None and tokens.needs_refresh():
            await self._refresh_tokens(stale=tokens)

    async def _refresh_tokens(self, stale: Tokens) -> None:
        """Single-flight: whoever takes the lock first refreshes; the others find new tokens and go on."""
        async with self._connections.refresh_lock:
            if self._state.tokens is not stale:
                return
            if not stale.refresh_token:
                raise AuthenticationError(
                    "the access token expired and there is no refresh token; start a new session"
                )
            envelope = await self._call_refresh(stale.refresh_token)
            data = envelope.response_data
            self._state.tokens = Tokens.issued(
                data.access_token, data.refresh_token or stale.refresh_token, seconds_until(data.expires_at)
            )
            logger.info("Refreshed the access token")

    async def _call_refresh(self, refresh_token: str) -> Any:
        return await self._call(
            _api("auth.refresh_token"),
            RequestKind.SESSION,
            may_refresh=False,
            body={"refresh_token": refresh_token},
        )

    async def _is_cancelled(self, order_id: str, connection_id: str | None) -> bool:
        """After a retried cancel met 409: did an earlier attempt cancel it?"""
        try:
            events = await self.get_order_events(order_id, connection_id, per_page=_pages.MAX_PER_PAGE)
        except (NotFoundError, ApiError):
            return False
        return any(str(event.order_status) == "cancelled" for event in events.data)

    def _require_session(self) -> str:
        if self._state.session_id is None:
            raise AuthenticationError("no session yet: call start_session() first")
        return self._state.session_id

    def _require_user(self) -> None:
        self._require_session()
        if not self._state.is_authenticated:
            raise AuthenticationError(
                "the session has no authenticated user yet: call start_session(user_id=...) or let the user "
                "complete the portal and call wait_for_portal_completion()"
            )


def _operation(endpoint: ModuleType) -> str:
    return endpoint.__name__.rsplit(".", 1)[-1]


def _created_at(order: BrokerOrder) -> str:
    value = order.created_at
    return value.isoformat() if isinstance(value, datetime) else str(value)


def _short_reason(exc: Exception) -> str:
    if isinstance(exc, pydantic.ValidationError):
        first = exc.errors(include_url=False, include_input=False)[0]
        where = ".".join(str(part) for part in first["loc"]) or "body"
        return f"{exc.error_count()} problem(s), first at {where}: {first['msg']}"
    return f"invalid JSON: {type(exc).__name__}"


def _user_agent() -> str:
    from .._version import __version__

    return f"finatic-server-python/{__version__} httpx/{httpx.__version__}"

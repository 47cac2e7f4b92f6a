"""schemathesis against a running sandbox with our spec: every operation, positive and negative examples,
all of schemathesis's checks (response schema, status codes, content type and headers conform to the spec;
no 5xx; invalid requests are rejected and valid ones accepted).

Every case carries working credentials: a session started with ``sk_sandbox_x`` for ``user123`` (session
headers and bearer token), the API key on ``init_session`` and a fresh one-time token on ``start_session``;
``get_session_user`` asks about that session. The number of examples per operation is bounded
(``FINATIC_SCHEMATHESIS_EXAMPLES``, default 100) so the run takes under a minute.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.core.parameters import ParameterLocation
from schemathesis.generation.meta import CoveragePhaseData
from schemathesis.specs.openapi.checks import positive_data_acceptance

from finatic_server.sandbox import Sandbox

from .conftest import API_KEY, SPEC, RawSession, one_time_token, raw_session

MAX_EXAMPLES = int(os.environ.get("FINATIC_SCHEMATHESIS_EXAMPLES", "100"))


@pytest.fixture(scope="module")
def target() -> Iterator[tuple[Sandbox, RawSession]]:
    box = Sandbox(orders=300).start()
    try:
        yield box, raw_session(box.api_url)
    finally:
        box.stop()


# Loaded at import (schemathesis's lazy ``from_fixture`` loader does not work with pytest 9); the base URL
# of the running sandbox is given per call.
schema = schemathesis.openapi.from_path(str(SPEC))
schema.config.update(request_timeout=10)
schema.config.generation.update(
    modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
    max_examples=MAX_EXAMPLES,
    deterministic=True,
    database="none",
    with_security_parameters=False,  # the session credentials are real ones, passed per call
)


def _left_out_header(case: Any) -> str | None:
    """The header a coverage case deliberately leaves out or spoils (it must stay that way)."""
    data = getattr(getattr(case.meta, "phase", None), "data", None)
    if isinstance(data, CoveragePhaseData) and data.parameter_location == ParameterLocation.HEADER:
        return (data.parameter or "").lower() or None
    return None


def _credentials(case: Any, box: Sandbox, session: RawSession) -> dict[str, str]:
    """Working credentials for ``case``, except the header the case is about. They are passed to
    ``call_and_validate`` as explicit headers, so schemathesis knows they are real (and its ``ignored_auth``
    check probes the operation without them and with spoiled ones)."""
    operation = case.operation.definition.raw.get("operationId")
    credentials: dict[str, str]
    if operation in ("init_session", "start_session"):
        # Here the credential is a declared header parameter: a case that spoils it keeps it spoiled.
        if case.meta is not None and case.meta.is_negative_at(ParameterLocation.HEADER):
            return {}
        if operation == "init_session":
            credentials = {"X-API-Key": API_KEY}
        else:
            credentials = {"One-Time-Token": one_time_token(box.api_url)}
    else:
        credentials = session.headers
    if operation == "get_session_user":
        case.path_parameters = {**(case.path_parameters or {}), "session_id": session.session_id}
    skip = _left_out_header(case)
    return {k: v for k, v in credentials.items() if k.lower() != skip}


TRADING = {"place_order", "modify_order", "cancel_order"}


def order_rejections_name_the_field(ctx: Any, response: Any, case: Any) -> bool | None:
    """``positive_data_acceptance`` for order operations. A schema-valid order can still be refused before
    it reaches the broker (a Stop order without stopPrice, orderQty and notional together, an account the
    connection does not have): that is 400 ``INVALID_ORDER`` with a message, as finatic-api.md documents.
    Any other rejection of schema-valid data fails, as in schemathesis's own check."""
    if case.meta is None or not case.meta.generation.mode.is_positive or response.status_code < 400:
        return None
    if response.status_code in (401, 403, 404, 409, 429) or response.status_code >= 500:
        return None
    body = response.json()
    assert response.status_code == 400 and body.get("code") == "INVALID_ORDER" and body.get("message"), (
        f"valid data rejected with {response.status_code}: {response.text[:300]}"
    )
    return None


@schema.parametrize()
@settings(suppress_health_check=list(HealthCheck), deadline=None)
def test_the_sandbox_conforms_to_the_spec(case: Any, target: tuple[Sandbox, RawSession]) -> None:
    box, session = target
    headers = _credentials(case, box, session)
    if case.operation.definition.raw.get("operationId") in TRADING:
        case.call_and_validate(
            base_url=box.api_url,
            headers=headers,
            excluded_checks=[positive_data_acceptance],
            additional_checks=[order_rejections_name_the_field],
        )
    else:
        case.call_and_validate(base_url=box.api_url, headers=headers)

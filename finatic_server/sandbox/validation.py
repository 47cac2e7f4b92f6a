"""Request validation derived from the OpenAPI spec: query parameters, headers and JSON bodies.

The spec travels with the generated package as ``finatic_api_client/openapi.json`` (written by
``codegen.py`` from ``spec/openapi.yaml`` and checked for drift by ``make regen-check``), so an installed
wheel validates against exactly the spec it was built from. It is read once per process; each operation's
parameter and body schemas are compiled once into ``jsonschema`` validators.

- Query parameters are coerced from text by their schema type (``integer``, ``number``, ``boolean``) and
  validated: a violation is 400 ``VALIDATION_ERROR`` whose message names the parameter. A parameter the
  operation does not declare is refused the same way (``status=`` for ``order_status=`` would otherwise
  quietly filter nothing).
- Header parameters (other than the credentials, which authentication answers with 401) likewise.
- JSON bodies: not JSON, or violating the body schema, is 422 ``VALIDATION_ERROR`` -- except order bodies
  (the ``trading`` operations), where it is 400 ``INVALID_ORDER`` (an order rejected before it reaches the
  broker, as finatic-api.md says); the message names the field (``order.orderType``).
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError, best_match

from .errors import ApiError, Code

__all__ = ["OperationRules", "load_spec", "rules_for"]

_HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")
_CREDENTIAL_HEADERS = frozenset({"x-api-key", "one-time-token"})  # checked by authentication (401)
_INTEGER = re.compile(r"-?\d+")
_NUMBER = re.compile(r"-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?")
_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})")

_formats = FormatChecker(formats=())


@_formats.checks("date-time", raises=ValueError)
def _is_date_time(value: object) -> bool:
    """RFC 3339 date-time (``2024-05-01T12:00:00Z``, with an offset or fractional seconds)."""
    if not isinstance(value, str):
        return True
    if not _DATE_TIME.fullmatch(value):
        return False
    datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    return True


@lru_cache(maxsize=1)
def load_spec() -> dict[str, Any]:
    """The OpenAPI document the package was generated from."""
    text = resources.files("finatic_api_client").joinpath("openapi.json").read_text(encoding="utf-8")
    spec: dict[str, Any] = json.loads(text)
    return spec


def _resolve(node: Any, spec: Mapping[str, Any], depth: int = 0) -> Any:
    """``node`` with every local ``$ref`` replaced by a copy of its target (the request schemas have no
    cycles; a deep chain means one, and fails loudly)."""
    if depth > 64:
        raise RecursionError("the spec's request schemas are too deeply nested (a $ref cycle?)")
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/"):
            target: Any = spec
            for part in ref[2:].split("/"):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            merged = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
            return _resolve(copy.deepcopy(merged), spec, depth + 1)
        return {k: _resolve(v, spec, depth + 1) for k, v in node.items()}
    if isinstance(node, list):
        return [_resolve(v, spec, depth + 1) for v in node]
    return node


def _types(schema: Mapping[str, Any]) -> frozenset[str]:
    kind = schema.get("type")
    if isinstance(kind, str):
        return frozenset({kind})
    if isinstance(kind, list):
        return frozenset(k for k in kind if isinstance(k, str))
    found: set[str] = set()
    for key in ("anyOf", "oneOf", "allOf"):
        for sub in schema.get(key, ()):
            found |= _types(sub)
    return frozenset(found)


def _coerce(raw: str, types: frozenset[str]) -> Any:
    """A query or header value as its schema type; text that is not one stays text (and then fails)."""
    if "integer" in types and _INTEGER.fullmatch(raw):
        return int(raw)
    if "number" in types and _NUMBER.fullmatch(raw):
        return float(raw)
    if "boolean" in types and raw.lower() in ("true", "false"):
        return raw.lower() == "true"
    return raw


_CACHE_LIMIT = 4096


@dataclass(frozen=True)
class _Parameters:
    """The query (or header) parameters of one operation: one compiled validator per parameter, and a
    bounded memo of the raw values already found valid (pages repeat the same ``limit`` and filters)."""

    validators: dict[str, tuple[str, frozenset[str], Draft202012Validator]]  # key -> (name, types, check)
    required: tuple[tuple[str, str], ...]  # (key, name)
    valid: set[tuple[str, str]]
    closed: bool  # query: a parameter the spec does not declare is an error (a typo would filter nothing)

    @classmethod
    def build(cls, params: Iterable[Mapping[str, Any]], *, headers: bool) -> _Parameters:
        validators: dict[str, tuple[str, frozenset[str], Draft202012Validator]] = {}
        required: list[tuple[str, str]] = []
        for p in params:
            name, schema = p["name"], p.get("schema", {})
            key = name.lower() if headers else name
            validators[key] = (name, _types(schema), Draft202012Validator(schema, format_checker=_formats))
            if p.get("required"):
                required.append((key, name))
        return cls(validators, tuple(required), set(), closed=not headers)

    def check(self, source: Mapping[str, str], where: str) -> None:
        if self.closed:
            for key in source:
                if key not in self.validators:
                    raise ApiError(400, Code.VALIDATION_ERROR, f"Unknown {where} {key}")
        for key, name in self.required:
            if source.get(key) is None:
                raise ApiError(400, Code.VALIDATION_ERROR, f"Missing {where} {name}")
        for key, (name, types, validator) in self.validators.items():
            raw = source.get(key)
            if raw is None or (key, raw) in self.valid:
                continue
            error = best_match(validator.iter_errors(_coerce(raw, types)))
            if error is not None:
                raise ApiError(400, Code.VALIDATION_ERROR, f"Invalid {where} {name}: {error.message}")
            if len(self.valid) >= _CACHE_LIMIT:
                self.valid.clear()
            self.valid.add((key, raw))


@dataclass(frozen=True)
class OperationRules:
    """Everything the spec says about one operation's request."""

    operation_id: str
    query: _Parameters
    headers: _Parameters
    body: Draft202012Validator | None
    body_required: bool
    body_status: int
    body_code: str

    def check_parameters(self, query: Mapping[str, str], headers: Mapping[str, str]) -> None:
        self.query.check(query, "query parameter")
        if self.headers.validators:
            self.headers.check(headers, "header")

    def parse_body(self, raw: bytes) -> dict[str, Any] | None:
        """The validated JSON body (``None`` when an optional body is absent); raises ``ApiError``."""
        if self.body is None:
            return None
        if not raw.strip():
            if self.body_required:
                raise ApiError(self.body_status, self.body_code, "A JSON object body is required")
            return None
        body = decode_json_object(raw)
        error = best_match(self.body.iter_errors(body))
        if error is not None:
            raise ApiError(self.body_status, self.body_code, _message(error))
        return body


def _message(error: ValidationError) -> str:
    path = ".".join(str(p) for p in error.absolute_path)
    return f"Invalid body field {path}: {error.message}" if path else f"Invalid body: {error.message}"


def _operation_rules(
    op: Mapping[str, Any], path_item: Mapping[str, Any], spec: Mapping[str, Any]
) -> OperationRules:
    declared = (*path_item.get("parameters", ()), *op.get("parameters", ()))
    params = [_resolve(p, spec) for p in declared]
    query = _Parameters.build((p for p in params if p["in"] == "query"), headers=False)
    headers = _Parameters.build(
        (p for p in params if p["in"] == "header" and p["name"].lower() not in _CREDENTIAL_HEADERS),
        headers=True,
    )
    body_validator = None
    body_required = False
    request_body = op.get("requestBody")
    if request_body is not None:
        request_body = _resolve(request_body, spec)
        schema = request_body.get("content", {}).get("application/json", {}).get("schema")
        if schema is not None:
            body_validator = Draft202012Validator(schema, format_checker=_formats)
            body_required = bool(request_body.get("required"))
    trading = "trading" in op.get("tags", ())
    return OperationRules(
        operation_id=op.get("operationId", ""),
        query=query,
        headers=headers,
        body=body_validator,
        body_required=body_required,
        body_status=400 if trading else 422,
        body_code=Code.INVALID_ORDER if trading else Code.VALIDATION_ERROR,
    )


@lru_cache(maxsize=1)
def _all_rules() -> dict[tuple[str, str], OperationRules]:
    spec = load_spec()
    rules: dict[tuple[str, str], OperationRules] = {}
    for path, item in spec["paths"].items():
        for method in _HTTP_METHODS:
            op = item.get(method)
            if op is not None:
                rules[(method.upper(), path.rstrip("/") or "/")] = _operation_rules(op, item, spec)
    return rules


def rules_for(method: str, path: str) -> OperationRules | None:
    """The rules of the operation at ``method path`` (a spec path, relative to ``/api/v1``)."""
    return _all_rules().get((method.upper(), path.rstrip("/") or "/"))


def decode_json_object(raw: bytes) -> dict[str, Any]:
    """A request body that must be a JSON object; anything else is 422 ``VALIDATION_ERROR``."""
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise ApiError(422, Code.VALIDATION_ERROR, "The body is not valid JSON") from None
    if not isinstance(body, dict):
        raise ApiError(422, Code.VALIDATION_ERROR, "The body must be a JSON object")
    return body

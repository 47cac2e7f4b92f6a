"""Every Python example in README.md runs against the sandbox, and the README covers the whole API."""

from __future__ import annotations

import ast
import asyncio
import inspect
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from finatic_server import AsyncFinaticServerClient, FinaticServerClient
from finatic_server.sandbox import Sandbox

README = (Path(__file__).parent.parent / "README.md").read_text()
BLOCKS = re.findall(r"^```python\n(.*?)^```", README, flags=re.S | re.M)


def _heading_before(block: str) -> str:
    before = README[: README.index(block)]
    return re.findall(r"^#+ (.*)$", before, flags=re.M)[-1]


@pytest.fixture(scope="module")
def sandbox_url() -> Iterator[str]:
    with Sandbox(orders=400) as url:
        yield url


@pytest.mark.parametrize(
    "index", range(len(BLOCKS)), ids=[f"{i}-{_heading_before(b)[:30]}" for i, b in enumerate(BLOCKS)]
)
def test_readme_example_runs_against_the_sandbox(
    index: int, sandbox_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # A company of its own per example, so one example's trades or disconnects never affect another.
    api_key = f"sk_sandbox_readme_{index}"
    monkeypatch.setenv("FINATIC_API_KEY", api_key)
    monkeypatch.setenv("FINATIC_BASE_URL", sandbox_url)
    code = compile(BLOCKS[index], f"README.md[{index}]", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
    if code.co_flags & inspect.CO_COROUTINE:
        asyncio.run(_run_async(code, api_key, sandbox_url))
    else:
        with FinaticServerClient(api_key, base_url=sandbox_url) as client:
            client.start_session(user_id="user123")
            exec(code, {"client": client, "__name__": "__readme__"})
    assert api_key not in capsys.readouterr().out


async def _run_async(code: Any, api_key: str, url: str) -> None:
    async with AsyncFinaticServerClient(api_key, base_url=url) as client:
        await client.start_session(user_id="user123")
        await eval(code, {"client": client, "__name__": "__readme__"})


def test_the_readme_documents_every_public_method() -> None:
    public = {name for name in dir(FinaticServerClient) if not name.startswith("_")}
    missing = sorted(name for name in public if f"`{name}`" not in README and f".{name}(" not in README)
    assert missing == []


def test_readme_python_examples_exist_for_both_clients() -> None:
    assert any("AsyncFinaticServerClient" in block for block in BLOCKS)
    assert any("FinaticServerClient(" in block and "Async" not in block for block in BLOCKS)

"""Starting and stopping the sandbox: in-process, as a context manager, from the command line."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import httpx
import pytest

from finatic_server.sandbox import Sandbox, SandboxConfig


def test_context_manager_yields_the_base_url_and_serves_requests() -> None:
    with Sandbox(orders=50) as url:
        assert url.startswith("http://127.0.0.1:") and not url.endswith("/api/v1")
        response = httpx.get(f"{url}/api/v1/brokers/")
        assert response.status_code == 200
        assert len(response.json()["response_data"]) == 6


def test_stop_is_prompt_idempotent_and_releases_the_port() -> None:
    box = Sandbox(orders=50).start()
    port = box.port
    with httpx.Client() as client:  # a kept-alive connection must not hold the shutdown up
        assert client.get(f"{box.url}/health").status_code == 200
        started = time.monotonic()
        box.stop()
        assert time.monotonic() - started < 1.0
    box.stop()
    assert not box.running
    with Sandbox(orders=10, port=port) as url:  # the same port is free again
        assert url.endswith(f":{port}")


def test_overrides_replace_config_fields_and_unknown_names_are_rejected() -> None:
    box = Sandbox(SandboxConfig(seed=7), orders=10)
    assert (box.config.seed, box.config.orders) == (7, 10)
    with pytest.raises(TypeError, match="nonsense"):
        Sandbox(nonsense=1)


def test_every_response_carries_a_request_id(sandbox: Sandbox) -> None:
    with httpx.Client(base_url=sandbox.url) as client:
        for path in ("/api/v1/brokers/", "/api/v1/brokers/data/orders", "/api/v1/no/such/path", "/health"):
            assert client.get(path).headers["x-request-id"]
        assert client.get("/health", headers={"X-Request-ID": "abc-123"}).headers["x-request-id"] == "abc-123"


def test_unknown_paths_get_the_error_envelope(sandbox: Sandbox) -> None:
    response = httpx.get(f"{sandbox.api_url}/no/such/path")
    assert response.status_code == 404
    assert response.json() == {
        "success": False,
        "message": "No endpoint /api/v1/no/such/path",
        "code": "NOT_FOUND",
        "status_code": 404,
    }


def test_cli_prints_the_url_once_ready_and_exits_cleanly_on_sigterm() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "finatic_server.sandbox", "--port", str(port), "--orders", "50"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line == f"Finatic sandbox listening on http://127.0.0.1:{port}\n"
        assert httpx.get(f"http://127.0.0.1:{port}/api/v1/brokers/").status_code == 200
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0
    assert "Traceback" not in err and out == ""


def test_cli_rejects_a_bad_fault_rate_with_a_message() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "finatic_server.sandbox", "--rate-429", "2"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 2 and "rate_429" in done.stderr

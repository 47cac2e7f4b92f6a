"""The package as users get it: `python -m build`, then a wheel installed into a fresh virtual environment
(which reaches the package index for httpx, pydantic, anyio and the sandbox extra's starlette and uvicorn)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
VERSION_FILE = ROOT / "finatic_server" / "_version.py"


def _version() -> str:
    match = re.search(r'__version__ = "([^"]+)"', VERSION_FILE.read_text())
    assert match, "finatic_server/_version.py must set __version__"
    return match.group(1)


def _run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None, timeout: float = 300) -> str:
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, f"{args} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result.stdout


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    _run(sys.executable, "-m", "build", "--outdir", out, ROOT, cwd=ROOT, timeout=300)
    return out


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("venv")
    _run(sys.executable, "-m", "venv", path, cwd=path)
    return path


def _clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "FINATIC_"))}
    env.update(extra)
    return env


def test_the_version_lives_in_one_place() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert 'dynamic = ["version"]' in pyproject
    assert 'path = "finatic_server/_version.py"' in pyproject
    assert not re.search(r"^version\s*=", pyproject, flags=re.M)
    import finatic_server

    assert finatic_server.__version__ == _version()


def test_sdist_and_wheel_hold_both_packages_and_no_tests(dist: Path) -> None:
    version = _version()
    wheel = dist / f"finatic_server_python-{version}-py3-none-any.whl"
    sdist = dist / f"finatic_server_python-{version}.tar.gz"
    assert wheel.exists() and sdist.exists(), sorted(p.name for p in dist.iterdir())

    names = set(zipfile.ZipFile(wheel).namelist())
    assert "finatic_server/py.typed" in names
    assert "finatic_api_client/py.typed" in names
    assert "finatic_server/_sync/client.py" in names and "finatic_server/_async/client.py" in names
    assert "finatic_api_client/api/trading/place_order.py" in names
    assert "finatic_server/sandbox/__init__.py" in names
    assert not any(n.startswith(("tests/", "generated/", "examples/")) for n in names)
    metadata = zipfile.ZipFile(wheel).read(f"finatic_server_python-{version}.dist-info/METADATA").decode()
    assert f"Version: {version}" in metadata
    assert "Provides-Extra: sandbox" in metadata

    with tarfile.open(sdist) as tar:
        members = {m.split("/", 1)[1] for m in tar.getnames() if "/" in m}
    assert {"finatic_server/py.typed", "generated/finatic_api_client/py.typed", "README.md"} <= members
    assert "CHANGELOG.md" in members
    assert not any(m.startswith("tests/") for m in members)


def test_the_wheel_installs_into_a_fresh_venv_and_runs_the_quick_start(
    dist: Path, venv: Path, tmp_path: Path
) -> None:
    python = venv / "bin" / "python"
    wheel = next(dist.glob("*.whl"))
    work = tmp_path / "app"  # nowhere near the source tree, so only the installed package can be imported
    work.mkdir()
    pip = (python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check")

    # Without the extra: the SDK imports; the sandbox says which extra it needs.
    _run(*pip, wheel, cwd=work, env=_clean_env(), timeout=300)
    probe = (
        "import finatic_server, finatic_api_client\n"
        "from finatic_server import FinaticServerClient, AsyncFinaticServerClient\n"
        "print(finatic_server.__version__, finatic_server.__file__)\n"
        "try:\n"
        "    import finatic_server.sandbox\n"
        "except ImportError as e:\n"
        "    print('ImportError:', e)\n"
    )
    out = _run(python, "-c", probe, cwd=work, env=_clean_env())
    assert out.startswith(f"{_version()} {venv}"), out
    assert "ImportError: finatic_server.sandbox needs the optional 'sandbox' extra" in out
    assert 'pip install "finatic-server-python[sandbox]"' in out

    # With the extra: start the sandbox from the venv and run the quick start against it.
    _run(*pip, f"{wheel}[sandbox]", cwd=work, env=_clean_env(), timeout=300)
    shutil.copy(ROOT / "examples" / "quickstart_sync.py", work / "quickstart_sync.py")
    with _sandbox_process(python, work) as url:
        out = _run(
            python, "quickstart_sync.py", cwd=work,
            env=_clean_env(FINATIC_API_KEY="sk_sandbox_packaging", FINATIC_BASE_URL=url),
        )  # fmt: skip
    assert "User should visit: http://127.0.0.1:" in out
    assert "Authenticated user: user123" in out
    assert re.search(r"Available brokers: [1-9]\d*", out)
    assert re.search(r"Total orders: \d+", out)
    assert re.search(r"Placed market order \S+: filled", out)
    assert re.search(r"Cancelled limit order \S+: cancelled", out)
    assert "sk_sandbox_packaging" not in out


class _sandbox_process:
    """``python -m finatic_server.sandbox --port 0`` from the venv; yields its URL once it listens."""

    def __init__(self, python: Path, cwd: Path) -> None:
        self._args = [str(python), "-m", "finatic_server.sandbox", "--port", "0", "--orders", "300"]
        self._cwd = cwd

    def __enter__(self) -> str:
        self._proc = subprocess.Popen(
            self._args, cwd=self._cwd, env=_clean_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        assert self._proc.stdout is not None
        line = self._proc.stdout.readline()  # "Finatic sandbox listening on http://127.0.0.1:PORT"
        match = re.search(r"listening on (http://\S+)", line)
        if not match:
            self._proc.kill()
            _, err = self._proc.communicate(timeout=10)
            raise AssertionError(f"the sandbox did not start: {line!r} {err[-2000:]}")
        return match.group(1)

    def __exit__(self, *exc: object) -> None:
        self._proc.terminate()
        try:
            self._proc.communicate(timeout=15)
        except subprocess.TimeoutExpired:  # pragma: no cover
            self._proc.kill()
            self._proc.communicate()

"""Fixtures for the functional tests: real OpenStack services on loopback.

The ``keystone`` fixture builds the pinned OpenStack virtualenv and starts
a Keystone alone through ``tools/keystone_server.py``.  Set
``STACKCLIENT_KEYSTONE_URL_JSON`` to the ``server.json`` of a server that is
already running to reuse it instead (it is then left running).

The ``cloud`` fixture starts the whole local cloud once per session through
``tools/cloud.py`` (every service, in parallel) and yields its parsed
``cloud.json``.  Set ``STACKCLIENT_CLOUD_JSON`` to the ``cloud.json`` of a
cloud that is already running to reuse it (it is then left running).

A server that cannot be built or started fails the tests; it is never
skipped.
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import typing as _t
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import register_secret

SCRIPT = Path(__file__).resolve().parents[2] / "tools" / "keystone_server.py"
CLOUD_SCRIPT = SCRIPT.with_name("cloud.py")
REUSE_ENV = "STACKCLIENT_KEYSTONE_URL_JSON"
CLOUD_REUSE_ENV = "STACKCLIENT_CLOUD_JSON"
#: Seconds ``cloud.py start`` may take, building missing venvs included.
CLOUD_START_TIMEOUT = 1800


@dataclasses.dataclass(frozen=True)
class KeystoneServer:
    """Where the test Keystone listens and how to log in to it."""

    url: str
    auth_url: str
    admin_username: str
    admin_password: str
    admin_project_name: str
    admin_token: str
    state_dir: str

    @classmethod
    def from_json(cls, text: str) -> KeystoneServer:
        """Build from the JSON line printed by ``keystone_server.py start``."""
        data = json.loads(text)
        return cls(**{f.name: data[f.name] for f in dataclasses.fields(cls)})


def _run_tool(*args: str, timeout: float, script: Path = SCRIPT) -> str:
    """Run a server script; fail the session loudly if it fails."""
    cmd = [sys.executable, str(script), *args]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as err:
        stderr = (
            err.stderr.decode(errors="replace") if isinstance(err.stderr, bytes) else err.stderr
        )
        pytest.fail(f"{script.name} {args[0]} timed out:\n{stderr}", pytrace=False)
    if done.returncode != 0:
        pytest.fail(
            f"{script.name} {args[0]} failed (exit {done.returncode}):\n{done.stderr}",
            pytrace=False,
        )
    return done.stdout


def run_keystone(state: Path, *options: str) -> Iterator[KeystoneServer]:
    """Start a Keystone in ``state`` with extra ``start`` options; stop it after."""
    _run_tool("ensure-venv", timeout=1800)
    out = _run_tool("start", "--state-dir", str(state), *options, timeout=300)
    server = KeystoneServer.from_json(out.strip().splitlines()[-1])
    register_secret(server.admin_password)
    register_secret(server.admin_token)
    try:
        yield server
    finally:
        _run_tool("stop", "--state-dir", str(state), timeout=60)


@pytest.fixture(scope="session")
def keystone(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KeystoneServer]:
    """Yield a running Keystone for the whole test session."""
    reuse = os.environ.get(REUSE_ENV)
    if reuse:
        server = KeystoneServer.from_json(Path(reuse).read_text())
        register_secret(server.admin_password)
        register_secret(server.admin_token)
        yield server
        return
    yield from run_keystone(tmp_path_factory.mktemp("keystone-state"))


def _register_cloud_secrets(cloud: dict[str, _t.Any]) -> None:
    for key in ("admin_password", "admin_token", "member_password"):
        register_secret(cloud.get(key, ""))


@pytest.fixture(scope="session")
def cloud(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, _t.Any]]:
    """Yield the parsed cloud.json of the whole local cloud, started once per session."""
    reuse = os.environ.get(CLOUD_REUSE_ENV)
    if reuse:
        data = json.loads(Path(reuse).read_text())
        _register_cloud_secrets(data)
        yield data
        return
    state = tmp_path_factory.mktemp("cloud-state")
    try:
        out = _run_tool("start", "--state-dir", str(state), timeout=CLOUD_START_TIMEOUT,
                        script=CLOUD_SCRIPT)  # fmt: skip
        data = json.loads(out.strip().splitlines()[-1])
        _register_cloud_secrets(data)
        yield data
    finally:
        _run_tool("stop", "--state-dir", str(state), timeout=180, script=CLOUD_SCRIPT)

"""Fixtures for the functional tests: a real Keystone on loopback.

The ``keystone`` fixture builds the pinned Keystone virtualenv and starts a
server through ``tools/keystone_server.py``.  Set
``STACKCLIENT_KEYSTONE_URL_JSON`` to the ``server.json`` of a server that is
already running to reuse it instead (it is then left running).  A server
that cannot be built or started fails the tests; it is never skipped.
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import register_secret

SCRIPT = Path(__file__).resolve().parents[2] / "tools" / "keystone_server.py"
REUSE_ENV = "STACKCLIENT_KEYSTONE_URL_JSON"


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


def _run_tool(*args: str, timeout: float) -> str:
    """Run the server script; fail the session loudly if it fails."""
    cmd = [sys.executable, str(SCRIPT), *args]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as err:
        stderr = (
            err.stderr.decode(errors="replace") if isinstance(err.stderr, bytes) else err.stderr
        )
        pytest.fail(f"{SCRIPT.name} {args[0]} timed out:\n{stderr}", pytrace=False)
    if done.returncode != 0:
        pytest.fail(
            f"{SCRIPT.name} {args[0]} failed (exit {done.returncode}):\n{done.stderr}",
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

"""A private home, cwd and environment for tests that read cloud configuration.

The ``cloud_env`` fixture (registered in ``tests/unit/conftest.py``) points ``HOME``, ``XDG_CONFIG_HOME``, ``XDG_CONFIG_DIRS`` and
the current directory at a temporary tree and removes every ``OS_*``
variable, so no test reads or writes the real user's configuration::

    def test_x(cloud_env):
        cloud_env.write("cwd/clouds.yaml", "clouds: {a: {auth: {auth_url: http://a}}}")
        cloud_env.setenv("OS_CLOUD", "a")
"""

from __future__ import annotations

import os
import textwrap
import typing as _t
from pathlib import Path

import pytest

#: Variables that would let the real machine's configuration in.
_CLEARED = ("XDG_CONFIG_HOME", "XDG_CONFIG_DIRS", "SNAP_REAL_HOME", "PYTHONWARNINGS")


class CloudEnv:
    """A temporary ``home``, ``cwd`` and ``xdg`` tree, and the environment pointing at it."""

    def __init__(self, root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.root = root
        self.monkeypatch = monkeypatch
        for name in ("home", "cwd", "xdg", "elsewhere"):
            (root / name).mkdir()
        for var in list(os.environ):
            if var.startswith("OS_") or var in _CLEARED:
                monkeypatch.delenv(var)
        monkeypatch.setenv("HOME", str(root / "home"))
        monkeypatch.setenv("XDG_CONFIG_DIRS", str(root / "xdg"))
        monkeypatch.chdir(root / "cwd")

    def path(self, relative: str) -> Path:
        """The absolute path of ``relative`` inside the tree."""
        return self.root / relative

    def write(self, relative: str, text: str, mode: int = 0o600) -> Path:
        """Write ``text`` (dedented) to ``relative``, creating folders; return the path."""
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"))
        path.chmod(mode)
        return path

    def setenv(self, name: str, value: str) -> None:
        """Set an environment variable for this test only."""
        self.monkeypatch.setenv(name, value)

    def apply(self, env: _t.Mapping[str, str]) -> None:
        """Set every variable of ``env`` (``{root}`` in a value becomes the tree's root)."""
        for name, value in env.items():
            self.setenv(name, value.replace("{root}", str(self.root)))


@pytest.fixture
def cloud_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CloudEnv:
    """A private home, cwd, XDG dirs and an environment without ``OS_*``."""
    return CloudEnv(tmp_path, monkeypatch)

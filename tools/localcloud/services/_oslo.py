"""Helpers shared by the oslo-based services of part two: placement, Nova, Cinder.

* :func:`keystoneauth_options` -- a keystoneauth section (``[placement]``,
  ``[neutron]``, ``[service_user]`` ...) for a service user.
* :func:`runner` -- the command line that runs a service's console script
  through ``runtime/localcloud_run.py`` (SQLite made safe for several
  processes).
* :class:`DbSnapshot` -- freshly synced SQLite databases kept in the
  cache directory and copied back on the next start instead of syncing.
* :func:`api_call` -- one JSON request with the admin token, for the
  checks and set-up calls made after a service answers.
* :func:`wait_log_line` -- a bounded wait for a line in a log file.

Example::

    snap = DbSnapshot(ctx, "cinder", ("cinder.sqlite",), version=dist_version(venv, "cinder"))
    if not snap.restore(sdir):
        ctx.run("cinder", runner(ctx, "cinder.cmd.manage:main", conf, "db", "sync"), "db sync")
        snap.save(sdir)
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..base import CloudError, Context

__all__ = [
    "DbSnapshot",
    "api_call",
    "dist_version",
    "keystoneauth_options",
    "runner",
    "wait_log_line",
]

#: Seconds one API request made while setting the cloud up may take.
_API_TIMEOUT = 30.0


def keystoneauth_options(ctx: Context, user: str) -> dict[str, object]:
    """Return keystoneauth password options for service user ``user`` in ``ctx.region``."""
    creds = ctx.service_credentials(user)
    return {"auth_type": "password", "auth_url": ctx.auth_url, **creds, "region_name": ctx.region}


def runner(ctx: Context, target: str, *args: object) -> list[str]:
    """Return the command running ``module:function`` of the OpenStack venv with ``args``."""
    python = ctx.bin("openstack", "python")
    return [python, "-m", "localcloud_run", target, *(str(a) for a in args)]


def dist_version(venv: Path, dist: str) -> str:
    """Return the installed version of distribution ``dist`` in ``venv`` ("" if absent)."""
    prefix = dist.replace("-", "_").lower() + "-"
    for info in venv.glob("lib/python*/site-packages/*.dist-info"):
        if info.name.lower().startswith(prefix):
            return info.name[len(prefix) : -len(".dist-info")]
    return ""


def wait_log_line(
    path: Path, text: str, *, deadline: float, proc: subprocess.Popen[bytes], what: str
) -> None:
    """Wait until ``text`` appears in the log file ``path``; fail if ``proc`` exits."""
    while True:
        if proc.poll() is not None:
            raise CloudError(f"{what}: the process exited early with code {proc.returncode}")
        try:
            if text in path.read_text(errors="replace"):
                return
        except FileNotFoundError:
            pass
        if time.monotonic() >= deadline:
            raise CloudError(f"{what}: {text!r} did not appear in {path} before the deadline")
        time.sleep(0.3)


def api_call(
    ctx: Context,
    method: str,
    url: str,
    body: Any = None,
    headers: Mapping[str, str] | None = None,
    *,
    timeout: float = _API_TIMEOUT,
) -> tuple[int, Any]:
    """Send one JSON request with the admin token; return ``(status, parsed body)``.

    HTTP errors come back as their status; an unreachable server raises CloudError.
    """
    if ctx.keystone is None:
        raise CloudError(f"{method} {url}: Keystone is not running")
    request = urllib.request.Request(
        url, data=None if body is None else json.dumps(body).encode(), method=method
    )
    request.add_header("Accept", "application/json")
    request.add_header("Content-Type", "application/json")
    request.add_header("X-Auth-Token", ctx.keystone.token())
    for key, value in (headers or {}).items():
        request.add_header(key, value)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status, raw = int(response.status), response.read()
    except urllib.error.HTTPError as err:
        status, raw = int(err.code), err.read()
    except OSError as err:
        raise CloudError(f"{method} {url}: {err}") from None
    try:
        return status, json.loads(raw) if raw else None
    except ValueError:
        return status, raw.decode(errors="replace")


class DbSnapshot:
    """Freshly synced SQLite files of one service, kept between runs.

    The snapshot lives in ``ctx.cache_dir`` under a name derived from the
    service, ``version`` (the installed release) and the file names, so a
    new release syncs again.  Start option ``<service>.db_snapshot=false``
    turns it off.
    """

    def __init__(self, ctx: Context, service: str, files: Sequence[str], *, version: str) -> None:
        self.files = tuple(files)
        self.enabled = str(ctx.option(service, "db_snapshot", "true")).lower() != "false"
        digest = hashlib.sha256(json.dumps([version, self.files]).encode()).hexdigest()[:12]
        self.path = ctx.cache_dir / f"{service}-db-{digest}"

    def restore(self, dest: Path) -> bool:
        """Copy the snapshot's files into ``dest``; False if there is no snapshot."""
        if not self.enabled or not all((self.path / f).is_file() for f in self.files):
            return False
        for name in self.files:
            shutil.copyfile(self.path / name, dest / name)
        return True

    def save(self, src: Path, scrub: Callable[[Path], None] | None = None) -> None:
        """Store consistent copies of the files in ``src`` (first writer wins).

        ``scrub`` may rewrite the copies (given their directory) before they
        are published, e.g. to drop a password stored in a table.
        """
        if not self.enabled or self.path.is_dir():
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=self.path.parent))
        try:
            for name in self.files:
                _sqlite_copy(src / name, tmp / name)
            if scrub is not None:
                scrub(tmp)
            os.rename(tmp, self.path)
        except OSError:
            if not self.path.is_dir():
                raise
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


def _sqlite_copy(src: Path, dest: Path) -> None:
    """Copy a live SQLite database page by page (its WAL included)."""
    source = sqlite3.connect(str(src))
    target = sqlite3.connect(str(dest))
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()

"""Helpers shared by the oslo-based services of part two: placement, Nova, Cinder.

* :func:`keystoneauth_options` -- a keystoneauth section (``[placement]``,
  ``[neutron]``, ``[service_user]`` ...) for a service user.
* :func:`runner` -- the command line that runs a service's console script
  through ``runtime/localcloud_run.py`` (SQLite made safe for several
  processes).
* :func:`api_call` -- one JSON request with the admin token, for the
  checks and set-up calls made after a service answers.
* :func:`wait_log_line` -- a bounded wait for a line in a log file.

Example::

    conf = ["--config-file", str(sdir / "cinder.conf")]
    ctx.spawn("cinder", "cinder-volume", runner(ctx, "cinder.cmd.volume:main", *conf))
    wait_log_line(logs / "cinder-volume.log", "Driver post RPC", deadline=..., proc=..., what=...)
"""

from __future__ import annotations

import json
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..base import CloudError, Context

__all__ = [
    "api_call",
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

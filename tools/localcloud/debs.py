"""Debian packages the services need (memcached, rabbitmq-server).

Installed with apt-get when missing, as root only.  Debian's maintainer
scripts would start each package's daemon on all interfaces unless
``/usr/sbin/policy-rc.d`` forbids it: when that file is absent, one that
refuses every start is put in place for the install and removed after.

Example::

    ensure_debs([("memcached", "/usr/bin/memcached")], progress=print)
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from .base import CloudError
from .procs import clean_env, run_checked

__all__ = ["ensure_debs", "missing_debs"]

_POLICY = Path("/usr/sbin/policy-rc.d")
_POLICY_TEXT = "#!/bin/sh\n# Installed by the local cloud for one apt-get run.\nexit 101\n"
_APT_TIMEOUT = 900.0


def missing_debs(debs: Iterable[tuple[str, str]]) -> list[str]:
    """Return the packages whose marker file is absent."""
    return sorted({pkg for pkg, marker in debs if not Path(marker).exists()})


def ensure_debs(debs: Iterable[tuple[str, str]], progress: Callable[[str], None]) -> None:
    """Install the missing packages of ``debs`` (``(package, marker file)`` pairs)."""
    missing = missing_debs(debs)
    if not missing:
        progress("Debian packages present")
        return
    if os.geteuid() != 0:
        raise CloudError(
            f"missing Debian packages {missing}: run `apt-get install {' '.join(missing)}` as root"
        )
    added_policy = not _POLICY.exists()
    if added_policy:
        _POLICY.write_text(_POLICY_TEXT)
        _POLICY.chmod(0o755)
    try:
        _apt_install(missing, progress)
    finally:
        if added_policy:
            _POLICY.unlink(missing_ok=True)


def _apt_install(packages: list[str], progress: Callable[[str], None]) -> None:
    env = clean_env({"DEBIAN_FRONTEND": "noninteractive"})
    cmd = ["apt-get", "install", "-y", "-q", "--no-install-recommends", *packages]
    progress(f"apt-get install {' '.join(packages)}")
    try:
        run_checked(cmd, "apt-get install", env=env, timeout=_APT_TIMEOUT, progress=progress)
    except CloudError:
        progress("apt-get install failed; refreshing the package lists once")
        run_checked(
            ["apt-get", "update", "-q"],
            "apt-get update",
            env=env,
            timeout=_APT_TIMEOUT,
            progress=progress,
        )
        run_checked(cmd, "apt-get install", env=env, timeout=_APT_TIMEOUT, progress=progress)
    progress(f"installed {' '.join(packages)}")

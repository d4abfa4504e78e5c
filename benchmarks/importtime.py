"""Scenario 6: import time as whole processes (fresh interpreter every run).

Each run is ``python -c "import X"`` timed from spawn to exit; the child's
CPU time comes from ``os.wait4``.  Targets are interleaved run by run so
drift hits them alike; the first run of each (byte-compiling) is dropped.
"""

from __future__ import annotations

import os
import subprocess
import time
from typing import Any, NamedTuple

BASELINE = "baseline"


class Target(NamedTuple):
    """One thing to import and the packages whose absence means 'not installed'."""

    name: str
    code: str
    packages: tuple[str, ...]


TARGETS = (
    Target(BASELINE, "pass", ()),
    Target("stackclient", "import stackclient.v3.client", ()),
    Target("requests", "import requests", ("requests",)),
    Target(
        "keystoneclient", "import keystoneclient.v3.client", ("keystoneclient", "keystoneauth1")
    ),
    Target("openstacksdk", "import openstack", ("openstack",)),
)


def spawn(python: str, code: str, env: dict[str, str]) -> tuple[float, float, int, str]:
    """Run one interpreter; return (wall s, CPU s, exit code, last stderr line)."""
    wall = time.perf_counter()
    proc = subprocess.Popen(
        [python, "-c", code],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert proc.stderr is not None
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - wall
    proc.returncode = os.waitstatus_to_exitcode(status)
    lines = err.strip().splitlines()
    return wall, usage.ru_utime + usage.ru_stime, proc.returncode, lines[-1] if lines else ""


def failure_status(target: Target, message: str) -> str:
    """Turn a failed import's last stderr line into a status."""
    if "ModuleNotFoundError" in message:
        missing = message.split("'")[1] if "'" in message else ""
        if missing.split(".")[0] in target.packages:
            return "not installed"
    return f"error: {message[:160]}"


def measure(
    python: str, env: dict[str, str], runs: int, names: tuple[str, ...]
) -> dict[str, dict[str, Any]]:
    """Time every selected target ``runs`` times (after one dropped warm-up run)."""
    chosen = [target for target in TARGETS if target.name == BASELINE or target.name in names]
    results: dict[str, dict[str, Any]] = {
        target.name: {"status": "ok", "code": target.code, "wall_ms": [], "cpu_ms": []}
        for target in chosen
    }
    for run in range(runs + 1):
        for target in chosen[run % len(chosen) :] + chosen[: run % len(chosen)]:
            record = results[target.name]
            if record["status"] != "ok":
                continue
            wall, cpu, code, message = spawn(python, target.code, env)
            if code != 0:
                record["status"] = failure_status(target, message)
            elif run:
                record["wall_ms"].append(wall * 1e3)
                record["cpu_ms"].append(cpu * 1e3)
    return results

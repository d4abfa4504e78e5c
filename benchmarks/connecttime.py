"""Scenario 7: ``connect(cloud=...)`` from a clouds.yaml to the first ``projects()`` page.

Each run is a fresh interpreter that imports the library, connects to the
cloud ``bench`` of a clouds.yaml (in ``$HOME/.config/openstack``, a
private scratch home) and fetches the first page of projects from the
canned server: what a short script or a command-line tool pays on every
start.  Reported per run: the whole process (spawn to exit: wall, and CPU
from ``os.wait4``) and, printed by the child itself, the time from its
first line to the first page (imports included).  Targets are
interleaved run by run; the first run of each is dropped.

The clients: stackclient (``stackclient.connect``), openstacksdk
(``openstack.connect``), and raw requests reading the same clouds.yaml
with PyYAML and sending the token and list requests by hand (the floor).
keystoneclient has no clouds.yaml support and is not run.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.clients import base
from benchmarks.importtime import BASELINE, Target, failure_status

CLOUD = "bench"
MARK = "CONNECT "

_TIMER = "import time; _c, _w = time.process_time(), time.perf_counter()\n"
_REPORT = "print('%s%%f %%f' %% (time.process_time() - _c, time.perf_counter() - _w))\n" % MARK

STACKCLIENT = (
    _TIMER
    + "import stackclient\n"
    + f"conn = stackclient.connect(cloud={CLOUD!r})\n"
    + "first = next(iter(conn.identity.projects()))\n"
    + _REPORT
)
OPENSTACKSDK = (
    _TIMER
    + "import openstack\n"
    + f"conn = openstack.connect(cloud={CLOUD!r})\n"
    + "first = next(iter(conn.identity.projects()))\n"
    + _REPORT
)
REQUESTS = (
    _TIMER
    + "import os, requests, yaml\n"
    + "path = os.path.expanduser('~/.config/openstack/clouds.yaml')\n"
    + f"cloud = yaml.safe_load(open(path))['clouds'][{CLOUD!r}]\n"
    + "a = cloud['auth']\n"
    + "user = {'name': a['username'], 'password': a['password'], 'domain': {'id': a['user_domain_id']}}\n"
    + "scope = {'project': {'name': a['project_name'], 'domain': {'id': a['project_domain_id']}}}\n"
    + "body = {'auth': {'identity': {'methods': ['password'], 'password': {'user': user}}, 'scope': scope}}\n"
    + "s = requests.Session()\n"
    + "r = s.post(a['auth_url'] + '/auth/tokens', json=body)\n"
    + "r.raise_for_status()\n"
    + "ep = [e['url'] for svc in r.json()['token']['catalog'] if svc['type'] == 'identity'\n"
    + "      for e in svc['endpoints'] if e['interface'] == 'public'][0]\n"
    + "page = s.get(ep + '/projects', headers={'X-Auth-Token': r.headers['X-Subject-Token']})\n"
    + "first = page.json()['projects'][0]\n"
    + _REPORT
)

TARGETS = (
    Target(BASELINE, "pass", ()),
    Target("stackclient", STACKCLIENT, ()),
    Target("requests", REQUESTS, ("requests", "yaml")),
    Target("openstacksdk", OPENSTACKSDK, ("openstack",)),
)


def write_cloud(scratch: Path, server: str, total: int) -> dict[str, str]:
    """Write the ``bench`` cloud under ``scratch``; return the child's environment changes."""
    home = scratch / "home"
    config = home / ".config" / "openstack"
    config.mkdir(parents=True, exist_ok=True)
    (scratch / "xdg").mkdir(exist_ok=True)
    (config / "clouds.yaml").write_text(
        "clouds:\n"
        f"  {CLOUD}:\n"
        "    auth:\n"
        f"      auth_url: {server}/c/{total}/v3\n"
        f"      username: {base.USERNAME}\n"
        f"      password: {base.PASSWORD}\n"
        f"      project_name: {base.PROJECT_NAME}\n"
        f"      user_domain_id: {base.DOMAIN_ID}\n"
        f"      project_domain_id: {base.DOMAIN_ID}\n"
        "    region_name: RegionOne\n"
        "    identity_api_version: 3\n",
        encoding="utf-8",
    )
    (config / "clouds.yaml").chmod(0o600)
    return {"HOME": str(home), "XDG_CONFIG_DIRS": str(scratch / "xdg")}


def spawn(python: str, code: str, env: dict[str, str], cwd: str) -> dict[str, Any]:
    """Run one interpreter; return its wall and CPU times, what it printed, its exit code."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        wall = time.perf_counter()
        proc = subprocess.Popen(
            [python, "-c", code],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            env=env,
            cwd=cwd,
        )
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - wall
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        printed = out.read().decode(errors="replace").splitlines()
        errors = err.read().decode(errors="replace").strip().splitlines()
    inside = [line[len(MARK) :].split() for line in printed if line.startswith(MARK)]
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "code": proc.returncode,
        "inside": [float(value) for value in inside[-1]] if inside else None,
        "message": errors[-1] if errors else "",
    }


def _record(target: Target) -> dict[str, Any]:
    return {"status": "ok", "wall_ms": [], "cpu_ms": [], "inside_cpu_ms": [], "inside_wall_ms": []}


def _add(record: dict[str, Any], target: Target, run: dict[str, Any], keep: bool) -> None:
    if run["code"] != 0 or (target.name != BASELINE and run["inside"] is None):
        record["status"] = failure_status(target, run["message"] or "no result line")
        return
    if not keep:
        return
    record["wall_ms"].append(run["wall"] * 1e3)
    record["cpu_ms"].append(run["cpu"] * 1e3)
    if run["inside"] is not None:
        record["inside_cpu_ms"].append(run["inside"][0] * 1e3)
        record["inside_wall_ms"].append(run["inside"][1] * 1e3)


def measure(
    python: str, env: dict[str, str], runs: int, names: tuple[str, ...], server: str, total: int
) -> dict[str, dict[str, Any]]:
    """Run every selected target ``runs`` times (after one dropped warm-up run)."""
    chosen = [t for t in TARGETS if t.name == BASELINE or t.name in names]
    results = {target.name: _record(target) for target in chosen}
    with tempfile.TemporaryDirectory(prefix="stackclient-bench-connect-") as scratch:
        child = dict(env, **write_cloud(Path(scratch), server, total))
        child.pop("XDG_CONFIG_HOME", None)
        for run in range(runs + 1):
            for target in chosen[run % len(chosen) :] + chosen[: run % len(chosen)]:
                record = results[target.name]
                if record["status"] == "ok":
                    _add(record, target, spawn(python, target.code, child, scratch), run > 0)
    return results

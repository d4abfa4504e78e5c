"""Record every benchmark run: one small JSON file per run in ``benchmarks/results/``.

Every harness (``python -m benchmarks``, ``benchmarks.network_run``,
``benchmarks.image_run``, ``benchmarks.volume_run``,
``benchmarks.cli_run`` ...) hands its results document to :func:`save`,
which adds what is needed to read the numbers later -- the commit and
whether the tree had uncommitted changes, the date, the machine (cores,
CPU model, load average when the run started) and the versions of the
libraries measured -- and writes it to
``benchmarks/results/<UTC date and time>-<harness>-<commit>.json``.
The files hold summaries and per-round values, a few kilobytes each,
and are meant to be committed: the README's tables are written from
them by ``python -m benchmarks.table`` (see :mod:`benchmarks.table`).

A harness calls :func:`start` when it begins (the load average then is
the one that matters) and :func:`save` at the end.
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path
from typing import Any

__all__ = ["RESULTS", "machine", "save", "start", "versions"]

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"

#: Distributions whose versions every record carries (those not installed are left out).
LIBRARIES = (
    "requests",
    "urllib3",
    "orjson",
    "simplejson",
    "PyYAML",
    "keystoneauth1",
    "python-keystoneclient",
    "python-novaclient",
    "python-glanceclient",
    "python-neutronclient",
    "python-cinderclient",
    "python-swiftclient",
    "openstacksdk",
    "python-openstackclient",
    "osc-lib",
    "cliff",
    "prettytable",
)


def _git(*args: str) -> str:
    try:
        done = subprocess.run(
            ["git", *args], cwd=str(ROOT), capture_output=True, text=True, check=False, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def commit() -> dict[str, Any]:
    """The commit measured, and whether tracked files differed from it (results excluded)."""
    status = _git(
        "status", "--porcelain", "--untracked-files=no", "--", ".", ":!benchmarks/results"
    )
    return {"commit": _git("rev-parse", "HEAD") or "unknown", "dirty": bool(status)}


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine() -> dict[str, Any]:
    """Cores, CPU model, OS kind and Python of this machine, and its load average now."""
    try:
        load = [round(value, 2) for value in os.getloadavg()]
    except OSError:
        load = []
    return {
        "cores": os.cpu_count(),
        "cpu": _cpu_model(),
        "system": "%s %s" % (platform.system(), platform.machine()),
        "python": "%s %s" % (platform.python_implementation(), platform.python_version()),
        "loadavg": load,
    }


def versions(python: str | None = None) -> dict[str, str]:
    """Versions of :data:`LIBRARIES` installed for ``python`` (this interpreter by default)."""
    if python:
        code = (
            "import json, sys\nfrom importlib import metadata\nfound = {}\n"
            "for name in sys.argv[1:]:\n    try: found[name] = metadata.version(name)\n"
            "    except metadata.PackageNotFoundError: pass\nprint(json.dumps(found))\n"
        )
        try:
            done = subprocess.run(
                [python, "-c", code, *LIBRARIES], capture_output=True, text=True, timeout=60
            )
            return dict(json.loads(done.stdout))
        except (OSError, subprocess.SubprocessError, ValueError):
            return {}
    found = {}
    for name in LIBRARIES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return found


def start() -> dict[str, Any]:
    """What to note when a run begins: the commit measured, the UTC time and the machine."""
    now = datetime.datetime.now(datetime.timezone.utc)
    return {
        **commit(),
        "started": now.isoformat(timespec="seconds"),
        "stamp": now.strftime("%Y%m%dT%H%M%SZ"),
        "machine": machine(),
    }


def _load_now() -> list[float]:
    try:
        return [round(value, 2) for value in os.getloadavg()]
    except OSError:
        return []


def save(
    harness: str,
    module: str,
    document: dict[str, Any],
    began: dict[str, Any],
    argv: list[str] | None = None,
    python: str | None = None,
    output: Path | None = None,
) -> Path:
    """Write ``document`` with the run's context to ``output`` (default: a new file in results/).

    ``harness`` names the run (``identity``, ``network`` ...); ``module`` is the
    harness module, whose ``readme_table(document)`` renders its README table.
    """
    measured = {key: began[key] for key in ("commit", "dirty")} if "commit" in began else commit()
    record = {
        "harness": harness,
        "module": module,
        "argv": list(argv or []),
        **measured,
        "started": began["started"],
        "machine": began["machine"],
        "loadavg_at_end": _load_now(),
        "libraries": versions(python),
        **document,
    }
    if output is None:
        name = "%s-%s-%s.json" % (began["stamp"], harness, record["commit"][:10])
        output = RESULTS / name
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return output

"""Command line of the local cloud: ``python3 tools/cloud.py <command>``.

* ``ensure`` -- build what is missing: the OpenStack and Swift venvs from
  the committed constraints, the Debian packages.
* ``start [--services a,b] [--state-dir D] [--set svc.key=value]`` -- start
  the services (and what they require); print the cloud's JSON description
  on stdout, also written 0600 to ``<state>/cloud.json``.
* ``stop [--state-dir D]`` -- stop everything started in that state dir.
* ``status [--state-dir D]`` -- print which services run; exit 0 if any does.

Progress goes to stderr.  Exit status 1 means something failed; the
message holds the relevant log tails.
"""

from __future__ import annotations

import argparse
import json
import signal
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .base import CloudError, progress
from .orchestrator import REPO_ROOT, cloud_status, ensure, start_cloud, stop_cloud
from .registry import SERVICES

__all__ = ["DEFAULT_STATE", "main"]

DEFAULT_STATE = REPO_ROOT / ".state" / "cloud"


def _names(text: str | None) -> list[str] | None:
    if not text:
        return None
    names = [n.strip() for n in text.split(",") if n.strip()]
    unknown = [n for n in names if n not in SERVICES]
    if unknown:
        raise CloudError(f"unknown services {unknown} (known: {', '.join(SERVICES)})")
    return names


def _options(pairs: Sequence[str]) -> dict[str, dict[str, Any]]:
    options: dict[str, dict[str, Any]] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        service, dot, option = key.partition(".")
        if not (sep and dot and service and option):
            raise CloudError(f"--set takes service.option=value, not {pair!r}")
        try:
            parsed: Any = json.loads(value)
        except ValueError:
            parsed = value
        options.setdefault(service, {})[option] = parsed
    return options


def _cmd_ensure(args: argparse.Namespace) -> int:
    venvs = ensure(_names(args.services))
    print(json.dumps({k: str(v) for k, v in venvs.items()}))
    return 0


def _cmd_start(args: argparse.Namespace) -> int:
    cloud = start_cloud(
        Path(args.state_dir), _names(args.services), options=_options(args.set or [])
    )
    print(json.dumps(cloud), flush=True)
    return 0


def _cmd_stop(args: argparse.Namespace) -> int:
    stopped = stop_cloud(Path(args.state_dir))
    progress(f"stopped {', '.join(stopped)}" if stopped else "nothing was running")
    return 0


def _cmd_status(args: argparse.Namespace) -> int:
    status = cloud_status(Path(args.state_dir))
    print(json.dumps(status))
    return 0 if status["running"] else 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cloud.py", description="Run OpenStack on loopback.")
    subs = parser.add_subparsers(dest="command", required=True)
    commands = (
        ("ensure", _cmd_ensure),
        ("start", _cmd_start),
        ("stop", _cmd_stop),
        ("status", _cmd_status),
    )
    for name, func in commands:
        sub = subs.add_parser(name)
        sub.set_defaults(func=func)
        if name in ("ensure", "start"):
            sub.add_argument("--services", help="comma-separated; default: all")
        if name != "ensure":
            sub.add_argument("--state-dir", default=str(DEFAULT_STATE))
        if name == "start":
            sub.add_argument(
                "--set", action="append", metavar="SERVICE.OPTION=VALUE", help="service option"
            )
    return parser


def _interrupt(signum: int, _frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the exit status.

    SIGTERM is handled like Ctrl-C, so that an interrupted ``start`` still
    stops what it had started.
    """
    args = _parser().parse_args(argv)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        return int(args.func(args))
    except CloudError as err:
        progress(f"ERROR: {err}")
        return 1
    except KeyboardInterrupt:
        progress("interrupted")
        return 130

#!/usr/bin/env python3
"""Run a Keystone alone on loopback (e.g. a second one with ``--list-limit``).

A thin front end over the local cloud (``tools/localcloud``, see
``tools/cloud.py``) that starts only its Keystone service, bare (only what
``keystone-manage bootstrap`` creates):

* ``ensure-venv`` -- build (or reuse) the OpenStack virtualenv.
* ``start [--state-dir D] [--list-limit N] [--port P] [--admin-password X]``
  -- start Keystone; print one JSON line describing it (``url``,
  ``auth_url``, ``admin_username``, ``admin_password``,
  ``admin_project_name``, ``admin_token``, ``state_dir``, ``port``,
  ``pid`` ... the top-level keys of the cloud's cloud.json).
* ``stop`` / ``status`` -- for that state directory.

Standard library only; never imports the project.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from localcloud.base import CloudError, progress  # noqa: E402
from localcloud.orchestrator import REPO_ROOT, cloud_status, start_cloud, stop_cloud  # noqa: E402
from localcloud.procs import run_checked  # noqa: E402
from localcloud.venvs import ensure_venv  # noqa: E402

__all__ = ["ServerError", "main", "run_checked"]

#: Kept for callers of the former stand-alone script.
ServerError = CloudError
DEFAULT_STATE = REPO_ROOT / ".state" / "keystone"


def _start(args: argparse.Namespace) -> int:
    options: dict[str, object] = {"bare": True}
    for key in ("list_limit", "port", "admin_password"):
        if getattr(args, key):
            options[key] = getattr(args, key)
    cloud = start_cloud(Path(args.state_dir), ["keystone"], options={"keystone": options})
    keystone = cloud["services"]["keystone"]
    report = {k: v for k, v in cloud.items() if k != "services"}
    report.update(pid=keystone["pid"], port=keystone["port"])
    print(json.dumps(report), flush=True)
    return 0


def _stop(args: argparse.Namespace) -> int:
    progress("stopped" if stop_cloud(Path(args.state_dir)) else "no server was running")
    return 0


def _status(args: argparse.Namespace) -> int:
    status = cloud_status(Path(args.state_dir))
    print(json.dumps(status))
    return 0 if status["running"] else 1


def _ensure(_args: argparse.Namespace) -> int:
    print(ensure_venv("openstack", REPO_ROOT, progress))
    return 0


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    subs = parser.add_subparsers(dest="command", required=True)
    subs.add_parser("ensure-venv").set_defaults(func=_ensure)
    for name, func in (("start", _start), ("stop", _stop), ("status", _status)):
        sub = subs.add_parser(name)
        sub.add_argument("--state-dir", default=str(DEFAULT_STATE))
        sub.set_defaults(func=func)
    start = subs.choices["start"]
    start.add_argument("--port", type=int, default=0)
    start.add_argument("--admin-password", default=None)
    start.add_argument("--list-limit", type=int, default=None)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Entry point; exit status 1 (with log tails on stderr) when anything fails."""
    args = _parse(argv)
    try:
        return int(args.func(args))
    except CloudError as err:
        progress(f"ERROR: {err}")
        return 1


if __name__ == "__main__":
    sys.exit(main())

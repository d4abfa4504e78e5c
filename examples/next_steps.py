"""The end of ``tools/demo.sh``: what it did, and how to use the cloud it left running.

Reads the cloud description (cloud.json, as printed by ``tools/cloud.py
start``) from the STACKCLIENT_DEMO_SERVER environment variable and prints,
on stdout: what was started, where the cloud answers, the files that let
any program use it (clouds.yaml, openrc, cloud.json), commands and Python
to try, and how to stop it. No password is printed: they are in those
files, which only the user can read.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import typing as _t

__all__ = ["main", "notes"]


def _short(path: str) -> str:
    """``path`` relative to the current directory when it is below it."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def _what_happened(cloud: dict[str, _t.Any], venv: str, seconds: int | None) -> list[str]:
    services = ", ".join(sorted(cloud.get("services", {})))
    took = " in %d s" % seconds if seconds is not None else ""
    return [
        "What happened%s:" % took,
        "  - installed stackclient into %s" % venv,
        "  - started real OpenStack services on 127.0.0.1: %s" % services,
        "  - drove them with stackclient: a project, a user and a role grant; a network,",
        "    an image and an object, each created and deleted again (the tables above)",
    ]


def _files(cloud: dict[str, _t.Any]) -> list[str]:
    state = _short(cloud["state_dir"])
    return [
        "The cloud is still running. Use it from your own scripts:",
        "  auth URL      %s  (region %s)" % (cloud["auth_url"], cloud.get("region_name")),
        "  users         %s (project %s), %s (project %s)"
        % (
            cloud["admin_username"],
            cloud["admin_project_name"],
            cloud["member_username"],
            cloud["member_project_name"],
        ),  # fmt: skip
        "  clouds.yaml   %s/clouds.yaml  (clouds 'local' = %s, 'local-demo' = %s)"
        % (state, cloud["admin_username"], cloud["member_username"]),
        "  OS_* file     %s/openrc" % state,
        "  everything    %s/cloud.json  (passwords are in these three files, mode 0600)" % state,
    ]


def _try(cloud: dict[str, _t.Any], venv: str) -> list[str]:
    state = _short(cloud["state_dir"])
    return [
        "Try:",
        "  export OS_CLIENT_CONFIG_FILE=$PWD/%s/clouds.yaml" % state,
        "  %s/bin/stack --os-cloud local project list" % venv,
        "  %s/bin/stack --os-cloud local-demo network list" % venv,
        "  %s/bin/python -c 'import stackclient; "
        'print(stackclient.connect(cloud="local").identity.projects.list())\'' % venv,
        "or, with OS_* variables:",
        "  . %s/openrc && %s/bin/stack project list" % (state, venv),
        "Its clouds.yaml entries can be copied into ~/.config/openstack/clouds.yaml.",
        "Guide: docs/getting-started.rst (the local cloud: docs/localcloud.rst).",
    ]


def notes(cloud: dict[str, _t.Any], venv: str = ".venvs/dev", seconds: int | None = None) -> str:
    """The closing notes for the running ``cloud`` (the content of cloud.json)."""
    stop = ["Stop it with:  tools/demo.sh stop"]
    parts = [_what_happened(cloud, venv, seconds), _files(cloud), _try(cloud, venv), stop]
    return "\n\n".join("\n".join(part) for part in parts) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--venv", default=".venvs/dev")
    parser.add_argument("--seconds", type=int, default=None, help="how long the demo took")
    args = parser.parse_args(argv)
    raw = os.environ.get("STACKCLIENT_DEMO_SERVER")
    if not raw:
        print("set STACKCLIENT_DEMO_SERVER to the JSON printed by tools/cloud.py start",
              file=sys.stderr)  # fmt: skip
        return 2
    print(notes(json.loads(raw), args.venv, args.seconds), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())

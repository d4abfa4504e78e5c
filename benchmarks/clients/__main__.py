"""Run one scenario for one client in this (fresh) process and print a JSON line.

Usage: ``python -m benchmarks.clients CLIENT SCENARIO --params '{"server": ...}'``.
The result line starts with :data:`RESULT_MARK`; it always has a
``status``: ``ok``, ``not installed``, or ``error: <short reason>``.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from typing import Any

from benchmarks.clients import ClientSpec, spec
from benchmarks.clients.scenarios import SCENARIOS, auth_url, peak_rss_kib

RESULT_MARK = "BENCH-RESULT "


def short_reason(exc: BaseException) -> str:
    """One line naming an exception, short enough for a table cell."""
    text = str(exc).strip().splitlines()
    detail = f": {text[0]}" if text else ""
    return f"{type(exc).__name__}{detail}"[:160]


def import_status(client: ClientSpec, exc: ImportError) -> str:
    """Say whether an import failure means 'not installed' or a real error."""
    missing = getattr(exc, "name", None) or ""
    if isinstance(exc, ModuleNotFoundError) and missing.split(".")[0] in client.packages:
        return "not installed"
    return f"error: import failed: {short_reason(exc)}"


def run(client_name: str, scenario: str, params: dict[str, Any]) -> dict[str, Any]:
    """Load the client's adapter and run the scenario; never raise."""
    client = spec(client_name)
    result: dict[str, Any] = {"client": client_name, "scenario": scenario, "status": "ok"}
    try:
        module = importlib.import_module(client.module)
    except ImportError as exc:
        result["status"] = import_status(client, exc)
        return result
    try:
        adapter = module.Adapter(auth_url(params))
        result["version"] = adapter.version()
        result.update(SCENARIOS[scenario](adapter, params))
    except Exception as exc:  # noqa: BLE001 - reported, never raised
        result["status"] = f"error: {short_reason(exc)}"
    result["maxrss_kib"] = peak_rss_kib()
    return result


def main(argv: list[str] | None = None) -> int:
    """Parse the command line, run, print the result line."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.clients")
    parser.add_argument("client")
    parser.add_argument("scenario", choices=sorted(SCENARIOS))
    parser.add_argument("--params", required=True, help="JSON object of scenario parameters")
    args = parser.parse_args(argv)
    result = run(args.client, args.scenario, json.loads(args.params))
    sys.stdout.write(RESULT_MARK + json.dumps(result) + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Run one object-store scenario for one client in this (fresh) process.

Usage: ``python -m benchmarks.objstore.runner CLIENT SCENARIO --params JSON``;
prints one ``BENCH-RESULT {...}`` line whose ``status`` is ``ok``, ``not
installed``, ``n/a: ...`` or ``error: <reason>``.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from benchmarks.clients.__main__ import RESULT_MARK, short_reason
from benchmarks.clients.scenarios import peak_rss_kib
from benchmarks.objstore.clients import ADAPTERS, PACKAGES
from benchmarks.objstore.scenarios import SCENARIOS


def run(client: str, scenario: str, params: dict[str, Any]) -> dict[str, Any]:
    """Build the adapter and run the scenario; never raise."""
    result: dict[str, Any] = {"client": client, "scenario": scenario, "status": "ok"}
    try:
        adapter = ADAPTERS[client](params["server"])
    except ModuleNotFoundError as exc:
        missing = (exc.name or "").split(".")[0]
        result["status"] = (
            "not installed" if missing == PACKAGES[client] else f"error: {short_reason(exc)}"
        )
        return result
    try:
        result["version"] = adapter.version()
        result.update(SCENARIOS[scenario](adapter, params))
    except Exception as exc:  # noqa: BLE001 - reported, never raised
        result["status"] = f"error: {short_reason(exc)}"
    result["maxrss_kib"] = peak_rss_kib()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.objstore.runner")
    parser.add_argument("client", choices=sorted(ADAPTERS))
    parser.add_argument("scenario", choices=sorted(SCENARIOS))
    parser.add_argument("--params", required=True)
    args = parser.parse_args(argv)
    result = run(args.client, args.scenario, json.loads(args.params))
    sys.stdout.write(RESULT_MARK + json.dumps(result) + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

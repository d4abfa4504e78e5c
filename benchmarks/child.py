"""What the service harnesses' client processes share.

Each harness runs one client and one scenario per process
(``python -m benchmarks.<service>_clients CLIENT SCENARIO --params JSON``)
and reads back one ``BENCH-RESULT {...}`` line. This module builds the
client, runs the scenario without ever raising, prints that line, and
times the repeated-call scenarios the same way for every service.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["RESULT_MARK", "cpu_per_call", "main", "run"]

RESULT_MARK = "BENCH-RESULT "

#: client name -> (runner factory taking the auth URL, packages that mean "not installed")
Runners = Mapping[str, tuple[Callable[[str], Any], tuple[str, ...]]]
Scenarios = Mapping[str, Callable[[Any, dict[str, Any]], dict[str, Any]]]


def cpu_per_call(
    work: Callable[[], Any],
    check: Callable[[Any], None],
    params: dict[str, Any],
    key: str = "cpu_ms_per_call",
) -> dict[str, Any]:
    """Median client CPU of ``work()`` over ``params["calls"]`` calls, each result checked.

    ``warmup`` calls come first; the loop stops early once ``min_calls``
    are done and ``budget_s`` seconds have passed.
    """
    for _ in range(params["warmup"]):
        check(work())
    cpu_times: list[float] = []
    started = time.perf_counter()
    while len(cpu_times) < params["calls"]:
        cpu = time.process_time()
        value = work()
        cpu_times.append(time.process_time() - cpu)
        check(value)
        if (
            len(cpu_times) >= params["min_calls"]
            and time.perf_counter() - started > params["budget_s"]
        ):
            break
    cpu_times.sort()
    return {key: 1000 * cpu_times[len(cpu_times) // 2], "calls": len(cpu_times)}


def run(
    runners: Runners,
    scenarios: Scenarios,
    client: str,
    scenario: str,
    params: dict[str, Any],
    nest: str | None = None,
) -> dict[str, Any]:
    """Build the client and run the scenario; never raise.

    The scenario's figures go into the result itself, or under ``nest``.
    """
    result: dict[str, Any] = {"client": client, "scenario": scenario, "status": "ok"}
    factory, packages = runners[client]
    try:
        runner = factory(params["server"] + "/v3")
    except ModuleNotFoundError as exc:
        if (exc.name or "").split(".")[0] in packages:
            result["status"] = "not installed"
            return result
        result["status"] = "error: %s" % str(exc)[:150]
        return result
    except Exception as exc:  # noqa: BLE001 - reported, never raised
        result["status"] = "error: %s: %s" % (type(exc).__name__, str(exc)[:150])
        return result
    result["version"] = runner.version
    try:
        figures = scenarios[scenario](runner, params)
        if nest:
            result[nest] = figures
        else:
            result.update(figures)
    except Exception as exc:  # noqa: BLE001 - reported, never raised
        result["status"] = "error: %s: %s" % (type(exc).__name__, str(exc)[:150])
    return result


def main(
    prog: str,
    runners: Runners,
    scenarios: Scenarios,
    argv: list[str] | None = None,
    nest: str | None = None,
) -> int:
    """Parse ``CLIENT SCENARIO --params JSON``, run, print the result line."""
    parser = argparse.ArgumentParser(prog=prog)
    parser.add_argument("client", choices=sorted(runners))
    parser.add_argument("scenario", choices=sorted(scenarios))
    parser.add_argument("--params", required=True)
    args = parser.parse_args(argv)
    result = run(runners, scenarios, args.client, args.scenario, json.loads(args.params), nest)
    sys.stdout.write(RESULT_MARK + json.dumps(result) + "\n")
    return 0

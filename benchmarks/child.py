"""What the service harnesses' client processes share.

Each harness runs one client and one scenario per process
(``python -m benchmarks.<service>_clients CLIENT SCENARIO --params JSON``)
and reads back one ``BENCH-RESULT {...}`` line. This module builds the
client, runs the scenario without ever raising, prints that line, and
times the repeated-call scenarios the same way for every service.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import sys
import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from benchmarks.clients.scenarios import current_rss_kib, peak_rss_kib

__all__ = ["RESULT_MARK", "cpu_per_call", "main", "run", "walk"]

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


def walk(
    items: Callable[[int], Iterable[Any]],
    read: Callable[[Any], tuple[str, str]],
    params: dict[str, Any],
    ident: Callable[[int], str],
) -> dict[str, Any]:
    """Consume a paged collection as the client yields it; CPU per item, peak RSS growth.

    ``items(limit)`` is the client's way of walking every item ``limit``
    per page (its generator where it has one); ``read(item)`` returns the
    item's id and name, as the caller would read them, inside the timed
    section. Paging is exercised first on pages of 2, outside it. The walk
    stops at a page boundary once ``params["walk_budget_s"]`` have passed,
    after two pages at least (a slow client walks fewer pages; ``items``
    says how many it walked).
    Checked: ``params["total"]`` items, or whole pages of them, the first
    and last with the ids ``ident(0)`` and ``ident(items - 1)``. The RSS
    growth is the peak after the walk minus the RSS before it, in MiB.
    """
    warm = iter(items(2))
    for item in itertools.islice(warm, 5):
        read(item)
    getattr(warm, "close", lambda: None)()
    del warm
    gc.collect()
    limit, total = params["limit"], params["total"]
    rss_before, peak_before = current_rss_kib(), peak_rss_kib()
    count, first, last, stopped = 0, "", "", False
    cpu, wall = time.process_time(), time.perf_counter()
    deadline = wall + params.get("walk_budget_s", float("inf"))
    walking = iter(items(limit))
    for item in walking:
        last = read(item)[0]
        first = first or last
        count += 1
        if count % limit == 0 and count > limit and time.perf_counter() > deadline:
            stopped = True
            break
    getattr(walking, "close", lambda: None)()
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    peak_after = peak_rss_kib()
    whole = count == total or (stopped and count < total)
    if not whole or (first, last) != (ident(0), ident(count - 1)):
        raise RuntimeError("walked %d items from %s to %s, expected %d from %s"
                           % (count, first, last, total, ident(0)))  # fmt: skip
    return {"cpu_us_per_item": 1e6 * cpu / count, "wall_us_per_item": 1e6 * wall / count,
            "cpu_s": cpu, "wall_s": wall, "items": count, "partial": int(count < total),
            "rss_growth_mib": max(peak_after - rss_before, 0) / 1024.0,
            "rss_before_kib": rss_before, "peak_before_kib": peak_before}  # fmt: skip


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

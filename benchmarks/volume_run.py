"""The block storage benchmarks: ``python -m benchmarks.volume_run``.

Starts the canned Cinder (:mod:`benchmarks.volume_server`), then runs each
scenario for each client in a fresh process per client per scenario for
R rounds (client order rotates each round), and prints medians and paired
ratios to raw requests (the median over rounds of client ÷ requests in
the same round). The run is recorded in ``benchmarks/results/``
(:mod:`benchmarks.record`).

Scenarios (see :mod:`benchmarks.volume_clients`): ``list20`` and ``list``
of 20 and 1,000 volumes in detail, ``get`` of one volume and ``create`` of
one, client CPU per call; ``walk`` of 20,000 volumes in pages of 1,000
(5,000 with ``--quick``), client CPU per item and peak RSS growth.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

from benchmarks import record
from benchmarks.run import child_env, launch, run_child, stop_server

RESULTS = Path(__file__).resolve().parent / "results"
CLIENTS = ("stackclient", "requests", "cinderclient", "openstacksdk")
BASELINE = "requests"
SCENARIOS = ("list20", "list", "get", "walk", "create")
JOB_TIMEOUT = 600.0
TOTAL = 1000
#: The paged walk: this many volumes (fewer with --quick) in pages of WALK_LIMIT.
WALK_TOTAL, WALK_TOTAL_QUICK, WALK_LIMIT = 20_000, 5000, 1000

#: (label, scenario, metric, unit, ratio to raw requests?)
ROWS = (
    ("list 20 volumes, CPU/call", "list20", "cpu_ms_per_call", "ms", True),
    ("list 1,000 volumes, CPU/call", "list", "cpu_ms_per_call", "ms", True),
    ("get one volume, CPU/call", "get", "cpu_ms_per_call", "ms", True),
    ("paged walk (pages of 1,000), CPU/item", "walk", "cpu_us_per_item", "µs", True),
    ("walk, peak RSS growth", "walk", "rss_growth_mib", "MiB", False),
    ("create a volume, CPU/call", "create", "cpu_ms_per_call", "ms", True),
)


def start(
    env: dict[str, str], total: int = TOTAL, page_size: int = 0
) -> tuple[subprocess.Popen[str], str]:
    """Start a canned Cinder of ``total`` volumes (its pages of ``page_size`` encoded)."""
    args = ["--list-total", str(total), "--page-size", str(page_size)]
    return launch("benchmarks.volume_server", args, env)


def run_job(
    env: dict[str, str], client: str, scenario: str, params: dict[str, Any]
) -> dict[str, Any]:
    """One runner process; its result (never raises)."""
    return run_child("benchmarks.volume_clients", client, scenario, params, env, JOB_TIMEOUT)


def rounds(options: argparse.Namespace, params: dict[str, Any]) -> dict[str, dict[str, list[Any]]]:
    """Every round: every scenario, clients in rotated order (``list20``: the
    runners' ``list`` against the server holding 20 volumes; ``walk``
    against the one holding the walk's volumes)."""
    env = child_env()
    runs: dict[str, dict[str, list[Any]]] = {}
    for number in range(options.rounds):
        shift = number % len(options.clients)
        order = options.clients[shift:] + options.clients[:shift]
        for scenario in options.only:
            for client in order:
                started = time.perf_counter()
                if scenario == "list20":
                    small = dict(params, server=params["server20"], total=20)
                    result = run_job(env, client, "list", small)
                elif scenario == "walk":
                    walk = dict(params, server=params["server_walk"], total=params["walk_total"],
                                limit=WALK_LIMIT)  # fmt: skip
                    result = run_job(env, client, "walk", walk)
                else:
                    result = run_job(env, client, scenario, params)
                print("  round %d %s %s: %s (%.1f s)" % (number + 1, scenario, client,
                      result["status"][:90], time.perf_counter() - started),
                      file=sys.stderr, flush=True)  # fmt: skip
                runs.setdefault(scenario, {}).setdefault(client, []).append(result)
    return runs


def _value(result: dict[str, Any], metric: str) -> float | None:
    return result.get(metric) if result.get("status") == "ok" else None


def summarise(runs: dict[str, dict[str, list[Any]]], clients: list[str]) -> list[dict[str, Any]]:
    """One row per metric: per client the median and the median paired ratio."""
    rows = []
    for label, scenario, metric, unit, ratio in ROWS:
        by_client = runs.get(scenario, {})
        base = by_client.get(BASELINE, []) if ratio else []
        row: dict[str, Any] = {"label": label, "cells": {}, "unit": unit}
        for client in clients:
            results = by_client.get(client, [])
            values = [v for v in (_value(r, metric) for r in results) if v is not None]
            if not values:
                statuses = {r.get("status", "?") for r in results}
                row["cells"][client] = {"status": ", ".join(sorted(statuses)) or "not run"}
                continue
            ratios = [a / b for a, b in ((_value(m, metric), _value(t, metric))
                                         for m, t in zip(results, base)) if a and b]  # fmt: skip
            cell: dict[str, Any] = {"median": statistics.median(values)}
            if ratios:
                cell["ratio"] = statistics.median(ratios)
            row["cells"][client] = cell
        rows.append(row)
    return rows


def _cell(cell: dict[str, Any], unit: str = "ms") -> str:
    if "median" not in cell:
        return cell["status"][:20]
    if "ratio" in cell:
        return "%.2f× (%.1f %s)" % (cell["ratio"], cell["median"], unit)
    return "%.1f %s" % (cell["median"], unit)


def rst_table(rows: list[dict[str, Any]], clients: list[str]) -> str:
    labels = {"requests": "raw requests"}
    header = ["Scenario"] + [labels.get(c, c) for c in clients]
    body = [[row["label"]] + [_cell(row["cells"][c], row.get("unit", "ms")) for c in clients]
            for row in rows]  # fmt: skip
    widths = [max(len(line[i]) for line in [header, *body]) for i in range(len(header))]
    rule = "  ".join("=" * w for w in widths)
    lines = [rule, "  ".join(h.ljust(w) for h, w in zip(header, widths)), rule]
    lines += ["  ".join(c.ljust(w) for c, w in zip(line, widths)) for line in body]
    return "\n".join([*lines, rule])


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.volume_run",
                                     description=__doc__.splitlines()[0])  # fmt: skip
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="1 round, small budgets")
    parser.add_argument("--only", default=",".join(SCENARIOS))
    parser.add_argument("--clients", default=",".join(CLIENTS))
    parser.add_argument("--output", type=Path, help="default: a new file in results/")
    parser.add_argument(
        "--report", type=Path, help="only print the tables of a JSON written before"
    )
    options = parser.parse_args(argv)
    if options.quick:
        options.rounds = 1
    options.only = [s for s in options.only.split(",") if s]
    options.clients = [c for c in options.clients.split(",") if c]
    if set(options.only) - set(SCENARIOS) or set(options.clients) - set(CLIENTS):
        parser.error("unknown scenario or client")
    return options


def main(argv: list[str] | None = None) -> int:
    options = parse_args(argv)
    began = record.start()
    if options.report:
        runs = json.loads(options.report.read_text())["runs"]
        print(rst_table(summarise(runs, options.clients), options.clients))
        return 0
    proc, server = start(child_env())
    small, server20 = start(child_env(), 20)
    procs = [proc, small]
    try:
        params = {"server": server, "server20": server20, "total": TOTAL, "warmup": 2,
                  "calls": 10 if options.quick else 40, "min_calls": 5,
                  "budget_s": 1.0 if options.quick else 3.0,
                  "walk_total": WALK_TOTAL_QUICK if options.quick else WALK_TOTAL}  # fmt: skip
        if "walk" in options.only:
            large, params["server_walk"] = start(child_env(), params["walk_total"], WALK_LIMIT)
            procs.append(large)
        runs = rounds(options, params)
    finally:
        for each in reversed(procs):
            stop_server(each)
    rows = summarise(runs, options.clients)
    document = {"rounds": options.rounds, "rows": rows, "runs": runs}
    document["clients"] = options.clients
    written = record.save(
        "volume", "benchmarks.volume_run", document, began, argv, None, options.output
    )
    print(rst_table(rows, options.clients))
    print("\nJSON written to %s" % written)
    return 0


def readme_table(document: dict[str, Any]) -> str:
    """The README table of a recorded run (see :mod:`benchmarks.table`)."""
    return rst_table(document["rows"], document["clients"])


if __name__ == "__main__":
    raise SystemExit(main())

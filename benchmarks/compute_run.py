"""The compute benchmarks: ``python -m benchmarks.compute_run``.

Starts the canned Keystone + Nova (:mod:`benchmarks.compute_server`), then
runs each scenario for each client (stackclient, raw requests,
python-novaclient, openstacksdk) in a fresh process per client per
scenario for R rounds (client order rotates each round), and prints
medians and paired ratios to raw requests (the median over rounds of
client ÷ requests in the same round). JSON goes to
``benchmarks/results/compute.json``.

Scenarios (see :mod:`benchmarks.compute_clients`): ``list20`` and
``list`` of 20 and 2,000 servers from ``/servers/detail`` in one page
(client CPU per call), ``get`` of one server by id (client CPU per call),
``walk`` of 20,000 servers 1,000 per page as the client yields them (CPU
per item, peak RSS growth), ``create`` of a server (client CPU per call)
and ``negotiate`` (version documents fetched by two clients on one
session making 20 calls each, and requests per call). ``list20`` and
``walk`` run against canned servers of their own holding 20 and 20,000
servers.
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
CLIENTS = ("stackclient", "requests", "novaclient", "openstacksdk")
LABELS = {"requests": "raw requests"}
BASELINE = "requests"
SCENARIOS = ("list20", "list", "get", "walk", "create", "negotiate")
JOB_TIMEOUT = 600.0

#: (label, scenario, metric, ratio to raw requests?)
ROWS = (
    ("C0. list 20 servers, CPU/call", "list20", "cpu_ms", True),
    ("C1. list 2,000 servers (detail, one page), CPU/call", "list", "cpu_ms", True),
    ("C1. list 2,000 servers, CPU/call (ms)", "list", "cpu_ms", False),
    ("C1. list 2,000 servers, wall/call (ms)", "list", "wall_ms", False),
    ("C2. version documents, 2 clients x 20 calls, 1 session", "negotiate", "version_requests",
     False),
    ("C2. compute requests per call", "negotiate", "requests_per_call", False),
    ("C3. get one server by id, CPU/call", "get", "cpu_ms", True),
    ("C4. walk 20,000 servers, 1,000 a page, CPU/item", "walk", "cpu_us_per_item", True),
    ("C4. walk, peak RSS growth (MiB)", "walk", "rss_growth_mib", False),
    ("C4. walk, servers walked", "walk", "items", False),
    ("C4. walk, page requests", "walk", "page_requests", False),
    ("C5. create a server, CPU/call", "create", "cpu_ms", True),
)  # fmt: skip


def settings(quick: bool) -> dict[str, Any]:
    """Scenario parameters; ``quick`` is a smoke run."""
    scale = 0.3 if quick else 1.0
    return {
        "rounds": 1 if quick else 5,
        "list": {"total": 2000, "calls": int(30 * scale) or 1, "warmup": 1, "min_calls": 2,
                 "budget_s": 4.0 * scale},
        "get": {"calls": int(300 * scale) or 1, "warmup": 5, "min_calls": 20,
                "budget_s": 2.0 * scale},
        "negotiate": {"calls": 20},
        "list20": {"total": 20, "calls": int(300 * scale) or 1, "warmup": 20, "min_calls": 10,
                   "budget_s": 1.0 * scale},
        "walk": {"total": 20_000, "limit": 1000, "walk_budget_s": 3.0 if quick else 10.0},
        "create": {"calls": int(300 * scale) or 1, "warmup": 5, "min_calls": 20,
                   "budget_s": 2.0 * scale},
    }  # fmt: skip


def start(env: dict[str, str], servers: int) -> tuple[subprocess.Popen[str], str]:
    """Start the canned server; return the process and its URL."""
    args = ["--servers", str(servers), "--exit-on-stdin-eof"]
    return launch("benchmarks.compute_server", args, env)


def run_job(
    python: str, env: dict[str, str], client: str, scenario: str, params: dict[str, Any]
) -> dict[str, Any]:
    """One runner process; its result (never raises)."""
    return run_child(
        "benchmarks.compute_clients", client, scenario, params, env, JOB_TIMEOUT, python
    )


def rounds(
    options: argparse.Namespace, config: dict[str, Any], servers: dict[str, str]
) -> dict[str, Any]:
    """Every round: every scenario, clients in rotated order.

    ``list20`` is the runners' ``list`` against the server holding 20
    servers; ``walk`` has a server of its own too.
    """
    env = child_env()
    runs: dict[str, dict[str, list[Any]]] = {}
    for number in range(options.rounds):
        shift = number % len(options.clients)
        order = options.clients[shift:] + options.clients[:shift]
        for scenario in options.only:
            for client in order:
                started = time.perf_counter()
                params = dict(config[scenario], server=servers.get(scenario, servers["list"]))
                job = "list" if scenario == "list20" else scenario
                result = run_job(options.python, env, client, job, params)
                print("  round %d %s %s: %s (%.1f s)" % (number + 1, scenario, client,
                      result["status"][:90], time.perf_counter() - started),
                      file=sys.stderr, flush=True)  # fmt: skip
                runs.setdefault(scenario, {}).setdefault(client, []).append(result)
    return runs


def _value(result: dict[str, Any], metric: str) -> float | None:
    if result.get("status") != "ok":
        return None
    return float(result["metrics"][metric])


def summarise(runs: dict[str, Any], clients: list[str]) -> list[dict[str, Any]]:
    """Per row and client: the median, and the median paired ratio to raw requests."""
    table = []
    for label, scenario, metric, ratio in ROWS:
        row: dict[str, Any] = {"label": label, "ratio": ratio, "cells": {}}
        base = runs.get(scenario, {}).get(BASELINE, [])
        for client in clients:
            results = runs.get(scenario, {}).get(client, [])
            values = [v for v in (_value(r, metric) for r in results) if v is not None]
            if not values:
                statuses = sorted({str(r.get("status")) for r in results}) or ["not run"]
                row["cells"][client] = {"text": ", ".join(statuses)}
                continue
            cell: dict[str, Any] = {"median": statistics.median(values)}
            pairs = [(_value(mine, metric), _value(theirs, metric))
                     for mine, theirs in zip(results, base)]  # fmt: skip
            quotients = [a / b for a, b in pairs if a is not None and b]
            if quotients:
                cell["ratio"] = statistics.median(quotients)
            row["cells"][client] = cell
        table.append(row)
    return table


def _cell(cell: dict[str, Any], ratio: bool) -> str:
    if "text" in cell:
        return cell["text"][:28]
    if ratio:
        return "%.2f×" % cell["ratio"] if "ratio" in cell else "n/a"
    value = cell["median"]
    return "%.3g" % value if value < 100 else "%.0f" % value


def rst_table(table: list[dict[str, Any]], clients: list[str]) -> str:
    """The README table: ratios on ratio rows, medians on the others."""
    header = ["Scenario"] + [LABELS.get(c, c) for c in clients]
    lines = [[row["label"]] + [_cell(row["cells"][c], row["ratio"]) for c in clients]
             for row in table]  # fmt: skip
    widths = [max(len(line[i]) for line in [header] + lines) for i in range(len(header))]
    rule = "  ".join("=" * w for w in widths)
    out = [rule, "  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip(), rule]
    out += ["  ".join(v.ljust(w) for v, w in zip(line, widths)).rstrip() for line in lines]
    return "\n".join(out + [rule])


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.compute_run",
                                     description=__doc__.splitlines()[0])  # fmt: skip
    parser.add_argument("--rounds", type=int, help="rounds (default 5, 1 with --quick)")
    parser.add_argument("--quick", action="store_true", help="a smoke run")
    parser.add_argument("--only", default=",".join(SCENARIOS), help="scenarios, e.g. list")
    parser.add_argument("--clients", default=",".join(CLIENTS), help="clients to run")
    parser.add_argument("--python", default=sys.executable, help="interpreter of the runners")
    parser.add_argument("--output", type=Path, help="default: a new file in results/")
    parser.add_argument(
        "--report", type=Path, help="only print the tables of a JSON written before"
    )
    options = parser.parse_args(argv)
    options.only = [s for s in options.only.split(",") if s]
    options.clients = [c for c in options.clients.split(",") if c]
    unknown = [s for s in options.only if s not in SCENARIOS]
    unknown += [c for c in options.clients if c not in CLIENTS]
    if unknown:
        parser.error("unknown scenario or client: %s" % ", ".join(unknown))
    return options


def _print(table: list[dict[str, Any]], clients: list[str], rounds_run: int) -> None:
    print("README table (ratios to raw requests paired per round; medians of %d rounds):\n"
          % rounds_run)  # fmt: skip
    print(rst_table(table, clients))


def main(argv: list[str] | None = None) -> int:
    """Run everything (or re-read a JSON with ``--report``); print the tables."""
    options = parse_args(argv)
    if options.report:
        document = json.loads(options.report.read_text())
        clients = [c for c in CLIENTS if any(c in s for s in document["runs"].values())]
        _print(summarise(document["runs"], clients), clients, document["meta"]["rounds"])
        return 0
    config = settings(options.quick)
    options.rounds = options.rounds or config["rounds"]
    began = record.start()
    started = time.perf_counter()
    servers: dict[str, str] = {}
    procs: list[subprocess.Popen[str]] = []
    try:
        for scenario in ("list", "list20", "walk"):
            if scenario == "list" or scenario in options.only:
                proc, servers[scenario] = start(child_env(), config[scenario]["total"])
                procs.append(proc)
        runs = rounds(options, config, servers)
    finally:
        for proc in procs:
            stop_server(proc)
    table = summarise(runs, options.clients)
    versions = {c: r.get("version") for s in runs.values() for c, rs in s.items() for r in rs
                if r.get("version")}  # fmt: skip
    document = {"meta": {"rounds": options.rounds, "settings": config, "versions": versions,
                         "seconds": round(time.perf_counter() - started, 1)},
                "summary": table, "runs": runs, "clients": options.clients}  # fmt: skip
    written = record.save("compute", "benchmarks.compute_run", document, began, argv,
                          options.python, options.output)  # fmt: skip
    _print(table, options.clients, options.rounds)
    print("\n%s s; JSON written to %s" % (document["meta"]["seconds"], written))
    return 0


def readme_table(document: dict[str, Any]) -> str:
    """The README table of a recorded run (see :mod:`benchmarks.table`)."""
    return rst_table(document["summary"], document["clients"])


if __name__ == "__main__":
    raise SystemExit(main())

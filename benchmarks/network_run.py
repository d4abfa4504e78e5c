"""The network benchmarks: ``python -m benchmarks.network_run``.

Starts the canned Keystone + Neutron (:mod:`benchmarks.network_server`),
then runs each scenario for each client (stackclient, raw requests,
python-neutronclient, openstacksdk) in a fresh process per client per
scenario for R rounds (client order rotates each round), and prints
medians and paired ratios to raw requests (the median over rounds of
client ÷ requests in the same round). The run is recorded in
``benchmarks/results/`` (:mod:`benchmarks.record`).

Scenarios (see :mod:`benchmarks.network_clients`): ``list20`` and ``list``
of 20 and 2,000 ports from one page (client CPU per call), ``get`` of a
network by id (client CPU per call), ``find`` of a network by name
(requests per call, client CPU per call), ``walk`` of 20,000 ports in
pages of 1,000 (5,000 with ``--quick``; client CPU per item, peak RSS
growth) and ``create`` of a network (client CPU per call).
"""

from __future__ import annotations

import argparse
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
CLIENTS = ("stackclient", "requests", "neutronclient", "openstacksdk")
LABELS = {"stackclient": "stackclient", "requests": "raw requests",
          "neutronclient": "neutronclient", "openstacksdk": "openstacksdk"}  # fmt: skip
BASELINE = "requests"
SCENARIOS = ("list20", "list", "get", "find", "walk", "create")
JOB_TIMEOUT = 300.0

#: (label, scenario, metric, ratio to raw requests?)
ROWS = (
    ("N0. list 20 ports, CPU/call", "list20", "cpu_us", True),
    ("N1. list 2,000 ports (one page), CPU/call", "list", "cpu_ms", True),
    ("N1. list 2,000 ports, wall/call (ms)", "list", "wall_ms", False),
    ("N2. find_network(name), requests/call", "find", "requests_per_call", False),
    ("N2. find_network(name), CPU/call", "find", "cpu_us", True),
    ("N3. get one network by id, CPU/call", "get", "cpu_us", True),
    ("N4. paged walk (pages of 1,000), CPU/item", "walk", "cpu_us_per_item", True),
    ("N4. walk, peak RSS growth (MiB)", "walk", "rss_growth_mib", False),
    ("N5. create a network, CPU/call", "create", "cpu_us", True),
)


def settings(quick: bool) -> dict[str, Any]:
    """Scenario parameters; ``quick`` is a smoke run."""
    scale = 0.3 if quick else 1.0
    return {
        "rounds": 1 if quick else 5,
        "list": {"total": 2000, "calls": int(40 * scale) or 1, "warmup": 3, "min_calls": 3,
                 "budget_s": 4.0 * scale},
        "find": {"calls": int(300 * scale), "warmup": 20, "min_calls": 10,
                 "budget_s": 1.0 * scale},
        "get": {"calls": int(300 * scale), "warmup": 20, "min_calls": 10,
                "budget_s": 1.0 * scale},
        "list20": {"total": 20, "calls": int(300 * scale), "warmup": 20, "min_calls": 10,
                   "budget_s": 1.0 * scale},
        "walk": {"total": 5000 if quick else 20_000, "limit": 1000},
        "create": {"calls": int(300 * scale), "warmup": 20, "min_calls": 10,
                   "budget_s": 1.0 * scale},
    }  # fmt: skip


def start(
    env: dict[str, str], ports: int, page_size: int = 0
) -> tuple[subprocess.Popen[str], str]:
    """Start the canned server (its pages of ``page_size`` encoded); the process and its URL."""
    args = ["--ports", str(ports), "--page-size", str(page_size), "--exit-on-stdin-eof"]
    return launch("benchmarks.network_server", args, env)


def run_job(
    python: str, env: dict[str, str], client: str, scenario: str, params: dict[str, Any]
) -> dict[str, Any]:
    """One runner process; its result (never raises)."""
    return run_child(
        "benchmarks.network_clients", client, scenario, params, env, JOB_TIMEOUT, python
    )


def rounds(
    options: argparse.Namespace, config: dict[str, Any], servers: dict[str, str]
) -> dict[str, Any]:
    """Every round: every scenario, clients in rotated order.

    ``list20`` is the runners' ``list`` against the server that holds 20 ports;
    ``walk`` runs against the one that holds the walk's ports.
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


def _value(result: dict[str, Any], metric: str) -> float | str:
    if result.get("status") != "ok":
        return str(result.get("status"))
    return float(result["metrics"][metric])


def summarise(runs: dict[str, Any], clients: list[str]) -> list[dict[str, Any]]:
    """Per row and client: the median, and the median paired ratio to raw requests."""
    table = []
    for label, scenario, metric, ratio in ROWS:
        row: dict[str, Any] = {"label": label, "cells": {}}
        base = runs.get(scenario, {}).get(BASELINE, [])
        for client in clients:
            values = [_value(r, metric) for r in runs.get(scenario, {}).get(client, [])]
            if not values or any(isinstance(v, str) for v in values):
                bad = [v for v in values if isinstance(v, str)]
                row["cells"][client] = {"text": bad[0] if bad else "not run"}
                continue
            cell: dict[str, Any] = {"median": statistics.median(values)}
            pairs = [(v, _value(b, metric)) for v, b in zip(values, base)]
            quotients = [v / b for v, b in pairs if isinstance(b, float) and b]
            if ratio and quotients:
                cell["ratio"] = statistics.median(quotients)
            row["cells"][client] = cell
        table.append(row)
    return table


def _cell(cell: dict[str, Any], ratio: bool) -> str:
    if "text" in cell:
        return cell["text"][:28]
    if ratio and "ratio" in cell:
        return "%.2f×" % cell["ratio"]
    value = cell["median"]
    return "%g" % round(value, 2) if value < 100 else "%.0f" % value


def rst_table(table: list[dict[str, Any]], clients: list[str]) -> str:
    """The README table: ratios where the row has them, medians otherwise."""
    header = ["Scenario"] + [LABELS[c] for c in clients]
    lines = [[row["label"]] + [_cell(row["cells"][c], "ratio" in row["cells"][c])
                               for c in clients] for row in table]  # fmt: skip
    widths = [max(len(line[i]) for line in [header] + lines) for i in range(len(header))]
    rule = "  ".join("=" * w for w in widths)
    out = [rule, "  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip(), rule]
    out += ["  ".join(v.ljust(w) for v, w in zip(line, widths)).rstrip() for line in lines]
    return "\n".join(out + [rule])


def medians_text(table: list[dict[str, Any]], clients: list[str]) -> str:
    """Every row's medians in the metric's own unit."""
    out = []
    for row in table:
        cells = [("%s %s" % (LABELS[c], _cell(dict(row["cells"][c], ratio=None), False)))
                 for c in clients]  # fmt: skip
        out.append("%s: %s" % (row["label"], "; ".join(cells)))
    return "\n".join(out)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.network_run",
                                     description=__doc__.splitlines()[0])  # fmt: skip
    parser.add_argument("--rounds", type=int, help="rounds (default 5, 1 with --quick)")
    parser.add_argument("--quick", action="store_true", help="a smoke run")
    parser.add_argument("--only", default=",".join(SCENARIOS), help="scenarios, e.g. list")
    parser.add_argument("--clients", default=",".join(CLIENTS), help="clients to run")
    parser.add_argument("--python", default=sys.executable, help="interpreter of the runners")
    parser.add_argument("--output", type=Path, help="default: a new file in results/")
    options = parser.parse_args(argv)
    options.only = [s for s in options.only.split(",") if s]
    options.clients = [c for c in options.clients.split(",") if c]
    unknown = [s for s in options.only if s not in SCENARIOS]
    unknown += [c for c in options.clients if c not in CLIENTS]
    if unknown:
        parser.error("unknown scenario or client: %s" % ", ".join(unknown))
    return options


def main(argv: list[str] | None = None) -> int:
    """Run everything; print the tables; write the JSON."""
    options = parse_args(argv)
    config = settings(options.quick)
    options.rounds = options.rounds or config["rounds"]
    began = record.start()
    started = time.perf_counter()
    proc, server = start(child_env(), config["list"]["total"])
    small, server20 = start(child_env(), config["list20"]["total"])
    servers = {"list": server, "list20": server20}
    procs = [proc, small]
    try:
        if "walk" in options.only:
            walk = config["walk"]
            large, servers["walk"] = start(child_env(), walk["total"], walk["limit"])
            procs.append(large)
        runs = rounds(options, config, servers)
    finally:
        for each in reversed(procs):
            stop_server(each)
    table = summarise(runs, options.clients)
    versions = {c: r.get("version") for s in runs.values() for c, rs in s.items() for r in rs
                if r.get("version")}  # fmt: skip
    document = {"meta": {"rounds": options.rounds, "settings": config, "versions": versions,
                         "seconds": round(time.perf_counter() - started, 1)},
                "summary": table, "runs": runs}  # fmt: skip
    document["clients"] = options.clients
    written = record.save("network", "benchmarks.network_run", document, began, argv,
                          options.python, options.output)  # fmt: skip
    print(medians_text(table, options.clients))
    print("\nREADME table (ratios to raw requests, paired per round; medians of %d rounds):\n"
          % options.rounds)  # fmt: skip
    print(rst_table(table, options.clients))
    print("\n%s s; JSON written to %s" % (document["meta"]["seconds"], written))
    return 0


def readme_table(document: dict[str, Any]) -> str:
    """The README table of a recorded run (see :mod:`benchmarks.table`)."""
    return rst_table(document["summary"], document["clients"])


if __name__ == "__main__":
    raise SystemExit(main())

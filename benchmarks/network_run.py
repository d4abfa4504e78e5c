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
import contextlib
import subprocess
import sys
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

from benchmarks.run import child_env, launch
from benchmarks.service import Cells, Row, Service, medians, serve

CLIENTS = ("stackclient", "requests", "neutronclient", "openstacksdk")
SCENARIOS = ("list20", "list", "get", "find", "walk", "create")

#: Rows with ``ratio`` show the paired ratio to raw requests, the others the median.
ROWS = (
    Row("N0. list 20 ports, CPU/call", "list20", "cpu_us", ratio=True),
    Row("N1. list 2,000 ports (one page), CPU/call", "list", "cpu_ms", ratio=True),
    Row("N1. list 2,000 ports, wall/call (ms)", "list", "wall_ms"),
    Row("N2. find_network(name), requests/call", "find", "requests_per_call"),
    Row("N2. find_network(name), CPU/call", "find", "cpu_us", ratio=True),
    Row("N3. get one network by id, CPU/call", "get", "cpu_us", ratio=True),
    Row("N4. paged walk (pages of 1,000), CPU/item", "walk", "cpu_us_per_item", ratio=True),
    Row("N4. walk, peak RSS growth (MiB)", "walk", "rss_growth_mib"),
    Row("N5. create a network, CPU/call", "create", "cpu_us", ratio=True),
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


def start_servers(
    options: argparse.Namespace, config: dict[str, Any], stack: contextlib.ExitStack
) -> tuple[dict[str, Any], dict[str, str]]:
    """Servers of 2,000 and of 20 ports; for ``walk``, one that pages the walk's ports."""
    servers = {scenario: serve(stack, start(child_env(), config[scenario]["total"]))
               for scenario in ("list", "list20")}  # fmt: skip
    if "walk" in options.only:
        walk = config["walk"]
        servers["walk"] = serve(stack, start(child_env(), walk["total"], walk["limit"]))
    return {"server": servers["list"]}, servers


def show(row: dict[str, Any], cell: dict[str, Any]) -> str:
    """The ratio where the cell has one; otherwise the median, to 2 decimals."""
    if "text" in cell:
        return cell["text"][:28]
    if "ratio" in cell:
        return "%.2f×" % cell["ratio"]
    value = cell["median"]
    return "%g" % round(value, 2) if value < 100 else "%.0f" % value


SERVICE = Service(
    harness="network",
    module="benchmarks.network_run",
    prog="python -m benchmarks.network_run",
    description=__doc__.splitlines()[0],
    clients=CLIENTS,
    scenarios=SCENARIOS,
    rows=ROWS,
    runner="benchmarks.network_clients",
    settings=lambda options: settings(options.quick),
    start=start_servers,
    show=show,
    cell=Cells(one_failure_fails=True),
    jobs={"list20": "list"},
    job_timeout=300.0,
    details=medians,
    python_option=True,
)
main = SERVICE.main
summarise = SERVICE.summarise
readme_table = SERVICE.readme_table


if __name__ == "__main__":
    raise SystemExit(main())

"""The compute benchmarks: ``python -m benchmarks.compute_run``.

Starts the canned Keystone + Nova (:mod:`benchmarks.compute_server`), then
runs each scenario for each client (stackclient, raw requests,
python-novaclient, openstacksdk) in a fresh process per client per
scenario for R rounds (client order rotates each round), and prints
medians and paired ratios to raw requests (the median over rounds of
client ÷ requests in the same round). The run is recorded in
``benchmarks/results/`` (:mod:`benchmarks.record`).

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
import contextlib
import subprocess
import sys
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

from benchmarks.run import child_env, launch
from benchmarks.service import Cells, Row, Service, serve

CLIENTS = ("stackclient", "requests", "novaclient", "openstacksdk")
SCENARIOS = ("list20", "list", "get", "walk", "create", "negotiate")

#: Rows with ``ratio`` show the paired ratio to raw requests, the others the median.
ROWS = (
    Row("C0. list 20 servers, CPU/call", "list20", "cpu_ms", ratio=True),
    Row("C1. list 2,000 servers (detail, one page), CPU/call", "list", "cpu_ms", ratio=True),
    Row("C1. list 2,000 servers, CPU/call (ms)", "list", "cpu_ms"),
    Row("C1. list 2,000 servers, wall/call (ms)", "list", "wall_ms"),
    Row("C2. version documents, 2 clients x 20 calls, 1 session", "negotiate", "version_requests"),
    Row("C2. compute requests per call", "negotiate", "requests_per_call"),
    Row("C3. get one server by id, CPU/call", "get", "cpu_ms", ratio=True),
    Row("C4. walk 20,000 servers, 1,000 a page, CPU/item", "walk", "cpu_us_per_item", ratio=True),
    Row("C4. walk, peak RSS growth (MiB)", "walk", "rss_growth_mib"),
    Row("C4. walk, servers walked", "walk", "items"),
    Row("C4. walk, page requests", "walk", "page_requests"),
    Row("C5. create a server, CPU/call", "create", "cpu_ms", ratio=True),
)


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


def start_servers(
    options: argparse.Namespace, config: dict[str, Any], stack: contextlib.ExitStack
) -> tuple[dict[str, Any], dict[str, str]]:
    """A server of 2,000 servers for every scenario; ``list20`` and ``walk`` have their own."""
    servers = {}
    for scenario in ("list", "list20", "walk"):
        if scenario == "list" or scenario in options.only:
            servers[scenario] = serve(stack, start(child_env(), config[scenario]["total"]))
    return {"server": servers["list"]}, servers


def show(row: dict[str, Any], cell: dict[str, Any]) -> str:
    """Ratio rows: the ratio alone; others: the median to 3 significant digits."""
    if "text" in cell:
        return cell["text"][:28]
    if row["ratio"]:
        return "%.2f×" % cell["ratio"] if "ratio" in cell else "n/a"
    value = cell["median"]
    return "%.3g" % value if value < 100 else "%.0f" % value


SERVICE = Service(
    harness="compute",
    module="benchmarks.compute_run",
    prog="python -m benchmarks.compute_run",
    description=__doc__.splitlines()[0],
    clients=CLIENTS,
    scenarios=SCENARIOS,
    rows=ROWS,
    runner="benchmarks.compute_clients",
    settings=lambda options: settings(options.quick),
    start=start_servers,
    show=show,
    cell=Cells(ratio_on_every_row=True),
    row_fields=("ratio",),
    jobs={"list20": "list"},
    python_option=True,
    report_option=True,
)
main = SERVICE.main
summarise = SERVICE.summarise
readme_table = SERVICE.readme_table


if __name__ == "__main__":
    raise SystemExit(main())

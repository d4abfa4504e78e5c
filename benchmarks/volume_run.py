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
import contextlib
import subprocess
import sys
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

from benchmarks.run import child_env, launch
from benchmarks.service import Cells, Row, Service, figures, serve

CLIENTS = ("stackclient", "requests", "cinderclient", "openstacksdk")
SCENARIOS = ("list20", "list", "get", "walk", "create")
TOTAL = 1000
#: The paged walk: this many volumes (fewer with --quick) in pages of WALK_LIMIT.
WALK_TOTAL, WALK_TOTAL_QUICK, WALK_LIMIT = 20_000, 5000, 1000

#: Every cell shows the median in ``unit``; ratio rows the paired ratio before it.
ROWS = (
    Row("list 20 volumes, CPU/call", "list20", "cpu_ms_per_call", ratio=True, unit="ms"),
    Row("list 1,000 volumes, CPU/call", "list", "cpu_ms_per_call", ratio=True, unit="ms"),
    Row("get one volume, CPU/call", "get", "cpu_ms_per_call", ratio=True, unit="ms"),
    Row("paged walk (pages of 1,000), CPU/item", "walk", "cpu_us_per_item", ratio=True, unit="µs"),
    Row("walk, peak RSS growth", "walk", "rss_growth_mib", unit="MiB"),
    Row("create a volume, CPU/call", "create", "cpu_ms_per_call", ratio=True, unit="ms"),
)


def settings(quick: bool) -> dict[str, Any]:
    """Scenario parameters (not recorded); ``quick`` is a smoke run."""
    per_call = {"total": TOTAL, "warmup": 2, "calls": 10 if quick else 40, "min_calls": 5,
                "budget_s": 1.0 if quick else 3.0}  # fmt: skip
    walk_total = WALK_TOTAL_QUICK if quick else WALK_TOTAL
    return {"list": per_call, "get": per_call, "create": per_call,
            "list20": dict(per_call, total=20),
            "walk": dict(per_call, total=walk_total, limit=WALK_LIMIT)}  # fmt: skip


def start(
    env: dict[str, str], total: int = TOTAL, page_size: int = 0
) -> tuple[subprocess.Popen[str], str]:
    """Start a canned Cinder of ``total`` volumes (its pages of ``page_size`` encoded)."""
    args = ["--list-total", str(total), "--page-size", str(page_size)]
    return launch("benchmarks.volume_server", args, env)


def start_servers(
    options: argparse.Namespace, config: dict[str, Any], stack: contextlib.ExitStack
) -> tuple[dict[str, Any], dict[str, str]]:
    """Servers of 1,000 and of 20 volumes; for ``walk``, one that pages the walk's volumes."""
    server = serve(stack, start(child_env()))
    servers = {"list20": serve(stack, start(child_env(), 20))}
    if "walk" in options.only:
        walk = config["walk"]
        servers["walk"] = serve(stack, start(child_env(), walk["total"], walk["limit"]))
    return {"server": server}, servers


def show(row: dict[str, Any], cell: dict[str, Any]) -> str:
    """The median in the row's unit, after the ratio where the cell has one."""
    unit = row.get("unit", "ms")
    if "median" not in cell:
        return cell["status"][:20]
    if "ratio" in cell:
        return "%.2f× (%.1f %s)" % (cell["ratio"], cell["median"], unit)
    return "%.1f %s" % (cell["median"], unit)


SERVICE = Service(
    harness="volume",
    module="benchmarks.volume_run",
    prog="python -m benchmarks.volume_run",
    description=__doc__.splitlines()[0],
    clients=CLIENTS,
    scenarios=SCENARIOS,
    rows=ROWS,
    runner="benchmarks.volume_clients",
    settings=lambda options: settings(options.quick),
    start=start_servers,
    show=show,
    value=figures(),
    cell=Cells(failed="status"),
    row_fields=("unit",),
    jobs={"list20": "list"},
    layout="flat",
    quick_help="1 round, small budgets",
    quick_sets={"rounds": 1},
    report_option=True,
)
main = SERVICE.main
summarise = SERVICE.summarise
readme_table = SERVICE.readme_table


if __name__ == "__main__":
    raise SystemExit(main())

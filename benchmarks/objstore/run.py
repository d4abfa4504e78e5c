"""The object-store harness: ``python -m benchmarks.objstore``.

Starts the canned Swift, writes a random file of 16 segments (1 GiB;
64 MiB with ``--quick``), runs every scenario for every client in a
fresh process per client per scenario for R rounds (client order rotates
each round), and prints medians, paired ratios to raw requests and a
README-ready table; the run is recorded in ``benchmarks/results/``.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import hashlib
import os
import platform
import tempfile
from typing import Any

from benchmarks import report
from benchmarks.objstore import server
from benchmarks.objstore.clients import ADAPTERS, LABELS
from benchmarks.run import child_env, launch
from benchmarks.service import Row, Service, figures, full_table, serve

SCENARIOS = ("upload", "download", "download-nocheck", "list", "resume")
CLIENTS = tuple(ADAPTERS)

#: Every cell shows the median in ``unit``; ratio rows the paired ratio after it.
ROWS = (
    Row("upload 1 GiB (16 segments): wall", "upload", "wall_s", True, "s", "up.wall"),
    Row("upload: client CPU", "upload", "cpu_s", True, "s", "up.cpu"),
    Row("upload: peak RSS growth", "upload", "rss_growth_mib", False, "MiB", "up.rss"),
    Row("upload: times the file was read", "upload", "file_reads", False, "x", "up.reads"),
    Row("download 1 GiB (16 segments): wall", "download", "wall_s", True, "s", "down.wall"),
    Row("download: client CPU", "download", "cpu_s", True, "s", "down.cpu"),
    Row("download: peak RSS growth", "download", "rss_growth_mib", False, "MiB", "down.rss"),
    Row("download, MD5 not checked: wall", "download-nocheck", "wall_s", True, "s", "down0.wall"),
    Row("download, MD5 not checked: client CPU", "download-nocheck", "cpu_s", True, "s",
        "down0.cpu"),
    Row("list 10,000 objects: CPU/call", "list", "cpu_ms", True, "ms", "list.cpu"),
    Row("list 10,000 objects: wall/call", "list", "wall_ms", True, "ms", "list.wall"),
    Row("resume: segments re-sent of 16", "resume", "resent", False, "", "resume"),
)  # fmt: skip
README_ROWS = (
    "up.wall",
    "up.rss",
    "up.reads",
    "down.wall",
    "down.rss",
    "down0.wall",
    "list.cpu",
    "resume",
)


def settings(quick: bool, threads: int) -> dict[str, Any]:
    """Scenario parameters; ``quick`` is a smoke run of about a minute."""
    mib = 4 if quick else 64
    return {
        "rounds": 1 if quick else 5,
        "segment_mib": mib,
        "threads": threads,
        "list": {
            "calls": 5 if quick else 20,
            "warmup": 1 if quick else 3,
            "min_calls": 1,
            "budget_s": 2.0 if quick else 6.0,
        },
        "stop_after": 5,
    }


def make_file(directory: str, segment: int) -> tuple[str, str, list[str]]:
    """A random file of 16 segments; its SLO ETag and segment MD5s."""
    path = os.path.join(directory, "upload.bin")
    etags = []
    with open(path, "wb") as handle:
        for _ in range(server.SEGMENTS):
            block = os.urandom(segment)
            etags.append(hashlib.md5(block).hexdigest())
            handle.write(block)
    return path, hashlib.md5("".join(etags).encode()).hexdigest(), etags


def server_etags(segment: int) -> list[str]:
    """The segment MD5s of the server's 1 GiB object (the same generator)."""
    return server.Store(segment).etags


def start_servers(
    options: argparse.Namespace, config: dict[str, Any], stack: contextlib.ExitStack
) -> tuple[dict[str, Any], dict[str, str]]:
    """The canned Swift and the file to upload; every scenario uses both."""
    segment = config["segment_mib"] * 1024 * 1024
    args = ["--segment-mib", str(config["segment_mib"]), "--exit-on-stdin-eof"]
    url = serve(stack, launch("benchmarks.objstore.server", args, child_env()))
    scratch = stack.enter_context(
        tempfile.TemporaryDirectory(prefix="stackclient-objstore-bench-")
    )
    path, file_etag, _ = make_file(scratch, segment)
    common = {"server": url, "file": path, "file_etag": file_etag, "segment": segment,
              "threads": options.threads, "scratch": scratch, "etags": server_etags(segment),
              "stop_after": config["stop_after"]}  # fmt: skip
    return common, {}


def show(row: dict[str, Any], cell: dict[str, Any]) -> str:
    """The median in the row's unit, and the ratio after it on ratio rows."""
    if cell["status"] != "ok":
        status = str(cell["status"])
        return "error" if status.startswith("error") else status
    value = cell["median"]
    text = {
        "s": f"{value:.2f} s",
        "ms": f"{value:.1f} ms",
        "MiB": f"{value:.0f} MiB",
        "x": f"{value:.2f}×",
    }.get(row["unit"], f"{value:.0f}")
    if row["ratio"] and "ratio" in cell:
        text += f" ({cell['ratio']:.2f}×)"
    return text


def facts(options: argparse.Namespace, config: dict[str, Any]) -> dict[str, Any]:
    """When the run ended, and this Python and machine."""
    return {
        "when": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
    }


SERVICE = Service(
    harness="objstore",
    module="benchmarks.objstore.run",
    prog="python -m benchmarks.objstore",
    description=__doc__.splitlines()[0],
    clients=CLIENTS,
    scenarios=SCENARIOS,
    rows=ROWS,
    runner="benchmarks.objstore.runner",
    settings=lambda options: settings(options.quick, options.threads),
    start=start_servers,
    show=show,
    value=figures("metrics", "counters"),
    cell=report.cell,
    row_fields=("key", "unit", "ratio"),
    only_rows_run=True,
    labels=LABELS,
    readme_rows=README_ROWS,
    details=full_table,
    facts=facts,
    quick_help="64 MiB instead of 1 GiB, one round",
    options=(
        (
            ("--threads",),
            {"type": int, "default": 8, "help": "transfer threads, the same for every client"},
        ),
    ),  # fmt: skip
)
main = SERVICE.main
summarise = SERVICE.summarise
readme_table = SERVICE.readme_table


if __name__ == "__main__":
    raise SystemExit(main())

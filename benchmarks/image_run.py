"""The image benchmarks: ``python -m benchmarks.image_run``.

Writes a random data file (1 GiB by default), starts the canned Glance
(:mod:`benchmarks.image_server`), uploads the file once with raw requests
for the download scenario, then runs each scenario for each client in a
fresh process per client per scenario for R rounds (client order rotates
each round), and prints medians and paired ratios to raw requests (the
median over rounds of client ÷ requests in the same round). JSON goes to
``benchmarks/results/image.json``.

Scenarios (see :mod:`benchmarks.image_clients`): ``upload`` and
``download`` of the file (MiB/s, source reads per byte, peak RSS growth),
``list20`` and ``list`` of 20 and 1,000 images in one page, ``get`` of one
image and ``create`` of an image record without data (client CPU per
call), and ``walk`` of 20,000 images 1,000 per page as the client yields
them (CPU per item, peak RSS growth). ``list20`` and ``walk`` run against
canned Glances of their own holding 20 and 20,000 images, without data.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

from benchmarks import record
from benchmarks.run import child_env, launch, run_child, stop_server

RESULTS = Path(__file__).resolve().parent / "results"
CLIENTS = ("stackclient", "requests", "glanceclient", "openstacksdk")
BASELINE = "requests"
SCENARIOS = ("upload", "download", "list20", "list", "get", "walk", "create")
JOB_TIMEOUT = 600.0
_MIB = 1024 * 1024

#: (label, scenario, metric, how a ratio is formed: "throughput" or "cost"; None: no ratio)
ROWS = (
    ("upload 1 GiB, throughput", "upload", "mib_per_s", "throughput"),
    ("upload, client CPU (s)", "upload", "cpu_s", "cost"),
    ("upload, source bytes read / size", "upload", "source_reads", None),
    ("upload, peak RSS growth (MiB)", "upload", "rss_growth_mib", None),
    ("download 1 GiB, throughput", "download", "mib_per_s", "throughput"),
    ("download, client CPU (s)", "download", "cpu_s", "cost"),
    ("download, peak RSS growth (MiB)", "download", "rss_growth_mib", None),
    ("list 1,000 images, CPU/call", "list", "cpu_ms_per_call", "cost"),
    ("list 20 images, CPU/call", "list20", "cpu_us_per_call", "cost"),
    ("get one image, CPU/call", "get", "cpu_us_per_call", "cost"),
    ("walk 20,000 images, 1,000 a page, CPU/item", "walk", "cpu_us_per_item", "cost"),
    ("walk, peak RSS growth (MiB)", "walk", "rss_growth_mib", None),
    ("walk, images walked", "walk", "items", None),
    ("walk, page requests", "walk", "page_requests", None),
    ("create an image record, CPU/call", "create", "cpu_us_per_call", "cost"),
)
#: The unit a ratio row's median is shown in, by metric (older runs: by label).
UNITS = {"mib_per_s": " MiB/s", "cpu_s": " s", "cpu_ms_per_call": " ms",
         "cpu_us_per_call": " µs", "cpu_us_per_item": " µs"}  # fmt: skip
#: Metrics that count things, shown as whole numbers.
COUNTS = ("items", "page_requests")


def write_data(path: Path, size: int) -> None:
    """Write ``size`` random bytes to ``path`` (incompressible, like a disk image)."""
    with open(path, "wb") as handle:
        left = size
        while left:
            step = min(left, 16 * _MIB)
            handle.write(os.urandom(step))
            left -= step


def start(
    data: Path | None, env: dict[str, str], total: int = 1000
) -> tuple[subprocess.Popen[str], str]:
    """A canned Glance listing ``total`` images; with no ``data``, one that has none."""
    args = ["--list-total", str(total)] + (["--data", str(data)] if data else [])
    return launch("benchmarks.image_server", args, env)


def settings(quick: bool) -> dict[str, dict[str, Any]]:
    """Per-scenario parameters (upload and download need none); ``quick`` is a smoke run."""
    scale = 0.3 if quick else 1.0
    per_call = {"calls": int(300 * scale), "warmup": 20, "min_calls": 10,
                "budget_s": 1.0 * scale}  # fmt: skip
    return {
        "list": {"total": 1000, "warmup": 1, "calls": 30, "min_calls": 5, "budget_s": 2.0},
        "list20": dict(per_call, total=20),
        "get": per_call,
        "create": per_call,
        "walk": {"total": 20_000, "limit": 1000, "walk_budget_s": 3.0 if quick else 10.0},
    }


def upload_once(server: str, data: Path) -> str:
    """Upload the data once with raw requests; return the image id to download."""
    import requests

    body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
        "name": "admin", "password": "secret", "domain": {"id": "default"}}}}}}  # fmt: skip
    token = requests.post(server + "/v3/auth/tokens", json=body).headers["X-Subject-Token"]
    headers = {"X-Auth-Token": token}
    image = requests.post(server + "/image/v2/images", json={"name": "download-me"},
                          headers=headers).json()  # fmt: skip
    with open(data, "rb") as handle:
        requests.put("%s/image/v2/images/%s/file" % (server, image["id"]), data=handle,
                     headers=headers).raise_for_status()  # fmt: skip
    return str(image["id"])


def run_job(
    env: dict[str, str], client: str, scenario: str, params: dict[str, Any]
) -> dict[str, Any]:
    """One runner process; its result (never raises)."""
    return run_child("benchmarks.image_clients", client, scenario, params, env, JOB_TIMEOUT)


def rounds(
    options: argparse.Namespace, params: dict[str, Any], config: dict[str, dict[str, Any]]
) -> dict[str, dict[str, list[Any]]]:
    """Every round: every scenario, clients in rotated order.

    ``list20`` is the runners' ``list`` against the server holding 20
    images; ``walk`` has a server of its own too.
    """
    env = child_env()
    runs: dict[str, dict[str, list[Any]]] = {}
    for number in range(options.rounds):
        shift = number % len(options.clients)
        order = options.clients[shift:] + options.clients[:shift]
        for scenario in options.only:
            for client in order:
                started = time.perf_counter()
                server = params["servers"].get(scenario, params["server"])
                job = "list" if scenario == "list20" else scenario
                result = run_job(env, client, job, dict(params, **config.get(scenario, {}),
                                                        server=server))  # fmt: skip
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
    for label, scenario, metric, kind in ROWS:
        by_client = runs.get(scenario, {})
        row: dict[str, Any] = {"label": label, "cells": {}, "unit": UNITS.get(metric, "")}
        if metric in COUNTS:
            row["count"] = True
        base = by_client.get(BASELINE, [])
        for client in clients:
            results = by_client.get(client, [])
            values = [v for v in (_value(r, metric) for r in results) if v is not None]
            if not values:
                statuses = {r.get("status", "?") for r in results}
                row["cells"][client] = {"status": ", ".join(sorted(statuses)) or "not run"}
                continue
            cell: dict[str, Any] = {"median": statistics.median(values)}
            ratios = []
            for mine, theirs in zip(results, base):
                a, b = _value(mine, metric), _value(theirs, metric)
                if kind and a and b:
                    ratios.append(a / b)
            if ratios:
                cell["ratio"] = statistics.median(ratios)
            row["cells"][client] = cell
        rows.append(row)
    return rows


def _cell(
    cell: dict[str, Any], metric_label: str, unit: str | None = None, count: bool = False
) -> str:
    if "median" not in cell:
        return cell["status"][:20]
    if count:
        return "%.0f" % cell["median"]
    if "ratio" in cell:
        unit = unit or (
            " MiB/s" if "throughput" in metric_label else " s" if "(s)" in metric_label else " ms"
        )
        return "%.2f× (%.0f%s)" % (cell["ratio"], cell["median"], unit)
    return "%.2f" % cell["median"] if cell["median"] < 10 else "%.0f" % cell["median"]


def rst_table(rows: list[dict[str, Any]], clients: list[str]) -> str:
    labels = {"requests": "raw requests"}
    header = ["Scenario"] + [labels.get(c, c) for c in clients]
    body = [
        [row["label"]]
        + [
            _cell(row["cells"][c], row["label"], row.get("unit"), row.get("count", False))
            for c in clients
        ]  # fmt: skip
        for row in rows
    ]
    widths = [max(len(line[i]) for line in [header, *body]) for i in range(len(header))]
    rule = "  ".join("=" * w for w in widths)
    lines = [rule, "  ".join(h.ljust(w) for h, w in zip(header, widths)), rule]
    lines += ["  ".join(c.ljust(w) for c, w in zip(line, widths)) for line in body]
    return "\n".join([*lines, rule])


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.image_run",
                                     description=__doc__.splitlines()[0])  # fmt: skip
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--size-mib", type=int, default=1024, help="size of the image data")
    parser.add_argument("--quick", action="store_true", help="1 round, 64 MiB")
    parser.add_argument("--only", default=",".join(SCENARIOS))
    parser.add_argument("--clients", default=",".join(CLIENTS))
    parser.add_argument("--scratch", help="folder for the data file and downloads")
    parser.add_argument("--output", type=Path, help="default: a new file in results/")
    parser.add_argument(
        "--report", type=Path, help="only print the tables of a JSON written before"
    )
    options = parser.parse_args(argv)
    if options.quick:
        options.rounds, options.size_mib = 1, 64
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
    config = settings(options.quick)
    with tempfile.TemporaryDirectory(
        prefix="stackclient-image-bench-", dir=options.scratch
    ) as scratch:
        data = Path(scratch) / "image.raw"
        write_data(data, options.size_mib * _MIB)
        proc, server = start(data, child_env())
        others: list[subprocess.Popen[str]] = []
        try:
            servers = {}
            for scenario in ("list20", "walk"):
                if scenario in options.only:
                    small, servers[scenario] = start(None, child_env(), config[scenario]["total"])
                    others.append(small)
            params = {"server": server, "servers": servers, "data": str(data),
                      "scratch": scratch, "image_id": upload_once(server, data)}  # fmt: skip
            runs = rounds(options, params, config)
        finally:
            for small in others:
                stop_server(small)
            stop_server(proc)
    rows = summarise(runs, options.clients)
    document = {"rounds": options.rounds, "size_mib": options.size_mib, "rows": rows, "runs": runs,
                "settings": config}  # fmt: skip
    document["clients"] = options.clients
    written = record.save(
        "image", "benchmarks.image_run", document, began, argv, None, options.output
    )
    print(rst_table(rows, options.clients))
    print("\nJSON written to %s" % written)
    return 0


def readme_table(document: dict[str, Any]) -> str:
    """The README table of a recorded run (see :mod:`benchmarks.table`)."""
    return rst_table(document["rows"], document["clients"])


if __name__ == "__main__":
    raise SystemExit(main())

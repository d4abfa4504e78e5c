"""The image benchmarks: ``python -m benchmarks.image_run``.

Writes a random data file (1 GiB by default), starts the canned Glance
(:mod:`benchmarks.image_server`), uploads the file once with raw requests
for the download scenario, then runs each scenario for each client in a
fresh process per client per scenario for R rounds (client order rotates
each round), and prints medians and paired ratios to raw requests (the
median over rounds of client ÷ requests in the same round). The run is
recorded in ``benchmarks/results/`` (:mod:`benchmarks.record`).

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
import contextlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

from benchmarks.run import child_env, launch
from benchmarks.service import Cells, Row, Service, figures, serve

CLIENTS = ("stackclient", "requests", "glanceclient", "openstacksdk")
SCENARIOS = ("upload", "download", "list20", "list", "get", "walk", "create")
_MIB = 1024 * 1024
#: The unit a ratio row's median is shown in, by metric (older runs: by label).
UNITS = {"mib_per_s": " MiB/s", "cpu_s": " s", "cpu_ms_per_call": " ms",
         "cpu_us_per_call": " µs", "cpu_us_per_item": " µs"}  # fmt: skip
#: Metrics that count things, shown as whole numbers.
COUNTS = ("items", "page_requests")


def _row(label: str, scenario: str, metric: str, ratio: bool) -> Row:
    return Row(label, scenario, metric, ratio, UNITS.get(metric, ""), count=metric in COUNTS)


#: Ratio rows (throughputs and costs alike) show the paired ratio and the median.
ROWS = (
    _row("upload 1 GiB, throughput", "upload", "mib_per_s", True),
    _row("upload, client CPU (s)", "upload", "cpu_s", True),
    _row("upload, source bytes read / size", "upload", "source_reads", False),
    _row("upload, peak RSS growth (MiB)", "upload", "rss_growth_mib", False),
    _row("download 1 GiB, throughput", "download", "mib_per_s", True),
    _row("download, client CPU (s)", "download", "cpu_s", True),
    _row("download, peak RSS growth (MiB)", "download", "rss_growth_mib", False),
    _row("list 1,000 images, CPU/call", "list", "cpu_ms_per_call", True),
    _row("list 20 images, CPU/call", "list20", "cpu_us_per_call", True),
    _row("get one image, CPU/call", "get", "cpu_us_per_call", True),
    _row("walk 20,000 images, 1,000 a page, CPU/item", "walk", "cpu_us_per_item", True),
    _row("walk, peak RSS growth (MiB)", "walk", "rss_growth_mib", False),
    _row("walk, images walked", "walk", "items", False),
    _row("walk, page requests", "walk", "page_requests", False),
    _row("create an image record, CPU/call", "create", "cpu_us_per_call", True),
)


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


def start_servers(
    options: argparse.Namespace, config: dict[str, Any], stack: contextlib.ExitStack
) -> tuple[dict[str, Any], dict[str, str]]:
    """The data file and a Glance holding it (uploaded once, for ``download``);
    ``list20`` and ``walk`` have Glances of their own, without data."""
    scratch = stack.enter_context(
        tempfile.TemporaryDirectory(prefix="stackclient-image-bench-", dir=options.scratch)
    )
    data = Path(scratch) / "image.raw"
    write_data(data, options.size_mib * _MIB)
    server = serve(stack, start(data, child_env()))
    servers = {}
    for scenario in ("list20", "walk"):
        if scenario in options.only:
            servers[scenario] = serve(stack, start(None, child_env(), config[scenario]["total"]))
    common = {"server": server, "servers": servers, "data": str(data), "scratch": scratch,
              "image_id": upload_once(server, data)}  # fmt: skip
    return common, servers


def show(row: dict[str, Any], cell: dict[str, Any]) -> str:
    """Counts whole; the ratio with the median in the row's unit; else the median."""
    if "median" not in cell:
        return cell["status"][:20]
    if row.get("count", False):
        return "%.0f" % cell["median"]
    if "ratio" in cell:
        label = row["label"]
        unit = row.get("unit") or (
            " MiB/s" if "throughput" in label else " s" if "(s)" in label else " ms"
        )
        return "%.2f× (%.0f%s)" % (cell["ratio"], cell["median"], unit)
    return "%.2f" % cell["median"] if cell["median"] < 10 else "%.0f" % cell["median"]


SERVICE = Service(
    harness="image",
    module="benchmarks.image_run",
    prog="python -m benchmarks.image_run",
    description=__doc__.splitlines()[0],
    clients=CLIENTS,
    scenarios=SCENARIOS,
    rows=ROWS,
    runner="benchmarks.image_clients",
    settings=lambda options: settings(options.quick),
    start=start_servers,
    show=show,
    value=figures(),
    cell=Cells(failed="status"),
    row_fields=("unit",),
    jobs={"list20": "list"},
    layout="flat",
    facts=lambda options, config: {"size_mib": options.size_mib, "settings": config},
    quick_help="1 round, 64 MiB",
    quick_sets={"rounds": 1, "size_mib": 64},
    report_option=True,
    options=(
        (("--size-mib",), {"type": int, "default": 1024, "help": "size of the image data"}),
        (("--scratch",), {"help": "folder for the data file and downloads"}),
    ),
)
main = SERVICE.main
summarise = SERVICE.summarise
readme_table = SERVICE.readme_table


if __name__ == "__main__":
    raise SystemExit(main())

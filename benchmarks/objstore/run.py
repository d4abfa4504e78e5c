"""The object-store harness: ``python -m benchmarks.objstore``.

Starts the canned Swift, writes a random file of 16 segments (1 GiB;
64 MiB with ``--quick``), runs every scenario for every client in a
fresh process per client per scenario for R rounds (client order rotates
each round), and prints medians, paired ratios to raw requests and a
README-ready table; the JSON goes to ``benchmarks/results/objstore-latest.json``.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks import record, report
from benchmarks.objstore import server
from benchmarks.objstore.clients import ADAPTERS, LABELS
from benchmarks.run import child_env, progress, run_child, stop_server

RESULTS = Path(__file__).resolve().parent.parent / "results"
ROOT = Path(__file__).resolve().parent.parent.parent
SCENARIOS = ("upload", "download", "download-nocheck", "list", "resume")
CLIENTS = tuple(ADAPTERS)
BASELINE = "requests"
JOB_TIMEOUT = 600.0

#: (key, scenario, label, unit, metric, ratio?)
ROWS = (
    ("up.wall", "upload", "upload 1 GiB (16 segments): wall", "s", "wall_s", True),
    ("up.cpu", "upload", "upload: client CPU", "s", "cpu_s", True),
    ("up.rss", "upload", "upload: peak RSS growth", "MiB", "rss_growth_mib", False),
    ("up.reads", "upload", "upload: times the file was read", "x", "file_reads", False),
    ("down.wall", "download", "download 1 GiB (16 segments): wall", "s", "wall_s", True),
    ("down.cpu", "download", "download: client CPU", "s", "cpu_s", True),
    ("down.rss", "download", "download: peak RSS growth", "MiB", "rss_growth_mib", False),
    ("down0.wall", "download-nocheck", "download, MD5 not checked: wall", "s", "wall_s", True),
    ("down0.cpu", "download-nocheck", "download, MD5 not checked: client CPU", "s", "cpu_s", True),
    ("list.cpu", "list", "list 10,000 objects: CPU/call", "ms", "cpu_ms", True),
    ("list.wall", "list", "list 10,000 objects: wall/call", "ms", "wall_ms", True),
    ("resume", "resume", "resume: segments re-sent of 16", "", "resent", False),
)
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


def start_server(env: dict[str, str], segment_mib: int) -> tuple[subprocess.Popen[str], str]:
    command = [sys.executable, "-m", "benchmarks.objstore.server", "--port", "0",
               "--segment-mib", str(segment_mib), "--exit-on-stdin-eof"]  # fmt: skip
    proc = subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env, cwd=str(ROOT)
    )
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    if not line.startswith("READY "):
        stop_server(proc)
        raise RuntimeError(f"the object-store benchmark server did not start: {line!r}")
    return proc, line.split(" ", 1)[1]


def server_etags(segment: int) -> list[str]:
    """The segment MD5s of the server's 1 GiB object (the same generator)."""
    return server.Store(segment).etags


def run_job(
    env: dict[str, str], client: str, scenario: str, params: dict[str, Any]
) -> dict[str, Any]:
    """One runner process; its result (never raises)."""
    return run_child("benchmarks.objstore.runner", client, scenario, params, env, JOB_TIMEOUT)


def run_rounds(
    options: argparse.Namespace, config: dict[str, Any], base: dict[str, Any]
) -> dict[str, dict[str, list[dict[str, Any]]]]:
    env = child_env()
    runs: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for number in range(options.rounds):
        progress(f"round {number + 1}/{options.rounds}")
        shift = number % len(options.clients)
        order = options.clients[shift:] + options.clients[:shift]
        for scenario in options.only:
            params = dict(base, **(config["list"] if scenario == "list" else {}))
            for client in order:
                started = time.perf_counter()
                result = run_job(env, client, scenario, params)
                progress(
                    f"  {scenario:8} {client:12} {result['status'][:70]} ({time.perf_counter() - started:.1f} s)"
                )
                runs.setdefault(scenario, {}).setdefault(client, []).append(result)
    return runs


def _value(result: dict[str, Any], name: str) -> float | str:
    if result.get("status") != "ok":
        return str(result.get("status", "error"))
    for section in ("metrics", "counters"):
        if name in result.get(section, {}):
            return float(result[section][name])
    return f"error: no {name}"


def summarise(runs: dict[str, Any], clients: list[str]) -> list[dict[str, Any]]:
    summary = []
    for key, scenario, label, unit, name, ratio in ROWS:
        if scenario not in runs:
            continue
        base = [_value(r, name) for r in runs[scenario].get(BASELINE, [])]
        cells = {}
        for client in clients:
            values = [_value(r, name) for r in runs[scenario].get(client, [])]
            cells[client] = report.cell(values, base, ratio) if values else {"status": "not run"}
        summary.append({"key": key, "label": label, "unit": unit, "ratio": ratio, "cells": cells})
    return summary


def _fmt(found: dict[str, Any], unit: str, with_ratio: bool) -> str:
    if found["status"] != "ok":
        status = str(found["status"])
        return "error" if status.startswith("error") else status
    value = found["median"]
    text = {
        "s": f"{value:.2f} s",
        "ms": f"{value:.1f} ms",
        "MiB": f"{value:.0f} MiB",
        "x": f"{value:.2f}×",
    }.get(unit, f"{value:.0f}")
    if with_ratio and "ratio" in found:
        text += f" ({found['ratio']:.2f}×)"
    return text


def tables(summary: list[dict[str, Any]], clients: list[str], readme: bool) -> str:
    rows = [r for r in summary if not readme or r["key"] in README_ROWS]
    header = ["Scenario" if readme else "metric"] + [LABELS[c] for c in clients]
    lines = [
        [r["label"]] + [_fmt(r["cells"][c], r["unit"], r["ratio"]) for c in clients] for r in rows
    ]
    table = report.grid(header, lines)
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]
    body = ["  ".join(t.ljust(w) for t, w in zip(line, widths)).rstrip() for line in table]
    if not readme:
        return "\n".join([body[0], "  ".join("-" * w for w in widths), *body[1:]])
    rule = "  ".join("=" * w for w in widths)
    return "\n".join([rule, body[0], rule, *body[1:], rule])


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.objstore", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--rounds", type=int, help="rounds (default 5, 1 with --quick)")
    parser.add_argument("--quick", action="store_true", help="64 MiB instead of 1 GiB, one round")
    parser.add_argument(
        "--threads", type=int, default=8, help="transfer threads, the same for every client"
    )
    parser.add_argument("--only", default=",".join(SCENARIOS), help="scenarios, e.g. upload,list")
    parser.add_argument("--clients", default=",".join(CLIENTS), help="clients to run")
    parser.add_argument("--output", type=Path, help="default: a new file in results/")
    options = parser.parse_args(argv)
    options.only = [s.strip() for s in options.only.split(",") if s.strip()]
    options.clients = [c.strip() for c in options.clients.split(",") if c.strip()]
    unknown = [s for s in options.only if s not in SCENARIOS] + [
        c for c in options.clients if c not in CLIENTS
    ]
    if unknown:
        parser.error(f"unknown scenario or client: {', '.join(unknown)}")
    return options


def _stop(signum: int, frame: Any) -> None:
    raise SystemExit(128 + signum)  # so that the server stops and the scratch files go


def main(argv: list[str] | None = None) -> int:
    signal.signal(signal.SIGTERM, _stop)
    options = parse_args(argv)
    config = settings(options.quick, options.threads)
    options.rounds = options.rounds or config["rounds"]
    segment = config["segment_mib"] * 1024 * 1024
    began = record.start()
    started = time.perf_counter()
    proc, url = start_server(child_env(), config["segment_mib"])
    try:
        with tempfile.TemporaryDirectory(prefix="stackclient-objstore-bench-") as scratch:
            path, file_etag, _ = make_file(scratch, segment)
            base = {"server": url, "file": path, "file_etag": file_etag, "segment": segment,
                    "threads": options.threads, "scratch": scratch, "etags": server_etags(segment),
                    "stop_after": config["stop_after"]}  # fmt: skip
            runs = run_rounds(options, config, base)
    finally:
        stop_server(proc)
    summary = summarise(runs, options.clients)
    versions = {
        c: r.get("version")
        for s in runs.values()
        for c, rs in s.items()
        for r in rs
        if r.get("version")
    }
    meta = {
        "when": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "python": platform.python_version(), "cpus": os.cpu_count(), "rounds": options.rounds, "settings": config, "versions": versions,
        "seconds": round(time.perf_counter() - started, 1),
    }  # fmt: skip
    document = {"meta": meta, "summary": summary, "runs": runs, "clients": options.clients}
    written = record.save(
        "objstore", "benchmarks.objstore.run", document, began, argv, None, options.output
    )
    print(tables(summary, options.clients, readme=False))
    print("\nREADME table (medians; ratios to raw requests in the same round):\n")
    print(tables(summary, options.clients, readme=True))
    print(f"\n{meta['seconds']} s; versions {versions}; JSON written to {written}")
    return 0


def readme_table(document: dict[str, Any]) -> str:
    """The README table of a recorded run (see :mod:`benchmarks.table`)."""
    return tables(document["summary"], document["clients"], readme=True)


if __name__ == "__main__":
    raise SystemExit(main())

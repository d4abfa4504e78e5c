"""The command-line benchmarks: ``python -m benchmarks.cli_run``.

Whole commands, timed by the harness itself: each run is a fresh process
(spawn to exit: wall time, and CPU time from ``os.wait4``), ``stack``
next to python-openstackclient's ``openstack`` in the same run, against
one canned Keystone + Neutron (:mod:`benchmarks.cli_server`) that holds
2,000 projects and 2,000 networks. Both read the cloud ``bench`` of a
clouds.yaml in a scratch ``HOME`` (``OS_CLOUD=bench``), so the user's own
configuration is never read. Runs interleave the two tools, the first run
of each is dropped (for ``stack`` it fills the token cache, so every
timed listing is a warm one), and medians are reported.

Commands: ``--help``; ``network list --help``; ``project list`` and
``network list`` printing 2,000 rows as a table and as JSON
(``-f json``). Checked on every run: the exit code, and the rows printed
(2,000, first and last ids) or the usage text. Counted: the HTTP requests
the server saw per command. Targets for ``stack``: ``--help`` within
0.15 s wall and 0.1 s CPU, a warm listing in 1 request.
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
from typing import Any, NamedTuple

if __package__ in (None, ""):
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

from benchmarks import control, documents, record
from benchmarks.cli_server import network_id
from benchmarks.connecttime import CLOUD, write_cloud
from benchmarks.run import child_env, launch, stop_server

TOTAL = 2000
TOOLS = ("stack", "openstack")
LABELS = {"stack": "stack", "openstack": "openstack (OSC)"}
JOB_TIMEOUT = 300.0

_LAUNCH = "import sys\nfrom %s import main\nsys.argv[0] = %r\nsys.exit(main())\n"
LAUNCHERS = {
    "stack": _LAUNCH % ("stackclient.shell", "stack"),
    "openstack": _LAUNCH % ("openstackclient.shell", "openstack"),
}


class Command(NamedTuple):
    """One command line, run by both tools, and what its output must show."""

    key: str
    label: str
    args: tuple[str, ...]
    check: str  # "usage", "table:<kind>" or "json:<kind>" (kind: projects or networks)


COMMANDS = (
    Command("help", "--help", ("--help",), "usage"),
    Command("verbhelp", "network list --help", ("network", "list", "--help"), "usage"),
    Command("serverhelp", "server list --help", ("server", "list", "--help"), "usage"),
    Command("projects", "project list (2,000 rows)", ("project", "list"), "table:projects"),
    Command(
        "projects-json",
        "project list -f json",
        ("project", "list", "-f", "json"),
        "json:projects",
    ),  # fmt: skip
    Command("networks", "network list (2,000 rows)", ("network", "list"), "table:networks"),
    Command(
        "networks-json",
        "network list -f json",
        ("network", "list", "-f", "json"),
        "json:networks",
    ),  # fmt: skip
)


def _ids(kind: str) -> tuple[str, str]:
    if kind == "projects":
        return documents.project_id(0), documents.project_id(TOTAL - 1)
    return network_id(0), network_id(TOTAL - 1)


def check_output(check: str, out: str) -> str | None:
    """None when ``out`` is what the command must print, else what is wrong."""
    if check == "usage":
        return None if "usage:" in out.lower() else "no usage text"
    form, kind = check.split(":")
    first, last = _ids(kind)
    if form == "json":
        try:
            rows = json.loads(out)
        except ValueError:
            return "output is not JSON"
        ids = [row.get("ID", row.get("id")) for row in rows if isinstance(row, dict)]
    else:
        rows = [line for line in out.splitlines() if line.startswith("|")][1:]
        ids = [row.split("|")[1].strip() for row in rows]
    if len(ids) != TOTAL:
        return "%d rows, expected %d" % (len(ids), TOTAL)
    if {first, last} - set(ids):
        return "the first or last id is missing"
    return None


def spawn(python: str, tool: str, args: tuple[str, ...], env: dict[str, str]) -> dict[str, Any]:
    """Run one command in a fresh process; wall, CPU, exit code, output."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        wall = time.perf_counter()
        proc = subprocess.Popen(
            [python, "-c", LAUNCHERS[tool], *args],
            stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env, cwd=env["HOME"],
        )  # fmt: skip
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - wall
        out.seek(0)
        err.seek(0)
        return {
            "wall": wall,
            "cpu": usage.ru_utime + usage.ru_stime,
            "code": os.waitstatus_to_exitcode(status),
            "out": out.read().decode(errors="replace"),
            "err": err.read().decode(errors="replace").strip().splitlines()[-1:],
        }


def one_run(
    python: str, tool: str, command: Command, env: dict[str, str], server: str
) -> dict[str, Any]:
    """Run ``command`` once with ``tool``: its figures, or an error status."""
    before = control.stats(server)
    run = spawn(python, tool, command.args, env)
    seen = control.diff(control.stats(server), before)
    if run["code"] != 0:
        detail = run["err"][0] if run["err"] else "no message"
        return {"status": "error: exit %d: %s" % (run["code"], detail[:120])}
    wrong = check_output(command.check, run["out"])
    if wrong:
        return {"status": "error: %s" % wrong}
    return {"status": "ok", "wall_ms": run["wall"] * 1e3, "cpu_ms": run["cpu"] * 1e3,
            "requests": seen["requests"]}  # fmt: skip


def measure(options: argparse.Namespace, server: str, scratch: Path) -> dict[str, Any]:
    """Every command, ``runs`` + 1 times per tool (interleaved; the first run dropped)."""
    env = dict(child_env(), **write_cloud(scratch, server, TOTAL), OS_CLOUD=CLOUD)
    for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        env.pop(name, None)
    runs: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for command in [c for c in COMMANDS if c.key in options.only]:
        for number in range(options.runs + 1):
            order = options.tools[number % 2 :] + options.tools[: number % 2]
            for tool in order:
                result = one_run(options.python, tool, command, env, server)
                print("  %s %s run %d: %s" % (command.key, tool, number, result["status"][:90]),
                      file=sys.stderr, flush=True)  # fmt: skip
                if number > 0 or result["status"] != "ok":
                    runs.setdefault(command.key, {}).setdefault(tool, []).append(result)
    return runs


def _cell(results: list[dict[str, Any]]) -> dict[str, Any]:
    bad = [r["status"] for r in results if r["status"] != "ok"]
    if bad or not results:
        return {"status": bad[0] if bad else "not run"}
    return {
        "status": "ok",
        "n": len(results),
        "wall_ms": statistics.median(r["wall_ms"] for r in results),
        "cpu_ms": statistics.median(r["cpu_ms"] for r in results),
        "requests": max(r["requests"] for r in results),
    }


def summarise(runs: dict[str, Any], tools: list[str]) -> list[dict[str, Any]]:
    """Per command: each tool's medians, and stack's CPU as a share of openstack's."""
    rows = []
    for command in COMMANDS:
        if command.key not in runs:
            continue
        cells = {tool: _cell(runs[command.key].get(tool, [])) for tool in tools}
        row: dict[str, Any] = {"key": command.key, "label": command.label, "cells": cells}
        mine, theirs = cells.get("stack", {}), cells.get("openstack", {})
        if mine.get("status") == theirs.get("status") == "ok" and theirs["cpu_ms"] > 0:
            row["cpu_ratio"] = mine["cpu_ms"] / theirs["cpu_ms"]
        rows.append(row)
    return rows


def _fmt(cell: dict[str, Any], field: str) -> str:
    if cell.get("status") != "ok":
        return str(cell.get("status", "not run"))[:24]
    if field == "requests":
        return "%d" % cell["requests"]
    return "%.0f ms" % cell[field] if cell[field] >= 10 else "%.1f ms" % cell[field]


def rst_table(rows: list[dict[str, Any]], tools: list[str]) -> str:
    """Wall and CPU per command for each tool, requests sent, and the CPU ratio."""
    header = ["Command"]
    for tool in tools:
        header += ["%s wall" % tool, "%s CPU" % tool]
    header += ["requests (%s)" % " / ".join(tools), "CPU stack ÷ openstack"]
    body = []
    for row in rows:
        line = [row["label"]]
        for tool in tools:
            line += [_fmt(row["cells"][tool], "wall_ms"), _fmt(row["cells"][tool], "cpu_ms")]
        line.append(" / ".join(_fmt(row["cells"][tool], "requests") for tool in tools))
        line.append("%.3f×" % row["cpu_ratio"] if "cpu_ratio" in row else "n/a")
        body.append(line)
    widths = [max(len(line[i]) for line in [header, *body]) for i in range(len(header))]
    rule = "  ".join("=" * w for w in widths)
    out = [rule, "  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip(), rule]
    out += ["  ".join(v.ljust(w) for v, w in zip(line, widths)).rstrip() for line in body]
    return "\n".join(out + [rule])


def readme_table(document: dict[str, Any]) -> str:
    """The README table of a recorded run (see :mod:`benchmarks.table`)."""
    return rst_table(document["summary"], document["tools"])


def start(env: dict[str, str]) -> tuple[subprocess.Popen[str], str]:
    """Start the canned server; return the process and its URL."""
    return launch("benchmarks.cli_server", ["--networks", str(TOTAL), "--exit-on-stdin-eof"], env)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.cli_run",
                                     description=__doc__.splitlines()[0])  # fmt: skip
    parser.add_argument("--rounds", "--runs", dest="runs", type=int,
                        help="timed runs per command and tool (default 7, 2 with --quick)")  # fmt: skip
    parser.add_argument("--quick", action="store_true", help="a smoke run")
    parser.add_argument("--only", default=",".join(c.key for c in COMMANDS))
    parser.add_argument("--tools", default=",".join(TOOLS), help="stack,openstack")
    parser.add_argument("--python", default=sys.executable, help="interpreter of the commands")
    parser.add_argument("--output", type=Path, help="default: a new file in results/")
    options = parser.parse_args(argv)
    options.runs = options.runs or (2 if options.quick else 7)
    options.only = [s for s in options.only.split(",") if s]
    options.tools = [t for t in options.tools.split(",") if t]
    unknown = set(options.only) - {c.key for c in COMMANDS} | set(options.tools) - set(TOOLS)
    if unknown:
        parser.error("unknown command or tool: %s" % ", ".join(sorted(unknown)))
    return options


def main(argv: list[str] | None = None) -> int:
    """Run every command with both tools; print the table; record the run."""
    options = parse_args(argv)
    began = record.start()
    started = time.perf_counter()
    proc, server = start(child_env())
    try:
        with tempfile.TemporaryDirectory(prefix="stackclient-bench-cli-") as scratch:
            runs = measure(options, server, Path(scratch))
    finally:
        stop_server(proc)
    rows = summarise(runs, options.tools)
    document = {"rounds": options.runs, "tools": options.tools, "summary": rows, "runs": runs,
                "seconds": round(time.perf_counter() - started, 1)}  # fmt: skip
    written = record.save("cli", "benchmarks.cli_run", document, began, argv, options.python,
                          options.output)  # fmt: skip
    print(rst_table(rows, options.tools))
    print("\n%s s; JSON written to %s" % (document["seconds"], written))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

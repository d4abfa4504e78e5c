"""The runner the service harnesses share: compute, network, volume, image, objstore.

Each harness module (``benchmarks/compute_run.py`` ... ``benchmarks/objstore/run.py``)
describes its service with a :class:`Service`: its clients and scenarios,
the rows of its table and how a cell is shown, its canned servers and the
parameters each scenario is given, and the options of its own. This module
does the rest the same way for every one of them: it parses the command
line, starts the servers, runs every scenario for every client in a fresh
process per client per scenario for R rounds (client order rotating each
round), summarises each row as medians and ratios paired with raw
``requests`` within each round, records the run (:mod:`benchmarks.record`)
and prints the tables. ``readme_table(document)`` renders a recorded run's
README table for :mod:`benchmarks.table`.

Where the harnesses have always differed -- where a client process puts
its figures, when a cell counts as failed, how a number is shown, what the
JSON document holds -- the difference is a field of :class:`Service`, so a
recorded run renders as it always has.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks import record
from benchmarks.run import child_env, run_child, stop_server

__all__ = ["BASELINE", "Cells", "Row", "Service", "figures", "full_table", "medians", "serve"]

BASELINE = "requests"
#: A round's figure: a number, or the status of a round that failed.
Value = Any
Table = list[dict[str, Any]]
Setup = tuple[dict[str, Any], dict[str, str]]


@dataclass(frozen=True)
class Row:
    """One row of a service's table: one metric of one scenario."""

    label: str
    scenario: str
    metric: str
    #: Form the median of the paired ratios to raw requests.
    ratio: bool = False
    unit: str = ""
    #: A short name the README may pick rows by (objstore).
    key: str = ""
    #: A count, shown as a whole number (image); recorded as ``"count": true``.
    count: bool = False


def figures(*sections: str) -> Callable[[dict[str, Any], str], Value]:
    """Read a metric as a float from these sections of a client's result, in order.

    With no section the metric is read from the result itself, as it is
    (the volume and image clients put their figures there). A failed round
    reads as its status; an ok one without the metric as an error.
    """

    def value(result: dict[str, Any], metric: str) -> Value:
        if result.get("status") != "ok":
            return str(result.get("status", "error"))
        if not sections:
            return result.get(metric, "error: no %s" % metric)
        for section in sections:
            if metric in result.get(section, {}):
                return float(result[section][metric])
        return "error: no %s" % metric

    return value


@dataclass(frozen=True)
class Cells:
    """One client's cell of a row: the median, and the median of the paired ratios.

    A cell fails when no round gave a number; its text (under ``failed``)
    is the distinct failures, joined. With ``one_failure_fails`` a single
    failed round fails the cell, whose text is then the first failure
    (network). A ratio is formed on ratio rows, or on every row with
    ``ratio_on_every_row`` (compute; its table shows them on ratio rows only).
    """

    failed: str = "text"
    one_failure_fails: bool = False
    ratio_on_every_row: bool = False

    def __call__(
        self, values: Sequence[Value], base: Sequence[Value], ratio: bool
    ) -> dict[str, Any]:
        numbers = [value for value in values if not isinstance(value, str)]
        failures = [value for value in values if isinstance(value, str)]
        if not numbers or (self.one_failure_fails and failures):
            text = (
                failures[0]
                if self.one_failure_fails and failures
                else ", ".join(sorted(set(failures)))
            )
            return {self.failed: text or "not run"}
        cell: dict[str, Any] = {"median": statistics.median(numbers)}
        if ratio or self.ratio_on_every_row:
            quotients = [mine / theirs for mine, theirs in zip(values, base)
                         if not isinstance(mine, str) and not isinstance(theirs, str) and theirs]  # fmt: skip
            if quotients:
                cell["ratio"] = statistics.median(quotients)
        return cell


def serve(stack: contextlib.ExitStack, launched: tuple[subprocess.Popen[str], str]) -> str:
    """The URL of a server just started; it is stopped when ``stack`` closes."""
    proc, url = launched
    stack.callback(stop_server, proc)
    return url


def _render(header: list[str], lines: list[list[str]], rule: str = "=") -> str:
    """An RST simple table (``rule="="``), or a plain one with a dashed line under the header."""
    widths = [max(len(line[i]) for line in [header, *lines]) for i in range(len(header))]
    body = [
        "  ".join(t.ljust(w) for t, w in zip(line, widths)).rstrip() for line in [header, *lines]
    ]
    ruler = "  ".join(rule * w for w in widths)
    if rule != "=":
        return "\n".join([body[0], ruler, *body[1:]])
    return "\n".join([ruler, body[0], ruler, *body[1:], ruler])


def full_table(service: Service, table: Table, clients: list[str]) -> str:
    """Every row, whatever the README shows (printed after an objstore run)."""
    lines = [
        [row["label"]] + [service.show(row, row["cells"][c]) for c in clients] for row in table
    ]
    return _render(["metric"] + [service.labels.get(c, c) for c in clients], lines, rule="-")


def medians(service: Service, table: Table, clients: list[str]) -> str:
    """Every row's medians in the metric's own unit (printed after a network run)."""
    out = []
    for row in table:
        cells = [(c, {k: v for k, v in row["cells"][c].items() if k != "ratio"}) for c in clients]
        shown = [
            "%s %s" % (service.labels.get(c, c), service.show(row, cell)) for c, cell in cells
        ]
        out.append("%s: %s" % (row["label"], "; ".join(shown)))
    return "\n".join(out)


def _stop(signum: int, frame: Any) -> None:
    raise SystemExit(128 + signum)  # so that the servers stop and the scratch files go


@dataclass(frozen=True)
class Service:
    """What one service's harness is; its methods run it."""

    #: The run's name in ``benchmarks/results/`` (``compute``, ``objstore`` ...).
    harness: str
    #: The harness module: its ``readme_table(document)`` renders a recorded run.
    module: str
    prog: str
    description: str
    clients: tuple[str, ...]
    scenarios: tuple[str, ...]
    rows: tuple[Row, ...]
    #: The module each client process runs (``CLIENT SCENARIO --params JSON``).
    runner: str
    #: The settings of a run, from its options (recorded in the ``meta``
    #: layout); ``settings[scenario]``, where there is one, goes into that
    #: scenario's parameters.
    settings: Callable[[argparse.Namespace], dict[str, Any]]
    #: Start the servers (and make any files) on the stack; return the
    #: parameters every scenario gets (``server``: the default server) and
    #: the server of each scenario that has its own.
    start: Callable[[argparse.Namespace, dict[str, Any], contextlib.ExitStack], Setup]
    #: One cell of the table as text, from the row and cell as recorded.
    show: Callable[[dict[str, Any], dict[str, Any]], str]
    #: A metric of one client's result (see :func:`figures`).
    value: Callable[[dict[str, Any], str], Value] = figures("metrics")
    #: A client's cell from its values and the baseline's (see :class:`Cells`).
    cell: Callable[[Sequence[Value], Sequence[Value], bool], dict[str, Any]] = Cells()
    #: The :class:`Row` fields a summary row records beside label and cells.
    row_fields: tuple[str, ...] = ()
    #: Leave out the rows of scenarios that did not run (objstore).
    only_rows_run: bool = False
    #: The client process's scenario for a scenario of the table (``list20``: ``list``).
    jobs: Mapping[str, str] = field(default_factory=dict)
    job_timeout: float = 600.0
    labels: Mapping[str, str] = field(default_factory=lambda: {BASELINE: "raw requests"})
    #: The keys of the rows the README shows (all of them when empty).
    readme_rows: tuple[str, ...] = ()
    #: A table printed before the README one (see :func:`medians`, :func:`full_table`).
    details: Callable[[Service, Table, list[str]], str] | None = None
    #: ``"meta"``: rounds, settings, versions and seconds under ``meta``, the
    #: table under ``summary``; ``"flat"``: rounds at the top, the table
    #: under ``rows`` (volume, image).
    layout: str = "meta"
    #: More facts of the run, recorded beside ``rounds``.
    facts: Callable[[argparse.Namespace, dict[str, Any]], dict[str, Any]] | None = None
    quick_help: str = "a smoke run"
    #: What ``--quick`` sets whatever the command line says (``rounds`` ...).
    quick_sets: Mapping[str, Any] = field(default_factory=dict)
    #: Offer ``--python`` (the clients' interpreter, whose libraries are recorded).
    python_option: bool = False
    #: Offer ``--report FILE``: print the tables of a recorded run again.
    report_option: bool = False
    #: More options: (flags, ``add_argument`` keywords).
    options: tuple[tuple[tuple[str, ...], dict[str, Any]], ...] = ()

    def parse_args(self, argv: list[str] | None) -> argparse.Namespace:
        """The command line; ``rounds`` defaults to 5, 1 with ``--quick``."""
        parser = argparse.ArgumentParser(prog=self.prog, description=self.description)
        parser.add_argument("--rounds", type=int, help="rounds (default 5, 1 with --quick)")
        parser.add_argument("--quick", action="store_true", help=self.quick_help)
        parser.add_argument("--only", default=",".join(self.scenarios),
                            help="scenarios (default: all, %s)" % ",".join(self.scenarios))  # fmt: skip
        parser.add_argument("--clients", default=",".join(self.clients), help="clients to run")
        if self.python_option:
            parser.add_argument(
                "--python", default=sys.executable, help="interpreter of the runners"
            )
        for flags, keywords in self.options:
            parser.add_argument(*flags, **keywords)
        parser.add_argument("--output", type=Path, help="default: a new file in results/")
        if self.report_option:
            parser.add_argument(
                "--report", type=Path, help="only print the tables of a JSON written before"
            )
        options = parser.parse_args(argv)
        if options.quick:
            for name, value in self.quick_sets.items():
                setattr(options, name, value)
        options.rounds = options.rounds or (1 if options.quick else 5)
        options.only = [s.strip() for s in options.only.split(",") if s.strip()]
        options.clients = [c.strip() for c in options.clients.split(",") if c.strip()]
        unknown = [s for s in options.only if s not in self.scenarios]
        unknown += [c for c in options.clients if c not in self.clients]
        if unknown or not options.clients:
            parser.error("unknown scenario or client: %s" % (", ".join(unknown) or "(none given)"))
        if not self.python_option:
            options.python = sys.executable
        return options

    def rounds(
        self,
        options: argparse.Namespace,
        config: dict[str, Any],
        common: dict[str, Any],
        servers: dict[str, str],
    ) -> dict[str, dict[str, list[dict[str, Any]]]]:
        """Every round: every scenario, clients in rotated order."""
        env = child_env()
        runs: dict[str, dict[str, list[dict[str, Any]]]] = {}
        for number in range(options.rounds):
            shift = number % len(options.clients)
            order = options.clients[shift:] + options.clients[:shift]
            for scenario in options.only:
                server = servers.get(scenario, common["server"])
                params = dict(common, **config.get(scenario, {}), server=server)
                job = self.jobs.get(scenario, scenario)
                for client in order:
                    started = time.perf_counter()
                    result = run_child(
                        self.runner, client, job, params, env, self.job_timeout, options.python
                    )
                    print("  round %d %s %s: %s (%.1f s)" % (number + 1, scenario, client,
                          result["status"][:90], time.perf_counter() - started),
                          file=sys.stderr, flush=True)  # fmt: skip
                    runs.setdefault(scenario, {}).setdefault(client, []).append(result)
        return runs

    def summarise(self, runs: dict[str, Any], clients: list[str]) -> Table:
        """Per row and client: the median, and the median paired ratio to raw requests."""
        table = []
        for row in self.rows:
            if self.only_rows_run and row.scenario not in runs:
                continue
            by_client = runs.get(row.scenario, {})
            base = [self.value(r, row.metric) for r in by_client.get(BASELINE, [])]
            cells = {c: self.cell([self.value(r, row.metric) for r in by_client.get(c, [])], base, row.ratio)
                     for c in clients}  # fmt: skip
            entry = {"label": row.label, "cells": cells}
            entry.update((name, getattr(row, name)) for name in self.row_fields)
            if row.count:
                entry["count"] = True
            table.append(entry)
        return table

    def rst_table(self, table: Table, clients: list[str]) -> str:
        """The README table (only the :attr:`readme_rows`, when there are some)."""
        rows = [r for r in table if not self.readme_rows or r["key"] in self.readme_rows]
        lines = [
            [row["label"]] + [self.show(row, row["cells"][c]) for c in clients] for row in rows
        ]
        return _render(["Scenario"] + [self.labels.get(c, c) for c in clients], lines)

    def readme_table(self, document: dict[str, Any]) -> str:
        """The README table of a recorded run (see :mod:`benchmarks.table`)."""
        return self.rst_table(
            document["summary" if self.layout == "meta" else "rows"], document["clients"]
        )

    def print_tables(self, table: Table, clients: list[str], rounds: int) -> None:
        if self.details:
            print(self.details(self, table, clients) + "\n")
        print(
            "README table (ratios to raw requests paired per round; medians of %d rounds):\n"
            % rounds
        )
        print(self.rst_table(table, clients))

    def document(
        self,
        options: argparse.Namespace,
        config: dict[str, Any],
        runs: dict[str, Any],
        table: Table,
        seconds: float,
    ) -> dict[str, Any]:
        """What the run records, in the service's :attr:`layout`."""
        facts = self.facts(options, config) if self.facts else {}
        if self.layout == "flat":
            document = {"rounds": options.rounds, **facts, "rows": table, "runs": runs}
        else:
            versions = {c: r.get("version") for s in runs.values() for c, rs in s.items() for r in rs
                        if r.get("version")}  # fmt: skip
            meta = {
                **facts,
                "rounds": options.rounds,
                "settings": config,
                "versions": versions,
                "seconds": seconds,
            }
            document = {"meta": meta, "summary": table, "runs": runs}
        document["clients"] = options.clients
        return document

    def report(self, options: argparse.Namespace) -> int:
        """Print the tables of a recorded run again, summarised anew from its rounds."""
        document = json.loads(options.report.read_text())
        runs = document["runs"]
        clients = [c for c in options.clients if any(c in s for s in runs.values())]
        rounds = document.get("rounds") or document.get("meta", {}).get("rounds", 0)
        self.print_tables(self.summarise(runs, clients), clients, rounds)
        return 0

    def main(self, argv: list[str] | None = None) -> int:
        """Run every scenario (or re-read a run with ``--report``); record; print the tables.

        SIGTERM exits as an error does: the servers stop and the scratch files go.
        """
        signal.signal(signal.SIGTERM, _stop)
        options = self.parse_args(argv)
        if getattr(options, "report", None):
            return self.report(options)
        config = self.settings(options)
        began = record.start()
        started = time.perf_counter()
        with contextlib.ExitStack() as stack:
            common, servers = self.start(options, config, stack)
            runs = self.rounds(options, config, common, servers)
        table = self.summarise(runs, options.clients)
        seconds = round(time.perf_counter() - started, 1)
        document = self.document(options, config, runs, table, seconds)
        python = options.python if self.python_option else None
        written = record.save(
            self.harness, self.module, document, began, argv, python, options.output
        )
        self.print_tables(table, options.clients, options.rounds)
        print("\n%s s; JSON written to %s" % (seconds, written))
        return 0

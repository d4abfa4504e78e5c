"""The README's benchmark tables are written from recorded runs, and still match them."""

from __future__ import annotations

import json

from benchmarks import table


def test_the_readme_tables_are_what_their_recorded_runs_give():
    text = table.README.read_text(encoding="utf-8")
    runs = table.sources(text)
    assert runs, "the README lists no recorded runs between its benchmark markers"
    for path in runs:
        assert path.is_file(), "%s is listed in the README but not recorded" % path
    assert table.check(), "README tables are out of date: run python -m benchmarks.table"


def test_only_the_marked_region_is_replaced():
    text = "intro\n%s\n\nold table\n\n%s\n\nafter\n" % (table.BEGIN, table.END)
    replaced = table.replace_region(text, "new table")
    assert replaced == "intro\n%s\n\nnew table\n\n%s\n\nafter\n" % (table.BEGIN, table.END)
    assert table.replace_region(replaced, "new table") == replaced


def test_a_caption_says_where_the_figures_come_from(tmp_path):
    document = {
        "harness": "network",
        "module": "benchmarks.network_run",
        "argv": ["--rounds", "5"],
        "commit": "0123456789abcdef",
        "dirty": False,
        "started": "2026-12-01T02:00:00+00:00",
        "machine": {"cores": 2, "cpu": "Some CPU", "loadavg": [1.5, 2, 3], "python": "CPython"},
        "loadavg_at_end": [1.25, 2, 3],
        "libraries": {"requests": "2.34.2", "python-neutronclient": "14.0.0"},
        "meta": {"rounds": 5},
        "clients": ["stackclient", "requests"],
        "summary": [
            {
                "label": "N1. list",
                "cells": {
                    "stackclient": {"median": 5.0, "ratio": 0.5},
                    "requests": {"median": 10.0, "ratio": 1.0},
                },
            }
        ],
    }
    path = tmp_path / "run.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    text = table.region([path])
    for part in ("python -m benchmarks.network_run --rounds 5", "commit 0123456789", "load average 1.5",
                 "1.2 at the end", "medians of 5 rounds", "python-neutronclient 14.0.0", "0.50×"):  # fmt: skip
        assert part in text

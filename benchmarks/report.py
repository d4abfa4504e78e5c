"""Turn raw per-round results into medians, paired ratios and printable tables.

Ratios are paired: round by round each client's value is divided by raw
requests' value from the same round, and the median of those quotients is
reported (so a slow round hits both sides of a ratio alike).
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple, Union

from benchmarks.clients import BASELINE, CLIENTS

Jobs = dict[str, dict[str, Any]]
Value = Union[float, str]
Extract = Callable[[Jobs], Value]


class Row(NamedTuple):
    """One line of the results table."""

    key: str
    scenario: str
    label: str
    unit: str
    kind: str  # "time" and "size" get ratios; "count" and "pages" do not
    extract: Extract | None  # None: scenario 6, read from import records


def pick(job: str, section: str, name: str) -> Extract:
    """Extractor for ``result[section][name]`` of one job (top level if no section)."""

    def extract(jobs: Jobs) -> Value:
        result = jobs.get(job)
        if result is None:
            return "not run"
        if result.get("status") != "ok":
            return str(result.get("status", "error"))
        holder = result.get(section, {}) if section else result
        return float(holder[name]) if name in holder else f"error: no {name}"

    return extract


def growth_pages(jobs: Jobs) -> Value:
    """Walk RSS growth expressed in pages of objects of the same client."""
    growth = pick("walk", "metrics", "rss_growth_kib")(jobs)
    page = pick("page", "metrics", "page_kib")(jobs)
    if isinstance(growth, str):
        return growth
    if isinstance(page, str):
        return page
    return growth / page


ROWS = (
    Row("1.cpu", "1", "1. list 20: CPU/call", "us", "time", pick("list", "metrics", "cpu_us")),
    Row("1.wall", "1", "1. list 20: wall/call", "us", "time", pick("list", "metrics", "wall_us")),
    Row("1.rss", "1", "1. list 20: peak RSS", "KiB", "size", pick("list", "", "maxrss_kib")),
    Row("2.cpu", "2", "2. list 1,000: CPU/call", "us", "time", pick("list", "metrics", "cpu_us")),
    Row(
        "2.wall", "2", "2. list 1,000: wall/call", "us", "time", pick("list", "metrics", "wall_us")
    ),
    Row("2.rss", "2", "2. list 1,000: peak RSS", "KiB", "size", pick("list", "", "maxrss_kib")),
    Row(
        "3.cpu", "3", "3. walk: CPU/item", "us", "time", pick("walk", "metrics", "cpu_us_per_item")
    ),
    Row(
        "3.wall",
        "3",
        "3. walk: wall/item",
        "us",
        "time",
        pick("walk", "metrics", "wall_us_per_item"),
    ),
    Row(
        "3.growth",
        "3",
        "3. walk: peak RSS growth",
        "KiB",
        "size",
        pick("walk", "metrics", "rss_growth_kib"),
    ),
    Row(
        "3.page", "3", "3. one page of objects", "KiB", "size", pick("page", "metrics", "page_kib")
    ),
    Row("3.pages", "3", "3. walk: growth in pages", "pages", "pages", growth_pages),
    Row("3.items", "3", "3. walk: items walked", "", "count", pick("walk", "counters", "items")),
    Row(
        "3.requests",
        "3",
        "3. walk: page requests",
        "",
        "count",
        pick("walk", "counters", "page_requests"),
    ),
    Row(
        "4.get", "4", "4. get: CPU/call", "us", "time", pick("get-create", "metrics", "get_cpu_us")
    ),
    Row(
        "4.getwall",
        "4",
        "4. get: wall/call",
        "us",
        "time",
        pick("get-create", "metrics", "get_wall_us"),
    ),
    Row(
        "4.create",
        "4",
        "4. create: CPU/call",
        "us",
        "time",
        pick("get-create", "metrics", "create_cpu_us"),
    ),
    Row(
        "4.createwall",
        "4",
        "4. create: wall/call",
        "us",
        "time",
        pick("get-create", "metrics", "create_wall_us"),
    ),
    Row(
        "5a.auth",
        "5",
        "5a. restore: auth requests",
        "",
        "count",
        pick("restore-auth", "counters", "auth_requests"),
    ),
    Row(
        "5a.requests",
        "5",
        "5a. restore: all requests",
        "",
        "count",
        pick("restore-auth", "counters", "server_requests"),
    ),
    Row(
        "5a.wall",
        "5",
        "5a. restore + list: wall",
        "ms",
        "time",
        pick("restore-auth", "metrics", "restore_wall_ms"),
    ),
    Row(
        "5b.auth",
        "5",
        "5b. expiry burst: auth requests",
        "",
        "count",
        pick("expiry", "counters", "auth_requests"),
    ),
    Row(
        "5b.401",
        "5",
        "5b. expiry burst: 401 responses",
        "",
        "count",
        pick("expiry", "counters", "unauthorized"),
    ),
    Row(
        "5b.errors",
        "5",
        "5b. expiry burst: errors",
        "",
        "count",
        pick("expiry", "counters", "errors"),
    ),
    Row(
        "8.cpu",
        "8",
        "8. 8 MiB error body: CPU/call",
        "ms",
        "time",
        pick("error-body", "metrics", "cpu_ms"),
    ),
    Row(
        "8.wall",
        "8",
        "8. 8 MiB error body: wall/call",
        "ms",
        "time",
        pick("error-body", "metrics", "wall_ms"),
    ),
    Row(
        "8.loads",
        "8",
        "8. json.loads of that body",
        "ms",
        "time",
        pick("error-body", "metrics", "json_loads_ms"),
    ),
    Row(
        "8.ratio",
        "8",
        "8. error body CPU / json.loads",
        "x",
        "ratio-value",
        pick("error-body", "metrics", "json_ratio"),
    ),
    Row(
        "8.leak",
        "8",
        "8. password in the debug log",
        "",
        "count",
        pick("error-body", "counters", "password_logged"),
    ),
    Row("6.wall", "6", "6. import: process wall", "ms", "time", None),
    Row("6.net", "6", "6. import: wall minus `pass`", "ms", "time", None),
    Row("6.cpu", "6", "6. import: process CPU", "ms", "time", None),
    Row("7.wall", "7", "7. connect → 1st page: process wall", "ms", "time", None),
    Row("7.cpu", "7", "7. connect → 1st page: process CPU", "ms", "time", None),
    Row("7.inwall", "7", "7. connect → 1st page: in-process wall", "ms", "time", None),
    Row("7.incpu", "7", "7. connect → 1st page: in-process CPU", "ms", "time", None),
)

# (label, row key, style): style "ratio", "value", "pair:<other row key>" (a / b)
# or "with:<other row key>" (a (b×)).
README_ROWS = (
    ("1. list 20 items, CPU/call", "1.cpu", "ratio"),
    ("2. list 1,000 items, CPU/call", "2.cpu", "ratio"),
    ("3. paged walk as a generator, CPU/item", "3.cpu", "ratio"),
    ("3. walk, peak RSS growth (pages)", "3.pages", "value"),
    ("4. get, CPU/call", "4.get", "ratio"),
    ("4. create, CPU/call", "4.create", "ratio"),
    ("5a. auth requests from stored auth", "5a.auth", "value"),
    ("5b. auth requests / errors at expiry", "5b.auth", "pair:5b.errors"),
    ("6. import time (whole process)", "6.wall", "ratio"),
    ("7. connect(cloud=) to 1st page, CPU", "7.cpu", "ratio"),
    ("7. connect(cloud=) to 1st page, wall", "7.wall", "ratio"),
    ("8. 8 MiB error body, DEBUG on: CPU (× json.loads)", "8.cpu", "with:8.ratio"),
    ("8. password in the debug log", "8.leak", "value"),
)

#: Rows of whole-process scenarios (6, 7): row key suffix -> the record's list of values.
_PROCESS_VALUES = {"cpu": "cpu_ms", "incpu": "inside_cpu_ms", "inwall": "inside_wall_ms"}


def import_values(row: Row, records: dict[str, dict[str, Any]], client: str) -> list[Value]:
    """Per-run values of a whole-process scenario (6, 7) for one client."""
    record = records.get(client)
    if record is None:
        return ["not run"]
    if record["status"] != "ok":
        return [str(record["status"])]
    suffix = row.key.split(".", 1)[1]
    if suffix in _PROCESS_VALUES:
        return list(record[_PROCESS_VALUES[suffix]])
    values = list(record["wall_ms"])
    if suffix == "net":
        base = records.get("baseline", {}).get("wall_ms") or [0.0]
        offset = statistics.median(base)
        values = [value - offset for value in values]
    return values


def row_values(row: Row, runs: dict[str, Any], client: str) -> list[Value]:
    """Per-round values of one row for one client."""
    if row.extract is None:
        return import_values(row, runs.get(row.scenario, {}), client)
    rounds = runs.get(row.scenario, {}).get(client)
    if not rounds:
        return []
    return [row.extract(jobs) for jobs in rounds]


def cell(values: Sequence[Value], base: Sequence[Value], ratio: bool) -> dict[str, Any]:
    """Median, range and paired ratio of one client's values."""
    numbers = [value for value in values if isinstance(value, float)]
    if not numbers:
        return {"status": next((value for value in values if isinstance(value, str)), "not run")}
    found: dict[str, Any] = {
        "status": "ok",
        "median": statistics.median(numbers),
        "min": min(numbers),
        "max": max(numbers),
        "n": len(numbers),
    }
    failed = [value for value in values if isinstance(value, str)]
    if failed:
        found["failures"] = len(failed)
    pairs = [
        v / b
        for v, b in zip(values, base)
        if isinstance(v, float) and isinstance(b, float) and b > 0
    ]
    if ratio and pairs:
        found["ratio"] = statistics.median(pairs)
    return found


def summarise(runs: dict[str, Any]) -> list[dict[str, Any]]:
    """Build the summary rows (only for scenarios that ran)."""
    summary = []
    for row in ROWS:
        if row.scenario not in runs:
            continue
        base = row_values(row, runs, BASELINE)
        cells = {
            client.name: cell(
                row_values(row, runs, client.name), base, row.kind in ("time", "size")
            )
            for client in CLIENTS
        }
        summary.append(
            {
                "key": row.key,
                "label": row.label,
                "unit": row.unit,
                "kind": row.kind,
                "cells": cells,
            }
        )
    return summary


def fmt_number(value: float, unit: str) -> str:
    """Human formatting with the unit; microseconds switch to ms past 1,000."""
    if unit == "us":
        if value >= 1000:
            return f"{value / 1000:.2f} ms"
        return f"{value:.1f} µs" if value < 100 else f"{value:.0f} µs"
    if unit == "ms":
        return f"{value:.1f} ms"
    if unit == "x":
        return f"{_short(value)}×"
    if unit == "KiB":
        return f"{value:,.0f} KiB"
    if unit == "pages":
        return f"{value:.1f}"
    return f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"


def fmt_cell(found: dict[str, Any], unit: str, kind: str) -> str:
    """One table cell: median, range for counts, ratio for times and sizes."""
    if found["status"] != "ok":
        return str(found["status"])[:40]
    text = fmt_number(found["median"], unit)
    if kind == "count" and found["min"] != found["max"]:
        text += f" [{fmt_number(found['min'], unit)}–{fmt_number(found['max'], unit)}]"
    if "ratio" in found:
        text += f" ×{found['ratio']:.2f}"
    if found.get("failures"):
        text += f" ({found['failures']} failed)"
    return text


def grid(header: Sequence[str], lines: Sequence[Sequence[str]]) -> list[list[str]]:
    """Header plus lines as a list of rows of strings."""
    return [list(header)] + [list(line) for line in lines]


def text_table(summary: list[dict[str, Any]]) -> str:
    """The full table printed after a run."""
    header = ["metric"] + [client.label for client in CLIENTS]
    lines = [
        [row["label"]]
        + [fmt_cell(row["cells"][client.name], row["unit"], row["kind"]) for client in CLIENTS]
        for row in summary
    ]
    table = grid(header, lines)
    widths = [max(len(line[index]) for line in table) for index in range(len(header))]
    rendered = [
        "  ".join(text.ljust(width) for text, width in zip(line, widths)).rstrip()
        for line in table
    ]
    rendered.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(rendered)


def readme_cell(summary: dict[str, dict[str, Any]], key: str, style: str, client: str) -> str:
    """One README cell: a ratio to raw requests, a value, or 'a / b'."""
    found = summary[key]["cells"][client]
    if found["status"] != "ok":
        status = str(found["status"])
        return "error" if status.startswith("error") else status
    if style == "ratio":
        return f"{found['ratio']:.2f}×" if "ratio" in found else "n/a"
    worst = summary[key]["kind"] == "count"  # counters: show the worst round
    text = fmt_number(found["max"] if worst else found["median"], summary[key]["unit"])
    if style.startswith("pair:"):
        other = summary[style[5:]]["cells"][client]
        text += " / " + (fmt_number(other["max"], "") if other["status"] == "ok" else "?")
    if style.startswith("with:"):
        other = summary[style[5:]]["cells"][client]
        text += " (%s×)" % (_short(other["median"]) if other["status"] == "ok" else "?")
    return text


def _short(value: float) -> str:
    """A ratio with two significant digits at most (0.0031, 0.47, 12)."""
    if value >= 10:
        return f"{value:.0f}"
    return f"{value:.2g}" if value < 1 else f"{value:.2f}"


def readme_lines(summary: list[dict[str, Any]]) -> list[list[str]]:
    """README rows for the scenarios that ran."""
    by_key = {row["key"]: row for row in summary}
    return [
        [label] + [readme_cell(by_key, key, style, client.name) for client in CLIENTS]
        for label, key, style in README_ROWS
        if key in by_key and (":" not in style or style.split(":", 1)[1] in by_key)
    ]


def rst_table(summary: list[dict[str, Any]]) -> str:
    """README table as an RST simple table."""
    table = grid(["Scenario"] + [client.label for client in CLIENTS], readme_lines(summary))
    widths = [max(len(line[index]) for line in table) for index in range(len(table[0]))]
    rule = "  ".join("=" * width for width in widths)
    body = [
        "  ".join(text.ljust(width) for text, width in zip(line, widths)).rstrip()
        for line in table
    ]
    return "\n".join([rule, body[0], rule, *body[1:], rule])


def markdown_table(summary: list[dict[str, Any]]) -> str:
    """README table as a Markdown pipe table."""
    table = grid(["Scenario"] + [client.label for client in CLIENTS], readme_lines(summary))
    lines = ["| " + " | ".join(line) + " |" for line in table]
    lines.insert(1, "|" + "|".join("---" for _ in table[0]) + "|")
    return "\n".join(lines)


def versus(summary: list[dict[str, Any]], client: str, other: str, keys: Sequence[str]) -> str:
    """``client`` over ``other`` for the rows ``keys`` that ran, one line each.

    Ratio of medians, and the same ratio of what each costs above the raw
    requests floor (what the library itself adds).
    """
    lines = []
    for row in summary:
        if row["key"] not in keys:
            continue
        cells = row["cells"]
        mine, theirs, floor = cells[client], cells[other], cells.get(BASELINE, {})
        if mine["status"] != "ok" or theirs["status"] != "ok" or theirs["median"] <= 0:
            continue
        text = f"{row['label']}: {client} / {other} = {mine['median'] / theirs['median']:.2f}"
        if floor.get("status") == "ok" and theirs["median"] > floor["median"]:
            above = (mine["median"] - floor["median"]) / (theirs["median"] - floor["median"])
            text += f"; above the raw requests floor: {above:.2f}"
        lines.append(text)
    return "\n".join(lines)

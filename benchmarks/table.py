"""Write the README's benchmark tables from recorded runs.

Usage::

    python -m benchmarks.table benchmarks/results/RUN.json [RUN.json ...]
    python -m benchmarks.table --check        # exit 1 if README.rst is not what its runs give
    python -m benchmarks.table --print RUN.json   # print the tables, change nothing

Each run file (written by :func:`benchmarks.record.save`) names the harness
module that made it; that module's ``readme_table(document)`` renders the
table, and this script puts a line above it saying where the figures come
from (harness, commit, date, machine and its load, rounds, library
versions). The tables replace what lies between the two marker comments
in README.rst, and the run files used are listed in a comment there, so
``--check`` (and the test suite) can tell whether the README still says
what its recorded runs say.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path
from typing import Any

__all__ = ["BEGIN", "END", "check", "region", "render_run", "replace_region"]

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.rst"
BEGIN = ".. benchmark tables begin: written by python -m benchmarks.table, do not edit by hand"
END = ".. benchmark tables end"
SOURCES = ".. from: "

#: Libraries named under each harness's table (the peers it measures).
_PEERS = {
    "identity": ("requests", "python-keystoneclient", "openstacksdk", "keystoneauth1", "orjson"),
    "network": ("requests", "python-neutronclient", "openstacksdk", "keystoneauth1", "orjson"),
    "image": ("requests", "python-glanceclient", "openstacksdk", "keystoneauth1", "orjson"),
    "volume": ("requests", "python-cinderclient", "openstacksdk", "keystoneauth1", "orjson"),
    "compute": ("requests", "python-novaclient", "openstacksdk", "keystoneauth1", "orjson"),
    "objstore": ("requests", "python-swiftclient", "openstacksdk", "keystoneauth1"),
    "cli": ("python-openstackclient", "osc-lib", "cliff", "openstacksdk", "prettytable"),
}
_DEFAULT_PEERS = ("requests", "openstacksdk", "keystoneauth1", "orjson")


def _rounds(document: dict[str, Any]) -> Any:
    return document.get("rounds") or document.get("meta", {}).get("rounds")


def _load(values: list[float]) -> str:
    return "%.1f" % values[0] if values else "unknown"


def caption(document: dict[str, Any]) -> str:
    """One paragraph saying where a table's figures come from."""
    machine = document.get("machine", {})
    harness = document.get("harness", "?")
    command = "python -m " + document.get("module", "benchmarks").replace(".run", "")
    if document.get("argv"):
        command += " " + " ".join(document["argv"])
    libraries = document.get("libraries", {})
    peers = _PEERS.get(harness, _DEFAULT_PEERS)
    named = ", ".join("%s %s" % (name, libraries[name]) for name in peers if name in libraries)
    dirty = " plus uncommitted changes" if document.get("dirty") else ""
    return (
        "``%s``: commit %s%s, %s UTC; %s cores (%s), load average %s at the start and "
        "%s at the end; %s; medians of %s rounds, ratios paired within each round; %s."
        % (
            command,
            document.get("commit", "unknown")[:10],
            dirty,
            document.get("started", "?")[:16].replace("T", " "),
            machine.get("cores", "?"),
            machine.get("cpu", "?"),
            _load(machine.get("loadavg", [])),
            _load(document.get("loadavg_at_end", [])),
            machine.get("python", "?"),
            _rounds(document) or "?",
            named or "no peers recorded",
        )
    )


def render_run(document: dict[str, Any]) -> str:
    """The caption and the table of one recorded run."""
    module = importlib.import_module(document["module"])
    table = "\n".join(line.rstrip() for line in module.readme_table(document).splitlines())
    return caption(document) + "\n\n" + table


def region(paths: list[Path]) -> str:
    """The text between the markers: each run's caption and table, then the sources."""
    parts = []
    for path in paths:
        document = json.loads(path.read_text(encoding="utf-8"))
        parts.append(render_run(document))
    listed = " ".join(_relative(path) for path in paths)
    return "\n\n".join(parts) + "\n\n" + SOURCES + listed


def _relative(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return path.as_posix()


def replace_region(text: str, body: str) -> str:
    """``text`` with what lies between :data:`BEGIN` and :data:`END` replaced by ``body``."""
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < start:
        raise SystemExit("README.rst has no '%s' ... '%s' region" % (BEGIN, END))
    return text[: start + len(BEGIN)] + "\n\n" + body + "\n\n" + text[end:]


def sources(text: str) -> list[Path]:
    """The run files listed in the README's region."""
    for line in text[text.find(BEGIN) : text.find(END)].splitlines():
        if line.startswith(SOURCES):
            return [ROOT / name for name in line[len(SOURCES) :].split()]
    return []


def check(readme: Path = README) -> bool:
    """Whether the README's region is exactly what its listed runs give."""
    text = readme.read_text(encoding="utf-8")
    listed = sources(text)
    return bool(listed) and replace_region(text, region(listed)) == text


def main(argv: list[str] | None = None) -> int:
    """Rewrite the README region (or check it, or print the tables)."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.table", description=__doc__)
    parser.add_argument("runs", nargs="*", type=Path, help="recorded run files, in table order")
    parser.add_argument("--readme", type=Path, default=README)
    parser.add_argument("--check", action="store_true", help="only check the README")
    parser.add_argument("--print", action="store_true", help="print the tables, change nothing")
    options = parser.parse_args(argv)
    if options.check:
        fine = check(options.readme)
        print("README tables match their runs" if fine else "README tables are out of date")
        return 0 if fine else 1
    if not options.runs:
        parser.error("name at least one recorded run")
    body = region(options.runs)
    if options.print:
        print(body)
        return 0
    text = options.readme.read_text(encoding="utf-8")
    options.readme.write_text(replace_region(text, body), encoding="utf-8")
    print("wrote %d table(s) into %s" % (len(options.runs), options.readme))
    return 0


if __name__ == "__main__":
    sys.exit(main())

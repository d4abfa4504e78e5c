"""The examples of the documentation pages, read from the reST and run.

One mechanism for every page under ``docs/``: ``tests/functional/test_docs.py``
runs each page that has examples, in order, against the local cloud. A
new guide needs nothing here: its examples run because it is a page.

What runs:

* ``.. code-block:: python`` -- executed in order, all blocks of a page in
  one namespace. A failure names the page and its line (the code is
  compiled with the page's file name and line numbers).
* ``.. code-block:: console`` -- each ``$ command`` (``\\`` continues it on
  the next line) is run by bash in the page's working directory. It must
  exit 0; when the output shown under it begins with ``Error:`` it must
  exit 1 and say ``Error:`` on stderr, and with ``usage:`` exit 2, as the
  ``stack`` command line does.
* A block directly preceded by a comment starting ``.. not run`` (say
  why: ``.. not run: starts a second cloud``) is shown but not run.

Console blocks run as in one terminal: what one block exports, or the
directory it changes to, the blocks after it see (Python blocks too).

Every page starts in a fresh working directory laid out like a checkout
whose local cloud runs: ``.state/cloud`` is the running cloud's state
directory (cloud.json, clouds.yaml, openrc). ``HOME`` is a fresh directory,
no ``OS_*`` variable is set, and ``STACKCLIENT_CLOUD_JSON`` names the
cloud.json (see :func:`page_environment`). A page that uses clouds.yaml
says so itself: ``export OS_CLIENT_CONFIG_FILE=$PWD/.state/cloud/clouds.yaml``.
"""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys
import typing as _t
from pathlib import Path

__all__ = [
    "DOCS",
    "Block",
    "Command",
    "blocks_of",
    "commands_of",
    "expected_status",
    "page_environment",
    "pages_with_examples",
    "run_page",
]

DOCS = Path(__file__).resolve().parents[2] / "docs"
#: Languages whose blocks are run.
LANGUAGES = ("python", "console")
#: Seconds one console command may take.
COMMAND_TIMEOUT = 300

_DIRECTIVE = re.compile(r"^(\s*)\.\. code-block:: *(\S+)\s*$")
_OPTION = re.compile(r"^\s*:[\w-]+:")
_NOT_RUN = re.compile(r"^\s*\.\. not run\b")


@dataclasses.dataclass(frozen=True)
class Block:
    """One code block: its language, its text (dedented), the line its text starts on."""

    language: str
    text: str
    line: int
    run: bool


@dataclasses.dataclass(frozen=True)
class Command:
    """One ``$ command`` of a console block, with the output shown under it."""

    command: str
    output: tuple[str, ...]
    line: int


def _previous_nonblank(lines: list[str], index: int) -> str:
    for line in reversed(lines[:index]):
        if line.strip():
            return line
    return ""


def _body(lines: list[str], start: int, indent: int) -> tuple[list[str], int]:
    """The indented body of a directive from ``start`` (after its options)."""
    index = start
    while index < len(lines) and (_OPTION.match(lines[index]) or not lines[index].strip()):
        index += 1
    first = index
    body: list[str] = []
    width = None
    while index < len(lines):
        line = lines[index]
        if line.strip():
            current = len(line) - len(line.lstrip())
            if current <= indent:
                break
            width = current if width is None else min(width, current)
        body.append(line)
        index += 1
    while body and not body[-1].strip():
        body.pop()
    return [line[width or 0 :] for line in body], first + 1


def blocks_of(text: str) -> list[Block]:
    """Every ``code-block`` of a reST text whose language is run, in order."""
    lines = text.splitlines()
    blocks = []
    for index, line in enumerate(lines):
        match = _DIRECTIVE.match(line)
        if not match or match.group(2) not in LANGUAGES:
            continue
        body, first_line = _body(lines, index + 1, len(match.group(1)))
        run = not _NOT_RUN.match(_previous_nonblank(lines, index))
        blocks.append(Block(match.group(2), "\n".join(body) + "\n", first_line, run))
    return blocks


def commands_of(block: Block) -> list[Command]:
    """The ``$ commands`` of a console block, each with the output shown under it."""
    commands: list[Command] = []
    pending: list[str] = []
    for offset, line in enumerate(block.text.splitlines()):
        if not pending and not line.startswith("$ "):
            if commands:
                last = commands[-1]
                commands[-1] = dataclasses.replace(last, output=(*last.output, line))
            continue
        if not pending:
            start = block.line + offset
        pending.append(line[2:] if len(pending) == 0 else line)
        if not line.endswith("\\"):
            commands.append(Command("\n".join(pending), (), start))
            pending = []
    return commands


def expected_status(command: Command) -> int:
    """The exit status the page promises: 1 for ``Error:``, 2 for ``usage:``, else 0."""
    shown = next((line for line in command.output if line.strip()), "")
    if shown.startswith("Error:"):
        return 1
    if shown.startswith("usage:"):
        return 2
    return 0


def pages_with_examples(root: Path = DOCS) -> list[Path]:
    """The pages under ``root`` with at least one block to run."""
    return sorted(p for p in root.rglob("*.rst") if any(b.run for b in blocks_of(p.read_text())))


def page_environment(cloud: _t.Mapping[str, _t.Any], home: Path) -> dict[str, str]:
    """The variables a page starts with (on top of this process's, ``OS_*`` removed)."""
    bin_dir = os.path.dirname(sys.executable)
    return {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "PATH": bin_dir + os.pathsep + os.environ.get("PATH", ""),
        "STACKCLIENT_CLOUD_JSON": str(Path(cloud["state_dir"]) / "cloud.json"),
    }


def _prepare(cloud: _t.Mapping[str, _t.Any], workdir: Path) -> Path:
    """``workdir`` laid out like a checkout: ``.state/cloud`` is the running cloud."""
    state = Path(cloud["state_dir"])
    assert (state / "clouds.yaml").is_file(), (
        "%s/clouds.yaml is missing: the cloud was started by an older tools/cloud.py" % state
    )
    (workdir / ".state").mkdir(parents=True, exist_ok=True)
    (workdir / ".state" / "cloud").symlink_to(state, target_is_directory=True)
    home = workdir / "home"
    home.mkdir(exist_ok=True)
    return home


def _run_python(page: Path, block: Block, namespace: dict[str, _t.Any]) -> None:
    code = compile("\n" * (block.line - 1) + block.text, str(page), "exec")
    exec(code, namespace)  # noqa: S102 - the page's own example


def _script(commands: list[Command], out: Path) -> str:
    """One bash script for a console block: each command's output and status to files,
    then the environment and directory it leaves, so that the next block goes on from there."""
    lines = []
    for number, command in enumerate(commands):
        lines.append("{ %s\n} >'%s/out.%d' 2>'%s/err.%d' </dev/null; echo $? >'%s/status.%d'"
                     % (command.command, out, number, out, number, out, number))  # fmt: skip
    lines.append("env -0 >'%s/env'; pwd >'%s/cwd'" % (out, out))
    return "\n".join(lines) + "\n"


def _check(page: Path, command: Command, out: Path, number: int) -> None:
    where = "%s, line %d: $ %s" % (page.name, command.line, command.command)
    status_file = out / ("status.%d" % number)
    assert status_file.is_file(), "%s\nended the shell" % where
    status = int(status_file.read_text())
    stdout = (out / ("out.%d" % number)).read_text()
    stderr = (out / ("err.%d" % number)).read_text()
    want = expected_status(command)
    assert status == want, "%s\nexited %d, the page shows %d\n%s%s" % (
        where, status, want, stdout, stderr)  # fmt: skip
    if want == 1:
        assert "Error:" in stderr, "%s\nno 'Error:' on stderr:\n%s" % (where, stderr)


def _adopt(out: Path, monkeypatch: _t.Any) -> None:
    """Take over the environment and directory a console block left."""
    env = dict(item.split("=", 1) for item in (out / "env").read_text().split("\0") if "=" in item)
    for name in [n for n in os.environ if n not in env]:
        monkeypatch.delenv(name)
    for name, value in env.items():
        if name != "_" and os.environ.get(name) != value:
            monkeypatch.setenv(name, value)
    monkeypatch.chdir((out / "cwd").read_text().strip())


def _run_console(page: Path, block: Block, out: Path, monkeypatch: _t.Any) -> None:
    out.mkdir()
    commands = commands_of(block)
    subprocess.run(["bash", "-c", _script(commands, out)], env=dict(os.environ),
                   timeout=COMMAND_TIMEOUT * len(commands), check=False)  # fmt: skip
    for number, command in enumerate(commands):
        _check(page, command, out, number)
    _adopt(out, monkeypatch)


def run_page(
    page: Path, cloud: _t.Mapping[str, _t.Any], workdir: Path, monkeypatch: _t.Any
) -> int:
    """Run every block of ``page`` in ``workdir``; return how many ran.

    Console blocks run in bash one after the other as in one terminal:
    what one exports or the directory it changes to, the next block and
    the Python blocks see.
    """
    home = _prepare(cloud, workdir)
    for name in [n for n in os.environ if n.startswith("OS_")]:
        monkeypatch.delenv(name)
    for name, value in page_environment(cloud, home).items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(workdir)
    namespace: dict[str, _t.Any] = {"__name__": "docs_" + page.stem.replace("-", "_")}
    ran = 0
    for number, block in enumerate(blocks_of(page.read_text())):
        if not block.run:
            continue
        if block.language == "python":
            _run_python(page, block, namespace)
        else:
            _run_console(page, block, home / (".console-%d" % number), monkeypatch)
        ran += 1
    return ran

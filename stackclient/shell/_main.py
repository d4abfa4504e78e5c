"""Parse a ``stack`` command line, run the command, print, and pick the exit code.

Exit codes: 0 success, 1 an API or transport error (one line on stderr:
the message and the request id; the traceback only with ``--debug``), 2 a
usage error. Ctrl-C exits with 130 and no traceback.

Only the parser of the command asked for is built: the resources are
listed from :mod:`stackclient.shell._registry` without importing them.
"""

from __future__ import annotations

import argparse
import os
import sys

from stackclient.shell import _registry
from stackclient.shell._output import FORMATS

_TYPE_CHECKING = False
if _TYPE_CHECKING:  # pragma: no cover
    import typing as _t

__all__ = ["run"]

_PROG = "stack"
_EPILOG = "Run 'stack <resource> --help' for the verbs of a resource. Documentation: docs/cli.rst"

#: Options accepted both before the command and after it.
_ANYWHERE = (
    (
        ("--debug",),
        {
            "action": "store_true",
            "help": "log every request and response (secrets redacted) to stderr, and show tracebacks",
        },
    ),
    (
        ("--timing",),
        {"action": "store_true", "help": "print the requests sent and their times to stderr"},
    ),
    (("-v", "--verbose"), {"action": "count", "help": "say more on stderr (repeatable)"}),
    (("-q", "--quiet"), {"action": "store_true", "help": "print only errors on stderr"}),
    (
        ("--no-cache",),
        {"action": "store_true", "help": "neither read nor write the token and discovery cache"},
    ),
)


def _global_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=_PROG,
        usage="stack [global options] <resource> <verb> [options]",
        description="Command line for OpenStack clouds: stack <resource> <verb> [options]",
        epilog=_EPILOG,
    )
    from stackclient.shell import _connect

    _connect.add_connection_options(parser)
    for flags, kwargs in _ANYWHERE:
        parser.add_argument(*flags, **kwargs)  # type: ignore[arg-type]
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    return parser


def _add_command_options(parser: argparse.ArgumentParser, command: _t.Any) -> None:
    for flags, kwargs in _ANYWHERE:
        parser.add_argument(*flags, **dict(kwargs, default=argparse.SUPPRESS))  # type: ignore[arg-type]
    if command.has_output:
        group = parser.add_argument_group("output options")
        group.add_argument(
            "-f",
            "--format",
            choices=FORMATS,
            default="table",
            help="output format (default: table)",
        )
        group.add_argument("-c", "--column", action="append", default=[], metavar="COLUMN",
                           help="show this column (repeatable; API name or header)")  # fmt: skip
        group.add_argument("--sort-column", action="append", default=[], metavar="COLUMN",
                           help="sort rows by this column (repeatable)")  # fmt: skip
        group.add_argument("--max-width", type=_width, default=0, metavar="N",
                           help="fold table cells wider than N characters")  # fmt: skip


def _width(text: str) -> int:
    """``--max-width``: a whole number of characters, 0 for no limit."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError("%r is not a width: give 0 (no limit) or more" % text)
    return value


def _takes_value(parser: argparse.ArgumentParser) -> set[str]:
    return {flag for flag, action in parser._option_string_actions.items() if action.nargs != 0}


def _command_words(argv: list[str], valued: set[str]) -> list[int]:
    """Where the resource and the verb are in ``argv`` (global options and values skipped)."""
    found: list[int] = []
    skip = False
    for index, token in enumerate(argv):
        if skip:
            skip = False
        elif token == "--":
            break
        elif token.startswith("-"):
            skip = not found and "=" not in token and token in valued
        else:
            found.append(index)
            if len(found) == 2:
                break
    return found


def _find_command(argv: list[str], valued: set[str]) -> tuple[str | None, str | None]:
    """The resource and verb named in ``argv`` (skipping global options and their values)."""
    words = [argv[index] for index in _command_words(argv, valued)]
    resource = words[0] if words else None
    verb = words[1] if len(words) > 1 else None
    return resource, verb


def _api_method_lowered(argv: list[str], valued: set[str]) -> list[str]:
    """``stack api GET ...`` as ``stack api get ...``: HTTP methods are written in capitals."""
    words = _command_words(argv, valued)
    if len(words) == 2 and argv[words[0]] == "api":
        argv = list(argv)
        argv[words[1]] = argv[words[1]].lower()
    return argv


def build_parser(argv: list[str]) -> tuple[argparse.ArgumentParser, _t.Any]:
    """The parser for ``argv``, and the command class it names (or None)."""
    parser = _global_parser()
    resource, verb = _find_command(argv, _takes_value(parser))
    resources = parser.add_subparsers(
        dest="resource", metavar="<resource>", title="resources", prog=_PROG
    )
    command = None
    for name, summary in _registry.GROUPS.items():
        group = resources.add_parser(name, help=summary, description=summary)
        if name != resource:
            continue
        verbs = group.add_subparsers(
            dest="verb", metavar="<verb>", title="verbs", prog="%s %s" % (_PROG, name)
        )
        for verb_name, verb_summary in _registry.verbs_of(name).items():
            sub = verbs.add_parser(verb_name, help=verb_summary, description=verb_summary)
            if verb_name == verb:
                command = _registry.load(name, verb_name)()
                _add_command_options(sub, command)
                command.add_arguments(sub)
    return parser, command


def run(argv: list[str]) -> int:
    """Run one command line; return its exit code."""
    try:
        return _run(argv)
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:  # stdout closed early (| head): nothing more to say
        _silence_stdout()
        return 0


def _run(argv: list[str]) -> int:
    argv = _registry.join_resource(argv)
    if "api" in argv:
        argv = _api_method_lowered(argv, _takes_value(_global_parser()))
    parser, command = build_parser(argv)
    args = parser.parse_args(argv)
    if args.version:
        import stackclient

        print("stack (stackclient) %s" % stackclient.__version__)
        return 0
    if args.resource is None or getattr(args, "verb", None) is None or command is None:
        _usage(parser, args)
        return 2
    from stackclient.shell import _context

    return _context.execute(command, args)


_SHORT_USAGE = """usage: stack [global options] <resource> <verb> [options]

resources: %s

'stack --help' lists the global options (--os-cloud, -f json ...),
'stack <resource> --help' the verbs of a resource.
Documentation: docs/getting-started.rst and docs/cli.rst
"""


def _usage(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    if args.resource is None:
        import textwrap

        resources = textwrap.fill(", ".join(_registry.GROUPS), 66, subsequent_indent="    ")
        sys.stderr.write(_SHORT_USAGE % resources)
        return
    verbs = ", ".join(_registry.verbs_of(args.resource))
    print("usage: stack %s <verb> ...; verbs: %s" % (args.resource, verbs), file=sys.stderr)


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass

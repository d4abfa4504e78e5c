"""The ``stack`` command line: ``stack <resource> <verb> [options]``.

Start-up is kept to what a command needs: ``stack --help`` and
``stack <resource> <verb> --help`` import neither requests nor any
service client; a command imports its own module and the client it
calls when it runs. See ``docs/cli.rst``.
"""

from __future__ import annotations

import sys

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    """Run one ``stack`` command; return the exit code (0, 1 or 2)."""
    from stackclient.shell import _main

    return _main.run(sys.argv[1:] if argv is None else list(argv))

"""What every fuzz test does with a drawn answer: run the call, allow only ClientException."""

from __future__ import annotations

import contextlib
import logging
import typing as _t

from stackclient.apiclient import exceptions

#: How many examples ran per test name (read by the report at the end of a run).
COUNTS: dict[str, int] = {}


@contextlib.contextmanager
def debug_log(on: bool) -> _t.Iterator[None]:
    """Run with the ``stackclient`` logger at DEBUG or at WARNING, then back to DEBUG.

    The run-wide guard keeps the logger at DEBUG; its handler sees everything.
    """
    logger = logging.getLogger("stackclient")
    before = logger.level
    logger.setLevel(logging.DEBUG if on else logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(before)


def survive(name: str, call: _t.Callable[[], object]) -> None:
    """Run ``call``; a ClientException is a fine outcome, anything else fails the example."""
    COUNTS[name] = COUNTS.get(name, 0) + 1
    try:
        call()
    except exceptions.ClientException as error:
        str(error)  # the message must format, whatever the answer
        repr(error)

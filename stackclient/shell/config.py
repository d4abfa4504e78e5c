"""``stack config show``: the resolved configuration, and where each value came from."""

from __future__ import annotations

import argparse

from stackclient.shell._base import Listing, Record, ShowOne

_TYPE_CHECKING = False
if _TYPE_CHECKING:  # pragma: no cover
    import typing as _t

__all__ = ["ConfigShow"]


class ConfigShow(ShowOne):
    """Show the cloud's settings; ``--origin`` adds where each came from.

    Secrets are shown as ``***``. Nothing is sent to the cloud.
    """

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--origin", action="store_true",
                            help="add a column saying where each value came from")  # fmt: skip

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> Listing | Record:
        rows = ctx.conn.config.describe_rows()
        if args.origin:
            return Listing(["key", "value", "origin"], [list(row) for row in rows])
        return Record({key: value for key, value, _ in rows})

"""The command base class, and helpers commands share.

A command class has a ``summary``, adds its own arguments in
``add_arguments(parser)`` and does its work in ``take_action(ctx, args)``,
returning a :class:`~stackclient.shell._output.Listing`, a
:class:`~stackclient.shell._output.Record` or None. ``ctx`` gives the
connection (``ctx.conn``, built on first use) and progress bars.

Command modules import nothing heavy at module level: ``stack <resource>
<verb> --help`` imports the module to build the parser.
"""

from __future__ import annotations

import argparse

from stackclient.shell._output import Listing, Record

_TYPE_CHECKING = False
if _TYPE_CHECKING:  # pragma: no cover
    import typing as _t

__all__ = ["Command", "Lister", "Listing", "Record", "ShowOne", "fields_of", "rows_of"]


class Command:
    """One ``stack <resource> <verb>``: arguments, and the action."""

    #: Whether the output options (-f, -c, ...) apply.
    has_output = False

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        """Add this command's arguments to its parser."""

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> Listing | Record | None:
        """Do the work; return what to print."""
        raise NotImplementedError


class Lister(Command):
    """A command that prints rows; ``columns`` are the default API fields shown."""

    has_output = True
    columns: _t.ClassVar[tuple[str, ...]] = ("id", "name")
    long_columns: _t.ClassVar[tuple[str, ...]] = ()

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        if self.long_columns:
            parser.add_argument("--long", action="store_true", help="show more columns")

    def columns_for(self, args: argparse.Namespace) -> tuple[str, ...]:
        """The columns to show: the defaults, plus ``long_columns`` with --long."""
        if getattr(args, "long", False):
            return self.columns + self.long_columns
        return self.columns


class ShowOne(Command):
    """A command that prints one item's fields."""

    has_output = True


def _field(item: _t.Any, name: str) -> _t.Any:
    if isinstance(item, dict):
        return item.get(name)
    return getattr(item, name, None)


def rows_of(items: _t.Iterable[_t.Any], columns: _t.Sequence[str]) -> Listing:
    """A Listing of ``columns`` read from resources or dicts (missing fields are empty)."""
    return Listing(list(columns), ([_field(item, c) for c in columns] for item in items))


def fields_of(item: _t.Any, hide: _t.Iterable[str] = ("links",)) -> Record:
    """A Record of every field of a resource or dict, sorted by name, without ``hide``."""
    data = item.to_dict() if hasattr(item, "to_dict") else dict(item)
    hidden = set(hide)
    return Record({k: data[k] for k in sorted(data) if k not in hidden})


def check_file(path: str) -> None:
    """Refuse, before any request, a local file to send that is missing or not a file."""
    import os

    from stackclient.apiclient import exceptions

    if os.path.isdir(path):
        raise exceptions.CommandError("%s is a directory; give the path of a file" % path)
    if not os.path.isfile(path):
        raise exceptions.CommandError("No such file: %s" % path)

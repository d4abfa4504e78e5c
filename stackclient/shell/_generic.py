"""Commands written as tables: list, show, create, set and delete of a service's resource.

A service's commands are small subclasses that name the service attribute
of the connection, the manager, the columns and the options; the work is
done here once::

    class NetworkList(ResourceList):
        service, manager = "network", "networks"
        columns = ("id", "name", "status")
        filters = (Option("--project", "project_id", help="owning project"),)
"""

from __future__ import annotations

import argparse

from stackclient.shell._base import Command, Lister, Listing, Record, ShowOne, fields_of, rows_of

_TYPE_CHECKING = False
if _TYPE_CHECKING:  # pragma: no cover
    import typing as _t

__all__ = [
    "Option",
    "ResourceCreate",
    "ResourceDelete",
    "ResourceList",
    "ResourceSet",
    "ResourceShow",
]


class Option:
    """A command-line option that becomes one API field (or list filter).

    ``kind`` is ``str``, ``int``, ``bool`` (``--x``/``--no-x``), ``flag``
    (store_true), ``list`` (repeatable) or ``kv`` (repeatable ``KEY=VALUE``).
    """

    __slots__ = ("flag", "field", "help", "kind")

    def __init__(self, flag: str, field: str, help: str = "", kind: str = "str") -> None:
        self.flag = flag
        self.field = field
        self.help = help
        self.kind = kind

    def add_to(self, parser: argparse.ArgumentParser) -> None:
        """Add the option to ``parser`` (its dest is the API field name)."""
        dest = "field_" + self.field
        if self.kind == "bool":
            group = parser.add_mutually_exclusive_group()
            group.add_argument(
                self.flag, dest=dest, action="store_true", default=None, help=self.help
            )
            group.add_argument("--no-" + self.flag[2:], dest=dest, action="store_false")
        elif self.kind == "flag":
            parser.add_argument(
                self.flag, dest=dest, action="store_true", default=None, help=self.help
            )
        elif self.kind in ("list", "kv"):
            parser.add_argument(self.flag, dest=dest, action="append", default=None, help=self.help,
                                metavar="KEY=VALUE" if self.kind == "kv" else None)  # fmt: skip
        else:
            parser.add_argument(self.flag, dest=dest, type=int if self.kind == "int" else str,
                                help=self.help)  # fmt: skip

    def value(self, args: argparse.Namespace) -> _t.Any:
        """The option's value as the API takes it, or None when not given."""
        value = getattr(args, "field_" + self.field, None)
        if value is not None and self.kind == "kv":
            return _pairs(value)
        return value


def _pairs(values: list[str]) -> dict[str, str]:
    from stackclient.apiclient import exceptions

    pairs = {}
    for value in values:
        key, sep, text = value.partition("=")
        if not sep or not key:
            raise exceptions.CommandError("Expected KEY=VALUE, got %r" % value)
        pairs[key] = text
    return pairs


def fields(options: _t.Iterable[Option], args: argparse.Namespace) -> dict[str, _t.Any]:
    """The API fields the given options set (options not given are left out)."""
    found = {}
    for option in options:
        value = option.value(args)
        if value is not None:
            found[option.field] = value
    return found


class _OnManager:
    service: _t.ClassVar[str] = ""
    manager: _t.ClassVar[str] = ""
    noun: _t.ClassVar[str] = "resource"

    def _manager(self, ctx: _t.Any) -> _t.Any:
        return getattr(getattr(ctx.conn, self.service), self.manager)

    def _find(self, ctx: _t.Any, value: str) -> _t.Any:
        return find_in_scope(ctx, self._manager(ctx), value)


def find_in_scope(ctx: _t.Any, manager: _t.Any, value: str) -> _t.Any:
    """``manager.find(value)``; a name several projects use means the current project's.

    An admin sees every project's ``default`` security group (or
    ``private`` network): when a name matches several items and exactly one
    belongs to the token's project, that one is meant. Otherwise the
    ambiguity is reported as it was found, listing every match.
    """
    from stackclient.apiclient import exceptions, service

    try:
        return manager.find(value)
    except exceptions.NoUniqueMatch as ambiguous:
        if not isinstance(manager, service.ServiceManager):
            raise
        project_id = ctx.conn.session.get_project_id()
        if not project_id:
            raise
        try:
            return manager.find(value, project_id=project_id)
        except (exceptions.NotFound, exceptions.NoUniqueMatch):
            raise ambiguous from None


class ResourceList(_OnManager, Lister):
    """List a collection; ``filters`` become query filters."""

    filters: _t.ClassVar[tuple[Option, ...]] = ()

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        super().add_arguments(parser)
        for option in self.filters:
            option.add_to(parser)

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> Listing:
        items = self._manager(ctx).iterate(**fields(self.filters, args))
        return rows_of(items, self.columns_for(args))


class ResourceShow(_OnManager, ShowOne):
    """Show one item by name or id."""

    hidden: _t.ClassVar[tuple[str, ...]] = ("links",)

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(self.noun.replace(" ", "_"), metavar=self.noun.replace(" ", "-"),
                            help="name or id")  # fmt: skip

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> Record:
        item = self._find(ctx, getattr(args, self.noun.replace(" ", "_")))
        return fields_of(item, self.hidden)


class ResourceCreate(_OnManager, ShowOne):
    """Create an item from ``options`` (and a positional name unless ``named`` is False)."""

    options: _t.ClassVar[tuple[Option, ...]] = ()
    named: _t.ClassVar[bool] = True

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        if self.named:
            parser.add_argument("name", help="name of the new %s" % self.noun)
        for option in self.options:
            option.add_to(parser)

    def attributes(self, ctx: _t.Any, args: argparse.Namespace) -> dict[str, _t.Any]:
        """The fields to create with; subclasses resolve names to ids here."""
        attrs = fields(self.options, args)
        if self.named:
            attrs["name"] = args.name
        return attrs

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> Record:
        return fields_of(self._manager(ctx).create(**self.attributes(ctx, args)))


class ResourceSet(_OnManager, Command):
    """Change the fields ``options`` of an item."""

    options: _t.ClassVar[tuple[Option, ...]] = ()

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("target", metavar=self.noun.replace(" ", "-"), help="name or id")
        for option in self.options:
            option.add_to(parser)

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> None:
        changes = fields(self.options, args)
        if not changes:
            from stackclient.apiclient import exceptions

            raise exceptions.CommandError("Nothing to change: give at least one option")
        self._manager(ctx).update(self._find(ctx, args.target), **changes)


class ResourceDelete(_OnManager, Command):
    """Delete items by name or id; every one is tried, failures are reported together."""

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("targets", nargs="+", metavar=self.noun.replace(" ", "-"),
                            help="names or ids")  # fmt: skip

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> None:
        from stackclient.apiclient import exceptions

        manager = self._manager(ctx)
        failed = []
        for value in args.targets:
            try:
                manager.delete(self._find(ctx, value))
            except exceptions.ClientException as error:
                failed.append("%s: %s" % (value, error))
        if failed:
            raise exceptions.CommandError(
                "%d of %d not deleted: %s" % (len(failed), len(args.targets), "; ".join(failed))
            )

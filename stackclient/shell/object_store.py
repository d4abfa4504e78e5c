"""Object storage commands: containers, and objects uploaded and downloaded verified."""

from __future__ import annotations

import argparse
import os

from stackclient.shell._base import (
    Command,
    Lister,
    Listing,
    Record,
    ShowOne,
    check_file,
    fields_of,
    rows_of,
)

_TYPE_CHECKING = False
if _TYPE_CHECKING:  # pragma: no cover
    import typing as _t


def _bar(ctx: _t.Any, args: argparse.Namespace, description: str) -> _t.Any:
    """A transfer progress callback drawing a bar, or None."""
    if not getattr(args, "progress", False):
        return None
    draw = ctx.progress(description, None)
    if draw is None:
        return None

    def callback(progress: _t.Any) -> None:
        draw(progress.bytes_done, progress.bytes_total)

    return callback


class ContainerList(Lister):
    columns = ("name", "count", "bytes")

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--prefix", help="only containers whose names start with this")

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> Listing:
        containers = ctx.conn.object_store.containers.iterate(prefix=args.prefix)
        return rows_of(containers, self.columns)


class ContainerShow(ShowOne):
    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("container")

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> Record:
        return fields_of(ctx.conn.object_store.containers.get(args.container))


class ContainerCreate(ShowOne):
    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("containers", nargs="+", metavar="container")
        parser.add_argument("--public", action="store_true", help="anyone may read its objects")
        parser.add_argument("--versions", action="store_true", help="keep old versions of objects")

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> Listing:  # type: ignore[override]
        containers = ctx.conn.object_store.containers
        options: dict[str, _t.Any] = {}
        if args.public:
            options["read_acl"] = ".r:*,.rlistings"
        if args.versions:
            options["versions"] = True
        for name in args.containers:
            containers.create(name, **options)
        return Listing(["name"], [[name] for name in args.containers])


class ContainerDelete(Command):
    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("containers", nargs="+", metavar="container")
        parser.add_argument("-r", "--recursive", action="store_true",
                            help="delete the objects first (bulk delete)")  # fmt: skip

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> None:
        containers = ctx.conn.object_store.containers
        for name in args.containers:
            containers.delete(name, empty=args.recursive)


class ObjectList(Lister):
    columns = ("name", "bytes", "last_modified", "hash")

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("container")
        parser.add_argument("--prefix", help="only objects whose names start with this")
        parser.add_argument("--delimiter", help="roll names up to this character (e.g. /)")

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> Listing:
        objects = ctx.conn.object_store.objects.iterate(
            args.container, prefix=args.prefix, delimiter=args.delimiter
        )
        return Listing(list(self.columns), (_object_row(o, self.columns) for o in objects))


def _object_row(item: _t.Any, columns: _t.Sequence[str]) -> list[_t.Any]:
    data = item.to_dict()
    if "subdir" in data and "name" not in data:
        data["name"] = data["subdir"]
    return [data.get(column) for column in columns]


class ObjectShow(ShowOne):
    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("container")
        parser.add_argument("object")

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> Record:
        return fields_of(ctx.conn.object_store.objects.get(args.container, args.object))


class ObjectUpload(Lister):
    """Upload files; large ones become segmented objects, uploaded in parallel and resumable."""

    columns = ("object", "container", "hash")

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("container")
        parser.add_argument("files", nargs="+", metavar="file")
        parser.add_argument("--name", help="object name (one file only; default: the file's path)")
        parser.add_argument("--segment-size", type=int, help="bytes per segment of a large object")
        parser.add_argument("--progress", action="store_true", help="show a progress bar")

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> Listing:
        from stackclient.apiclient import exceptions

        if args.name and len(args.files) > 1:
            raise exceptions.CommandError("--name needs exactly one file")
        objects = ctx.conn.object_store.objects
        rows = []
        for path in args.files:
            check_file(path)
            name = args.name or _object_name(path)
            done = objects.upload(args.container, name, path, segment_size=args.segment_size,
                                  progress=_bar(ctx, args, "upload " + name))  # fmt: skip
            rows.append([name, args.container, getattr(done, "hash", None)])
        return Listing(list(self.columns), rows)


def _object_name(path: str) -> str:
    """The object name for a file: its relative path, or its base name if it is outside."""
    name = os.path.normpath(path)
    if os.path.isabs(name) or name.startswith(".."):
        return os.path.basename(name)
    return name


class ObjectDownload(Command):
    """Download an object to a file, every byte verified (large objects in parallel)."""

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("container")
        parser.add_argument("object")
        parser.add_argument("--file", help="where to write it (default: the object's name)")
        parser.add_argument("--progress", action="store_true", help="show a progress bar")
        parser.add_argument("--ignore-checksum", action="store_true",
                            help="do not hash the data against the MD5s Swift recorded "
                                 "(sizes are still checked)")  # fmt: skip

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> None:
        target = args.file or args.object
        directory = os.path.dirname(target)
        if directory:
            os.makedirs(directory, exist_ok=True)
        ctx.conn.object_store.objects.download(args.container, args.object, target,
                                               progress=_bar(ctx, args, "download " + args.object),
                                               checksum=not args.ignore_checksum)  # fmt: skip


class ObjectDelete(Command):
    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("container")
        parser.add_argument("objects", nargs="+", metavar="object")

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> None:
        objects = ctx.conn.object_store.objects
        for name in args.objects:
            objects.delete(args.container, name)

"""Block storage commands: volumes, snapshots, volume types."""

from __future__ import annotations

import argparse

from stackclient.shell._base import Command, Record, ShowOne, fields_of
from stackclient.shell._generic import Option, ResourceDelete, ResourceList, ResourceShow, fields

_TYPE_CHECKING = False
if _TYPE_CHECKING:  # pragma: no cover
    import typing as _t


class _Volume:
    service, manager, noun = "block_storage", "volumes", "volume"


def _wait_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--wait", action="store_true", help="wait until it is available (or fails)"
    )
    parser.add_argument(
        "--timeout", type=float, default=600.0, help="seconds to wait (default 600)"
    )


class VolumeList(_Volume, ResourceList):
    columns = ("id", "name", "status", "size", "attachments")
    long_columns = ("volume_type", "bootable", "availability_zone", "created_at")
    filters = (
        Option("--name", "name", "only volumes with this name"),
        Option("--status", "status", "available, in-use, error ..."),
        Option("--all-projects", "all_projects", "every project's volumes (admins)", "flag"),
        Option("--limit", "limit", "page size", "int"),
    )


class VolumeShow(_Volume, ResourceShow):
    pass


class VolumeCreate(_Volume, ShowOne):
    """Create a volume, blank or from a snapshot, another volume or an image."""

    options = (
        Option("--description", "description"),
        Option("--type", "volume_type", "volume type (name or id)"),
        Option("--availability-zone", "availability_zone"),
        Option("--property", "metadata", "metadata (repeatable)", "kv"),
    )

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("name")
        parser.add_argument("--size", type=int, help="size in GiB (default: the source's)")
        source = parser.add_mutually_exclusive_group()
        source.add_argument("--snapshot", help="create from this snapshot (name or id)")
        source.add_argument("--source", help="clone this volume (name or id)")
        source.add_argument("--image", help="create from this image (name or id)")
        for option in self.options:
            option.add_to(parser)
        _wait_option(parser)

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> Record:
        storage = ctx.conn.block_storage
        attrs = fields(self.options, args)
        attrs["name"] = args.name
        if args.snapshot:
            attrs["snapshot"] = storage.snapshots.find(args.snapshot)
        if args.source:
            attrs["source_volume"] = storage.volumes.find(args.source)
        if args.image:
            attrs["image"] = ctx.conn.image.images.find(args.image)
        volume = storage.volumes.create(size=args.size, **attrs)
        if args.wait:
            volume = storage.volumes.wait_for_status(
                volume, "available", timeout=args.timeout,
                callback=ctx.wait_callback("volume %s" % args.name),
            )  # fmt: skip
        return fields_of(volume)


class VolumeSet(_Volume, Command):
    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("volume", help="name or id")
        parser.add_argument("--name", help="new name")
        parser.add_argument("--description")
        parser.add_argument("--size", type=int, help="extend to this size in GiB")
        parser.add_argument("--bootable", action="store_true", default=None)
        parser.add_argument("--non-bootable", dest="bootable", action="store_false")
        parser.add_argument("--read-only", action="store_true", default=None)
        parser.add_argument("--read-write", dest="read_only", action="store_false")

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> None:
        volumes = ctx.conn.block_storage.volumes
        volume = volumes.find(args.volume)
        changes = {k: v for k, v in (("name", args.name), ("description", args.description)) if v}
        if changes:
            volumes.update(volume, **changes)
        if args.size is not None:
            volumes.extend(volume, args.size)
        if args.bootable is not None:
            volumes.set_bootable(volume, args.bootable)
        if args.read_only is not None:
            volumes.set_readonly(volume, args.read_only)


class VolumeDelete(_Volume, ResourceDelete):
    pass


class SnapshotList(ResourceList):
    service, manager, noun = "block_storage", "snapshots", "snapshot"
    columns = ("id", "name", "status", "size", "volume_id")
    filters = (Option("--name", "name"), Option("--status", "status"),
               Option("--volume-id", "volume_id", "only snapshots of this volume (id)"))  # fmt: skip


class SnapshotShow(ResourceShow):
    service, manager, noun = "block_storage", "snapshots", "snapshot"


class SnapshotCreate(ShowOne):
    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("name")
        parser.add_argument("--volume", required=True, help="volume to snapshot (name or id)")
        parser.add_argument("--description")
        parser.add_argument("--force", action="store_true", help="snapshot an in-use volume")
        _wait_option(parser)

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> Record:
        storage = ctx.conn.block_storage
        volume = storage.volumes.find(args.volume)
        extra = {"description": args.description} if args.description else {}
        snapshot = storage.snapshots.create(volume, force=args.force, name=args.name, **extra)
        if args.wait:
            snapshot = storage.snapshots.wait_for_status(
                snapshot, "available", timeout=args.timeout,
                callback=ctx.wait_callback("snapshot %s" % args.name),
            )  # fmt: skip
        return fields_of(snapshot)


class SnapshotDelete(ResourceDelete):
    service, manager, noun = "block_storage", "snapshots", "snapshot"


class VolumeTypeList(ResourceList):
    service, manager, noun = "block_storage", "volume_types", "volume type"
    columns = ("id", "name", "is_public")
    long_columns = ("description", "extra_specs")

"""Image commands: list, show, create (with data, verified), save (download, verified), set, delete."""

from __future__ import annotations

import argparse
import os

from stackclient.shell._base import Command, Record, ShowOne, check_file, fields_of
from stackclient.shell._generic import Option, ResourceDelete, ResourceList, ResourceShow, fields

_TYPE_CHECKING = False
if _TYPE_CHECKING:  # pragma: no cover
    import typing as _t

_FORMATS = "ami, ari, aki, vhd, vhdx, vmdk, raw, qcow2, vdi, iso, ploop"


class _Image:
    service, manager, noun = "image", "images", "image"


class ImageList(_Image, ResourceList):
    columns = ("id", "name", "status")
    long_columns = (
        "disk_format",
        "container_format",
        "size",
        "checksum",
        "visibility",
        "owner",
        "tags",
    )
    filters = (
        Option("--name", "name", "only images with this name"),
        Option("--status", "status", "queued, active, deactivated ..."),
        Option("--visibility", "visibility", "public, private, shared, community, all"),
        Option("--owner", "owner", "only images of this project (id)"),
        Option("--tag", "tag", "with this tag (repeatable: all of them)", "list"),
        Option("--limit", "limit", "page size", "int"),
    )


class ImageShow(_Image, ResourceShow):
    hidden = ("links", "self", "file", "schema")


_IMAGE_OPTIONS = (
    Option("--disk-format", "disk_format", "one of: " + _FORMATS),
    Option("--container-format", "container_format", "bare, ovf, ova, aki, ari, ami, docker"),
    Option("--visibility", "visibility", "public, private, shared, community"),
    Option("--min-disk", "min_disk", "GiB of disk the image needs", "int"),
    Option("--min-ram", "min_ram", "MiB of RAM the image needs", "int"),
    Option("--protected", "protected", "refuse deletion", "bool"),
    Option("--hidden", "os_hidden", "hide from default listings", "bool"),
)


class ImageCreate(_Image, ShowOne):
    """Create an image; with --file, upload its data (streamed, hashed, verified)."""

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("name")
        for option in _IMAGE_OPTIONS:
            option.add_to(parser)
        parser.add_argument("--property", action="append", default=[], metavar="KEY=VALUE",
                            help="a custom property (repeatable)")  # fmt: skip
        parser.add_argument("--tag", action="append", default=[], help="a tag (repeatable)")
        parser.add_argument("--file", help="image data to upload (read once, verified after)")
        parser.add_argument("--progress", action="store_true", help="show a progress bar")

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> Record:
        from stackclient.shell._generic import _pairs

        attrs = fields(_IMAGE_OPTIONS, args)
        attrs.update(_pairs(args.property))
        attrs.setdefault("disk_format", "raw")
        attrs.setdefault("container_format", "bare")
        if args.tag:
            attrs["tags"] = args.tag
        image_client = ctx.conn.image
        progress = None
        if args.file:
            check_file(args.file)
            if args.progress:
                progress = ctx.progress("upload " + os.path.basename(args.file),
                                        os.path.getsize(args.file))  # fmt: skip
        image = image_client.create_image(
            args.name, filename=args.file, progress=progress, **attrs
        )
        return fields_of(image, ("links", "self", "file", "schema"))


class ImageSave(_Image, Command):
    """Download an image's data to a file, verified against what Glance recorded."""

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("image", help="name or id")
        parser.add_argument("--file", required=True, help="where to write the data")
        parser.add_argument("--resume", action="store_true",
                            help="continue an interrupted download from <file>.part")  # fmt: skip
        parser.add_argument("--progress", action="store_true", help="show a progress bar")

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> None:
        images = ctx.conn.image.images
        image = images.find(args.image)
        progress = (
            ctx.progress("download " + image.name, getattr(image, "size", None))
            if args.progress
            else None
        )
        images.download(image, args.file, progress=progress, resume=args.resume)


class ImageSet(_Image, Command):
    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("image", help="name or id")
        parser.add_argument("--name", help="new name")
        for option in _IMAGE_OPTIONS:
            option.add_to(parser)
        parser.add_argument("--property", action="append", default=[], metavar="KEY=VALUE")
        parser.add_argument("--tag", action="append", default=[], help="add this tag (repeatable)")

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> None:
        from stackclient.shell._generic import _pairs

        images = ctx.conn.image.images
        image = images.find(args.image)
        changes = fields(_IMAGE_OPTIONS, args)
        changes.update(_pairs(args.property))
        if args.name:
            changes["name"] = args.name
        if changes:
            images.update(image, **changes)
        for tag in args.tag:
            images.add_tag(image, tag)


class ImageDelete(_Image, ResourceDelete):
    pass

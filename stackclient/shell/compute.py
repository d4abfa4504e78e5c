"""Compute commands: servers and their actions, flavors, key pairs.

``server list`` is one request: the flavor's name comes embedded (2.47+)
and networks from the server's own addresses, so no image, flavor or
network is fetched per row.
"""

from __future__ import annotations

import argparse

from stackclient.shell._base import Command, Lister, Listing, Record, ShowOne, fields_of
from stackclient.shell._generic import Option, ResourceDelete, ResourceList, ResourceShow
from stackclient.shell._output import Shown

_TYPE_CHECKING = False
if _TYPE_CHECKING:  # pragma: no cover
    import typing as _t


def _networks(addresses: _t.Any) -> str:
    """A server's addresses as ``network=ip, ip; other=ip``."""
    if not isinstance(addresses, dict):
        return ""
    parts = []
    for network, entries in sorted(addresses.items()):
        ips = ", ".join(e.get("addr", "") for e in entries or () if isinstance(e, dict))
        parts.append("%s=%s" % (network, ips))
    return "; ".join(parts)


def _flavor(server: _t.Any) -> _t.Any:
    return server.flavor_name or server.flavor_id


def _wait_options(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--wait", action="store_true", help="wait until %s (or it fails)" % what)
    parser.add_argument(
        "--timeout", type=float, default=600.0, help="seconds to wait (default 600)"
    )


class ServerList(Lister):
    columns = ("id", "name", "status", "networks", "image", "flavor")
    long_columns = ("task_state", "power_state", "availability_zone", "host", "created")

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--name", help="only servers whose name matches this regular expression"
        )
        parser.add_argument("--status", help="ACTIVE, BUILD, ERROR, SHUTOFF ...")
        parser.add_argument("--all-projects", action="store_true", help="every project's (admins)")
        parser.add_argument("--limit", type=int, help="page size")

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> Listing:
        filters = {"name": args.name, "status": args.status, "limit": args.limit}
        if args.all_projects:
            filters["all_projects"] = True
        servers = ctx.conn.compute.servers.iterate(**{k: v for k, v in filters.items() if v})
        columns = list(self.columns_for(args))
        return Listing(columns, (_row(server, columns) for server in servers))


_EXTENDED = {
    "task_state": "OS-EXT-STS:task_state",
    "power_state": "OS-EXT-STS:power_state",
    "availability_zone": "OS-EXT-AZ:availability_zone",
    "host": "OS-EXT-SRV-ATTR:host",
}


def _row(server: _t.Any, columns: list[str]) -> list[_t.Any]:
    row = []
    for column in columns:
        if column == "networks":
            row.append(_networks(getattr(server, "addresses", None)))
        elif column == "image":
            row.append(server.image_id)
        elif column == "flavor":
            row.append(_flavor(server))
        else:
            row.append(getattr(server, _EXTENDED.get(column, column), None))
    return row


class ServerShow(ResourceShow):
    """Show a server; in a table its addresses read ``network=ip, ip`` (JSON and YAML keep them whole)."""

    service, manager, noun = "compute", "servers", "server"

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> Record:
        record = super().take_action(ctx, args)
        fields = dict(record.fields)
        addresses = fields.get("addresses")
        if isinstance(addresses, dict):
            fields["addresses"] = Shown(addresses, _networks(addresses))
        return Record(fields)


class ServerCreate(ShowOne):
    """Boot a server from an image; --wait until it is ACTIVE (fails at once on ERROR)."""

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("name")
        parser.add_argument("--image", help="image (name or id)")
        parser.add_argument("--flavor", required=True, help="flavor (name or id)")
        parser.add_argument("--network", action="append", default=[],
                            help="network (name or id, repeatable), or 'none' or 'auto'")  # fmt: skip
        parser.add_argument(
            "--port", action="append", default=[], help="port (name or id, repeatable)"
        )
        parser.add_argument("--key-name", help="key pair to inject")
        parser.add_argument("--security-group", action="append", default=[],
                            help="security group (repeatable)")  # fmt: skip
        parser.add_argument("--user-data", help="file to pass as user data")
        parser.add_argument("--property", action="append", default=[], metavar="KEY=VALUE",
                            help="metadata (repeatable)")  # fmt: skip
        parser.add_argument("--tag", action="append", default=[], help="tag (repeatable)")
        parser.add_argument("--availability-zone")
        parser.add_argument("--description")
        _wait_options(parser, "it is ACTIVE")

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> Record:
        from stackclient.shell._generic import _pairs

        conn = ctx.conn
        compute = conn.compute
        image = conn.image.images.find(args.image) if args.image else None
        flavor = compute.flavors.find(args.flavor)
        options: dict[str, _t.Any] = {
            "networks": _boot_networks(conn, args),
            "key_name": args.key_name,
            "security_groups": args.security_group or None,
            "user_data": _read(args.user_data) if args.user_data else None,
            "metadata": _pairs(args.property) or None,
            "tags": args.tag or None,
            "availability_zone": args.availability_zone,
            "description": args.description,
        }
        server = compute.servers.create(args.name, image, flavor, **options)
        if args.wait:
            server = compute.wait_for_server(server, timeout=args.timeout,
                                             callback=ctx.wait_callback("server %s" % args.name))  # fmt: skip
        else:
            server = compute.servers.get(server)
        return fields_of(server, ("links", "adminPass"))


def _boot_networks(conn: _t.Any, args: argparse.Namespace) -> _t.Any:
    if args.network in (["none"], ["auto"]) and not args.port:
        return args.network[0]
    chosen: list[dict[str, str]] = []
    for value in args.network:
        chosen.append({"uuid": conn.network.networks.find(value).id})
    for value in args.port:
        chosen.append({"port": conn.network.ports.find(value).id})
    return chosen or None


def _read(path: str) -> bytes:
    from stackclient.apiclient import exceptions

    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as error:
        raise exceptions.CommandError("Cannot read %s: %s" % (path, error)) from error


class ServerDelete(Command):
    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("servers", nargs="+", metavar="server", help="names or ids")
        _wait_options(parser, "they are gone")

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> None:
        servers = ctx.conn.compute.servers
        found = [servers.find(value) for value in args.servers]
        for server in found:
            servers.delete(server)
        if args.wait:
            for server in found:
                servers.wait_for_delete(server, timeout=args.timeout)


class _ServerAction(Command):
    """An action on servers; ``then`` is the status --wait waits for."""

    action = "reboot"
    then = "ACTIVE"

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("servers", nargs="+", metavar="server", help="names or ids")
        _wait_options(parser, "the action is done")

    def act(self, servers: _t.Any, server: _t.Any, args: argparse.Namespace) -> None:
        getattr(servers, self.action)(server)

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> None:
        compute = ctx.conn.compute
        found = [compute.servers.find(value) for value in args.servers]
        for server in found:
            self.act(compute.servers, server, args)
        if args.wait:
            for server in found:
                compute.wait_for_server(server, self.then, timeout=args.timeout)


class ServerReboot(_ServerAction):
    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--hard", action="store_true", help="a hard reboot")

    def act(self, servers: _t.Any, server: _t.Any, args: argparse.Namespace) -> None:
        servers.reboot(server, "HARD" if args.hard else "SOFT")


class ServerStop(_ServerAction):
    action, then = "stop", "SHUTOFF"


class ServerStart(_ServerAction):
    action, then = "start", "ACTIVE"


class ServerPause(_ServerAction):
    action, then = "pause", "PAUSED"


class ServerUnpause(_ServerAction):
    action, then = "unpause", "ACTIVE"


class ServerSuspend(_ServerAction):
    action, then = "suspend", "SUSPENDED"


class ServerResume(_ServerAction):
    action, then = "resume", "ACTIVE"


class ServerResize(_ServerAction):
    """Resize to another flavor (--confirm: confirm once it is VERIFY_RESIZE)."""

    then = "VERIFY_RESIZE"

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--flavor", required=True, help="new flavor (name or id)")

    def act(self, servers: _t.Any, server: _t.Any, args: argparse.Namespace) -> None:
        servers.resize(server, servers.client.flavors.find(args.flavor))


class ServerConsoleLog(Command):
    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("server", help="name or id")
        parser.add_argument("--lines", type=int, help="only the last N lines")

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> None:
        servers = ctx.conn.compute.servers
        text = servers.get_console_output(servers.find(args.server), length=args.lines)
        print(text, end="" if text.endswith("\n") else "\n")


class FlavorList(ResourceList):
    service, manager, noun = "compute", "flavors", "flavor"
    columns = ("id", "name", "ram", "disk", "vcpus", "is_public")
    filters = (
        Option("--min-ram", "minRam", "MiB", "int"),
        Option("--min-disk", "minDisk", "GiB", "int"),
    )


class FlavorShow(ResourceShow):
    service, manager, noun = "compute", "flavors", "flavor"


class KeypairList(ResourceList):
    service, manager, noun = "compute", "keypairs", "keypair"
    columns = ("name", "fingerprint", "type")


class KeypairCreate(ShowOne):
    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("name")
        parser.add_argument("--public-key", help="file holding the public key to import")

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> Record:
        keypairs = ctx.conn.compute.keypairs
        if args.public_key:
            key = _read(args.public_key).decode("utf-8", "replace").strip()
            return fields_of(keypairs.import_keypair(args.name, key))
        return fields_of(keypairs.create(args.name))


class KeypairDelete(ResourceDelete):
    service, manager, noun = "compute", "keypairs", "keypair"

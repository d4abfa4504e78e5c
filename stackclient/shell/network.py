"""Network commands: networks, subnets, ports, routers, floating IPs, security groups."""

from __future__ import annotations

import argparse

from stackclient.shell._base import Lister, Listing, Record, ShowOne, fields_of, rows_of
from stackclient.shell._generic import (
    Option,
    ResourceCreate,
    ResourceDelete,
    ResourceList,
    ResourceSet,
    ResourceShow,
    find_in_scope,
)

_TYPE_CHECKING = False
if _TYPE_CHECKING:  # pragma: no cover
    import typing as _t

_PROJECT = Option("--project", "project_id", "only these of this project (id)")
_NAME = Option("--name", "name", "only these with this name")
_TAG = Option("--tag", "tags", "with this tag (repeatable: all of them)", "list")


class _Network:
    service = "network"


# -- networks -------------------------------------------------------------------


class NetworkList(_Network, ResourceList):
    manager, noun = "networks", "network"
    columns = ("id", "name", "status", "subnets")
    long_columns = ("project_id", "shared", "router:external", "mtu", "tags")
    filters = (_NAME, _PROJECT, _TAG, Option("--shared", "shared", "shared or not", "bool"),
               Option("--external", "router:external", "external or not", "bool"))  # fmt: skip


class NetworkShow(_Network, ResourceShow):
    manager, noun = "networks", "network"


_NETWORK_OPTIONS = (
    Option("--description", "description"),
    Option("--shared", "shared", "share with every project", "bool"),
    Option(
        "--external",
        "router:external",
        "an external network (for gateways and floating IPs)",
        "bool",
    ),
    Option("--enable", "admin_state_up", "administratively up", "bool"),
    Option("--mtu", "mtu", "maximum transmission unit", "int"),
)


class NetworkCreate(_Network, ResourceCreate):
    manager, noun = "networks", "network"
    options = (
        *_NETWORK_OPTIONS,
        Option("--provider-network-type", "provider:network_type", "flat, vlan, vxlan ..."),
        Option("--provider-physical-network", "provider:physical_network"),
        Option("--provider-segment", "provider:segmentation_id", kind="int"),
        Option("--project", "project_id", "owning project (admins)"),
    )


class NetworkSet(_Network, ResourceSet):
    manager, noun = "networks", "network"
    options = (Option("--name", "name", "new name"), *_NETWORK_OPTIONS)


class NetworkDelete(_Network, ResourceDelete):
    manager, noun = "networks", "network"


# -- subnets ----------------------------------------------------------------------


class SubnetList(_Network, ResourceList):
    manager, noun = "subnets", "subnet"
    columns = ("id", "name", "network_id", "cidr")
    long_columns = ("project_id", "ip_version", "gateway_ip", "enable_dhcp", "allocation_pools")
    filters = (_NAME, _PROJECT, Option("--network-id", "network_id", "only subnets of this network (id)"),
               Option("--ip-version", "ip_version", "4 or 6", "int"))  # fmt: skip


class SubnetShow(_Network, ResourceShow):
    manager, noun = "subnets", "subnet"


class SubnetCreate(_Network, ResourceCreate):
    manager, noun = "subnets", "subnet"
    options = (
        Option("--subnet-range", "cidr", "CIDR, e.g. 192.0.2.0/24"),
        Option("--ip-version", "ip_version", "4 (default) or 6", "int"),
        Option("--gateway", "gateway_ip", "gateway address"),
        Option("--dhcp", "enable_dhcp", "run DHCP on the subnet", "bool"),
        Option("--dns-nameserver", "dns_nameservers", "DNS server (repeatable)", "list"),
        Option("--subnet-pool", "subnetpool_id", "allocate the range from this pool (id)"),
        Option("--description", "description"),
    )

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--network", required=True, help="network (name or id)")

    def attributes(self, ctx: _t.Any, args: argparse.Namespace) -> dict[str, _t.Any]:
        attrs = super().attributes(ctx, args)
        attrs["network_id"] = find_in_scope(ctx, ctx.conn.network.networks, args.network).id
        attrs.setdefault("ip_version", 4)
        return attrs


class SubnetDelete(_Network, ResourceDelete):
    manager, noun = "subnets", "subnet"


# -- ports ------------------------------------------------------------------------


class PortList(_Network, ResourceList):
    manager, noun = "ports", "port"
    columns = ("id", "name", "mac_address", "fixed_ips", "status")
    long_columns = ("network_id", "device_id", "device_owner", "security_groups")
    filters = (_NAME, _PROJECT, Option("--network-id", "network_id", "only ports of this network (id)"),
               Option("--device-id", "device_id", "only ports of this device"),
               Option("--status", "status", "ACTIVE, DOWN, BUILD ..."))  # fmt: skip


class PortShow(_Network, ResourceShow):
    manager, noun = "ports", "port"


class PortCreate(_Network, ResourceCreate):
    manager, noun = "ports", "port"
    options = (
        Option("--mac-address", "mac_address"),
        Option("--device-id", "device_id"),
        Option("--device-owner", "device_owner"),
        Option("--description", "description"),
        Option("--enable", "admin_state_up", "administratively up", "bool"),
    )

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--network", required=True, help="network (name or id)")
        parser.add_argument("--fixed-ip", action="append", default=[], metavar="subnet=X,ip-address=Y",
                            help="a fixed IP: subnet (name or id) and/or address (repeatable)")  # fmt: skip
        parser.add_argument("--security-group", action="append", default=[],
                            help="security group (name or id, repeatable)")  # fmt: skip

    def attributes(self, ctx: _t.Any, args: argparse.Namespace) -> dict[str, _t.Any]:
        network = ctx.conn.network
        attrs = super().attributes(ctx, args)
        attrs["network_id"] = find_in_scope(ctx, network.networks, args.network).id
        if args.fixed_ip:
            attrs["fixed_ips"] = [_fixed_ip(ctx, text) for text in args.fixed_ip]
        if args.security_group:
            attrs["security_groups"] = [
                find_in_scope(ctx, network.security_groups, g).id for g in args.security_group
            ]
        return attrs


def _fixed_ip(ctx: _t.Any, text: str) -> dict[str, str]:
    from stackclient.apiclient import exceptions

    network = ctx.conn.network
    entry: dict[str, str] = {}
    for part in text.split(","):
        key, sep, value = part.partition("=")
        if key == "subnet" and sep:
            entry["subnet_id"] = find_in_scope(ctx, network.subnets, value).id
        elif key == "ip-address" and sep:
            entry["ip_address"] = value
        else:
            raise exceptions.CommandError(
                "--fixed-ip takes subnet=X and/or ip-address=Y, got %r" % text
            )
    return entry


class PortDelete(_Network, ResourceDelete):
    manager, noun = "ports", "port"


# -- routers ------------------------------------------------------------------------


class RouterList(_Network, ResourceList):
    manager, noun = "routers", "router"
    columns = ("id", "name", "status", "project_id")
    long_columns = ("external_gateway_info", "routes")
    filters = (_NAME, _PROJECT)


class RouterShow(_Network, ResourceShow):
    manager, noun = "routers", "router"


class RouterCreate(_Network, ResourceCreate):
    manager, noun = "routers", "router"
    options = (Option("--description", "description"),)

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--external-gateway", help="external network for the gateway (name or id)"
        )

    def attributes(self, ctx: _t.Any, args: argparse.Namespace) -> dict[str, _t.Any]:
        attrs = super().attributes(ctx, args)
        if args.external_gateway:
            net = find_in_scope(ctx, ctx.conn.network.networks, args.external_gateway)
            attrs["external_gateway_info"] = {"network_id": net.id}
        return attrs


class RouterDelete(_Network, ResourceDelete):
    manager, noun = "routers", "router"


class _RouterInterface(_Network, ShowOne):
    action = "add_interface"

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("router", help="router (name or id)")
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--subnet", help="subnet (name or id)")
        target.add_argument("--port", help="port (name or id)")

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> Record:
        network = ctx.conn.network
        router = find_in_scope(ctx, network.routers, args.router)
        subnet = find_in_scope(ctx, network.subnets, args.subnet) if args.subnet else None
        port = find_in_scope(ctx, network.ports, args.port) if args.port else None
        return fields_of(getattr(network.routers, self.action)(router, subnet=subnet, port=port))


class RouterAddInterface(_RouterInterface):
    action = "add_interface"


class RouterRemoveInterface(_RouterInterface):
    action = "remove_interface"


# -- floating IPs ------------------------------------------------------------------------


class FloatingIPList(_Network, ResourceList):
    manager, noun = "floating_ips", "floating ip"
    columns = ("id", "floating_ip_address", "fixed_ip_address", "port_id", "status")
    long_columns = ("floating_network_id", "project_id", "router_id")
    filters = (_PROJECT, Option("--port-id", "port_id", "only the one of this port"))

    def _find(self, ctx: _t.Any, value: str) -> _t.Any:
        return ctx.conn.network.floating_ips.get(value)


class FloatingIPShow(_Network, ResourceShow):
    manager, noun = "floating_ips", "floating ip"

    def _find(self, ctx: _t.Any, value: str) -> _t.Any:
        return ctx.conn.network.floating_ips.get(value)


class FloatingIPCreate(_Network, ShowOne):
    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "network", help="external network to take the address from (name or id)"
        )
        parser.add_argument("--port", help="associate with this port (name or id)")
        parser.add_argument("--fixed-ip-address", help="the port's address to associate with")
        parser.add_argument("--description")

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> Record:
        network = ctx.conn.network
        attrs: dict[str, _t.Any] = {
            "floating_network_id": find_in_scope(ctx, network.networks, args.network).id
        }
        if args.port:
            attrs["port_id"] = find_in_scope(ctx, network.ports, args.port).id
        for name in ("fixed_ip_address", "description"):
            if getattr(args, name):
                attrs[name] = getattr(args, name)
        return fields_of(network.floating_ips.create(**attrs))


class FloatingIPDelete(_Network, ResourceDelete):
    manager, noun = "floating_ips", "floating ip"

    def _find(self, ctx: _t.Any, value: str) -> _t.Any:
        return value


# -- security groups ----------------------------------------------------------------------


class SecurityGroupList(_Network, ResourceList):
    manager, noun = "security_groups", "security group"
    columns = ("id", "name", "description", "project_id")
    filters = (_NAME, _PROJECT)


class SecurityGroupShow(_Network, ResourceShow):
    manager, noun = "security_groups", "security group"


class SecurityGroupCreate(_Network, ResourceCreate):
    manager, noun = "security_groups", "security group"
    options = (Option("--description", "description"),)


class SecurityGroupDelete(_Network, ResourceDelete):
    manager, noun = "security_groups", "security group"


class SecurityGroupRuleList(_Network, Lister):
    columns = ("id", "direction", "ethertype", "protocol", "port_range_min", "port_range_max",
               "remote_ip_prefix", "remote_group_id")  # fmt: skip

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "group", nargs="?", help="only rules of this security group (name or id)"
        )

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> Listing:
        network = ctx.conn.network
        filters = {}
        if args.group:
            filters["security_group_id"] = find_in_scope(
                ctx, network.security_groups, args.group
            ).id
        return rows_of(network.security_group_rules(**filters), self.columns)


class SecurityGroupRuleCreate(_Network, ShowOne):
    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("group", help="security group (name or id)")
        parser.add_argument("--protocol", help="tcp, udp, icmp, any ...")
        parser.add_argument("--dst-port", help="port or range, e.g. 22 or 8000:8080")
        parser.add_argument("--remote-ip", help="remote CIDR")
        parser.add_argument("--remote-group", help="remote security group (name or id)")
        parser.add_argument("--ethertype", choices=("IPv4", "IPv6"), default="IPv4")
        direction = parser.add_mutually_exclusive_group()
        direction.add_argument(
            "--ingress", dest="direction", action="store_const", const="ingress"
        )
        direction.add_argument("--egress", dest="direction", action="store_const", const="egress")

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> Record:
        network = ctx.conn.network
        attrs: dict[str, _t.Any] = {
            "security_group_id": find_in_scope(ctx, network.security_groups, args.group).id,
            "direction": args.direction or "ingress",
            "ethertype": args.ethertype,
        }
        if args.protocol and args.protocol != "any":
            attrs["protocol"] = args.protocol
        if args.dst_port:
            attrs["port_range_min"], attrs["port_range_max"] = _port_range(args.dst_port)
        if args.remote_ip:
            attrs["remote_ip_prefix"] = args.remote_ip
        if args.remote_group:
            attrs["remote_group_id"] = find_in_scope(
                ctx, network.security_groups, args.remote_group
            ).id
        return fields_of(network.security_group_rules.create(**attrs))


def _port_range(text: str) -> tuple[int, int]:
    low, _, high = text.partition(":")
    try:
        return int(low), int(high or low)
    except ValueError:
        from stackclient.apiclient import exceptions

        raise exceptions.CommandError("--dst-port takes PORT or LOW:HIGH, got %r" % text) from None


class SecurityGroupRuleDelete(_Network, ResourceDelete):
    manager, noun = "security_group_rules", "security group rule"

    def _find(self, ctx: _t.Any, value: str) -> _t.Any:
        return value

"""Subnets: ``/v2.0/subnets`` (IPv4 and IPv6, pools, host routes, DNS servers)."""

from __future__ import annotations

from stackclient.apiclient import tags
from stackclient.network.v2_0 import _base

__all__ = ["Subnet", "SubnetManager"]


class Subnet(tags.TaggableResource):
    """A subnet: ``network_id``, ``cidr``, ``ip_version``, ``gateway_ip``,
    ``allocation_pools``, ``host_routes``, ``dns_nameservers``, ``enable_dhcp``,
    ``ipv6_ra_mode``, ``ipv6_address_mode``, ``subnetpool_id`` ...

    Example::

        subnet = neutron.subnets.create(
            network_id=net, ip_version=4, cidr="10.0.0.0/24",
            allocation_pools=[{"start": "10.0.0.10", "end": "10.0.0.99"}],
            host_routes=[{"destination": "10.1.0.0/24", "nexthop": "10.0.0.1"}],
            dns_nameservers=["10.0.0.2"])
    """

    __slots__ = ()


class SubnetManager(_base.TaggedManager):
    """Subnets; ``find_or_create(name, network_id=...)`` looks for the name on that network."""

    resource_class = Subnet
    collection_key = "subnets"
    key = "subnet"
    find_or_create_scope = ("project_id", "tenant_id", "network_id")

"""The Network API v2.0 (Neutron) client.

Managers (``client.<collection>``) send the requests; the SDK-style verbs
(``find_network``, ``create_networks`` ...) are generated from
:attr:`Client.sdk_resources` and call them, so code written for
openstacksdk's ``conn.network`` reads the same here.
"""

from __future__ import annotations

import typing as _t

from stackclient import service_client
from stackclient.apiclient import exceptions

if _t.TYPE_CHECKING:  # pragma: no cover
    from stackclient.network.v2_0 import availability_zones as _availability_zones
    from stackclient.network.v2_0 import extensions as _extensions
    from stackclient.network.v2_0 import floating_ips as _floating_ips
    from stackclient.network.v2_0 import network_ip_availability as _network_ip_availability
    from stackclient.network.v2_0 import networks as _networks
    from stackclient.network.v2_0 import ports as _ports
    from stackclient.network.v2_0 import quotas as _quotas
    from stackclient.network.v2_0 import routers as _routers
    from stackclient.network.v2_0 import security_group_rules as _security_group_rules
    from stackclient.network.v2_0 import security_groups as _security_groups
    from stackclient.network.v2_0 import subnet_pools as _subnet_pools
    from stackclient.network.v2_0 import subnets as _subnets

__all__ = ["Client"]

_PACKAGE = "stackclient.network.v2_0."
_CRUD = "get find create update delete"


def _manager(module: str, class_name: str) -> service_client.LazyManager[_t.Any]:
    return service_client.LazyManager(_PACKAGE + module, class_name)


class Client(service_client.ServiceClient):
    """A Neutron client: networks, subnets, ports, routers, floating IPs,
    security groups and rules, subnet pools, quotas, extensions,
    availability zones and IP availability.

    Built like every service client (see
    :class:`~stackclient.service_client.ServiceClient`): from a Session,
    an auth plugin, a stored ``auth_ref``, or a token and an endpoint. The
    endpoint comes from the token's catalog (type ``network``), registered
    with or without ``/v2.0``.

    Example::

        neutron = Client(session=sess, region_name="RegionOne")
        net = neutron.find_network("zuul") or neutron.create_network(name="zuul")
        neutron.create_networks([{"name": "a"}, {"name": "b"}])   # one POST, all or none
        for port in neutron.ports(network_id=net.id, fields=["id", "status"]):
            ...
    """

    service_type = "network"
    api_major = (2, 0)

    networks: _networks.NetworkManager = _manager("networks", "NetworkManager")
    subnets: _subnets.SubnetManager = _manager("subnets", "SubnetManager")
    ports: _ports.PortManager = _manager("ports", "PortManager")
    routers: _routers.RouterManager = _manager("routers", "RouterManager")
    floating_ips: _floating_ips.FloatingIPManager = _manager("floating_ips", "FloatingIPManager")
    security_groups: _security_groups.SecurityGroupManager = _manager(
        "security_groups", "SecurityGroupManager"
    )
    security_group_rules: _security_group_rules.SecurityGroupRuleManager = _manager(
        "security_group_rules", "SecurityGroupRuleManager"
    )
    subnet_pools: _subnet_pools.SubnetPoolManager = _manager("subnet_pools", "SubnetPoolManager")
    quotas: _quotas.QuotaManager = _manager("quotas", "QuotaManager")
    extensions: _extensions.ExtensionManager = _manager("extensions", "ExtensionManager")
    availability_zones: _availability_zones.AvailabilityZoneManager = _manager(
        "availability_zones", "AvailabilityZoneManager"
    )
    network_ip_availabilities: _network_ip_availability.NetworkIPAvailabilityManager = _manager(
        "network_ip_availability", "NetworkIPAvailabilityManager"
    )

    sdk_resources = {
        "network": ("networks", _CRUD + " create_many find_or_create"),
        "subnet": ("subnets", _CRUD + " create_many find_or_create"),
        "port": ("ports", _CRUD + " create_many"),
        "router": ("routers", _CRUD + " find_or_create"),
        "ip": ("floating_ips", _CRUD),
        "security_group": ("security_groups", _CRUD + " find_or_create"),
        "security_group_rule": ("security_group_rules", "get find create delete create_many"),
        "subnet_pool": ("subnet_pools", _CRUD),
        "quota": ("quotas", "get update delete"),
        "extension": ("extensions", "get find"),
        "network_ip_availability": ("network_ip_availabilities", "get find"),
    }

    # -- SDK-style names that are not generated ------------------------------------

    def ips(self, **filters: _t.Any) -> _t.Iterator[_t.Any]:
        """Yield floating IPs matching ``filters`` (openstacksdk's name)."""
        return self.floating_ips(**filters)

    def get_quota_default(self, project: _t.Any) -> _t.Any:
        """The default quota that applies to ``project``."""
        return self.quotas.defaults(project)

    def add_interface_to_router(
        self, router: _t.Any, subnet_id: _t.Any = None, port_id: _t.Any = None
    ) -> dict[str, _t.Any]:
        """Attach a subnet or a port to ``router``; see ``routers.add_interface``."""
        return self.routers.add_interface(router, subnet=subnet_id, port=port_id)

    def remove_interface_from_router(
        self, router: _t.Any, subnet_id: _t.Any = None, port_id: _t.Any = None
    ) -> dict[str, _t.Any]:
        """Detach a subnet or a port from ``router``; see ``routers.remove_interface``."""
        return self.routers.remove_interface(router, subnet=subnet_id, port=port_id)

    def add_extra_routes_to_router(self, router: _t.Any, routes: _t.Any) -> _t.Any:
        """Add extra routes atomically; see ``routers.add_extra_routes``."""
        return self.routers.add_extra_routes(router, routes)

    def remove_extra_routes_from_router(self, router: _t.Any, routes: _t.Any) -> _t.Any:
        """Remove extra routes atomically; see ``routers.remove_extra_routes``."""
        return self.routers.remove_extra_routes(router, routes)

    def add_gateway_to_router(self, router: _t.Any, network: _t.Any, **options: _t.Any) -> _t.Any:
        """Set the external gateway; see ``routers.set_gateway``."""
        return self.routers.set_gateway(router, network, **options)

    def remove_gateway_from_router(self, router: _t.Any) -> _t.Any:
        """Remove the external gateway; see ``routers.clear_gateway``."""
        return self.routers.clear_gateway(router)

    # -- ports -------------------------------------------------------------------

    def wait_port_until(self, port: _t.Any, status: str = "ACTIVE", **options: _t.Any) -> _t.Any:
        """Wait until ``port`` has ``status``; see ``ports.wait_until`` for the options."""
        return self.ports.wait_until(port, status, **options)

    def wait_port_while(
        self, port: _t.Any, status: str | _t.Iterable[str] = "BUILD", **options: _t.Any
    ) -> _t.Any:
        """Wait while ``port`` has ``status``; see ``ports.wait_while`` for the options."""
        return self.ports.wait_while(port, status, **options)

    # -- tags on any taggable resource ----------------------------------------------

    def get_tags(self, resource: _t.Any) -> list[str]:
        """The tags of ``resource`` (a network, port, router ... of this client)."""
        return _tags_of(resource).get_tags(resource)

    def set_tags(self, resource: _t.Any, tags: _t.Iterable[str]) -> list[str]:
        """Replace every tag of ``resource`` with ``tags``; return them."""
        return _tags_of(resource).set_tags(resource, tags)

    replace_tags = set_tags

    def add_tag(self, resource: _t.Any, tag: str) -> None:
        """Add ``tag`` to ``resource``."""
        _tags_of(resource).add_tag(resource, tag)

    def remove_tag(self, resource: _t.Any, tag: str, ignore_missing: bool = False) -> None:
        """Remove ``tag`` from ``resource``."""
        _tags_of(resource).remove_tag(resource, tag, ignore_missing=ignore_missing)

    def remove_all_tags(self, resource: _t.Any) -> None:
        """Remove every tag of ``resource``."""
        _tags_of(resource).remove_all_tags(resource)

    def check_tag(self, resource: _t.Any, tag: str) -> bool:
        """Whether ``resource`` has ``tag``."""
        return bool(_tags_of(resource).check_tag(resource, tag))


def _tags_of(resource: _t.Any) -> _t.Any:
    """The manager that tags ``resource``; refuse ids and untaggable resources."""
    manager = getattr(resource, "manager", None)
    if manager is None or not hasattr(manager, "set_tags"):
        raise exceptions.ValidationError(
            "Tags need a taggable resource of this client (a network, subnet, port, "
            "router, floating IP, security group or subnet pool), not %r; for an id, "
            "use the manager: client.networks.add_tag(network_id, tag)" % (resource,)
        )
    return manager

"""IP availability per network: ``/v2.0/network-ip-availabilities`` (read only, admin)."""

from __future__ import annotations

from stackclient.apiclient import service
from stackclient.network.v2_0 import _base

__all__ = ["NetworkIPAvailability", "NetworkIPAvailabilityManager"]


class NetworkIPAvailability(service.ServiceResource):
    """How many addresses a network has and uses: ``network_id`` (also ``id``),
    ``network_name``, ``total_ips``, ``used_ips``, ``subnet_ip_availability``
    (per subnet: ``subnet_id``, ``cidr``, ``total_ips``, ``used_ips``).

    Example::

        usage = neutron.network_ip_availabilities.get(net)
        usage.used_ips, usage.total_ips
    """

    __slots__ = ()
    NAME_ATTR = "network_name"

    @property
    def id(self) -> str | None:
        """The network's id."""
        return self.__dict__.get("network_id")


class NetworkIPAvailabilityManager(_base.NeutronManager):
    """``list(ip_version=, project_id=)``, ``get(network)``, ``find(network name or id)``."""

    resource_class = NetworkIPAvailability
    collection_key = "network_ip_availabilities"
    key = "network_ip_availability"
    path = "/network-ip-availabilities"
    name_filter = "network_name"
    verbs = frozenset(("list", "get"))

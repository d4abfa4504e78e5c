"""Networks: ``/v2.0/networks``."""

from __future__ import annotations

from stackclient.apiclient import tags
from stackclient.network.v2_0 import _base

__all__ = ["Network", "NetworkManager"]


class Network(tags.TaggableResource):
    """A Neutron network: ``id``, ``name``, ``subnets``, ``shared``, ``router:external``,
    ``admin_state_up``, ``status``, ``mtu``, ``tags``, ``project_id`` ...

    Fields whose names are not identifiers are read with ``getattr(net,
    "router:external")`` or ``net.to_dict()["router:external"]``.

    Example::

        net = neutron.networks.create(name="zuul", admin_state_up=True)
        net.add_tag("ci")
    """

    __slots__ = ()


class NetworkManager(_base.TaggedManager):
    """``networks.list(shared=True)``, ``create(name=...)``, ``find("zuul")``, tags ...

    ``create_many([{...}, {...}])`` creates several networks in one POST:
    Neutron creates all of them or none.
    """

    resource_class = Network
    collection_key = "networks"
    key = "network"

"""Floating IPs: ``/v2.0/floatingips`` (create, associate, disassociate)."""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import _ids, tags
from stackclient.network.v2_0 import _base

__all__ = ["FloatingIP", "FloatingIPManager"]


class FloatingIP(tags.TaggableResource):
    """A floating IP: ``floating_ip_address``, ``floating_network_id``, ``port_id``,
    ``fixed_ip_address``, ``router_id``, ``status`` ...

    It has no name: ``find`` takes its id or its address.

    Example::

        fip = neutron.floating_ips.create(floating_network_id=public_net)
        neutron.floating_ips.associate(fip, port)
        neutron.find_ip("203.0.113.10")
    """

    __slots__ = ()
    NAME_ATTR = "floating_ip_address"


class FloatingIPManager(_base.TaggedManager):
    """Floating IPs; found by id or by address."""

    resource_class = FloatingIP
    collection_key = "floatingips"
    key = "floatingip"
    name_filter = "floating_ip_address"

    def associate(
        self, floating_ip: _t.Any, port: _t.Any, fixed_ip_address: str | None = None
    ) -> FloatingIP:
        """Point ``floating_ip`` at ``port`` (one of its fixed IPs with ``fixed_ip_address``)."""
        attrs: dict[str, _t.Any] = {"port_id": _ids.check_id(port, "port")}
        if fixed_ip_address is not None:
            attrs["fixed_ip_address"] = fixed_ip_address
        return _t.cast(FloatingIP, self.update(floating_ip, **attrs))

    def disassociate(self, floating_ip: _t.Any) -> FloatingIP:
        """Detach ``floating_ip`` from its port (``port_id: null``); return it."""
        return _t.cast(FloatingIP, self.update(floating_ip, port_id=None))

"""Network interfaces of a server: ``/servers/{id}/os-interface[/{port_id}]``.

Attaching creates a port on a network (or takes an existing port) and
plugs it into the server; detaching unplugs it (and deletes a port Nova
created). Both take effect in the background: the interface list shows
the change once it is done.
"""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import _ids, exceptions, service
from stackclient.compute.v2 import _base

__all__ = ["ServerInterface", "ServerInterfaceManager"]


class ServerInterface(service.ServiceResource):
    """One interface of a server: ``port_id`` (also its ``id``), ``net_id``,
    ``mac_addr``, ``port_state``, ``fixed_ips`` (``subnet_id``, ``ip_address``),
    and ``tag`` from 2.70.

    Example::

        iface = nova.server_interfaces.create(server, network=net_id)
        [i.port_id for i in nova.server_interfaces.list(server)]
    """

    __slots__ = ()
    NAME_ATTR = "port_id"

    @property
    def id(self) -> _t.Any:
        """The interface's port id (Nova calls it ``port_id``)."""
        return self.__dict__.get("port_id")


class ServerInterfaceManager(_base.ServerChildManager):
    """``client.server_interfaces``: list, get, create (attach) and delete (detach)."""

    resource_class = ServerInterface
    collection_key = "interfaceAttachments"
    key = "interfaceAttachment"
    child_path = "os-interface"
    verbs = frozenset(("list", "get", "create", "delete"))

    def create(  # type: ignore[override]
        self,
        server: _t.Any,
        port: _t.Any = None,
        network: _t.Any = None,
        fixed_ips: _t.Iterable[_t.Any] | None = None,
        tag: str | None = None,
    ) -> ServerInterface:
        """Attach ``port`` (an existing port) or a new port on ``network``; return it.

        ``fixed_ips`` are addresses (or ``{"ip_address": ...}`` dicts) for
        the new port; ``tag`` (2.49) names the device for the guest.
        """
        if (port is None) == (network is None):
            raise exceptions.ValidationError("Give exactly one of port and network")
        body: dict[str, _t.Any] = {}
        if port is not None:
            body["port_id"] = _ids.check_id(port, "port")
        else:
            body["net_id"] = _ids.check_id(network, "network")
        if fixed_ips:
            body["fixed_ips"] = [
                ip if isinstance(ip, dict) else {"ip_address": str(ip)} for ip in fixed_ips
            ]
        if tag is not None:
            self._needs("2.49", "An interface tag")
            body["tag"] = tag
        url = self._base(server)
        resp = self.client.post(url, json={self.key: body})
        return _t.cast(ServerInterface, self._from_body(resp, url, self.key))

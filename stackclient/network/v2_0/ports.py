"""Ports: ``/v2.0/ports`` (fixed IPs, allowed address pairs, security groups), and waiting on them."""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import tags, waiters
from stackclient.network.v2_0 import _base

__all__ = ["Port", "PortManager"]


class Port(tags.TaggableResource):
    """A port: ``network_id``, ``fixed_ips``, ``mac_address``, ``status``,
    ``allowed_address_pairs``, ``security_groups``, ``device_id``,
    ``device_owner``, ``port_security_enabled``, ``binding:vnic_type`` ...

    Example::

        port = neutron.ports.create(
            network_id=net, fixed_ips=[{"subnet_id": subnet.id, "ip_address": "10.0.0.20"}],
            allowed_address_pairs=[{"ip_address": "10.0.0.200"}],
            security_groups=[group.id])
        neutron.ports.wait_while(port, "BUILD", timeout=60)
    """

    __slots__ = ()


class PortManager(_base.TaggedManager):
    """Ports, with waiters on their ``status`` (``BUILD``, ``DOWN``, ``ACTIVE``, ``ERROR``)."""

    resource_class = Port
    collection_key = "ports"
    key = "port"

    def wait_until(
        self,
        port: _t.Any,
        status: str = "ACTIVE",
        failures: _t.Iterable[str] = ("ERROR",),
        interval: float = 1.0,
        timeout: float | None = waiters.DEFAULT_TIMEOUT,
        callback: _t.Callable[[waiters.WaitProgress], _t.Any] | None = None,
    ) -> Port:
        """Wait until ``port`` (a port or its id) has ``status``; return it fresh.

        Raises ResourceFailure at once on a status in ``failures`` and
        WaitTimeout after ``timeout`` seconds.
        """
        return _t.cast(
            Port,
            self.wait_for_status(
                port, status, failures=failures, interval=interval, timeout=timeout,
                callback=callback,
            ),
        )  # fmt: skip

    def wait_while(
        self,
        port: _t.Any,
        status: str | _t.Iterable[str] = "BUILD",
        failures: _t.Iterable[str] = ("ERROR",),
        interval: float = 1.0,
        timeout: float | None = waiters.DEFAULT_TIMEOUT,
        callback: _t.Callable[[waiters.WaitProgress], _t.Any] | None = None,
    ) -> Port:
        """Wait while ``port`` has ``status`` (or one of several); return it fresh."""
        return _t.cast(
            Port,
            self.wait_while_status(
                port, status, failures=failures, interval=interval, timeout=timeout,
                callback=callback,
            ),
        )  # fmt: skip

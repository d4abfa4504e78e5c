"""Compute services: ``/os-services`` -- nova-compute, nova-scheduler ... on each host (admins).

Disabling a compute service keeps the scheduler from placing servers on
its host; ``forced_down`` tells Nova a host is down (to evacuate it) before
its heartbeats stop. From 2.53 services are addressed by UUID
(``PUT /os-services/{id}``); before, by host and binary
(``PUT /os-services/disable`` ...), which :meth:`ServiceManager.set_status`
sends for older microversions.
"""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import _ids, exceptions, service
from stackclient.compute.v2 import _base

__all__ = ["Service", "ServiceManager"]


class Service(service.ServiceResource):
    """A service: ``id`` (a UUID from 2.53), ``binary`` (``nova-compute`` ...),
    ``host``, ``zone``, ``status`` (``enabled``/``disabled``), ``state``
    (``up``/``down``), ``disabled_reason``, ``updated_at``, ``forced_down`` (2.11).

    Example::

        compute = nova.services.list(binary="nova-compute")[0]
        nova.services.set_status(compute, enabled=False, reason="maintenance")
    """

    __slots__ = ()
    NAME_ATTR = "binary"


class ServiceManager(_base.ComputeManager):
    """``client.services``: list (``binary``, ``host``), set_status, set_forced_down, delete."""

    resource_class = Service
    collection_key = "services"
    key = "service"
    path = "/os-services"
    name_filter = "binary"
    verbs = frozenset(("list", "get", "delete"))

    def get(self, service_: _t.Any, **params: _t.Any) -> Service:  # type: ignore[override]
        """Return one service by id (Nova only lists them: this filters the list)."""
        ident = _ids.check_id(service_, "service")
        for item in self.iterate():
            if str(item.id) == ident:
                return _t.cast(Service, item)
        raise exceptions.NotFound("No compute service with id %r" % ident)

    def set_status(self, service_: _t.Any, enabled: bool, reason: str | None = None) -> Service:
        """Enable or disable a service (``reason`` is kept with a disabled one)."""
        body: dict[str, _t.Any] = {"status": "enabled" if enabled else "disabled"}
        if reason is not None and not enabled:
            body["disabled_reason"] = reason
        if self._at_least("2.53"):
            return self._put(service_, body)
        legacy = "enable" if enabled else ("disable-log-reason" if reason else "disable")
        return self._legacy(service_, legacy, body)

    def set_forced_down(self, service_: _t.Any, forced_down: bool = True) -> Service:
        """Mark a compute service down (or not) without waiting for its heartbeats (2.11)."""
        self._needs("2.11", "forced_down")
        if self._at_least("2.53"):
            return self._put(service_, {"forced_down": forced_down})
        return self._legacy(service_, "force-down", {"forced_down": forced_down})

    def _put(self, service_: _t.Any, body: dict[str, _t.Any]) -> Service:
        url = self._member_path(service_, "service")
        return _t.cast(Service, self._from_body(self.client.put(url, json=body), url, "service"))

    def _legacy(self, service_: _t.Any, action: str, body: dict[str, _t.Any]) -> Service:
        if not hasattr(service_, "host") or not hasattr(service_, "binary"):
            raise exceptions.ValidationError(
                "Before microversion 2.53 a service is addressed by host and binary: "
                "pass the Service resource, not an id"
            )
        body = dict(body, host=service_.host, binary=service_.binary)
        body.pop("status", None)
        url = "%s/%s" % (self.path, action)
        return _t.cast(Service, self._from_body(self.client.put(url, json=body), url, "service"))

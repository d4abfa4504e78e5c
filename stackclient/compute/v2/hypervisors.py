"""Hypervisors: ``/os-hypervisors`` -- the compute nodes (admins).

From 2.53 a hypervisor's ``id`` is a UUID (an integer before), lists take
``hypervisor_hostname_pattern`` and ``with_servers``; 2.88 drops the
statistics fields (``vcpus``, ``memory_mb``, ``local_gb``, ``*_used``,
``running_vms`` ... -- placement has them) and the ``uptime`` and
``statistics`` calls.
"""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import _ids, service
from stackclient.compute.v2 import _base

__all__ = ["Hypervisor", "HypervisorManager"]


class Hypervisor(service.ServiceResource):
    """A compute node: ``id``, ``hypervisor_hostname``, ``hypervisor_type``,
    ``hypervisor_version``, ``host_ip``, ``state`` (``up``/``down``), ``status``
    (``enabled``/``disabled``), ``service`` (``host``, ``id``,
    ``disabled_reason``), ``servers`` (with ``with_servers``), ``uptime``
    (2.88) and the statistics fields before 2.88.

    Example::

        [(h.hypervisor_hostname, h.state) for h in nova.hypervisors.list()]
    """

    __slots__ = ()
    NAME_ATTR = "hypervisor_hostname"


class HypervisorManager(_base.ComputeManager):
    """``client.hypervisors``: list (``/os-hypervisors/detail``; ``detail=False`` for
    ids and names), get (``with_servers``), find (by hostname), ``uptime`` (before 2.88)."""

    resource_class = Hypervisor
    collection_key = "hypervisors"
    key = "hypervisor"
    path = "/os-hypervisors"
    verbs = frozenset(("list", "get"))

    @property  # type: ignore[override]
    def name_filter(self) -> str | None:
        """The hostname filter (a substring, from 2.53; names are compared exactly here)."""
        return "hypervisor_hostname_pattern" if self._at_least("2.53") else None

    def iterate(self, detail: bool = True, **filters: _t.Any) -> _t.Iterator[Hypervisor]:  # type: ignore[override]
        """Yield hypervisors (``hypervisor_hostname_pattern``, ``with_servers``, ``limit``,
        ``marker`` from 2.53/2.33), following ``hypervisors_links`` (``details`` = ``detail``)."""
        if "details" in filters:
            detail = bool(filters.pop("details"))
        path = self._collection_path() + ("/detail" if detail else "")
        return self._iterate(path + self._query(filters), self.collection_key)  # type: ignore[return-value]

    def list(self, detail: bool = True, **filters: _t.Any) -> list[Hypervisor]:  # type: ignore[override]
        """Return the hypervisors matching ``filters``."""
        return list(self.iterate(detail, **filters))

    def __call__(self, detail: bool = True, **filters: _t.Any) -> _t.Iterator[Hypervisor]:  # type: ignore[override]
        """Same as :meth:`iterate`."""
        return self.iterate(detail, **filters)

    def uptime(self, hypervisor: _t.Any) -> str | None:
        """The host's ``uptime`` output (before 2.88; from 2.88 it is a field of the hypervisor)."""
        if self._at_least("2.88"):
            return self.get(hypervisor).__dict__.get("uptime")
        url = "%s/%s/uptime" % (self.path, _ids.path_segment(hypervisor, "hypervisor"))
        return self._object(self.client.get(url), url, "hypervisor").get("uptime")

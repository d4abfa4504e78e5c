"""Limits: ``GET /limits`` -- the project's absolute limits and what it uses of them."""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import exceptions, service
from stackclient.compute.v2 import _base

__all__ = ["Limits", "LimitsManager"]


class Limits(service.ServiceResource):
    """``absolute`` (``maxTotalInstances``, ``totalInstancesUsed``,
    ``maxTotalCores``, ``totalCoresUsed``, ``maxTotalRAMSize`` (MiB),
    ``totalRAMUsed``, ``maxServerMeta``, ``maxTotalKeypairs``,
    ``maxServerGroups`` ...; -1 is unlimited; the network and security-group
    ones go at 2.36) and ``rate`` (always empty nowadays).

    Example::

        limits = nova.get_limits()
        limits.absolute["maxTotalInstances"] - limits.absolute["totalInstancesUsed"]
    """

    __slots__ = ()
    NAME_ATTR = "absolute"


class LimitsManager(_base.ComputeManager):
    """``client.limits.get(project_id=None)``: this project's limits (another's, for admins)."""

    resource_class = Limits
    collection_key = "limits"
    key = "limits"
    path = "/limits"
    name_filter = None
    verbs = frozenset(("get",))

    def get(self, project_id: _t.Any = None, reserved: bool | None = None) -> Limits:  # type: ignore[override]
        """Return the limits of ``project_id`` (default: the token's project)."""
        filters: dict[str, _t.Any] = {"tenant_id": getattr(project_id, "id", project_id)}
        if reserved:
            filters["reserved"] = 1
        url = self._collection_path() + self._query(filters)
        return _t.cast(Limits, self._from_body(self.client.get(url), url, "limits"))

    def list(self, *args: _t.Any, **kwargs: _t.Any) -> _t.Any:  # type: ignore[override]
        """Limits are one document: use :meth:`get`."""
        raise exceptions.MethodNotImplemented("Limits are one document: use limits.get()")

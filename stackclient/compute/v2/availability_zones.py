"""Availability zones: ``/os-availability-zone[/detail]``.

Users see the zones servers can go to (``zoneName``, ``zoneState``);
admins can ask for the detail: every host of each zone and the state of
its services.
"""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import _ids, exceptions, service
from stackclient.compute.v2 import _base

__all__ = ["AvailabilityZone", "AvailabilityZoneManager"]


class AvailabilityZone(service.ServiceResource):
    """A zone: ``zoneName`` (also its ``id`` and :attr:`name`), ``zoneState``
    (``{"available": bool}``), ``hosts`` (None, or with ``detail``
    ``{host: {service: {"available", "active", "updated_at"}}}``).

    Example::

        [z.name for z in nova.availability_zones.list() if z.available]
    """

    __slots__ = ()
    NAME_ATTR = "zoneName"

    @property
    def id(self) -> _t.Any:
        """The zone's name."""
        return self.__dict__.get("zoneName")

    @property
    def name(self) -> _t.Any:
        """The zone's name (``zoneName``)."""
        return self.__dict__.get("zoneName")

    @property
    def available(self) -> bool:
        """Whether the zone can take servers."""
        state = self.__dict__.get("zoneState")
        return bool(state.get("available")) if isinstance(state, dict) else False


class AvailabilityZoneManager(_base.ComputeManager):
    """``client.availability_zones.list(detail=False)``; ``find(name)`` compares names."""

    resource_class = AvailabilityZone
    collection_key = "availabilityZoneInfo"
    key = "availabilityZoneInfo"
    path = "/os-availability-zone"
    name_filter = None
    verbs = frozenset(("list",))

    def iterate(self, detail: bool = False) -> _t.Iterator[AvailabilityZone]:  # type: ignore[override]
        """Yield the zones (with their hosts and services when ``detail``, admins)."""
        path = self._collection_path() + ("/detail" if detail else "")
        return self._iterate(path, self.collection_key)  # type: ignore[return-value]

    def list(self, detail: bool = False) -> list[AvailabilityZone]:  # type: ignore[override]
        """Return the zones."""
        return list(self.iterate(detail))

    def __call__(self, detail: bool = False) -> _t.Iterator[AvailabilityZone]:  # type: ignore[override]
        """Same as :meth:`iterate`."""
        return self.iterate(detail)

    def find(  # type: ignore[override]
        self, name_or_id: _t.Any, ignore_missing: bool = False
    ) -> AvailabilityZone | None:
        """Return the zone with this name (Nova shows zones only in lists)."""
        value = _ids.check_id(name_or_id, "name_or_id")
        for zone in self.iterate():
            if zone.name == value:
                return zone
        if ignore_missing:
            return None
        raise exceptions.NotFound("No availability zone named %r" % value)

    def get(self, zone: _t.Any, **params: _t.Any) -> AvailabilityZone:  # type: ignore[override]
        """Same as :meth:`find` (Nova shows zones only in lists)."""
        return _t.cast(AvailabilityZone, self.find(zone))

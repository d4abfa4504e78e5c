"""Availability zones (``/os-availability-zone``)."""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import service

if _t.TYPE_CHECKING:  # pragma: no cover
    from stackclient.apiclient.base import Resource

__all__ = ["AvailabilityZone", "AvailabilityZoneManager"]


class AvailabilityZone(service.ServiceResource):
    """A zone: ``zoneName`` and ``zoneState`` as Cinder sends them; :attr:`name` and
    :attr:`available` as plain values.

    Example::

        [z.name for z in cinder.availability_zones.list() if z.available]
    """

    NAME_ATTR = "zoneName"

    @property
    def name(self) -> str | None:
        """The zone's name."""
        return self.__dict__.get("zoneName")

    @property
    def id(self) -> str | None:
        """Zones have no id: the name stands in for it."""
        return self.__dict__.get("zoneName")

    @property
    def available(self) -> bool:
        """Whether the zone takes new volumes."""
        state = self.__dict__.get("zoneState")
        return bool(isinstance(state, dict) and state.get("available"))


class AvailabilityZoneManager(service.ServiceManager):
    """``cinder.availability_zones.list()``."""

    resource_class = AvailabilityZone
    collection_key = "availabilityZoneInfo"
    key = None
    path = "/os-availability-zone"
    name_filter = None

    def iterate(self, **filters: _t.Any) -> _t.Iterator[Resource]:
        """Yield the zones."""
        return self._iterate(self._collection_path(), self.collection_key)

    def get(self, resource: _t.Any, **params: _t.Any) -> Resource:
        """Return the zone named ``resource``; NotFound when there is none."""
        return _t.cast("Resource", self.find(resource))

    def _by_id(self, value: str, filters: _t.Mapping[str, _t.Any]) -> Resource | None:
        return None  # zones have names only

    def _noun(self) -> str:
        return "availability zone"

"""Availability zones: ``/v2.0/availability_zones`` (list only)."""

from __future__ import annotations

from stackclient.apiclient import service
from stackclient.network.v2_0 import _base

__all__ = ["AvailabilityZone", "AvailabilityZoneManager"]


class AvailabilityZone(service.ServiceResource):
    """A zone as the agents report it: ``name``, ``resource`` (``network`` or
    ``router``), ``state`` (``available``).

    Example::

        [az.name for az in neutron.availability_zones(resource="router")]
    """

    __slots__ = ()


class AvailabilityZoneManager(_base.NeutronManager):
    """``list(name=, resource=, state=)``; zones come from agents, so a cloud without agents has none."""

    resource_class = AvailabilityZone
    collection_key = "availability_zones"
    key = "availability_zone"
    verbs = frozenset(("list",))

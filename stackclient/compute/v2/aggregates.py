"""Host aggregates: ``/os-aggregates`` -- groups of hosts with metadata (admins).

An aggregate with an ``availability_zone`` makes its hosts that zone; its
metadata is matched by scheduler filters against flavor extra specs and
image properties.
"""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import _ids, service
from stackclient.compute.v2 import _base

__all__ = ["Aggregate", "AggregateManager"]


class Aggregate(service.ServiceResource):
    """An aggregate: ``id`` (an integer), ``uuid`` (2.41), ``name``,
    ``availability_zone``, ``hosts``, ``metadata``.

    Example::

        agg = nova.aggregates.create("fast", availability_zone="az-fast")
        nova.aggregates.add_host(agg, "compute-1")
        nova.aggregates.set_metadata(agg, {"ssd": "true"})
    """

    __slots__ = ()


class AggregateManager(_base.ComputeManager):
    """``client.aggregates``: list, get, find, create, update (``name``,
    ``availability_zone``), delete, add_host, remove_host, set_metadata and
    precache_images (2.81)."""

    resource_class = Aggregate
    collection_key = "aggregates"
    key = "aggregate"
    path = "/os-aggregates"
    name_filter = None

    def create(self, name: str, availability_zone: str | None = None) -> Aggregate:  # type: ignore[override]
        """Create an aggregate (in ``availability_zone``, when given)."""
        return _t.cast(Aggregate, super().create(name=name, availability_zone=availability_zone))

    def _agg_action(self, aggregate: _t.Any, action: str, value: _t.Any) -> Aggregate:
        url = self._member_path(aggregate, "aggregate") + "/action"
        resp = self.client.post(url, json={action: value})
        return _t.cast(Aggregate, self._from_body(resp, url, "aggregate"))

    def add_host(self, aggregate: _t.Any, host: str) -> Aggregate:
        """Put compute host ``host`` in the aggregate; return the aggregate."""
        return self._agg_action(aggregate, "add_host", {"host": host})

    def remove_host(self, aggregate: _t.Any, host: str) -> Aggregate:
        """Take ``host`` out of the aggregate; return the aggregate."""
        return self._agg_action(aggregate, "remove_host", {"host": host})

    def set_metadata(self, aggregate: _t.Any, metadata: _t.Mapping[str, _t.Any]) -> Aggregate:
        """Add or change metadata (a None value removes the key); return the aggregate."""
        return self._agg_action(aggregate, "set_metadata", {"metadata": dict(metadata)})

    def precache_images(self, aggregate: _t.Any, images: _t.Iterable[_t.Any]) -> None:
        """Ask the aggregate's hosts to cache ``images`` (ids or resources) ahead of boots (2.81)."""
        self._needs("2.81", "Image pre-caching")
        url = self._member_path(aggregate, "aggregate") + "/images"
        body = {"cache": [{"id": _ids.check_id(image, "image")} for image in images]}
        self.client.post(url, json=body)

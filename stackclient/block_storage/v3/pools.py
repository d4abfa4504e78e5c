"""Backend storage pools (``/scheduler-stats/get_pools``), as the scheduler sees them. Admin only."""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import service

if _t.TYPE_CHECKING:  # pragma: no cover
    from stackclient.apiclient.base import Resource

__all__ = ["Pool", "PoolManager"]


class Pool(service.ServiceResource):
    """A pool: ``name`` (``host@backend#pool``) and, listed in detail, ``capabilities``
    (``total_capacity_gb``, ``free_capacity_gb``, ``volume_backend_name`` ...).

    Example::

        for pool in cinder.pools.list():
            print(pool.name, pool.capabilities["free_capacity_gb"])
    """

    @property
    def id(self) -> str | None:
        """Pools have no id: the name stands in for it."""
        return self.__dict__.get("name")


class PoolManager(service.ServiceManager):
    """``cinder.pools.list(detailed=True)``."""

    resource_class = Pool
    collection_key = "pools"
    key = None
    path = "/scheduler-stats/get_pools"
    name_filter = None

    def iterate(  # type: ignore[override]
        self, detailed: bool = True, **filters: _t.Any
    ) -> _t.Iterator[Resource]:
        """Yield the pools; ``detailed`` adds their capabilities. Filters (3.28):
        ``name``, ``volume_type`` and capability values."""
        query = dict(filters, detail=True if detailed else None)
        return self._iterate(self._collection_path() + self._query(query), self.collection_key)

    def list(self, detailed: bool = True, **filters: _t.Any) -> list[Resource]:  # type: ignore[override]
        """Return the pools; see :meth:`iterate`."""
        return list(self.iterate(detailed, **filters))

    def get(self, resource: _t.Any, **params: _t.Any) -> Resource:
        """Return the pool named ``resource``; NotFound when there is none."""
        return _t.cast("Resource", self.find(resource))

    def _by_id(self, value: str, filters: _t.Mapping[str, _t.Any]) -> Resource | None:
        return None

    def _noun(self) -> str:
        return "pool"

"""Subnet pools: ``/v2.0/subnetpools``."""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import tags
from stackclient.network.v2_0 import _base

__all__ = ["SubnetPool", "SubnetPoolManager"]


class SubnetPool(tags.TaggableResource):
    """A subnet pool: ``prefixes``, ``default_prefixlen``, ``min_prefixlen``,
    ``max_prefixlen``, ``ip_version``, ``shared``, ``is_default`` ...

    Example::

        pool = neutron.subnet_pools.create(name="tenants", prefixes=["10.8.0.0/16"],
                                           default_prefixlen=24)
        neutron.subnets.create(network_id=net, subnetpool_id=pool, ip_version=4)
    """

    __slots__ = ()


class SubnetPoolManager(_base.TaggedManager):
    """Subnet pools, and adding or removing prefixes in one request."""

    resource_class = SubnetPool
    collection_key = "subnetpools"
    key = "subnetpool"

    def add_prefixes(self, pool: _t.Any, prefixes: _t.Iterable[str]) -> list[str]:
        """Add ``prefixes`` (CIDRs) to ``pool``; return the pool's prefixes."""
        return self._prefixes(pool, "add_prefixes", prefixes)

    def remove_prefixes(self, pool: _t.Any, prefixes: _t.Iterable[str]) -> list[str]:
        """Remove ``prefixes`` from ``pool`` (none may be in use); return what is left."""
        return self._prefixes(pool, "remove_prefixes", prefixes)

    def _prefixes(self, pool: _t.Any, action: str, prefixes: _t.Iterable[str]) -> list[str]:
        answer = self._action(pool, action, {"prefixes": list(prefixes)})
        return list(answer.get("prefixes") or [])

"""Identity v3 registered limits (unified limits): ``/registered_limits``.

A registered limit is the default quota of a resource of a service (in a
region) for every project; project limits override it::

    reg = keystone.registered_limits.create(service=s, resource_name="cores",
                                            default_limit=10, region="RegionOne")
    keystone.registered_limits.update(reg, default_limit=12)
"""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import base
from stackclient.v3.limits import _create_one

if _t.TYPE_CHECKING:  # pragma: no cover
    import requests

__all__ = ["RegisteredLimit", "RegisteredLimitManager"]


class RegisteredLimit(base.Resource):
    """A registered limit: ``id``, ``service_id``, ``region_id``,
    ``resource_name``, ``default_limit``, ``description``."""


class RegisteredLimitManager(base.CrudManager):
    """Create, get, list, find, update and delete registered limits."""

    resource_class = RegisteredLimit
    collection_key = "registered_limits"
    key = "registered_limit"

    def create(  # type: ignore[override]
        self,
        service: _t.Any,
        resource_name: str,
        default_limit: int,
        description: str | None = None,
        region: _t.Any = None,
        **kwargs: _t.Any,
    ) -> RegisteredLimit:
        """Register ``default_limit`` for ``resource_name`` of ``service`` (in ``region``)."""
        data = dict(
            service_id=base.getid(service),
            resource_name=resource_name,
            default_limit=default_limit,
            description=description,
            region_id=base.getid(region),
            **kwargs,
        )
        return _t.cast(RegisteredLimit, _create_one(self, data))

    def update(  # type: ignore[override]
        self,
        registered_limit: _t.Any,
        service: _t.Any = None,
        resource_name: str | None = None,
        default_limit: int | None = None,
        description: str | None = None,
        region: _t.Any = None,
        **kwargs: _t.Any,
    ) -> RegisteredLimit:
        """PATCH the given fields; None values are not sent.

        keystoneclient sent the region as ``region`` (which Keystone
        rejects); it is sent as ``region_id`` here.
        """
        return super().update(
            registered_limit_id=base.getid(registered_limit),
            service_id=base.getid(service),
            resource_name=resource_name,
            default_limit=default_limit,
            description=description,
            region_id=base.getid(region),
            **kwargs,
        )

    def get(self, registered_limit: _t.Any) -> RegisteredLimit:  # type: ignore[override]
        """Return one registered limit."""
        return super().get(registered_limit_id=base.getid(registered_limit))

    def list(  # type: ignore[override]
        self,
        service: _t.Any = None,
        resource_name: str | None = None,
        region: _t.Any = None,
        **kwargs: _t.Any,
    ) -> list[base.Resource]:
        """List registered limits; every argument filters on the server."""
        return super().list(
            service_id=base.getid(service),
            resource_name=resource_name,
            region_id=base.getid(region),
            **kwargs,
        )

    def delete(self, registered_limit: _t.Any) -> requests.Response:  # type: ignore[override]
        """Delete a registered limit (refused by Keystone while project limits use it)."""
        return super().delete(registered_limit_id=base.getid(registered_limit))

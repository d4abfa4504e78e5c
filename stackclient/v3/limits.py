"""Identity v3 project limits (unified limits): ``/limits``.

A limit overrides, for one project, the default of a registered limit
(same service, region and resource name)::

    limit = keystone.limits.create(project=p, service=s, resource_name="cores",
                                   resource_limit=20, region="RegionOne")
    keystone.limits.update(limit, resource_limit=40)
    keystone.limits.list(service=s, resource_name="cores")
"""

from __future__ import annotations

import typing as _t

from stackclient import _jsonutils
from stackclient.apiclient import base, exceptions

if _t.TYPE_CHECKING:  # pragma: no cover
    import requests

__all__ = ["Limit", "LimitManager"]


def _create_one(manager: base.CrudManager, data: dict[str, _t.Any]) -> base.Resource:
    """POST one item the way Keystone's batch API takes it; return it as a resource.

    Keystone creates limits and registered limits in batches
    (``{"limits": [...]}`` in, the same out); this sends a batch of one.
    """
    key = _t.cast(str, manager.collection_key)
    body = {key: [manager._filter_kwargs(data)]}
    url = "/" + key
    resp = manager.client.post(url, json=body)
    items = _jsonutils.response_json(resp)
    created = items.get(key) if isinstance(items, dict) else None
    if not isinstance(created, list) or not created or not isinstance(created[-1], dict):
        raise exceptions.InvalidResponse(
            "POST %s answered HTTP %s without a %r list holding the new item"
            % (resp.url or url, resp.status_code, key),
            response=resp,
        )
    return manager._resource_class()(manager, created[-1])


class Limit(base.Resource):
    """A project limit: ``id``, ``project_id``, ``domain_id``, ``service_id``,
    ``region_id``, ``resource_name``, ``resource_limit``, ``description``."""


class LimitManager(base.CrudManager):
    """Create, get, list, find, update and delete project limits."""

    resource_class = Limit
    collection_key = "limits"
    key = "limit"

    def create(  # type: ignore[override]
        self,
        project: _t.Any,
        service: _t.Any,
        resource_name: str,
        resource_limit: int,
        description: str | None = None,
        region: _t.Any = None,
        **kwargs: _t.Any,
    ) -> Limit:
        """Create a limit of ``resource_limit`` on ``resource_name`` for ``project``.

        A registered limit with the same service, region and resource name
        must exist first (Keystone answers 403 otherwise).
        """
        data = dict(
            project_id=base.getid(project),
            service_id=base.getid(service),
            resource_name=resource_name,
            resource_limit=resource_limit,
            description=description,
            region_id=base.getid(region),
            **kwargs,
        )
        return _t.cast(Limit, _create_one(self, data))

    def update(  # type: ignore[override]
        self,
        limit: _t.Any,
        project: _t.Any = None,
        service: _t.Any = None,
        resource_name: str | None = None,
        resource_limit: int | None = None,
        description: str | None = None,
        **kwargs: _t.Any,
    ) -> Limit:
        """PATCH the given fields of ``limit``; None values are not sent.

        Keystone 30 only lets ``resource_limit`` and ``description`` change.
        """
        return super().update(
            limit_id=base.getid(limit),
            project_id=base.getid(project),
            service_id=base.getid(service),
            resource_name=resource_name,
            resource_limit=resource_limit,
            description=description,
            **kwargs,
        )

    def get(self, limit: _t.Any) -> Limit:  # type: ignore[override]
        """Return one limit."""
        return super().get(limit_id=base.getid(limit))

    def list(  # type: ignore[override]
        self,
        service: _t.Any = None,
        region: _t.Any = None,
        resource_name: str | None = None,
        **kwargs: _t.Any,
    ) -> list[base.Resource]:
        """List limits; every argument (``project_id=`` too) filters on the server."""
        return super().list(
            service_id=base.getid(service),
            region_id=base.getid(region),
            resource_name=resource_name,
            **kwargs,
        )

    def delete(self, limit: _t.Any) -> requests.Response:  # type: ignore[override]
        """Delete a limit."""
        return super().delete(limit_id=base.getid(limit))

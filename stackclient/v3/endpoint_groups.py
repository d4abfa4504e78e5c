"""Identity v3 endpoint groups (OS-EP-FILTER): ``/OS-EP-FILTER/endpoint_groups``.

An endpoint group is a saved filter over endpoints (by ``service_id``,
``region_id`` or ``interface``); associating it with a project (see
:mod:`stackclient.v3.endpoint_filter`) puts every matching endpoint in that
project's token catalog::

    group = keystone.endpoint_groups.create("public", filters={"interface": "public"})
    keystone.endpoint_filter.add_endpoint_group_to_project(group, project)
"""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import base

if _t.TYPE_CHECKING:  # pragma: no cover
    import requests

__all__ = ["EndpointGroup", "EndpointGroupManager"]


class EndpointGroup(base.Resource):
    """An endpoint group: ``id``, ``name``, ``description``, ``filters`` (a dict)."""


class EndpointGroupManager(base.CrudManager):
    """Create, get, check, list, find, update and delete endpoint groups."""

    resource_class = EndpointGroup
    collection_key = "endpoint_groups"
    key = "endpoint_group"
    base_url = "/OS-EP-FILTER"

    def create(  # type: ignore[override]
        self,
        name: str,
        filters: dict[str, _t.Any],
        description: str | None = None,
        **kwargs: _t.Any,
    ) -> EndpointGroup:
        """Create an endpoint group selecting the endpoints that match ``filters``.

        ``filters`` is a dict such as ``{"service_id": ..., "interface": "public"}``.
        """
        return super().create(name=name, filters=filters, description=description, **kwargs)

    def get(self, endpoint_group: _t.Any) -> EndpointGroup:  # type: ignore[override]
        """Return one endpoint group."""
        return super().get(endpoint_group_id=base.getid(endpoint_group))

    def check(self, endpoint_group: _t.Any) -> bool:
        """Return True when the endpoint group exists (HEAD); NotFound otherwise."""
        return super().head(endpoint_group_id=base.getid(endpoint_group))

    def list(self, **kwargs: _t.Any) -> list[base.Resource]:  # type: ignore[override]
        """List endpoint groups; keywords (``name=``) filter on the server."""
        return super().list(**kwargs)

    def update(  # type: ignore[override]
        self,
        endpoint_group: _t.Any,
        name: str | None = None,
        filters: dict[str, _t.Any] | None = None,
        description: str | None = None,
        **kwargs: _t.Any,
    ) -> EndpointGroup:
        """PATCH the given fields of the endpoint group; None values are not sent."""
        return super().update(
            endpoint_group_id=base.getid(endpoint_group),
            name=name,
            filters=filters,
            description=description,
            **kwargs,
        )

    def delete(self, endpoint_group: _t.Any) -> requests.Response:  # type: ignore[override]
        """Delete an endpoint group (its project associations go with it)."""
        return super().delete(endpoint_group_id=base.getid(endpoint_group))

"""Identity v3 endpoints, the URLs of catalog services: ``/v3/endpoints``.

Example::

    keystone.endpoints.create(glance, "http://glance.example:9292",
                              interface="public", region="RegionOne")
    keystone.endpoints.list(service=glance, interface="public")
"""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import base, exceptions

if _t.TYPE_CHECKING:  # pragma: no cover
    import requests

__all__ = ["VALID_INTERFACES", "Endpoint", "EndpointManager"]

#: The interfaces an endpoint can have.
VALID_INTERFACES = ("public", "admin", "internal")


class Endpoint(base.Resource):
    """An endpoint: ``id``, ``service_id``, ``interface``, ``url``, ``region_id``
    (and the legacy ``region``), ``enabled``.
    """

    NAME_ATTR = "url"


class EndpointManager(base.CrudManager):
    """Create, read, update, list and delete endpoints.

    ``interface`` must be one of :data:`VALID_INTERFACES`; anything else
    raises ValidationError before a request is sent.
    """

    resource_class = Endpoint
    collection_key = "endpoints"
    key = "endpoint"

    def create(
        self,
        service: _t.Any,
        url: str,
        interface: str | None = None,
        region: _t.Any = None,
        enabled: bool = True,
        **kwargs: _t.Any,
    ) -> Endpoint:
        """Create an endpoint of ``service`` at ``url``.

        ``region`` is sent as ``region`` when given as a string (the legacy
        field Keystone maps to ``region_id``) and as ``region_id`` when
        given as a :class:`~stackclient.v3.regions.Region`.
        """
        _check_interface(interface)
        return super().create(
            service_id=base.getid(service),
            interface=interface,
            url=url,
            region=region,
            enabled=enabled,
            **kwargs,
        )

    def get(self, endpoint: _t.Any) -> Endpoint:
        """Return one endpoint (by id or :class:`Endpoint`)."""
        return super().get(endpoint_id=base.getid(endpoint))

    def list(
        self,
        service: _t.Any = None,
        interface: str | None = None,
        region: _t.Any = None,
        enabled: bool | None = None,
        region_id: str | None = None,
        **kwargs: _t.Any,
    ) -> list[Endpoint]:
        """Return the endpoints matching the filters, one request (one page).

        Keystone filters on ``region_id``: ``region`` is sent as that
        (``region_id`` wins when both are given).
        """
        return super().list(**_list_args(service, interface, region, enabled, region_id, kwargs))

    def iterate(
        self,
        service: _t.Any = None,
        interface: str | None = None,
        region: _t.Any = None,
        enabled: bool | None = None,
        region_id: str | None = None,
        **kwargs: _t.Any,
    ) -> _t.Iterator[Endpoint]:
        """Like :meth:`list`, but yield endpoints page by page.

        Keystone does not honour ``marker`` for endpoints (it repeats the
        first page); the walk notices the repeat and stops.
        """
        args = _list_args(service, interface, region, enabled, region_id, kwargs)
        return super().iterate(**args)

    def update(
        self,
        endpoint: _t.Any,
        service: _t.Any = None,
        url: str | None = None,
        interface: str | None = None,
        region: _t.Any = None,
        enabled: bool | None = None,
        **kwargs: _t.Any,
    ) -> Endpoint:
        """Change the given attributes of an endpoint (None means unchanged)."""
        _check_interface(interface)
        return super().update(
            endpoint_id=base.getid(endpoint),
            service_id=base.getid(service),
            interface=interface,
            url=url,
            region=region,
            enabled=enabled,
            **kwargs,
        )

    def delete(self, endpoint: _t.Any) -> requests.Response:
        """Delete an endpoint."""
        return super().delete(endpoint_id=base.getid(endpoint))


def _check_interface(interface: str | None) -> None:
    if interface is not None and interface not in VALID_INTERFACES:
        raise exceptions.ValidationError(
            "interface must be one of %s, got %r" % (", ".join(VALID_INTERFACES), interface)
        )


def _list_args(
    service: _t.Any,
    interface: str | None,
    region: _t.Any,
    enabled: bool | None,
    region_id: str | None,
    kwargs: dict[str, _t.Any],
) -> dict[str, _t.Any]:
    _check_interface(interface)
    return dict(
        kwargs,
        service_id=base.getid(service),
        interface=interface,
        region_id=region_id or base.getid(region),
        enabled=enabled,
    )

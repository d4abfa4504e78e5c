"""Identity v3 services, the entries of the service catalog: ``/v3/services``.

Example::

    glance = keystone.services.create("glance", type="image")
    keystone.services.list(type="image")
"""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import base, exceptions

if _t.TYPE_CHECKING:  # pragma: no cover
    import requests

__all__ = ["Service", "ServiceManager"]


class Service(base.Resource):
    """A catalog service: ``id``, ``name``, ``type``, ``description``, ``enabled``."""


class ServiceManager(base.CrudManager):
    """Create, read, update, list and delete catalog services.

    ``service_type=`` is accepted wherever ``type=`` is (``type`` wins).
    """

    resource_class = Service
    collection_key = "services"
    key = "service"

    def create(
        self,
        name: str,
        type: str | None = None,
        enabled: bool = True,
        description: str | None = None,
        **kwargs: _t.Any,
    ) -> Service:
        """Create a service; other keywords are sent as extra attributes."""
        type_, rest = _type_arg(type, kwargs)
        return super().create(
            name=name, type=type_, description=description, enabled=enabled, **rest
        )

    def get(self, service: _t.Any) -> Service:
        """Return one service (by id or :class:`Service`)."""
        return super().get(service_id=base.getid(service))

    def list(
        self, name: str | None = None, type: str | None = None, **kwargs: _t.Any
    ) -> list[Service]:
        """Return the services matching ``name``, ``type`` and other filters."""
        type_, rest = _type_arg(type, kwargs)
        return super().list(name=name, type=type_, **rest)

    def update(
        self,
        service: _t.Any,
        name: str | None = None,
        type: str | None = None,
        enabled: bool | None = None,
        description: str | None = None,
        **kwargs: _t.Any,
    ) -> Service:
        """Change the given attributes of a service (None means unchanged)."""
        type_, rest = _type_arg(type, kwargs)
        return super().update(
            service_id=base.getid(service),
            name=name,
            type=type_,
            description=description,
            enabled=enabled,
            **rest,
        )

    def delete(self, service: _t.Any = None, id: str | None = None) -> requests.Response:
        """Delete a service, given as ``service`` (id or resource) or ``id``."""
        service_id = base.getid(service) if service is not None else id
        if not service_id:
            raise exceptions.ValidationError("Specify the service to delete")
        return super().delete(service_id=service_id)


def _type_arg(type_: str | None, kwargs: dict[str, _t.Any]) -> tuple[str | None, dict]:
    rest = dict(kwargs)
    alias = rest.pop("service_type", None)
    return type_ or alias, rest

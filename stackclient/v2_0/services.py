"""Identity v2.0 services in the catalog (``/OS-KSADM/services``).

Example::

    nova = keystone.services.create("nova", "compute", "Compute service")
    keystone.endpoints.create("RegionOne", nova.id, "http://nova:8774/v2.1")
"""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import base
from stackclient.v2_0 import _paths

__all__ = ["Service", "ServiceManager"]

_SERVICES = "OS-KSADM/services"
_KEY = "OS-KSADM:service"
_COLLECTION_KEY = "OS-KSADM:services"


class Service(base.Resource):
    """A catalog service: ``id``, ``name``, ``type``, ``description``."""


class ServiceManager(base.ManagerWithFind):
    """List, create, get and delete the services of the catalog."""

    resource_class = Service

    def list(self) -> list[Service]:
        """Return every service: ``GET /OS-KSADM/services``."""
        return self._list("/" + _SERVICES, _COLLECTION_KEY)

    def get(self, id: _t.Any) -> Service:
        """Return one service (by id or :class:`Service`); NotFound if unknown."""
        return self._get(_paths.join(_SERVICES, _paths.segment(id, "service")), _KEY)

    def create(self, name: str, service_type: str, description: str | None = None) -> Service:
        """Create a service: ``POST /OS-KSADM/services``.

        The body is ``{"OS-KSADM:service": {"name", "type", "description"}}``.
        """
        body = {_KEY: {"name": name, "type": service_type, "description": description}}
        return self._create("/" + _SERVICES, body, _KEY)

    def delete(self, id: _t.Any) -> _t.Any:
        """Delete a service (by id or :class:`Service`)."""
        return self._delete(_paths.join(_SERVICES, _paths.segment(id, "service")))

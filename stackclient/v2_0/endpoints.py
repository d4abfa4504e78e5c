"""Identity v2.0 catalog endpoints (``/endpoints``).

Example::

    keystone.endpoints.create("RegionOne", nova.id,
                              publicurl="http://nova.example.com:8774/v2.1",
                              adminurl="http://nova.admin:8774/v2.1")
"""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import base
from stackclient.v2_0 import _paths

__all__ = ["Endpoint", "EndpointManager"]


class Endpoint(base.Resource):
    """A catalog endpoint: ``id``, ``region``, ``service_id``, ``publicurl``,
    ``adminurl``, ``internalurl``.
    """

    NAME_ATTR = "publicurl"


class EndpointManager(base.ManagerWithFind):
    """List, create and delete catalog endpoints."""

    resource_class = Endpoint

    def list(self) -> list[Endpoint]:
        """Return every endpoint: ``GET /endpoints``."""
        return self._list("/endpoints", "endpoints")

    def create(
        self,
        region: str | None,
        service_id: _t.Any,
        publicurl: str,
        adminurl: str | None = None,
        internalurl: str | None = None,
    ) -> Endpoint:
        """Create an endpoint of service ``service_id`` (an id or a Service): ``POST /endpoints``.

        URLs not given are sent as null.
        """
        _paths.segment(service_id, "service")
        body = {
            "endpoint": {
                "region": region,
                "service_id": base.getid(service_id),
                "publicurl": publicurl,
                "adminurl": adminurl,
                "internalurl": internalurl,
            }
        }
        return self._create("/endpoints", body, "endpoint")

    def delete(self, id: _t.Any) -> _t.Any:
        """Delete an endpoint (by id or :class:`Endpoint`)."""
        return self._delete(_paths.join("endpoints", _paths.segment(id, "endpoint")))

"""A generic REST client for a service that has no stackclient client (yet).

``conn.orchestration``, ``conn.dns``, ``conn.load_balancer`` -- and any
service whose client module is not installed -- are a
:class:`GenericServiceClient`: a :class:`~stackclient.service_client.ServiceClient`
for that service type, with ``get/post/put/patch/delete/head`` taking URLs
relative to the service's endpoint. The service's ``api_version``
decides the rest:

* none: the catalog URL is used as it is;
* a major version (``"1"``): version discovery finds that API's URL;
* a microversion (``"2.79"``): discovery too, the pin is checked against
  the server's range, and sent as ``OpenStack-API-Version: <type>
  <version>`` (plus the service's older header, e.g.
  ``X-OpenStack-Nova-API-Version``);
* ``"latest"``: the catalog URL as it is, and the headers say ``latest``
  (the services with microversions read it as their newest).

Example::

    heat = GenericServiceClient(session=sess, service_type="orchestration", api_version="1")
    heat.get("/stacks").json()
"""

from __future__ import annotations

import typing as _t

from stackclient import discover, service_client, service_types

__all__ = ["GenericServiceClient"]

#: The name a service gives itself in ``OpenStack-API-Version``, where it is not its type.
_HEADER_NAMES = {"block-storage": "volume"}
#: Older per-service microversion headers still read by some services.
_LEGACY_HEADERS = {
    "compute": "X-OpenStack-Nova-API-Version",
    "baremetal": "X-OpenStack-Ironic-API-Version",
    "shared-file-system": "X-OpenStack-Manila-API-Version",
}


def _major(api_version: str | None) -> int | None:
    text = str(api_version or "").strip().lstrip("vV").split(".", 1)[0]
    return int(text) if text.isdigit() else None


class GenericServiceClient(service_client.ServiceClient):
    """A :class:`ServiceClient` for any service type, configured by its ``api_version``.

    Takes the service-client arguments (``session``, ``service_type``,
    ``interface``, ``region_name``, ``service_name``,
    ``endpoint_override``, ``api_version``, ...); ``service_type`` is required.
    """

    def __init__(self, session: _t.Any = None, *, service_type: str, **kwargs: _t.Any) -> None:
        name = service_types.official(service_type)
        official = name if name in service_types.ALIASES else service_type
        text = str(kwargs.get("api_version") or "").strip()
        major = _major(text)
        header_name = _HEADER_NAMES.get(official, official)
        self.service_type = official  # type: ignore[misc]
        self.api_major = (major if major is not None else 1, 0)  # type: ignore[misc]
        self.discover_versions = major is not None  # type: ignore[misc]
        if text.lower() == "latest":
            headers = discover.microversion_headers(
                header_name, "latest", _LEGACY_HEADERS.get(official)
            )
            kwargs["additional_headers"] = dict(
                headers, **(kwargs.get("additional_headers") or {})
            )
            kwargs["api_version"] = None  # nothing to negotiate: the server picks its newest
        elif "." in text:
            self.microversion_type = header_name  # type: ignore[misc]
            self.legacy_microversion_header = _LEGACY_HEADERS.get(official)  # type: ignore[misc]
        super().__init__(session, service_type=service_type, **kwargs)
        self.api_version = text or None

    def __repr__(self) -> str:
        return "<GenericServiceClient %s>" % self.service_type

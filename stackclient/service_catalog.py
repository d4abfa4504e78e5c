"""Endpoint selection from the service catalog that comes with a token.

A catalog lists services (``type``, ``name``, ``id``) and their endpoints.
v2.0 endpoints carry one URL per interface (``publicURL``, ``internalURL``,
``adminURL``); v3 endpoints carry one ``interface`` and ``url`` each. Both
are read into the same normalised endpoint dicts, indexed once per catalog
on first use::

    catalog = ServiceCatalog.from_token_body(body)
    catalog.url_for(service_type="compute", interface="internal",
                    region_name="RegionOne")
    catalog.get_endpoints(service_type="image")
    # {"image": [{"interface": "public", "url": ..., "region": ...,
    #             "region_id": ..., "id": ..., "service_id": ...,
    #             "service_type": "image", "service_name": "glance"}, ...]}

Interfaces may be spelled ``public``/``publicURL``, ``internal``/
``internalURL`` or ``admin``/``adminURL``, alone or as a list in order of
preference. A region matches an endpoint's ``region_id`` or ``region``.
A service name is only compared where the catalog has one (catalogs from
before Identity v3.3 name no services). An endpoint whose URL is not a
string is left out, as if the catalog did not list it.
"""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import exceptions

__all__ = ["DEFAULT_INTERFACE", "ServiceCatalog", "ServiceCatalogV2", "ServiceCatalogV3"]

#: The interface url_for and get_urls use when none is given.
DEFAULT_INTERFACE = "public"

#: v2.0 endpoint keys, with the interface each one is.
_V2_URL_KEYS = (("public", "publicURL"), ("internal", "internalURL"), ("admin", "adminURL"))

_Interface = _t.Union[str, _t.Sequence[str], None]
_Endpoint = dict[str, _t.Any]


def _normalise_interface(name: _t.Any) -> str:
    text = str(name).lower()
    return text[:-3] if text.endswith("url") else text


def _interfaces(
    interface: _Interface, endpoint_type: _Interface, default: str | None
) -> tuple[str, ...]:
    """The wanted interfaces, normalised, in order of preference (() = any)."""
    wanted = interface if interface is not None else endpoint_type
    if wanted is None:
        wanted = default
    if wanted is None:
        return ()
    if isinstance(wanted, str):
        wanted = (wanted,)
    return tuple(_normalise_interface(w) for w in wanted)


class _Query(_t.NamedTuple):
    service_type: str | None
    interfaces: tuple[str, ...]
    region_name: str | None
    service_name: str | None
    service_id: str | None
    endpoint_id: str | None

    def matches(self, ep: _Endpoint) -> bool:
        if self.interfaces and ep["interface"] not in self.interfaces:
            return False
        if self.region_name and self.region_name not in (ep["region_id"], ep["region"]):
            return False
        # A catalog from before Identity v3.3 has no service names: the
        # filter is applied only where a name is there to compare.
        if self.service_name and ep["service_name"] and ep["service_name"] != self.service_name:
            return False
        if self.service_id and ep["service_id"] != self.service_id:
            return False
        return not (self.endpoint_id and ep["id"] != self.endpoint_id)

    def describe(self) -> str:
        parts = ["service_type=%r" % self.service_type]
        if self.interfaces:
            shown = self.interfaces[0] if len(self.interfaces) == 1 else list(self.interfaces)
            parts.append("interface=%r" % (shown,))
        for name in ("region_name", "service_name", "service_id", "endpoint_id"):
            if getattr(self, name):
                parts.append("%s=%r" % (name, getattr(self, name)))
        return ", ".join(parts)


class _Index:
    """Every endpoint of a catalog, normalised, grouped by service type."""

    __slots__ = ("by_type", "interfaces", "regions")

    def __init__(self, endpoints: _t.Iterable[_Endpoint]) -> None:
        self.by_type: dict[str, list[_Endpoint]] = {}
        interfaces: set[str] = set()
        regions: set[str] = set()
        for ep in endpoints:
            self.by_type.setdefault(ep["service_type"], []).append(ep)
            interfaces.add(ep["interface"])
            if ep["region_id"] or ep["region"]:
                regions.add(str(ep["region_id"] or ep["region"]))
        self.interfaces = sorted(interfaces)
        self.regions = sorted(regions)

    def candidates(self, service_type: str | None) -> _t.Iterable[_Endpoint]:
        if service_type:
            return self.by_type.get(service_type, ())
        return (ep for eps in self.by_type.values() for ep in eps)

    def not_found(self, query: _Query) -> exceptions.EndpointNotFound:
        asked = "No endpoint for %s" % query.describe()
        if not self.by_type:
            return exceptions.EndpointNotFound(
                "%s: the service catalog is empty (unscoped tokens, and tokens "
                "issued with nocatalog, have none)." % asked
            )
        return exceptions.EndpointNotFound(
            "%s. The catalog has service types: %s; interfaces: %s; regions: %s"
            % (
                asked,
                ", ".join(sorted(self.by_type)),
                ", ".join(self.interfaces),
                ", ".join(self.regions) or "(none)",
            )
        )


def _catalog_in(data: _t.Any) -> tuple[type[ServiceCatalog], _t.Any]:
    """Find the catalog, and its version, in a token body of any shape."""
    if not isinstance(data, dict):
        raise exceptions.InvalidResponse("Not a token body: %s" % type(data).__name__)
    if isinstance(data.get("access"), dict):
        return ServiceCatalogV2, data["access"].get("serviceCatalog")
    token = data.get("token")
    if isinstance(token, dict) and "id" not in token and "expires" not in token:
        return ServiceCatalogV3, token.get("catalog")
    version = data.get("version")
    if version == "v3" or any(k in data for k in ("catalog", "expires_at", "methods")):
        return ServiceCatalogV3, data.get("catalog")
    if version == "v2.0" or "serviceCatalog" in data or "token" in data:
        return ServiceCatalogV2, data.get("serviceCatalog")
    raise exceptions.InvalidResponse(
        "Not a token body: no 'access', 'token', 'serviceCatalog' or 'catalog' in it"
    )


class ServiceCatalog:
    """The services and endpoints of one token; the base of V2 and V3.

    ``catalog`` is the token's list of services; ``region_name`` is the
    region used when a lookup names none. Lookups read an index built once,
    on first use::

        catalog = ServiceCatalogV3(body["token"]["catalog"], region_name="RegionOne")
        catalog.url_for(service_type="image")                  # public URL
        catalog.url_for(service_type="identity", endpoint_type="adminURL")
        catalog.get_urls(service_type="compute", interface=["internal", "public"])
    """

    def __init__(
        self, catalog: list[dict[str, _t.Any]] | None = None, region_name: str | None = None
    ) -> None:
        self._catalog = catalog if isinstance(catalog, list) else []
        self._region_name = region_name
        self._index: _Index | None = None

    @classmethod
    def from_token_body(
        cls, body: dict[str, _t.Any], region_name: str | None = None
    ) -> ServiceCatalog:
        """Build the V2 or V3 catalog of a token body, full or inner.

        Raises ``InvalidResponse`` when ``body`` is not a token body.
        """
        klass, entries = _catalog_in(body)
        return klass(entries, region_name=region_name)

    @classmethod
    def factory(
        cls,
        resource_dict: dict[str, _t.Any],
        token: str | None = None,
        region_name: str | None = None,
    ) -> ServiceCatalog:
        """python-keystoneclient's constructor; ``token`` is accepted and unused."""
        return cls.from_token_body(resource_dict, region_name=region_name)

    @property
    def region_name(self) -> str | None:
        """The region used by lookups that name none."""
        return self._region_name

    def get_data(self) -> list[dict[str, _t.Any]]:
        """The catalog as the token carried it (a list of services)."""
        return self._catalog

    def __len__(self) -> int:
        return len(self._catalog)

    def __repr__(self) -> str:
        return "<%s services=%d region_name=%r>" % (
            type(self).__name__,
            len(self._catalog),
            self._region_name,
        )

    def _normalise(self, service: dict[str, _t.Any]) -> _t.Iterator[_Endpoint]:
        return iter(())

    def _get_index(self) -> _Index:
        if self._index is None:
            self._index = _Index(
                ep
                for service in self._catalog
                if isinstance(service, dict) and isinstance(service.get("type"), str)
                for ep in self._normalise(service)
            )
        return self._index

    def _query(
        self,
        service_type: str | None,
        interface: _Interface,
        endpoint_type: _Interface,
        default_interface: str | None,
        region_name: str | None,
        service_name: str | None,
        service_id: str | None,
        endpoint_id: str | None,
    ) -> _Query:
        return _Query(
            service_type,
            _interfaces(interface, endpoint_type, default_interface),
            region_name or self._region_name,
            service_name,
            service_id,
            endpoint_id,
        )

    def _select(self, query: _Query) -> list[_Endpoint]:
        """Matching endpoints, the most preferred interface first."""
        found = [
            ep for ep in self._get_index().candidates(query.service_type) if query.matches(ep)
        ]
        if len(query.interfaces) > 1:
            found.sort(key=lambda ep: query.interfaces.index(ep["interface"]))
        return found

    def get_endpoints(
        self,
        service_type: str | None = None,
        interface: _Interface = None,
        region_name: str | None = None,
        service_name: str | None = None,
        service_id: str | None = None,
        endpoint_id: str | None = None,
        endpoint_type: _Interface = None,
    ) -> dict[str, list[_Endpoint]]:
        """Return ``{service_type: [endpoint, ...]}`` for the matching endpoints.

        Every filter is optional; with no interface, all interfaces match.
        Each endpoint is a fresh normalised dict (``interface``, ``url``,
        ``region``, ``region_id``, ``id``, ``service_id``, ``service_type``,
        ``service_name``, plus the keys the catalog gave).
        """
        query = self._query(
            service_type,
            interface,
            endpoint_type,
            None,
            region_name,
            service_name,
            service_id,
            endpoint_id,
        )
        result: dict[str, list[_Endpoint]] = {}
        for ep in self._select(query):
            result.setdefault(ep["service_type"], []).append(dict(ep))
        return result

    def get_urls(
        self,
        service_type: str = "identity",
        interface: _Interface = None,
        region_name: str | None = None,
        service_name: str | None = None,
        service_id: str | None = None,
        endpoint_id: str | None = None,
        endpoint_type: _Interface = None,
    ) -> tuple[str, ...]:
        """Return the URLs of the matching endpoints (empty when none match).

        The interface defaults to ``public``.
        """
        query = self._query(
            service_type,
            interface,
            endpoint_type,
            DEFAULT_INTERFACE,
            region_name,
            service_name,
            service_id,
            endpoint_id,
        )
        return tuple(ep["url"] for ep in self._select(query))

    def endpoint_data_for(
        self,
        service_type: str = "identity",
        interface: _Interface = None,
        region_name: str | None = None,
        service_name: str | None = None,
        service_id: str | None = None,
        endpoint_id: str | None = None,
        endpoint_type: _Interface = None,
    ) -> _Endpoint:
        """Return the first matching endpoint as a normalised dict.

        The interface defaults to ``public``; with a list of interfaces the
        earliest one that has an endpoint wins. Raises
        :class:`~stackclient.apiclient.exceptions.EndpointNotFound`, saying
        what was asked and what the catalog has, when nothing matches.
        """
        query = self._query(
            service_type,
            interface,
            endpoint_type,
            DEFAULT_INTERFACE,
            region_name,
            service_name,
            service_id,
            endpoint_id,
        )
        found = self._select(query)
        if not found:
            raise self._get_index().not_found(query)
        return dict(found[0])

    def url_for(
        self,
        service_type: str = "identity",
        interface: _Interface = None,
        endpoint_type: _Interface = None,
        region_name: str | None = None,
        service_name: str | None = None,
        service_id: str | None = None,
        endpoint_id: str | None = None,
    ) -> str:
        """Return the URL of the first matching endpoint.

        Same selection as :meth:`endpoint_data_for`; raises
        ``EndpointNotFound`` when nothing matches.
        """
        return self.endpoint_data_for(
            service_type=service_type,
            interface=interface,
            endpoint_type=endpoint_type,
            region_name=region_name,
            service_name=service_name,
            service_id=service_id,
            endpoint_id=endpoint_id,
        )["url"]


def _base_endpoint(service: dict[str, _t.Any], raw: dict[str, _t.Any]) -> _Endpoint:
    region = raw.get("region")
    region_id = raw.get("region_id")
    ep = dict(raw)
    ep.update(
        region=region if region is not None else region_id,
        region_id=region_id if region_id is not None else region,
        id=raw.get("id"),
        service_id=service.get("id"),
        service_type=service["type"],
        service_name=service.get("name"),
    )
    return ep


def _endpoints_of(service: dict[str, _t.Any]) -> list[dict[str, _t.Any]]:
    endpoints = service.get("endpoints")
    if not isinstance(endpoints, list):
        return []
    return [raw for raw in endpoints if isinstance(raw, dict)]


class ServiceCatalogV2(ServiceCatalog):
    """A v2.0 catalog: each endpoint has ``publicURL``, ``internalURL``, ``adminURL``.

    Each of those URLs becomes one normalised endpoint with its
    ``interface``; the original keys stay in the dict too.
    """

    def _normalise(self, service: dict[str, _t.Any]) -> _t.Iterator[_Endpoint]:
        for raw in _endpoints_of(service):
            for interface, key in _V2_URL_KEYS:
                url = raw.get(key)
                if url and isinstance(url, str):  # a catalog may hold anything
                    ep = _base_endpoint(service, raw)
                    ep.update(interface=interface, url=url)
                    yield ep


class ServiceCatalogV3(ServiceCatalog):
    """A v3 catalog: each endpoint has one ``interface`` and ``url``."""

    def _normalise(self, service: dict[str, _t.Any]) -> _t.Iterator[_Endpoint]:
        for raw in _endpoints_of(service):
            url = raw.get("url")
            if url and isinstance(url, str):  # a catalog may hold anything
                ep = _base_endpoint(service, raw)
                ep["interface"] = _normalise_interface(raw.get("interface"))
                yield ep

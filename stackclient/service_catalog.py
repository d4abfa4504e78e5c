"""Endpoint selection from the service catalog that comes with a token.

A catalog lists services (``type``, ``name``, ``id``) and their endpoints.
v2.0 endpoints carry one URL per interface (``publicURL``, ``internalURL``,
``adminURL``); v3 endpoints carry one ``interface`` and ``url`` each. Both
are read into the same normalised endpoint dicts, indexed once per catalog
on first use::

    catalog = ServiceCatalog.from_token_body(body)
    catalog.url_for(service_type="compute", interface="internal",
                    region_name="RegionOne")
    catalog.url_for("versionId", "1.1", service_type="compute")   # attr, filter_value
    catalog.get_endpoints(service_type="image")
    # v3: {"image": [{"interface": "public", "url": ..., "region": ...,
    #                 "region_id": ..., "id": ..., "service_id": ...,
    #                 "service_type": "image", "service_name": "glance"}, ...]}
    # v2.0: {"image": [{"publicURL": ..., "adminURL": ..., "region": ...}, ...]}

Interfaces may be spelled ``public``/``publicURL``, ``internal``/
``internalURL`` or ``admin``/``adminURL``, alone or as a list in order of
preference. A region matches an endpoint's ``region_id`` or ``region``.
A service name is only compared where the catalog has one (catalogs from
before Identity v3.3 name no services). ``attr`` and ``filter_value`` keep
only the endpoints whose ``attr`` key equals ``filter_value``, as in
python-keystoneclient, whose argument order ``url_for`` and ``get_urls``
keep. A lookup in a catalog with no services raises ``EmptyCatalog``. An
endpoint whose URL is not a string is left out, as if the catalog did not
list it.
"""

from __future__ import annotations

import typing as _t

from stackclient import service_types
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


class _Query:
    """What one catalog lookup asks for (a plain class: a NamedTuple costs import time)."""

    __slots__ = (
        "service_type", "interfaces", "region_name", "service_name", "service_id",
        "endpoint_id", "attr", "filter_value",
    )  # fmt: skip

    def __init__(
        self,
        service_type: str | None,
        interfaces: tuple[str, ...],
        region_name: str | None,
        service_name: str | None,
        service_id: str | None,
        endpoint_id: str | None,
        attr: str | None = None,
        filter_value: _t.Any = None,
    ) -> None:
        self.service_type = service_type
        self.interfaces = interfaces
        self.region_name = region_name
        self.service_name = service_name
        self.service_id = service_id
        self.endpoint_id = endpoint_id
        self.attr = attr
        self.filter_value = filter_value

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
        if self.endpoint_id and ep["id"] != self.endpoint_id:
            return False
        return not (self.attr and self.filter_value and ep.get(self.attr) != self.filter_value)

    def describe(self) -> str:
        parts = ["service_type=%r" % self.service_type]
        if self.interfaces:
            shown = self.interfaces[0] if len(self.interfaces) == 1 else list(self.interfaces)
            parts.append("interface=%r" % (shown,))
        for name in ("region_name", "service_name", "service_id", "endpoint_id"):
            if getattr(self, name):
                parts.append("%s=%r" % (name, getattr(self, name)))
        if self.attr and self.filter_value:
            parts.append("%s=%r" % (self.attr, self.filter_value))
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
            return exceptions.EmptyCatalog(
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


def _types_for(service_type: str | None) -> tuple[str | None, ...]:
    """The type asked for, then its official type and aliases (without repeats)."""
    if not service_type:
        return (service_type,)
    return tuple(dict.fromkeys((service_type, *service_types.all_types(service_type))))


def _catalog_in(data: _t.Any) -> tuple[type[ServiceCatalog], _t.Any, dict[str, _t.Any]]:
    """Find the catalog, its version and the inner body in a token body of any shape."""
    if not isinstance(data, dict):
        raise exceptions.InvalidResponse("Not a token body: %s" % type(data).__name__)
    if isinstance(data.get("access"), dict):
        return ServiceCatalogV2, data["access"].get("serviceCatalog"), data["access"]
    token = data.get("token")
    if isinstance(token, dict) and "id" not in token and "expires" not in token:
        return ServiceCatalogV3, token.get("catalog"), token
    version = data.get("version")
    if version == "v3" or any(k in data for k in ("catalog", "expires_at", "methods")):
        return ServiceCatalogV3, data.get("catalog"), data
    if version == "v2.0" or "serviceCatalog" in data or "token" in data:
        return ServiceCatalogV2, data.get("serviceCatalog"), data
    raise exceptions.InvalidResponse(
        "Not a token body: no 'access', 'token', 'serviceCatalog' or 'catalog' in it"
    )


class ServiceCatalog:
    """The services and endpoints of one token; the base of V2 and V3.

    ``catalog`` is the token's list of services; ``region_name`` is the
    region used when a lookup names none; ``body`` is the token body the
    list came from (see :attr:`catalog`). Lookups read an index built once,
    on first use::

        catalog = ServiceCatalogV3(body["token"]["catalog"], region_name="RegionOne")
        catalog.url_for(service_type="image")                  # public URL
        catalog.url_for(service_type="identity", endpoint_type="adminURL")
        catalog.get_urls(service_type="compute", interface=["internal", "public"])
    """

    #: The key of the service list in a token body of this version.
    _BODY_KEY = "catalog"

    def __init__(
        self,
        catalog: list[dict[str, _t.Any]] | None = None,
        region_name: str | None = None,
        *,
        body: dict[str, _t.Any] | None = None,
    ) -> None:
        self._catalog = catalog if isinstance(catalog, list) else []
        self._region_name = region_name
        self._body = body
        self._index: _Index | None = None
        self._urls: dict[tuple[_t.Any, ...], str] = {}

    @classmethod
    def from_token_body(
        cls, body: dict[str, _t.Any], region_name: str | None = None
    ) -> ServiceCatalog:
        """Build the V2 or V3 catalog of a token body, full or inner.

        Raises ``InvalidResponse`` when ``body`` is not a token body.
        """
        klass, entries, inner = _catalog_in(body)
        return klass(entries, region_name=region_name, body=inner)

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

    @property
    def catalog(self) -> dict[str, _t.Any]:
        """The token body this catalog belongs to (python-keystoneclient's attribute).

        The inner body (``access`` for v2.0, ``token`` for v3) when the
        catalog was built from one, so ``'serviceCatalog' in
        sc.catalog`` tells whether the token had a catalog at all;
        otherwise a dict holding only the service list.
        """
        if self._body is not None:
            return self._body
        return {self._BODY_KEY: self._catalog}

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

    def _with_region(self, region_name: str | None) -> ServiceCatalog:
        """This catalog with another default region (the same data, not copied)."""
        if region_name == self._region_name:
            return self
        return type(self)(self._catalog, region_name=region_name, body=self._body)

    def _services(self) -> _t.Iterator[dict[str, _t.Any]]:
        for service in self._catalog:
            if isinstance(service, dict) and isinstance(service.get("type"), str):
                yield service

    def _normalise(self, service: dict[str, _t.Any]) -> _t.Iterator[_Endpoint]:
        return iter(())

    def _get_index(self) -> _Index:
        if self._index is None:
            self._index = _Index(
                ep for service in self._services() for ep in self._normalise(service)
            )
        return self._index

    def _query(self, default_interface: str | None, args: _t.Mapping[str, _t.Any]) -> _Query:
        """The query for a lookup's arguments (its ``locals()``)."""
        return _Query(
            service_type=args.get("service_type"),
            interfaces=_interfaces(
                args.get("interface"), args.get("endpoint_type"), default_interface
            ),
            region_name=args.get("region_name") or self._region_name,
            service_name=args.get("service_name"),
            service_id=args.get("service_id"),
            endpoint_id=args.get("endpoint_id"),
            attr=args.get("attr"),
            filter_value=args.get("filter_value"),
        )

    def _select(self, query: _Query) -> list[_Endpoint]:
        """Matching endpoints, the most preferred interface first.

        A service type also finds the service under its official type or an
        alias (``block-storage``, ``volumev3``, ``volume``, ...): the type
        asked for first, then the official one, then the aliases in order;
        endpoints of one type only, the first type that has a match.
        """
        index = self._get_index()
        found: list[_Endpoint] = []
        for service_type in _types_for(query.service_type):
            found = [ep for ep in index.candidates(service_type) if query.matches(ep)]
            if found:
                break
        if len(query.interfaces) > 1:
            found.sort(key=lambda ep: query.interfaces.index(ep["interface"]))
        return found

    def _service_endpoints(self, service: dict[str, _t.Any], query: _Query) -> list[_Endpoint]:
        """The endpoints of one service that match ``query``, as get_endpoints shows them."""
        found = [ep for ep in self._normalise(service) if query.matches(ep)]
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
        """Return ``{service_type: [endpoint, ...]}`` for the matching services.

        Every filter is optional; with no interface, all interfaces match.
        As in python-keystoneclient, every service that matches the service
        filters has a key, with an empty list when none of its endpoints
        match. Each endpoint is a fresh dict: for v3 a normalised one
        (``interface``, ``url``, ``region``, ``region_id``, ``id``,
        ``service_id``, ``service_type``, ``service_name``, plus the keys
        the catalog gave); for v2.0 the catalog's own endpoint (one dict
        with ``publicURL``, ``internalURL``, ``adminURL``, ``region`` ...).
        """
        query = self._query(None, locals())
        result: dict[str, list[_Endpoint]] = {}
        for service in self._services():
            if not _service_matches(service, query):
                continue
            found = result.setdefault(service["type"], [])
            found.extend(self._service_endpoints(service, query))
        return result

    def get_urls(
        self,
        attr: str | None = None,
        filter_value: _t.Any = None,
        service_type: str = "identity",
        interface: _Interface = None,
        region_name: str | None = None,
        service_name: str | None = None,
        service_id: str | None = None,
        endpoint_id: str | None = None,
        endpoint_type: _Interface = None,
    ) -> tuple[str, ...] | None:
        """Return the URLs of the matching endpoints, or None when none match.

        The interface defaults to ``public``. ``attr``/``filter_value`` keep
        the endpoints whose ``attr`` equals ``filter_value``.
        """
        query = self._query(DEFAULT_INTERFACE, locals())
        return tuple(ep["url"] for ep in self._select(query)) or None

    def endpoint_data_for(
        self,
        service_type: str = "identity",
        interface: _Interface = None,
        region_name: str | None = None,
        service_name: str | None = None,
        service_id: str | None = None,
        endpoint_id: str | None = None,
        endpoint_type: _Interface = None,
        attr: str | None = None,
        filter_value: _t.Any = None,
    ) -> _Endpoint:
        """Return the first matching endpoint as a normalised dict.

        The interface defaults to ``public``; with a list of interfaces the
        earliest one that has an endpoint wins. Raises
        :class:`~stackclient.apiclient.exceptions.EndpointNotFound`, saying
        what was asked and what the catalog has, when nothing matches
        (:class:`~stackclient.apiclient.exceptions.EmptyCatalog` when the
        catalog has no services at all).
        """
        query = self._query(DEFAULT_INTERFACE, locals())
        found = self._select(query)
        if not found:
            raise self._get_index().not_found(query)
        return dict(found[0])

    def url_for(
        self,
        attr: str | None = None,
        filter_value: _t.Any = None,
        service_type: str = "identity",
        interface: _Interface = None,
        region_name: str | None = None,
        service_name: str | None = None,
        service_id: str | None = None,
        endpoint_id: str | None = None,
        endpoint_type: _Interface = None,
    ) -> str:
        """Return the URL of the first matching endpoint.

        Same selection as :meth:`endpoint_data_for`, with python-keystoneclient's
        argument order (``url_for("region", "North", service_type="image")``);
        raises ``EndpointNotFound`` (``EmptyCatalog`` for a catalog without
        services) when nothing matches.

        Answers are remembered per catalog (like its index, built once): a
        client asks for the same endpoint on every request.
        """
        key = (attr, filter_value, service_type, interface, region_name, service_name,
               service_id, endpoint_id, endpoint_type)  # fmt: skip
        try:
            return self._urls[key]
        except KeyError:
            pass
        except TypeError:  # an unhashable argument (a list of interfaces): not remembered
            key = ()
        url: str = self.endpoint_data_for(
            service_type=service_type,
            interface=interface,
            endpoint_type=endpoint_type,
            region_name=region_name,
            service_name=service_name,
            service_id=service_id,
            endpoint_id=endpoint_id,
            attr=attr,
            filter_value=filter_value,
        )["url"]
        if key:
            self._urls[key] = url
        return url


def _service_matches(service: dict[str, _t.Any], query: _Query) -> bool:
    """Whether a service passes the type, name and id filters of ``query``."""
    if query.service_type and service["type"] != query.service_type:
        return False
    name = service.get("name")
    if query.service_name and name and name != query.service_name:
        return False
    return not (query.service_id and service.get("id") != query.service_id)


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

    For lookups each of those URLs becomes one normalised endpoint with its
    ``interface``; :meth:`get_endpoints` returns the catalog's own
    endpoint dicts, one per endpoint, as python-keystoneclient did.
    """

    _BODY_KEY = "serviceCatalog"

    def _service_endpoints(self, service: dict[str, _t.Any], query: _Query) -> list[_Endpoint]:
        return [
            dict(raw)
            for raw in _endpoints_of(service)
            if any(query.matches(ep) for ep in self._normalise({**service, "endpoints": [raw]}))
        ]

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

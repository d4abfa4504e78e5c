"""The base of every service client (network, image, compute, object store, ...).

A service client is an :class:`~stackclient.adapter.Adapter` bound to one
service type, plus a table of managers. What every service needs is here,
written once:

* building from a Session (stackclient's, or keystoneauth1's, duck-typed),
  an auth plugin, a stored ``auth_ref``, or a token and an endpoint;
* finding the endpoint in the token's catalog under the official service
  type or any alias (``block-storage``, ``volumev3``, ``volume``), or
  taking ``endpoint_override``;
* version discovery, once per endpoint for the life of the Session, and
  microversion negotiation with the headers sent on every request
  (:mod:`stackclient.discover`);
* SDK-style verbs generated from the ``sdk_resources`` table:
  ``networks(**filters)`` (a generator), ``get_network``,
  ``find_network``, ``create_network``, ``update_network``,
  ``delete_network``;
* waiters (:mod:`stackclient.apiclient.waiters`).

A service is then a short class::

    class Client(ServiceClient):
        service_type = "network"
        api_major = (2, 0)
        networks = LazyManager("stackclient.network.v2_0.networks", "NetworkManager")
        sdk_resources = {"network": "networks"}

    neutron = Client(session=sess, region_name="RegionOne")
    neutron.networks.create(name="zuul")       # manager style
    neutron.find_network("zuul")               # SDK style
"""

from __future__ import annotations

import threading
import typing as _t

from stackclient import _transport, _verbs, adapter, discover
from stackclient import session as _session
from stackclient._identity_client import (
    LazyManager,
    _client_cert,
    _load_auth_ref,
    _seed_stored_token,
    _verify,
)
from stackclient.apiclient import exceptions, waiters

if _t.TYPE_CHECKING:  # pragma: no cover
    import requests

    from stackclient import access

__all__ = ["LazyManager", "ServiceClient"]

#: The verbs generated for an entry of ``sdk_resources`` that names only its manager.
_SDK_VERBS = ("get", "find", "create", "update", "delete")

#: What an error about a too-old microversion tells the caller to do.
_ASK_LATER = "pin a later version with api_version=, or leave it unpinned"

#: Every verb an entry may ask for: ``create_many`` makes ``create_<manager>``
#: (``create_networks([...])``), ``find_or_create`` makes ``find_or_create_<singular>``.
_ALL_SDK_VERBS = frozenset(_SDK_VERBS + ("create_many", "find_or_create"))


class ServiceClient(_verbs.AdaptedClient):
    """A client for one OpenStack service: an endpoint, a version, managers.

    ``session`` is a stackclient or keystoneauth1 Session; without one,
    the client builds its own from ``auth`` (an auth plugin), ``auth_ref``
    (a stored token: no auth request while it is valid), or ``token`` and
    ``endpoint`` (the token is sent to that URL; no catalog). ``cacert``,
    ``insecure``, ``cert``, ``key``, ``timeout``, ``user_agent``,
    ``original_ip``, ``debug`` and ``connect_retries`` configure that own
    Session.

    ``interface``, ``region_name`` and ``service_name`` select the endpoint
    in the catalog, ``service_type`` overrides the class's,
    ``endpoint_override`` replaces the catalog. ``api_version`` is a
    microversion pin (``"2.79"``) or ``"latest"`` for services with
    microversions; otherwise (and as ``"2"``) it only names the API, which
    must be the one this client speaks.

    Requests go to the discovered versioned endpoint: ``client.get("/networks")``.
    """

    #: The official service type.
    service_type: _t.ClassVar[str] = ""
    #: The API version to discover (major, minimum minor).
    api_major: _t.ClassVar[tuple[int, int]] = (1, 0)
    #: Whether to look for the versioned endpoint (False: use the catalog URL as it is).
    discover_versions: _t.ClassVar[bool] = True
    #: The service's name in ``OpenStack-API-Version``; None for services without microversions.
    microversion_type: _t.ClassVar[str | None] = None
    #: A legacy per-service microversion header sent too (``X-OpenStack-Nova-API-Version``).
    legacy_microversion_header: _t.ClassVar[str | None] = None
    #: The microversions this client knows (min, max).
    microversion_range: _t.ClassVar[tuple[str, str] | None] = None
    #: SDK-style resources: singular name -> manager attribute, or
    #: (manager attribute, verbs) to choose the verbs: a space-separated
    #: string or a sequence of ``get find create update delete create_many
    #: find_or_create``.
    sdk_resources: _t.ClassVar[_t.Mapping[str, _t.Any]] = {}

    def __init_subclass__(cls, **kwargs: _t.Any) -> None:
        super().__init_subclass__(**kwargs)
        for singular, entry in cls.__dict__.get("sdk_resources", {}).items():
            manager, verbs = _sdk_entry(singular, entry)
            for verb in verbs:
                name = _sdk_name(verb, singular, manager)
                if name not in cls.__dict__:
                    setattr(cls, name, _sdk_verb(verb, singular, manager))

    def __init__(
        self,
        session: _t.Any = None,
        *,
        auth: _t.Any = None,
        auth_ref: _t.Any = None,
        token: str | None = None,
        endpoint: str | None = None,
        interface: str | None = None,
        region_name: str | None = None,
        service_name: str | None = None,
        service_type: str | None = None,
        endpoint_override: str | None = None,
        api_version: _t.Any = None,
        timeout: float | None = None,
        cert: str | None = None,
        key: str | None = None,
        cacert: str | None = None,
        insecure: bool = False,
        user_agent: str | None = None,
        original_ip: str | None = None,
        debug: bool = False,
        connect_retries: int | None = None,
        status_code_retries: int | None = None,
        additional_headers: _t.Mapping[str, str] | None = None,
        global_request_id: str | None = None,
    ) -> None:
        ref = _load_auth_ref(auth_ref)
        adapter_auth = auth
        if session is None:
            adapter_auth = None
            plugin = auth or _plugin_for(ref, token, endpoint)
            session = _session.Session(
                auth=plugin,
                verify=_verify(cacert, insecure),
                cert=_client_cert(cert, key),
                timeout=timeout,
                user_agent=user_agent,
                original_ip=original_ip,
                debug=debug,
            )
        _seed_stored_token(auth or getattr(session, "auth", None), ref)
        self.api_version = api_version
        self._check_major(api_version)
        self._adapter = adapter.Adapter(
            session,
            service_type=service_type or self.service_type,
            service_name=service_name,
            interface=interface or "public",
            region_name=region_name or (ref.region_name if ref is not None else None),
            endpoint_override=(endpoint_override or endpoint or "").rstrip("/") or None,
            auth=adapter_auth,
            connect_retries=connect_retries,
            status_code_retries=status_code_retries,
            additional_headers=additional_headers,
            global_request_id=global_request_id,
        )
        self.last_request_id: str | None = None
        self._resolved: tuple[discover.EndpointData, discover.Microversion | None] | None = None
        self._resolve_lock = threading.Lock()

    # -- where requests go ---------------------------------------------------------

    @property
    def adapter(self) -> adapter.Adapter:
        """The Adapter bound to this client's service."""
        return self._adapter

    @property
    def endpoint(self) -> str:
        """The versioned URL requests are joined to (discovers on first use)."""
        return self._endpoint_data()[0].url

    def get_endpoint(self, **kwargs: _t.Any) -> str | None:
        """The endpoint this client talks to, as openstacksdk's proxies answer it.

        Without arguments: :attr:`endpoint` (the versioned URL, discovered on
        first use). With ``interface=``, ``region_name=``, ... : the
        catalog's URL for those, through the Adapter, without discovery.
        """
        if kwargs:
            return self._adapter.get_endpoint(**kwargs)
        return self.endpoint

    @property
    def endpoint_data(self) -> discover.EndpointData:
        """What version discovery found for this client's endpoint."""
        return self._endpoint_data()[0]

    @property
    def microversion(self) -> str | None:
        """The microversion sent with every request, or None (negotiated on first use)."""
        version = self._endpoint_data()[1]
        return str(version) if version is not None else None

    def reserve_connections(self, count: int) -> None:
        """Let the connection pool keep ``count`` connections to this client's endpoint.

        For work spread over ``count`` threads (parallel transfers): without
        it, connections beyond the pool's 10 per host are opened and dropped
        on every request. Only ever grows the pool; a session that is not
        built on ``requests`` is left as it is.
        """
        http = getattr(self.session, "session", None)
        if http is not None and hasattr(http, "get_adapter"):
            _transport.widen_pool(http, self.endpoint, count)

    def require_microversion(self, minimum: str, feature: str) -> str:
        """Return the microversion to send for ``feature``, which the API has from ``minimum``.

        That is the negotiated microversion when it is ``minimum`` or later,
        and ``minimum`` itself when the server's range could not be read
        (the server then decides). A negotiated or pinned version older than
        ``minimum`` raises UnsupportedVersion naming the feature and both
        versions, before anything is sent. Managers pass the result as
        ``microversion=`` to the request::

            version = client.require_microversion("3.27", "The attachments API")
            client.get("/attachments", microversion=version)
        """
        needed = discover.Microversion.parse(minimum)
        data, version = self._endpoint_data()
        if self.microversion_type is None:
            raise exceptions.UnsupportedVersion(
                "%s needs microversion %s, but the %s API has no microversions"
                % (feature, needed, self._adapter.service_type)
            )
        if version is None and (data.max_microversion is None or data.max_microversion >= needed):
            return str(needed)
        if version is not None and version >= needed:
            return str(version)
        raise exceptions.UnsupportedVersion(
            "%s needs %s microversion %s or later, but %s; %s"
            % (feature, self.microversion_type, needed, self._why_older(data, version), _ASK_LATER)
        )

    def _why_older(
        self, data: discover.EndpointData, version: discover.Microversion | None
    ) -> str:
        server = "the server at %s offers %s to %s" % (
            data.url,
            data.min_microversion,
            data.max_microversion,
        )
        if version is None:
            return server
        if self.api_version is not None and str(self.api_version).strip().lower() != "latest":
            return "this client is pinned to %s (api_version=%r; %s)" % (
                version,
                self.api_version,
                server,
            )
        return "this client uses %s (%s)" % (version, server)

    def _check_major(self, api_version: _t.Any) -> None:
        if api_version is None or self.microversion_type is not None:
            return
        text = str(api_version).strip().lstrip("vV")
        if text.split(".", 1)[0] != str(self.api_major[0]):
            raise exceptions.UnsupportedVersion(
                "This %s client speaks API v%d, not %r; use the client for that version"
                % (self.service_type, self.api_major[0], api_version)
            )

    def _endpoint_data(self) -> tuple[discover.EndpointData, discover.Microversion | None]:
        resolved = self._resolved
        if resolved is None:
            with self._resolve_lock:
                resolved = self._resolved or self._resolve()
                self._resolved = resolved
        return resolved

    def _resolve(self) -> tuple[discover.EndpointData, discover.Microversion | None]:
        catalog_url = self._adapter.get_endpoint()
        if not catalog_url:
            raise exceptions.EndpointNotFound(
                "No %s endpoint (interface %r, region %r) in the catalog; check the "
                "catalog, or pass endpoint_override="
                % (self._adapter.service_type, self.interface, self.region_name)
            )
        if not self.discover_versions:
            data = discover.EndpointData(catalog_url, catalog_url.rstrip("/"), self.api_major)
        else:
            data = discover.cache_for(self.session).get_or_discover(
                self._discovery_get,
                catalog_url,
                self.api_major,
                self.microversion_type is not None,
            )
        version = None
        if self.microversion_type is not None:
            version = discover.negotiate(
                self.microversion_type, data, self.microversion_range, self.api_version
            )
        return data, version

    def _discovery_get(self, url: str) -> requests.Response:
        return self._adapter.request(url, "GET", raise_exc=False)

    def request(self, url: str, method: str, **kwargs: _t.Any) -> requests.Response:
        """Send ``method`` to ``url`` (relative to :attr:`endpoint`, or absolute).

        Sends the negotiated microversion (``microversion=`` overrides it for
        one call); other keyword arguments are those of the Adapter's
        ``request`` (``json=``, ``params=``, ``headers=``, ``raise_exc=`` ...).
        HTTP errors raise the matching :class:`~exceptions.HttpError`.
        """
        data, version = self._endpoint_data()
        if not url.startswith(("http://", "https://")):
            url = "%s/%s" % (data.url, url.lstrip("/")) if url else data.url
        chosen = kwargs.pop("microversion", None) or version
        if chosen is not None and self.microversion_type is not None:
            headers = discover.microversion_headers(
                self.microversion_type, chosen, self.legacy_microversion_header
            )
            headers.update(kwargs.get("headers") or {})
            kwargs["headers"] = headers
        try:
            resp = self._adapter.request(url, method, **kwargs)
        except exceptions.HttpError as error:
            self.last_request_id = error.request_id
            raise
        headers = resp.headers
        self.last_request_id = headers.get("x-openstack-request-id") or headers.get(
            "x-compute-request-id"
        )
        return resp

    # -- waiting -------------------------------------------------------------------

    def wait_for_status(
        self,
        resource: _t.Any,
        status: str,
        failures: _t.Iterable[str] | None = None,
        interval: float = waiters.DEFAULT_INTERVAL,
        wait: float | None = None,
        callback: _t.Callable[[waiters.WaitProgress], _t.Any] | None = None,
        *,
        timeout: float | None = waiters.DEFAULT_TIMEOUT,
        attribute: str = "status",
    ) -> _t.Any:
        """Wait until ``resource`` (a resource of this client) reaches ``status``.

        Fails at once on a status in ``failures`` (default ``ERROR``);
        ``wait`` (openstacksdk's name) or ``timeout`` bounds the wait in
        seconds. See :func:`stackclient.apiclient.waiters.wait_for_status`.
        """
        return waiters.wait_for_status(
            resource,
            status,
            failures=("ERROR",) if failures is None else failures,
            interval=interval,
            timeout=timeout if wait is None else wait,
            callback=callback,
            attribute=attribute,
        )

    def wait_for_delete(
        self,
        resource: _t.Any,
        interval: float = waiters.DEFAULT_INTERVAL,
        wait: float | None = None,
        callback: _t.Callable[[waiters.WaitProgress], _t.Any] | None = None,
        *,
        timeout: float | None = waiters.DEFAULT_TIMEOUT,
    ) -> None:
        """Wait until ``resource`` is gone (404). See :func:`waiters.wait_for_delete`."""
        waiters.wait_for_delete(
            resource,
            interval=interval,
            timeout=timeout if wait is None else wait,
            callback=callback,
        )


def _plugin_for(ref: access.AccessInfo | None, token: str | None, endpoint: str | None) -> _t.Any:
    """The auth plugin for a client built without a session or auth plugin."""
    from stackclient.auth import admin_token, noauth
    from stackclient.auth import base as auth_base

    if ref is not None:
        return auth_base.AccessInfoPlugin(ref)
    if token and endpoint:
        return admin_token.AdminToken(token=token, endpoint=endpoint.rstrip("/"))
    if endpoint:
        return noauth.NoAuth(endpoint=endpoint.rstrip("/"))
    raise exceptions.AuthorizationFailure(
        "No way to authenticate was given: pass session= (a Session with an auth "
        "plugin), auth= (an auth plugin), auth_ref= (a stored token), or token= "
        "with endpoint="
    )


def _sdk_entry(singular: str, entry: _t.Any) -> tuple[str, tuple[str, ...]]:
    """(manager attribute, verbs) of one ``sdk_resources`` entry."""
    if isinstance(entry, str):
        return entry, _SDK_VERBS
    manager, verbs = entry
    verbs = tuple(verbs.split() if isinstance(verbs, str) else verbs)
    unknown = sorted(set(verbs) - _ALL_SDK_VERBS)
    if unknown:
        raise TypeError(
            "sdk_resources[%r] asks for unknown verbs %s; known: %s"
            % (singular, unknown, sorted(_ALL_SDK_VERBS))
        )
    return manager, verbs


def _sdk_name(verb: str, singular: str, manager: str) -> str:
    if verb == "create_many":
        return "create_%s" % manager
    return "%s_%s" % (verb, singular)


def _sdk_verb(verb: str, singular: str, manager_name: str) -> _t.Callable[..., _t.Any]:
    """One SDK-style method (``find_network`` ...) that calls the manager's verb."""
    noun = singular.replace("_", " ")

    def get(self: ServiceClient, resource: _t.Any, **params: _t.Any) -> _t.Any:
        return getattr(self, manager_name).get(resource, **params)

    def find(
        self: ServiceClient, name_or_id: _t.Any, ignore_missing: bool = True, **filters: _t.Any
    ) -> _t.Any:
        return getattr(self, manager_name).find(
            name_or_id, ignore_missing=ignore_missing, **filters
        )

    def create(self: ServiceClient, **attrs: _t.Any) -> _t.Any:
        return getattr(self, manager_name).create(**attrs)

    def update(self: ServiceClient, resource: _t.Any, **attrs: _t.Any) -> _t.Any:
        return getattr(self, manager_name).update(resource, **attrs)

    def delete(self: ServiceClient, resource: _t.Any, ignore_missing: bool = True) -> _t.Any:
        return getattr(self, manager_name).delete(resource, ignore_missing=ignore_missing)

    def create_many(self: ServiceClient, items: _t.Iterable[_t.Mapping[str, _t.Any]]) -> _t.Any:
        return getattr(self, manager_name).create_many(items)

    def find_or_create(self: ServiceClient, name: str, **attrs: _t.Any) -> _t.Any:
        return getattr(self, manager_name).find_or_create(name, **attrs)

    docs = {
        "get": "Return the %s with this id (or resource); NotFound when there is none.",
        "find": "Return the %s with this name or id; None when there is none "
        "(NotFound with ignore_missing=False), NoUniqueMatch when several share the name.",
        "create": "Create a %s with the fields given; return it.",
        "update": "Change the fields given of a %s (a resource or an id); return it.",
        "delete": "Delete a %s (a resource or an id); a missing one is ignored "
        "unless ignore_missing=False.",
        "create_many": "Create several %ss in one request (the fields of each in a "
        "dict); return them.",
        "find_or_create": "Return the %s with this name, creating it with the fields "
        "given when there is none; safe against concurrent creators.",
    }
    funcs = {
        "get": get,
        "find": find,
        "create": create,
        "update": update,
        "delete": delete,
        "create_many": create_many,
        "find_or_create": find_or_create,
    }
    func = funcs[verb]
    func.__name__ = func.__qualname__ = _sdk_name(verb, singular, manager_name)
    func.__doc__ = docs[verb] % noun + " Same as ``%s.%s(...)``." % (manager_name, verb)
    return func

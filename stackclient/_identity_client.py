"""What the Identity v2.0 and v3 clients share: how a client is built.

A versioned identity client sends through an
:class:`~stackclient.adapter.Adapter` bound to ``service_type='identity'``
and carries managers on top. It can be built three ways, decided here once for both versions:

1. ``Client(session=sess)``: requests go through ``sess`` (a stackclient
   or keystoneauth1 ``Session``) and its auth plugin.
2. ``Client(auth_ref=stored)``: a token stored earlier (an ``AccessInfo``,
   its dict, or its JSON text) is used as is -- no auth request while it is
   valid. With credentials too, the client re-authenticates when it
   expires; without, it raises ``AuthorizationFailure`` naming the expiry.
3. ``Client(token=ADMIN_TOKEN, endpoint=URL)``: the token is sent to the
   endpoint directly (Keystone's bootstrap ``admin_token``); no catalog.

and, from credentials, ``Client(auth_url=..., username=..., password=...)``
(password auth) or ``Client(auth_url=..., token=...)`` (token exchange).

Subclasses say what differs between versions through a few hooks:
:attr:`IdentityClient.version`, :attr:`IdentityClient.default_interface`,
:attr:`IdentityClient._scope_keys`, :meth:`IdentityClient._password_plugin`,
:meth:`IdentityClient._token_plugin` and :meth:`IdentityClient._scope_of`.
"""

from __future__ import annotations

import importlib
import typing as _t

from stackclient import _legacy_client, _metadata, _sdk_verbs, _verbs, adapter
from stackclient import session as _session
from stackclient.apiclient import base as _base  # noqa: F401 - every manager needs it
from stackclient.apiclient import exceptions
from stackclient.auth import base as _auth_base

if _t.TYPE_CHECKING:  # pragma: no cover
    import requests

    from stackclient import access

__all__ = ["IdentityClient", "LazyManager"]

#: The service type every identity client talks to.
SERVICE_TYPE = "identity"


_M = _t.TypeVar("_M")

if _t.TYPE_CHECKING:
    _Subscriptable = _t.Generic
else:

    class _Subscriptable:
        """``LazyManager[X]`` at run time without typing.Generic's import-time cost."""

        def __class_getitem__(cls, item: _t.Any) -> type:
            return cls


class LazyManager(_Subscriptable[_M]):
    """A client attribute whose manager is built, and its module imported, on first use.

    In a client class, ``projects = LazyManager("stackclient.v3.projects",
    "ProjectManager")`` makes ``client.projects`` import the module and keep
    ``ProjectManager(client)`` on the client the first time it is read, so
    that importing a client does not import the modules of managers a
    program never uses (what every manager needs, ``apiclient.base``, is
    imported with this module). Threads reading it at once all get the
    same manager.
    Assigning ``client.projects = other`` replaces it, as before.
    """

    def __init__(self, module: str, class_name: str) -> None:
        self.module = module
        self.class_name = class_name
        self.name = class_name

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @_t.overload
    def __get__(self, client: None, owner: type | None = None) -> LazyManager[_M]: ...

    @_t.overload
    def __get__(self, client: object, owner: type | None = None) -> _M: ...

    def __get__(self, client: object, owner: type | None = None) -> _t.Any:
        if client is None:
            return self
        manager_class = getattr(importlib.import_module(self.module), self.class_name)
        manager = manager_class(client)
        recorder = getattr(client, "_recorder", None)
        if recorder is not None:
            manager = _metadata.MetadataManager(manager, recorder)
        return vars(client).setdefault(self.name, manager)


def _load_auth_ref(value: _t.Any) -> access.AccessInfo | None:
    """Turn an AccessInfo, its dict or its JSON text into an AccessInfo."""
    from stackclient import access  # on first use: the first token imports it anyway

    if value is None or isinstance(value, access.AccessInfo):
        return value
    if isinstance(value, (str, bytes)):
        return access.AccessInfo.from_json(value)
    if isinstance(value, _t.Mapping):
        return access.AccessInfo.factory(body=dict(value))
    raise exceptions.ValidationError(
        "auth_ref must be an AccessInfo, its dict or its JSON text (auth_ref.to_json()), "
        "not %s" % type(value).__name__
    )


def _verify(cacert: str | None, insecure: bool) -> bool | str:
    if cacert:
        return cacert
    return not insecure


def _client_cert(cert: str | None, key: str | None) -> str | tuple[str, str] | None:
    if cert and key:
        return (cert, key)
    if key:
        raise exceptions.ValidationError("key= was given without cert=; give the certificate too")
    return cert


class IdentityClient(
    _sdk_verbs.SdkVerbsMixin, _legacy_client.LegacyAttributesMixin, _verbs.AdaptedClient
):
    """An identity client: an Adapter for ``identity`` plus managers.

    Built from a session, a stored token or credentials (see the module
    docstring). Managers are given the client itself and send through its
    ``get/post/put/patch/delete/head``, which go to an
    :class:`~stackclient.adapter.Adapter`. (The client holds the Adapter
    rather than being one: keystoneclient's v3 manager named ``auth``
    would otherwise shadow the Adapter's ``auth`` plugin attribute.)

    openstacksdk-style verbs work for every manager: ``list_projects()``,
    ``get_project(id)``, ``find_project(name_or_id)``, ...; and
    ``client.projects()`` is the generator over all projects.

    Subclasses (``v2_0.client.Client``, ``v3.client.Client``) add the
    managers and the version-specific hooks. Properties that describe the
    token (:attr:`auth_ref`, :attr:`user_id`, :attr:`project_id`, ...)
    authenticate first when no token is held yet; python-keystoneclient's
    ``HTTPClient`` attributes (``auth_user_id``, ``get_project_id()``, a
    settable ``user_id`` ...) come from
    :class:`~stackclient._legacy_client.LegacyAttributesMixin`.

    ``include_metadata=True`` makes every manager call return a
    ``Response`` whose ``data`` is the usual result and whose
    ``request_ids`` are the request ids of the HTTP responses it took, as
    keystoneclient's did.
    """

    #: The API version the subclass speaks ("v2.0", "v3").
    version: _t.ClassVar[str] = ""
    #: The catalog interface used when none is given.
    default_interface: _t.ClassVar[str] = "public"
    #: The credentials that scope a token, in the version's option names.
    _scope_keys: _t.ClassVar[tuple[str, ...]] = ()

    def __init__(
        self,
        *,
        session: _t.Any = None,
        auth: _t.Any = None,
        auth_ref: _t.Any = None,
        token: str | None = None,
        endpoint: str | None = None,
        auth_url: str | None = None,
        credentials: _t.Mapping[str, _t.Any] | None = None,
        region_name: str | None = None,
        interface: str | None = None,
        service_name: str | None = None,
        endpoint_override: str | None = None,
        timeout: _t.Any = None,
        original_ip: str | None = None,
        cert: str | None = None,
        key: str | None = None,
        cacert: str | None = None,
        insecure: bool = False,
        debug: bool = False,
        user_agent: str | None = None,
        connect_retries: int = 0,
        include_metadata: bool = False,
    ) -> None:
        ref = _load_auth_ref(auth_ref)
        self._user_id = (credentials or {}).get("user_id") or None
        self._password = (credentials or {}).get("password") or None
        self.include_metadata = bool(include_metadata)
        self._recorder = _metadata.Recorder() if include_metadata else None
        adapter_auth = auth
        adapter_options: dict[str, _t.Any] = {}
        if session is None:
            adapter_auth = None
            plugin = auth or self._build_plugin(
                ref=ref,
                token=token,
                endpoint=endpoint,
                auth_url=(auth_url or "").rstrip("/") or _catalog_auth_url(ref, self.version),
                credentials={k: v for k, v in (credentials or {}).items() if v is not None},
            )
            session = _session.Session(
                auth=plugin,
                verify=_verify(cacert, insecure),
                cert=_client_cert(cert, key),
                timeout=timeout,
                user_agent=user_agent,
                original_ip=original_ip,
                debug=debug,
                connect_retries=connect_retries,
            )
        else:
            plugin = auth or getattr(session, "auth", None)
            # The caller's session keeps its settings; these two apply to this client's requests.
            adapter_options = {
                "connect_retries": connect_retries or None,
                "user_agent": user_agent,
            }
        _seed_stored_token(plugin, ref)
        if region_name is None and ref is not None:
            region_name = ref.region_name
        self._adapter = adapter.Adapter(
            session,
            service_type=SERVICE_TYPE,
            service_name=service_name,
            interface=interface or self.default_interface,
            region_name=region_name,
            endpoint_override=(endpoint_override or endpoint or "").rstrip("/") or None,
            auth=adapter_auth,
            **adapter_options,
        )

    # -- the adapter: where managers send their requests ------------------------

    def request(self, url: str, method: str, **kwargs: _t.Any) -> requests.Response:
        """Send a request to the identity endpoint (``url`` relative to it).

        ``get``/``head``/``post``/``put``/``patch``/``delete(url, **kwargs)``
        call this; HTTP errors raise (``json=`` gives a body).
        """
        resp = self._adapter.request(url, method, **kwargs)
        if self._recorder is not None:
            self._recorder.record(resp)
        return resp

    # -- choosing the auth plugin --------------------------------------------

    def _build_plugin(
        self,
        *,
        ref: access.AccessInfo | None,
        token: str | None,
        endpoint: str | None,
        auth_url: str | None,
        credentials: dict[str, _t.Any],
    ) -> _t.Any:
        """Return the auth plugin for the arguments given (see the module docstring)."""
        if credentials.get("password"):
            return self._password_plugin(
                self._need_auth_url(auth_url, "password"),
                self._credentials_with_ref(credentials, ref),
            )
        if token and endpoint:
            from stackclient.auth import admin_token

            return admin_token.AdminToken(token=token, endpoint=endpoint.rstrip("/"))
        if token:
            return self._token_plugin(
                self._need_auth_url(auth_url, "token"),
                token,
                self._credentials_with_ref(credentials, ref),
            )
        if ref is not None:
            return _auth_base.AccessInfoPlugin(ref, auth_url=auth_url)
        if endpoint:
            from stackclient.auth import noauth

            return noauth.NoAuth(endpoint=endpoint.rstrip("/"))
        raise exceptions.AuthorizationFailure(
            "No way to authenticate was given: pass session=, auth_ref= (a stored "
            "token), token= with endpoint= (admin token), or auth_url= with "
            "username/user_id and password (or with token=)"
        )

    @staticmethod
    def _need_auth_url(auth_url: str | None, what: str) -> str:
        if not auth_url:
            raise exceptions.AuthorizationFailure(
                "Cannot authenticate with a %s without auth_url= (the identity "
                "URL, e.g. http://keystone.example:5000/v3)" % what
            )
        return auth_url

    # -- version hooks -----------------------------------------------------------

    def _password_plugin(self, auth_url: str, credentials: dict[str, _t.Any]) -> _t.Any:
        """Return the version's password plugin for ``credentials``."""
        raise NotImplementedError("%s must implement _password_plugin" % type(self).__name__)

    def _token_plugin(self, auth_url: str, token: str, credentials: dict[str, _t.Any]) -> _t.Any:
        """Return the version's token-exchange plugin for ``token`` and the scope in ``credentials``."""
        raise NotImplementedError("%s must implement _token_plugin" % type(self).__name__)

    def _scope_of(self, ref: access.AccessInfo) -> dict[str, _t.Any]:
        """Return the scope ``ref`` has, as plugin options (by default none)."""
        return {}

    def _credentials_with_ref(
        self, credentials: dict[str, _t.Any], ref: access.AccessInfo | None
    ) -> dict[str, _t.Any]:
        """Fill the user and scope of a stored token in where none was given.

        So a client rebuilt from ``auth_ref`` plus a password gets, on
        expiry, a token for the same user and scope.
        """
        if ref is None:
            return credentials
        filled = dict(credentials)
        if not (filled.get("user_id") or filled.get("username")) and ref.user_id:
            filled["user_id"] = ref.user_id
        if not any(filled.get(k) for k in self._scope_keys):
            filled.update(self._scope_of(ref))
        return filled

    # -- the token ------------------------------------------------------------

    def _auth_plugin(self) -> _t.Any:
        return getattr(self._adapter, "auth", None) or getattr(self.session, "auth", None)

    @property
    def auth_ref(self) -> _t.Any:
        """The current token as an AccessInfo (``to_json()`` stores it).

        The stored text holds the token id, a credential: keep it where
        you would keep a password.

        Authenticates first when no valid token is held. None for plugins
        that have no token details (admin token, endpoint only).
        """
        plugin = self._auth_plugin()
        get_access = getattr(plugin, "get_access", None)
        return get_access(self.session) if get_access is not None else None

    @auth_ref.setter
    def auth_ref(self, value: _t.Any) -> None:
        plugin = self._auth_plugin()
        if plugin is None or not hasattr(plugin, "auth_ref"):
            raise exceptions.ValidationError(
                "This client's auth plugin (%s) cannot hold a stored token" % type(plugin).__name__
            )
        plugin.auth_ref = _load_auth_ref(value)

    def _ref_attr(self, name: str) -> _t.Any:
        ref = self.auth_ref
        return getattr(ref, name, None) if ref is not None else None

    @property
    def auth_token(self) -> str | None:
        """The token sent with requests (authenticating first if needed)."""
        return self._adapter.get_token()

    @property
    def service_catalog(self) -> _t.Any:
        """The token's service catalog (empty for a token without one); None without a token.

        Its default region is the client's ``region_name`` when one was
        given, as in keystoneclient. Over a keystoneauth1 Session it is the
        session plugin's own catalog, left as it is.
        """
        ref = self.auth_ref
        if ref is None:
            return None
        catalog = ref.service_catalog
        from stackclient import service_catalog as _catalog  # loaded with the token

        if self.region_name and isinstance(catalog, _catalog.ServiceCatalog):
            return catalog._with_region(self.region_name)
        return catalog

    def has_service_catalog(self) -> bool:
        """True when the current token carries a service catalog."""
        ref = self.auth_ref
        return bool(ref is not None and ref.has_service_catalog())

    @property
    def auth_url(self) -> str | None:
        """The URL credentials are sent to, when the plugin has one."""
        return getattr(self._auth_plugin(), "auth_url", None)

    @property
    def management_url(self) -> str | None:
        """The identity URL requests go to: ``endpoint`` if given, else the catalog's.

        None when the catalog has no identity endpoint for the client's
        interface and region.
        """
        if self.endpoint_override:
            return self.endpoint_override
        try:
            return self._adapter.get_endpoint()
        except exceptions.EndpointNotFound:
            return None

    @management_url.setter
    def management_url(self, value: str | None) -> None:
        self._adapter.endpoint_override = value

    @property
    def username(self) -> str | None:
        """The name of the user the token belongs to."""
        return self._ref_attr("username")

    @property
    def project_id(self) -> str | None:
        """The id of the project the token is scoped to, or None."""
        return self._ref_attr("project_id")

    @property
    def project_name(self) -> str | None:
        """The name of the project the token is scoped to, or None."""
        return self._ref_attr("project_name")

    @property
    def domain_id(self) -> str | None:
        """The id of the domain the token is scoped to, or None."""
        return self._ref_attr("domain_id")

    @property
    def domain_name(self) -> str | None:
        """The name of the domain the token is scoped to, or None."""
        return self._ref_attr("domain_name")

    @property
    def trust_id(self) -> str | None:
        """The id of the trust the token is scoped to, or None."""
        return self._ref_attr("trust_id")

    def authenticate(self) -> bool:
        """Get a new token now (even if the held one is valid); return True.

        A client built from a stored ``auth_ref`` without credentials cannot
        get a new token: it checks that the stored one is still valid and
        raises ``AuthorizationFailure`` once it has expired. Plugins without
        tokens (admin token, endpoint only) have nothing to do.
        """
        plugin = self._auth_plugin()
        if plugin is None or not hasattr(plugin, "get_access"):
            return True
        invalidate = getattr(plugin, "invalidate", None)
        if invalidate is not None:
            invalidate()
        plugin.get_access(self.session)
        return True


def _seed_stored_token(plugin: _t.Any, ref: access.AccessInfo | None) -> None:
    """Give the client's identity plugin the stored token it was built beside.

    ``Client(auth_ref=stored, ...)`` means "use this token while it is
    valid", whether the plugin was built from credentials, given as
    ``auth=`` or is the session's: the plugin keeps its credentials for
    re-authentication and holds the stored token until it nears expiry. A
    plugin that already holds a token keeps its own; plugins of other
    libraries (and the admin-token and endpoint-only ones) are left alone.
    """
    if ref is None:
        return
    if isinstance(plugin, _auth_base.BaseIdentityPlugin) and plugin.auth_ref is None:
        plugin.auth_ref = ref


def _catalog_auth_url(ref: access.AccessInfo | None, version: str) -> str | None:
    """The first public identity URL of a stored token's catalog, if any.

    Catalogs may list the unversioned root (``http://keystone:5000``); the
    client's ``version`` is then added, since the auth request goes to
    ``<auth_url>/auth/tokens`` (v3) or ``<auth_url>/tokens`` (v2.0).
    """
    if ref is None:
        return None
    urls = ref.auth_url
    if not urls:
        return None
    url = urls[0].rstrip("/")
    last = url.rsplit("/", 1)[-1]
    if version and not (last[:1] == "v" and last[1:2].isdigit()):
        url = "%s/%s" % (url, version)
    return url

"""The Identity API v2.0 client: python-keystoneclient's ``v2_0.client.Client``.

Example::

    from stackclient import session
    from stackclient.auth import v2
    from stackclient.v2_0 import client

    sess = session.Session(auth=v2.Password(
        auth_url="http://keystone.example:5000/v2.0", username="admin",
        password="secret", tenant_name="admin"))
    keystone = client.Client(session=sess)
    keystone.tenants.list()

    stored = keystone.auth_ref.to_json()     # holds the token: keep it like a password
    keystone = client.Client(auth_ref=stored)  # later: no auth request while valid

    keystone = client.Client(token=ADMIN_TOKEN, endpoint="http://keystone.example:35357/v2.0")
"""

from __future__ import annotations

import typing as _t

from stackclient import _identity_client, _metadata
from stackclient.apiclient import auth as _apiauth
from stackclient.auth import v2 as _v2_auth
from stackclient.v2_0 import (
    certificates,
    ec2,
    endpoints,
    extensions,
    roles,
    services,
    tenants,
    tokens,
    users,
)

if _t.TYPE_CHECKING:  # pragma: no cover
    from stackclient import access

__all__ = ["Client"]

#: The plugin options a v2.0 password or token plugin takes from the client.
_USER_KEYS = ("username", "user_id", "password")
_SCOPE_KEYS = ("tenant_id", "tenant_name", "trust_id")


class Client(_identity_client.IdentityClient):
    """Client for the OpenStack Identity API v2.0.

    Build it one of these ways:

    * ``session=`` -- a stackclient or keystoneauth1 ``Session`` whose auth
      plugin gives the token and the catalog;
    * ``auth_ref=`` -- a token stored earlier (``AccessInfo``, its dict or
      its ``to_json()`` text): no auth request is made while it is valid;
      with a ``password`` too, the client re-authenticates (as the stored
      token's user, on its tenant) when it expires, without one it raises
      ``AuthorizationFailure``;
    * ``token=`` with ``endpoint=`` -- bootstrap: Keystone's ``admin_token``
      sent to ``endpoint`` (usually the admin URL), no catalog;
    * ``auth_url=`` with ``username`` (or ``user_id``) and ``password``, or
      with ``token=`` to exchange, optionally scoped by ``tenant_id`` /
      ``tenant_name`` (``project_id``/``project_name`` are aliases) or
      ``trust_id``.

    Requests go to the catalog's identity endpoint of ``interface`` (also
    spelt ``endpoint_type``, e.g. ``'adminURL'``), which defaults to
    ``'admin'`` as in python-keystoneclient: v2.0 management calls exist
    only there. ``endpoint`` sends every request to that URL instead.
    ``cacert`` is a CA bundle, ``insecure=True`` turns TLS verification
    off; ``cert``/``key`` give a client certificate; ``timeout`` is in
    seconds, or a (connect, read) pair (None: 10 s to connect and 120 s
    per read); ``debug=True`` logs requests on the ``stackclient`` logger
    with passwords, tokens and EC2 secrets masked.

    Unlike python-keystoneclient without a session, nothing is sent when
    the client is built: the first request (or reading :attr:`auth_ref`,
    :attr:`auth_token`, ...) authenticates, and :meth:`authenticate` does
    it on demand.

    Managers: ``tenants``, ``users``, ``roles``, ``services``,
    ``endpoints``, ``ec2``, ``extensions``, ``tokens``, ``certificates``.
    """

    version = "v2.0"
    default_interface = "admin"
    _scope_keys = _SCOPE_KEYS

    def __init__(
        self,
        *,
        session: _t.Any = None,
        auth: _t.Any = None,
        auth_ref: _t.Any = None,
        auth_url: str | None = None,
        username: str | None = None,
        user_id: str | None = None,
        password: str | None = None,
        token: str | None = None,
        tenant_id: str | None = None,
        tenant_name: str | None = None,
        project_id: str | None = None,
        project_name: str | None = None,
        trust_id: str | None = None,
        region_name: str | None = None,
        endpoint: str | None = None,
        endpoint_override: str | None = None,
        interface: str | None = None,
        endpoint_type: str | None = None,
        service_name: str | None = None,
        timeout: float | None = None,
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
        credentials = {
            "username": username,
            "user_id": user_id,
            "password": password,
            "tenant_id": tenant_id or project_id,
            "tenant_name": tenant_name or project_name,
            "trust_id": trust_id,
        }
        super().__init__(
            session=session,
            auth=auth,
            auth_ref=auth_ref,
            token=token,
            endpoint=endpoint,
            auth_url=auth_url,
            credentials=credentials,
            region_name=region_name,
            interface=_interface(interface, endpoint_type),
            service_name=service_name,
            endpoint_override=endpoint_override,
            timeout=timeout,
            original_ip=original_ip,
            cert=cert,
            key=key,
            cacert=cacert,
            insecure=insecure,
            debug=debug,
            user_agent=user_agent,
            connect_retries=connect_retries,
            include_metadata=include_metadata,
        )
        self._add_managers()

    def _add_managers(self) -> None:
        role_manager = roles.RoleManager(self)
        user_manager = users.UserManager(self, role_manager)
        managers = {
            "roles": role_manager,
            "users": user_manager,
            "tenants": tenants.TenantManager(self, role_manager, user_manager),
            "services": services.ServiceManager(self),
            "endpoints": endpoints.EndpointManager(self),
            "ec2": ec2.CredentialsManager(self),
            "extensions": extensions.ExtensionManager(self),
            "tokens": tokens.TokenManager(self),
            "certificates": certificates.CertificatesManager(self),
        }
        for name, manager in managers.items():
            if self._recorder is not None:
                manager = _metadata.MetadataManager(manager, self._recorder)
            setattr(self, name, manager)

    # -- v2.0 names for the token's scope ---------------------------------------

    @property
    def tenant_id(self) -> str | None:
        """The id of the tenant the token is scoped to, or None."""
        return self._ref_attr("tenant_id")

    @property
    def tenant_name(self) -> str | None:
        """The name of the tenant the token is scoped to, or None."""
        return self._ref_attr("tenant_name")

    # -- version hooks -----------------------------------------------------------

    def _password_plugin(self, auth_url: str, credentials: dict[str, _t.Any]) -> _t.Any:
        """A v2.Password plugin for the user and scope given."""
        opts = {k: credentials.get(k) for k in _USER_KEYS + _SCOPE_KEYS}
        return _v2_auth.Password(auth_url=auth_url, **opts)

    def _token_plugin(self, auth_url: str, token: str, credentials: dict[str, _t.Any]) -> _t.Any:
        """A v2.Token plugin exchanging ``token`` for one with the scope given."""
        opts = {k: credentials.get(k) for k in _SCOPE_KEYS}
        return _v2_auth.Token(auth_url=auth_url, token=token, **opts)

    def _scope_of(self, ref: access.AccessInfo) -> dict[str, _t.Any]:
        """The trust and tenant of a stored token, for a token like it on expiry."""
        scope = {"trust_id": ref.trust_id, "tenant_id": ref.tenant_id}
        return {k: v for k, v in scope.items() if v}


def _interface(interface: str | None, endpoint_type: str | None) -> str | None:
    """``interface`` or keystoneclient's ``endpoint_type``, as public/internal/admin."""
    chosen = interface or endpoint_type
    return _apiauth.normalize_interface(chosen) if chosen else None

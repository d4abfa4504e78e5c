"""The Identity API v3 client: python-keystoneclient's ``v3.client.Client``.

Example::

    from stackclient import session
    from stackclient.auth import v3
    from stackclient.v3 import client

    sess = session.Session(auth=v3.Password(
        auth_url="http://127.0.0.1:5000/v3", username="admin", password="secret",
        user_domain_id="default", project_name="admin", project_domain_id="default"))
    keystone = client.Client(session=sess)
    keystone.projects.list()

    stored = keystone.auth_ref.to_json()     # holds the token: keep it like a password
    keystone = client.Client(auth_ref=stored)  # later: no auth request while valid

    keystone = client.Client(token=ADMIN_TOKEN, endpoint="http://127.0.0.1:5000/v3")
"""

from __future__ import annotations

import typing as _t

from stackclient import _identity_client
from stackclient._identity_client import LazyManager

if _t.TYPE_CHECKING:  # pragma: no cover
    from stackclient import access
    from stackclient.v3 import access_rules as _access_rules
    from stackclient.v3 import application_credentials as _application_credentials
    from stackclient.v3 import auth as _auth
    from stackclient.v3 import credentials as _credentials
    from stackclient.v3 import domain_configs as _domain_configs
    from stackclient.v3 import domains as _domains
    from stackclient.v3 import ec2 as _ec2
    from stackclient.v3 import endpoint_filter as _endpoint_filter
    from stackclient.v3 import endpoint_groups as _endpoint_groups
    from stackclient.v3 import endpoints as _endpoints
    from stackclient.v3 import groups as _groups
    from stackclient.v3 import limits as _limits
    from stackclient.v3 import policies as _policies
    from stackclient.v3 import projects as _projects
    from stackclient.v3 import regions as _regions
    from stackclient.v3 import registered_limits as _registered_limits
    from stackclient.v3 import role_assignments as _role_assignments
    from stackclient.v3 import roles as _roles
    from stackclient.v3 import services as _services
    from stackclient.v3 import tokens as _tokens
    from stackclient.v3 import trusts as _trusts
    from stackclient.v3 import users as _users

__all__ = ["Client"]

_USER_KEYS = ("user_id", "username", "user_domain_id", "user_domain_name", "password")
_SCOPE_KEYS = (
    "project_id",
    "project_name",
    "project_domain_id",
    "project_domain_name",
    "domain_id",
    "domain_name",
    "trust_id",
    "system_scope",
)


class Client(_identity_client.IdentityClient):
    """Client for the OpenStack Identity API v3.

    Build it from a ``session`` (stackclient's or keystoneauth1's), a stored
    ``auth_ref`` (AccessInfo, dict or JSON), an admin ``token`` with an
    ``endpoint``, or ``auth_url`` plus credentials (``username`` or
    ``user_id`` with ``password``, or ``token``) and an optional scope
    (project by id, or by name with its domain; domain; ``trust_id``;
    ``system_scope='all'``). A user or project name without a domain is
    looked up in the ``default`` domain, as keystoneclient did.

    ``interface`` defaults to ``'public'``, as in keystoneclient's v3
    client (its v2.0 client used ``'admin'``). Since Keystone v3 serves
    the whole API on every interface (Keystone 30's bootstrap registers one
    URL for all three), public works everywhere; pass ``interface='admin'``
    or ``'internal'`` where a deployment splits them. ``endpoint`` (or
    ``endpoint_override``) sends every request there instead of the
    catalog's URL. ``cacert`` is a CA bundle, ``insecure=True`` turns TLS
    verification off; ``cert``/``key`` give a client certificate;
    ``timeout`` is in seconds, or a (connect, read) pair (None: 10 s to
    connect and 120 s per read, see ``docs/defaults.rst``); ``debug=True``
    logs requests (secrets redacted) on the ``stackclient`` logger.

    Managers: ``access_rules``, ``application_credentials``, ``auth``,
    ``credentials``, ``domain_configs``, ``domains``, ``ec2``,
    ``endpoint_filter``, ``endpoint_groups``, ``endpoints``, ``groups``,
    ``inference_rules``, ``limits``, ``policies``, ``projects``,
    ``regions``, ``registered_limits``, ``role_assignments``, ``roles``,
    ``services``, ``tokens``, ``trusts``, ``users``.
    """

    version = "v3"
    default_interface = "public"
    _scope_keys = _SCOPE_KEYS

    def __init__(
        self,
        *,
        session: _t.Any = None,
        auth: _t.Any = None,
        auth_ref: _t.Any = None,
        auth_url: str | None = None,
        user_id: str | None = None,
        username: str | None = None,
        user_domain_id: str | None = None,
        user_domain_name: str | None = None,
        password: str | None = None,
        token: str | None = None,
        project_id: str | None = None,
        project_name: str | None = None,
        project_domain_id: str | None = None,
        project_domain_name: str | None = None,
        domain_id: str | None = None,
        domain_name: str | None = None,
        trust_id: str | None = None,
        system_scope: str | None = None,
        tenant_id: str | None = None,
        tenant_name: str | None = None,
        region_name: str | None = None,
        endpoint: str | None = None,
        endpoint_override: str | None = None,
        interface: str | None = None,
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
            "user_id": user_id,
            "username": username,
            "user_domain_id": user_domain_id,
            "user_domain_name": user_domain_name,
            "password": password,
            "project_id": project_id or tenant_id,
            "project_name": project_name or tenant_name,
            "project_domain_id": project_domain_id,
            "project_domain_name": project_domain_name,
            "domain_id": domain_id,
            "domain_name": domain_name,
            "trust_id": trust_id,
            "system_scope": system_scope,
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
            interface=interface,
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

    # -- managers: each module is imported when its manager is first used --------

    access_rules: LazyManager[_access_rules.AccessRuleManager] = LazyManager(
        "stackclient.v3.access_rules", "AccessRuleManager"
    )
    application_credentials: LazyManager[_application_credentials.ApplicationCredentialManager] = (
        LazyManager("stackclient.v3.application_credentials", "ApplicationCredentialManager")
    )
    auth: LazyManager[_auth.AuthManager] = LazyManager("stackclient.v3.auth", "AuthManager")
    credentials: LazyManager[_credentials.CredentialManager] = LazyManager(
        "stackclient.v3.credentials", "CredentialManager"
    )
    domain_configs: LazyManager[_domain_configs.DomainConfigManager] = LazyManager(
        "stackclient.v3.domain_configs", "DomainConfigManager"
    )
    domains: LazyManager[_domains.DomainManager] = LazyManager(
        "stackclient.v3.domains", "DomainManager"
    )
    ec2: LazyManager[_ec2.EC2Manager] = LazyManager("stackclient.v3.ec2", "EC2Manager")
    endpoint_filter: LazyManager[_endpoint_filter.EndpointFilterManager] = LazyManager(
        "stackclient.v3.endpoint_filter", "EndpointFilterManager"
    )
    endpoint_groups: LazyManager[_endpoint_groups.EndpointGroupManager] = LazyManager(
        "stackclient.v3.endpoint_groups", "EndpointGroupManager"
    )
    endpoints: LazyManager[_endpoints.EndpointManager] = LazyManager(
        "stackclient.v3.endpoints", "EndpointManager"
    )
    groups: LazyManager[_groups.GroupManager] = LazyManager(
        "stackclient.v3.groups", "GroupManager"
    )
    inference_rules: LazyManager[_roles.InferenceRuleManager] = LazyManager(
        "stackclient.v3.roles", "InferenceRuleManager"
    )
    limits: LazyManager[_limits.LimitManager] = LazyManager(
        "stackclient.v3.limits", "LimitManager"
    )
    policies: LazyManager[_policies.PolicyManager] = LazyManager(
        "stackclient.v3.policies", "PolicyManager"
    )
    projects: LazyManager[_projects.ProjectManager] = LazyManager(
        "stackclient.v3.projects", "ProjectManager"
    )
    regions: LazyManager[_regions.RegionManager] = LazyManager(
        "stackclient.v3.regions", "RegionManager"
    )
    registered_limits: LazyManager[_registered_limits.RegisteredLimitManager] = LazyManager(
        "stackclient.v3.registered_limits", "RegisteredLimitManager"
    )
    role_assignments: LazyManager[_role_assignments.RoleAssignmentManager] = LazyManager(
        "stackclient.v3.role_assignments", "RoleAssignmentManager"
    )
    roles: LazyManager[_roles.RoleManager] = LazyManager("stackclient.v3.roles", "RoleManager")
    services: LazyManager[_services.ServiceManager] = LazyManager(
        "stackclient.v3.services", "ServiceManager"
    )
    tokens: LazyManager[_tokens.TokenManager] = LazyManager(
        "stackclient.v3.tokens", "TokenManager"
    )
    trusts: LazyManager[_trusts.TrustManager] = LazyManager(
        "stackclient.v3.trusts", "TrustManager"
    )
    users: LazyManager[_users.UserManager] = LazyManager("stackclient.v3.users", "UserManager")

    # -- version hooks ---------------------------------------------------------

    def _password_plugin(self, auth_url: str, credentials: dict[str, _t.Any]) -> _t.Any:
        """A v3.Password plugin; names without a domain default to the ``default`` domain."""
        opts = {k: credentials.get(k) for k in _USER_KEYS + _SCOPE_KEYS}
        if opts["username"] and not (opts["user_domain_id"] or opts["user_domain_name"]):
            opts["user_domain_id"] = "default"
        _default_project_domain(opts)
        from stackclient.auth import v3 as _v3_auth

        return _v3_auth.Password(auth_url=auth_url, **opts)

    def _token_plugin(self, auth_url: str, token: str, credentials: dict[str, _t.Any]) -> _t.Any:
        """A v3.Token plugin exchanging ``token`` for one with the scope given."""
        opts = {k: credentials.get(k) for k in _SCOPE_KEYS}
        _default_project_domain(opts)
        from stackclient.auth import v3 as _v3_auth

        return _v3_auth.Token(auth_url=auth_url, token=token, **opts)

    def _scope_of(self, ref: access.AccessInfo) -> dict[str, _t.Any]:
        """The scope of a stored token (one at most), for a token like it on expiry."""
        if ref.trust_id:
            return {"trust_id": ref.trust_id}
        if ref.project_id:
            return {"project_id": ref.project_id}
        if ref.domain_id:
            return {"domain_id": ref.domain_id}
        if getattr(ref, "system_scoped", False):
            return {"system_scope": "all"}
        return {}


def _default_project_domain(opts: dict[str, _t.Any]) -> None:
    if opts.get("project_name") and not (
        opts.get("project_domain_id") or opts.get("project_domain_name")
    ):
        opts["project_domain_id"] = "default"

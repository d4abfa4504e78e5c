"""Identity API v3 auth plugins: password, token, application credential, multi-method.

Every plugin sends ``POST {auth_url}/auth/tokens`` (``?nocatalog`` when
``include_catalog=False``) with a body made of one or more auth methods
and a scope; Keystone answers 201 with the token id in ``X-Subject-Token``::

    plugin = v3.Password(auth_url="http://keystone:5000/v3",
                         username="admin", user_domain_id="default",
                         password="secret",
                         project_name="admin", project_domain_id="default")

Scope (at most one): a project by id, or by name with its domain id or
name; a domain by id or name; the whole system (``system_scope='all'``);
a trust. ``unscoped=True`` asks explicitly for an unscoped token; with no
scope at all, Keystone may scope the token to the user's default project.

Several methods in one request (multi-factor)::

    plugin = v3.Auth(auth_url, [v3.PasswordMethod(...), v3.TokenMethod(...)],
                     project_id="...")
"""

from __future__ import annotations

import typing as _t

from stackclient import access
from stackclient.apiclient import exceptions
from stackclient.auth import base

__all__ = [
    "ApplicationCredential",
    "ApplicationCredentialMethod",
    "Auth",
    "AuthMethod",
    "Password",
    "PasswordMethod",
    "Token",
    "TokenMethod",
]

_SCOPE_OPTS = [
    "project_id",
    "project_name",
    "project_domain_id",
    "project_domain_name",
    "domain_id",
    "domain_name",
    "system_scope",
    "trust_id",
]
_USER_OPTS = ["user_id", "username", "user_domain_id", "user_domain_name"]
_PASSWORD_ARGS = ["password", *_USER_OPTS]


def _scope_kwargs(arguments: dict[str, _t.Any]) -> dict[str, _t.Any]:
    """The scope options out of a constructor's arguments."""
    return {name: arguments[name] for name in _SCOPE_OPTS}


def _ref(id_: str | None, name: str | None) -> dict[str, str] | None:
    """``{"id": ...}`` or ``{"name": ...}``; None when neither is given."""
    if id_:
        return {"id": id_}
    if name:
        return {"name": name}
    return None


def _named_in_domain(
    what: str, id_: str | None, name: str | None, domain_id: str | None, domain_name: str | None
) -> dict[str, _t.Any] | None:
    """A user or project by id, or by name within a domain (required for names)."""
    if id_:
        return {"id": id_}
    if not name:
        return None
    domain = _ref(domain_id, domain_name)
    if domain is None:
        raise exceptions.ValidationError(
            "%s name %r needs its domain: give %s_domain_id or %s_domain_name "
            "(or use the %s id instead)" % (what.capitalize(), name, what, what, what)
        )
    return {"name": name, "domain": domain}


class AuthMethod:
    """One way of proving identity inside a v3 auth request."""

    #: The name listed in ``identity.methods`` and used as the key of the data.
    method_name: _t.ClassVar[str] = ""

    def get_auth_data(self) -> dict[str, _t.Any]:
        """The object put under ``identity[method_name]``."""
        raise NotImplementedError("%s does not implement get_auth_data" % type(self).__name__)

    def missing_options(self) -> list[str]:
        """Names of the options this method still needs."""
        return []


class PasswordMethod(AuthMethod):
    """A user (by id, or name + domain) and password."""

    method_name = "password"

    def __init__(
        self,
        password: str | None = None,
        username: str | None = None,
        user_id: str | None = None,
        user_domain_id: str | None = None,
        user_domain_name: str | None = None,
    ) -> None:
        self.password = password
        self.username = username
        self.user_id = user_id
        self.user_domain_id = user_domain_id
        self.user_domain_name = user_domain_name

    def missing_options(self) -> list[str]:
        missing = [] if self.username or self.user_id else ["username or user_id"]
        return missing + ([] if self.password else ["password"])

    def get_auth_data(self) -> dict[str, _t.Any]:
        user = _named_in_domain(
            "user", self.user_id, self.username, self.user_domain_id, self.user_domain_name
        )
        return {"user": dict(user or {}, password=self.password)}


class TokenMethod(AuthMethod):
    """An existing token."""

    method_name = "token"

    def __init__(self, token: str | None = None) -> None:
        self.token = token

    def missing_options(self) -> list[str]:
        return [] if self.token else ["token"]

    def get_auth_data(self) -> dict[str, _t.Any]:
        return {"id": self.token}


class ApplicationCredentialMethod(AuthMethod):
    """An application credential: by id, or by name plus its user."""

    method_name = "application_credential"

    def __init__(
        self,
        application_credential_secret: str | None = None,
        application_credential_id: str | None = None,
        application_credential_name: str | None = None,
        user_id: str | None = None,
        username: str | None = None,
        user_domain_id: str | None = None,
        user_domain_name: str | None = None,
    ) -> None:
        self.secret = application_credential_secret
        self.id = application_credential_id
        self.name = application_credential_name
        self.user_id = user_id
        self.username = username
        self.user_domain_id = user_domain_id
        self.user_domain_name = user_domain_name

    def missing_options(self) -> list[str]:
        missing = [] if self.secret else ["application_credential_secret"]
        if not (self.id or self.name):
            missing.append("application_credential_id or application_credential_name")
        elif not self.id and not (self.user_id or self.username):
            missing.append("user_id or username")
        return missing

    def get_auth_data(self) -> dict[str, _t.Any]:
        if self.id:
            return {"id": self.id, "secret": self.secret}
        user = _named_in_domain(
            "user", self.user_id, self.username, self.user_domain_id, self.user_domain_name
        )
        return {"name": self.name, "user": user, "secret": self.secret}


class Auth(base.BaseIdentityPlugin):
    """A v3 auth request made of ``auth_methods`` and a scope.

    ``Password``, ``Token`` and ``ApplicationCredential`` are this class
    with one method built from their options.
    """

    opt_names: _t.ClassVar[list[str]] = ["auth_url", *_SCOPE_OPTS]

    def __init__(
        self,
        auth_url: str | None = None,
        auth_methods: _t.Sequence[AuthMethod] = (),
        *,
        unscoped: bool = False,
        include_catalog: bool = True,
        reauthenticate: bool = True,
        **opts: _t.Any,
    ) -> None:
        super().__init__(auth_url, reauthenticate=reauthenticate, **opts)
        self.auth_methods = list(auth_methods)
        self.unscoped = unscoped
        self.include_catalog = include_catalog

    @property
    def _credentials_hint(self) -> str:  # type: ignore[override]
        names = [method.method_name for method in self._auth_methods()]
        scope = self._scope_hint()
        return "the %s credentials%s" % (
            " + ".join(names),
            " (check%s)" % scope[1:] if scope else "",
        )

    def _scope_hint(self) -> str:
        """``, and that the user has a role on ...`` for a scoped request, else ``''``."""
        opts = self.opts
        if opts.get("project_id"):
            what = "project %r" % opts["project_id"]
        elif opts.get("project_name"):
            domain = opts.get("project_domain_id") or opts.get("project_domain_name")
            what = "project %r in domain %r" % (opts["project_name"], domain)
        elif opts.get("domain_id") or opts.get("domain_name"):
            what = "domain %r" % (opts.get("domain_id") or opts.get("domain_name"))
        elif opts.get("system_scope"):
            what = "the system"
        elif opts.get("trust_id"):
            return ", and that trust %r is valid for the user" % opts["trust_id"]
        else:
            return ""
        return ", and that the user has a role on %s" % what

    def _auth_methods(self) -> list[AuthMethod]:
        return self.auth_methods

    def _missing_options(self) -> list[str]:
        missing = super()._missing_options()
        if not self._auth_methods():
            missing.append("auth_methods")
        for method in self._auth_methods():
            missing.extend(method.missing_options())
        return missing

    def _scope(self) -> dict[str, _t.Any] | str | None:
        """The ``scope`` of the request: a dict, ``"unscoped"`` or None (left out)."""
        opts = self.opts
        scopes: dict[str, _t.Any] = {}
        project = _named_in_domain(
            "project",
            opts.get("project_id"),
            opts.get("project_name"),
            opts.get("project_domain_id"),
            opts.get("project_domain_name"),
        )
        if project:
            scopes["project"] = project
        domain = _ref(opts.get("domain_id"), opts.get("domain_name"))
        if domain:
            scopes["domain"] = domain
        if opts.get("system_scope"):
            scopes["system"] = _system_scope(opts["system_scope"])
        if opts.get("trust_id"):
            scopes["OS-TRUST:trust"] = {"id": opts["trust_id"]}
        return _one_scope(scopes, self.unscoped)

    def _request_body(self) -> dict[str, _t.Any]:
        methods = self._auth_methods()
        identity: dict[str, _t.Any] = {"methods": [m.method_name for m in methods]}
        for method in methods:
            identity[method.method_name] = method.get_auth_data()
        auth: dict[str, _t.Any] = {"identity": identity}
        scope = self._scope()
        if scope is not None:
            auth["scope"] = scope
        return {"auth": auth}

    def get_auth_ref(self, session: _t.Any) -> access.AccessInfo:
        """POST to ``{auth_url}/auth/tokens`` and return the v3 token."""
        body = self._request_body()
        url = self._url("auth/tokens") + ("" if self.include_catalog else "?nocatalog")
        response = self._post_auth(session, url, body)
        token_body = self._token_body(response, "token")
        if not response.headers.get("X-Subject-Token"):
            raise exceptions.InvalidResponse(
                "The identity service answered POST %s with HTTP %s but without "
                "an X-Subject-Token header" % (url, response.status_code),
                response=response,
            )
        return access.create(resp=response, body=token_body)


def _system_scope(value: _t.Any) -> dict[str, bool]:
    if str(value).lower() != "all":
        raise exceptions.ValidationError(
            "system_scope must be 'all' (the only system scope Keystone has), not %r" % (value,)
        )
    return {"all": True}


def _one_scope(scopes: dict[str, _t.Any], unscoped: bool) -> dict[str, _t.Any] | str | None:
    if len(scopes) > 1:
        raise exceptions.ValidationError(
            "A token has one scope, but several were given: %s; keep only one"
            % ", ".join(sorted(scopes))
        )
    if unscoped:
        if scopes:
            raise exceptions.ValidationError(
                "unscoped=True conflicts with the %s scope given" % next(iter(scopes))
            )
        return "unscoped"
    return scopes or None


class Password(Auth):
    """Authenticate a user (by id, or by name + user domain) with a password."""

    opt_names: _t.ClassVar[list[str]] = ["auth_url", "password", *_USER_OPTS, *_SCOPE_OPTS]

    @property
    def _credentials_hint(self) -> str:  # type: ignore[override]
        return "the password credentials (check the user, its domain and the password%s)" % (
            self._scope_hint()
        )

    def __init__(
        self,
        auth_url: str | None = None,
        password: str | None = None,
        username: str | None = None,
        user_id: str | None = None,
        user_domain_id: str | None = None,
        user_domain_name: str | None = None,
        project_id: str | None = None,
        project_name: str | None = None,
        project_domain_id: str | None = None,
        project_domain_name: str | None = None,
        domain_id: str | None = None,
        domain_name: str | None = None,
        system_scope: str | None = None,
        trust_id: str | None = None,
        unscoped: bool = False,
        include_catalog: bool = True,
        reauthenticate: bool = True,
    ) -> None:
        super().__init__(
            auth_url,
            unscoped=unscoped,
            include_catalog=include_catalog,
            reauthenticate=reauthenticate,
            password=password,
            username=username,
            user_id=user_id,
            user_domain_id=user_domain_id,
            user_domain_name=user_domain_name,
            **_scope_kwargs(locals()),
        )

    def _auth_methods(self) -> list[AuthMethod]:
        return [PasswordMethod(**{name: self.opts.get(name) for name in _PASSWORD_ARGS})]


class Token(Auth):
    """Exchange an existing token for a new one, with any scope."""

    opt_names: _t.ClassVar[list[str]] = ["auth_url", "token", *_SCOPE_OPTS]

    @property
    def _credentials_hint(self) -> str:  # type: ignore[override]
        return "the token (check that it is still valid%s)" % self._scope_hint()

    def __init__(
        self,
        auth_url: str | None = None,
        token: str | None = None,
        project_id: str | None = None,
        project_name: str | None = None,
        project_domain_id: str | None = None,
        project_domain_name: str | None = None,
        domain_id: str | None = None,
        domain_name: str | None = None,
        system_scope: str | None = None,
        trust_id: str | None = None,
        unscoped: bool = False,
        include_catalog: bool = True,
        reauthenticate: bool = True,
    ) -> None:
        super().__init__(
            auth_url,
            unscoped=unscoped,
            include_catalog=include_catalog,
            reauthenticate=reauthenticate,
            token=token,
            **_scope_kwargs(locals()),
        )

    def _auth_methods(self) -> list[AuthMethod]:
        return [TokenMethod(self.opts.get("token"))]


class ApplicationCredential(Auth):
    """Authenticate with an application credential (its scope is its own).

    By id: ``ApplicationCredential(auth_url, secret, application_credential_id=...)``;
    by name, with its user: ``application_credential_name=`` plus ``user_id``,
    or ``username`` and ``user_domain_id``/``user_domain_name``.
    """

    opt_names: _t.ClassVar[list[str]] = [
        "auth_url",
        "application_credential_secret",
        "application_credential_id",
        "application_credential_name",
        *_USER_OPTS,
    ]
    _credentials_hint = "the application credential (check its id or name, user and secret)"  # type: ignore[assignment]

    def __init__(
        self,
        auth_url: str | None = None,
        application_credential_secret: str | None = None,
        application_credential_id: str | None = None,
        application_credential_name: str | None = None,
        user_id: str | None = None,
        username: str | None = None,
        user_domain_id: str | None = None,
        user_domain_name: str | None = None,
        include_catalog: bool = True,
        reauthenticate: bool = True,
    ) -> None:
        super().__init__(
            auth_url,
            include_catalog=include_catalog,
            reauthenticate=reauthenticate,
            application_credential_secret=application_credential_secret,
            application_credential_id=application_credential_id,
            application_credential_name=application_credential_name,
            user_id=user_id,
            username=username,
            user_domain_id=user_domain_id,
            user_domain_name=user_domain_name,
        )

    def _auth_methods(self) -> list[AuthMethod]:
        names = ["application_credential_secret", "application_credential_id"]
        names += ["application_credential_name", *_USER_OPTS]
        return [ApplicationCredentialMethod(**{name: self.opts.get(name) for name in names})]

    def _scope(self) -> None:
        return None

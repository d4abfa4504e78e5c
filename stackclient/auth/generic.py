"""Password and token plugins that pick identity v3 or v2.0 themselves.

An auth URL ending in ``/v3`` or ``/v2.0`` chooses directly. Any other URL
(typically the server root, ``http://keystone:5000``) is read with one
unauthenticated GET for its version document, and v3 is used when offered,
v2.0 otherwise. Options that only v3 understands (domains, system scope)
rule v2.0 out::

    plugin = generic.Password(auth_url="http://keystone:5000",
                              username="demo", password="secret",
                              project_name="demo", default_domain_id="default")

``tenant_id``/``tenant_name`` are accepted as the v2.0 names of
``project_id``/``project_name``; ``default_domain_id`` or
``default_domain_name`` is used for the user and project domains when
those are not given.
"""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import exceptions
from stackclient.auth import _discover, base, v2, v3

if _t.TYPE_CHECKING:  # pragma: no cover
    from stackclient import access

__all__ = ["Password", "Token"]

_SCOPE_OPTS = [
    "project_id",
    "project_name",
    "project_domain_id",
    "project_domain_name",
    "domain_id",
    "domain_name",
    "system_scope",
    "trust_id",
    "tenant_id",
    "tenant_name",
    "default_domain_id",
    "default_domain_name",
]


class _Generic(base.BaseIdentityPlugin):
    """Discovery, then delegation of every auth request to a v2 or v3 plugin."""

    def __init__(
        self,
        auth_url: str | None = None,
        *,
        unscoped: bool = False,
        include_catalog: bool = True,
        reauthenticate: bool = True,
        **opts: _t.Any,
    ) -> None:
        unknown = sorted(set(opts) - set(self.opt_names))
        if unknown:
            raise TypeError(
                "%s() got unexpected keyword arguments: %s" % (type(self).__name__, unknown)
            )
        super().__init__(auth_url, reauthenticate=reauthenticate, **opts)
        self.unscoped = unscoped
        self.include_catalog = include_catalog
        self._plugin: base.BaseIdentityPlugin | None = None

    def parse_opts(self, args: _t.Any) -> None:
        """Fill the options from parsed arguments; discovery runs again next time."""
        super().parse_opts(args)
        self._plugin = None

    # -- what the subclasses build ------------------------------------

    def _v3_plugin(self, url: str) -> v3.Auth:
        raise NotImplementedError

    def _v2_plugin(self, url: str) -> v2.Auth:
        raise NotImplementedError

    # -- options resolved for either version --------------------------

    def _opt(self, name: str) -> _t.Any:
        return self.opts.get(name)

    def _default_domain(self, id_name: str) -> _t.Any:
        return self._opt("default_domain_%s" % id_name)

    def _domain_of(self, who: str, id_name: str) -> _t.Any:
        """``user``/``project`` domain id or name, falling back to the default domain."""
        given_id = self._opt("%s_domain_id" % who)
        given_name = self._opt("%s_domain_name" % who)
        if given_id or given_name:
            return given_id if id_name == "id" else given_name
        return self._default_domain(id_name)

    def _v3_scope(self) -> dict[str, _t.Any]:
        return {
            "project_id": self._opt("project_id") or self._opt("tenant_id"),
            "project_name": self._opt("project_name") or self._opt("tenant_name"),
            "project_domain_id": self._domain_of("project", "id"),
            "project_domain_name": self._domain_of("project", "name"),
            "domain_id": self._opt("domain_id"),
            "domain_name": self._opt("domain_name"),
            "system_scope": self._opt("system_scope"),
            "trust_id": self._opt("trust_id"),
            "unscoped": self.unscoped,
            "include_catalog": self.include_catalog,
            "reauthenticate": self.reauthenticate,
        }

    def _v2_scope(self) -> dict[str, _t.Any]:
        return {
            "tenant_id": self._opt("project_id") or self._opt("tenant_id"),
            "tenant_name": self._opt("project_name") or self._opt("tenant_name"),
            "trust_id": self._opt("trust_id"),
            "reauthenticate": self.reauthenticate,
        }

    def _v3_only_options(self) -> list[str]:
        """Options given that identity v2.0 cannot honour."""
        names = ["domain_id", "domain_name", "system_scope"]
        names += ["user_domain_id", "user_domain_name"]
        names += ["project_domain_id", "project_domain_name"]
        return [name for name in names if self._opt(name)]

    # -- discovery and delegation -------------------------------------

    def _create_plugin(self, session: _t.Any) -> base.BaseIdentityPlugin:
        url = _discover.check_auth_url(self.auth_url)
        major = _discover.version_from_url(url)
        if major is None:
            versions = _discover.discover_versions(session, url)
            chosen = _discover.choose_version(versions, url, allow_v2=not self._v3_only_options())
            major, url = chosen.major, chosen.url
        if major == 3:
            return self._v3_plugin(url)
        v3_only = self._v3_only_options()
        if v3_only:
            raise exceptions.ValidationError(
                "The auth URL %s is identity v2.0, which has no domains or system "
                "scope; drop %s or use a v3 auth URL" % (url, ", ".join(v3_only))
            )
        return self._v2_plugin(url)

    def get_auth_ref(self, session: _t.Any) -> access.AccessInfo:
        """Discover the version once, then authenticate with the matching plugin."""
        if self._plugin is None:
            self._plugin = self._create_plugin(session)
        return self._plugin.get_auth_ref(session)

    def _identity_fallback_url(self) -> str | None:
        plugin = self._plugin
        return plugin.auth_url if plugin is not None else self.auth_url


class Password(_Generic):
    """A user name (or id) and password, for identity v3 or v2.0."""

    opt_names: _t.ClassVar[list[str]] = [
        "auth_url",
        "username",
        "user_id",
        "password",
        "user_domain_id",
        "user_domain_name",
        *_SCOPE_OPTS,
    ]

    def __init__(
        self,
        auth_url: str | None = None,
        username: str | None = None,
        user_id: str | None = None,
        password: str | None = None,
        user_domain_id: str | None = None,
        user_domain_name: str | None = None,
        **kwargs: _t.Any,
    ) -> None:
        super().__init__(
            auth_url,
            username=username,
            user_id=user_id,
            password=password,
            user_domain_id=user_domain_id,
            user_domain_name=user_domain_name,
            **kwargs,
        )

    def _missing_options(self) -> list[str]:
        missing = super()._missing_options()
        if not (self._opt("username") or self._opt("user_id")):
            missing.append("username or user_id")
        return missing + ([] if self._opt("password") else ["password"])

    def _v3_plugin(self, url: str) -> v3.Auth:
        return v3.Password(
            url,
            password=self._opt("password"),
            username=self._opt("username"),
            user_id=self._opt("user_id"),
            user_domain_id=self._domain_of("user", "id"),
            user_domain_name=self._domain_of("user", "name"),
            **self._v3_scope(),
        )

    def _v2_plugin(self, url: str) -> v2.Auth:
        return v2.Password(
            url,
            username=self._opt("username"),
            password=self._opt("password"),
            user_id=self._opt("user_id"),
            **self._v2_scope(),
        )


class Token(_Generic):
    """An existing token exchanged for a new one, for identity v3 or v2.0."""

    opt_names: _t.ClassVar[list[str]] = ["auth_url", "token", *_SCOPE_OPTS]

    def __init__(self, auth_url: str | None = None, token: str | None = None, **kwargs: _t.Any):
        super().__init__(auth_url, token=token, **kwargs)

    def _missing_options(self) -> list[str]:
        missing = super()._missing_options()
        return missing + ([] if self._opt("token") else ["token"])

    def _v3_plugin(self, url: str) -> v3.Auth:
        return v3.Token(url, token=self._opt("token"), **self._v3_scope())

    def _v2_plugin(self, url: str) -> v2.Auth:
        return v2.Token(url, token=self._opt("token"), **self._v2_scope())

"""Identity API v2.0 auth plugins: password and token.

Both send ``POST {auth_url}/tokens`` with an ``{"auth": {...}}`` body and
read the token from the ``{"access": {...}}`` answer::

    plugin = v2.Password(auth_url="http://keystone:5000/v2.0",
                         username="demo", password="secret", tenant_name="demo")
"""

from __future__ import annotations

import typing as _t

from stackclient import access
from stackclient.auth import base

__all__ = ["Auth", "Password", "Token"]

_SCOPE_OPTS = ["tenant_id", "tenant_name", "trust_id"]


class Auth(base.BaseIdentityPlugin):
    """Base of the v2.0 plugins: the request and its tenant or trust scope."""

    _api_version = "v2.0"

    def _scope_hint(self) -> str:
        """``, and that ... tenant X`` for a scoped request, else ``''``."""
        tenant = self.opts.get("tenant_id") or self.opts.get("tenant_name")
        if tenant:
            return ", and that the user has a role on tenant %r" % tenant
        if self.opts.get("trust_id"):
            return ", and that trust %r is valid for the user" % self.opts["trust_id"]
        return ""

    def _auth_data(self) -> dict[str, _t.Any]:
        """The credentials part of the ``auth`` object."""
        raise NotImplementedError("%s does not implement _auth_data" % type(self).__name__)

    def _request_body(self) -> dict[str, _t.Any]:
        auth = self._auth_data()
        if self.opts.get("tenant_id"):
            auth["tenantId"] = self.opts["tenant_id"]
        elif self.opts.get("tenant_name"):
            auth["tenantName"] = self.opts["tenant_name"]
        if self.opts.get("trust_id"):
            auth["trust_id"] = self.opts["trust_id"]
        return {"auth": auth}

    def get_auth_ref(self, session: _t.Any) -> access.AccessInfo:
        """POST the credentials to ``{auth_url}/tokens`` and return the v2.0 token."""
        response = self._post_auth(session, self._url("tokens"), self._request_body())
        body = self._token_body(response, "access")
        return access.create(resp=response, body=body)


class Password(Auth):
    """Authenticate with a user name (or id) and password.

    The token is scoped to ``tenant_id`` or ``tenant_name`` when given.
    """

    opt_names: _t.ClassVar[list[str]] = [
        "auth_url",
        "username",
        "user_id",
        "password",
        *_SCOPE_OPTS,
    ]

    @property
    def _credentials_hint(self) -> str:  # type: ignore[override]
        return "the user name or id and password (check them%s)" % self._scope_hint()

    def __init__(
        self,
        auth_url: str | None = None,
        username: str | None = None,
        password: str | None = None,
        user_id: str | None = None,
        tenant_id: str | None = None,
        tenant_name: str | None = None,
        trust_id: str | None = None,
        reauthenticate: bool = True,
    ) -> None:
        super().__init__(
            auth_url,
            reauthenticate=reauthenticate,
            username=username,
            password=password,
            user_id=user_id,
            tenant_id=tenant_id,
            tenant_name=tenant_name,
            trust_id=trust_id,
        )

    def _missing_options(self) -> list[str]:
        missing = super()._missing_options()
        if not (self.opts.get("username") or self.opts.get("user_id")):
            missing.append("username or user_id")
        if not self.opts.get("password"):
            missing.append("password")
        return missing

    def _auth_data(self) -> dict[str, _t.Any]:
        credentials = {"password": self.opts["password"]}
        if self.opts.get("username"):
            credentials["username"] = self.opts["username"]
        else:
            credentials["userId"] = self.opts["user_id"]
        return {"passwordCredentials": credentials}


class Token(Auth):
    """Exchange an existing token for a new one, optionally scoped to a tenant."""

    opt_names: _t.ClassVar[list[str]] = ["auth_url", "token", *_SCOPE_OPTS]
    _credentials_hint = "the token"

    def __init__(
        self,
        auth_url: str | None = None,
        token: str | None = None,
        tenant_id: str | None = None,
        tenant_name: str | None = None,
        trust_id: str | None = None,
        reauthenticate: bool = True,
    ) -> None:
        super().__init__(
            auth_url,
            reauthenticate=reauthenticate,
            token=token,
            tenant_id=tenant_id,
            tenant_name=tenant_name,
            trust_id=trust_id,
        )

    def _missing_options(self) -> list[str]:
        missing = super()._missing_options()
        if not self.opts.get("token"):
            missing.append("token")
        return missing

    def _auth_data(self) -> dict[str, _t.Any]:
        return {"token": {"id": self.opts["token"]}}

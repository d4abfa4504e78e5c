"""AccessInfoV2: a token from Identity API v2.0."""

from __future__ import annotations

import typing as _t

from stackclient import service_catalog as _catalog
from stackclient.access._base import AccessInfo
from stackclient.access._fields import Field, dig

__all__ = ["AccessInfoV2"]

#: v2.0 knows no domains; Keystone puts every v2.0 user and project here.
_DEFAULT_DOMAIN_ID = "default"
_DEFAULT_DOMAIN_NAME = "Default"


class AccessInfoV2(AccessInfo):
    """A v2.0 token: the content of the ``access`` object of the response.

    Holds ``token`` (id, expires, issued_at, tenant, audit_ids), ``user``
    (id, name, roles), ``serviceCatalog``, ``metadata`` and ``trust``::

        ref = access.AccessInfo.factory(body={"access": {...}})
        ref.tenant_id, ref.role_names, ref.service_catalog.url_for()
    """

    _VERSION = "v2.0"
    _CATALOG_KEY = "serviceCatalog"
    _CATALOG_CLASS = _catalog.ServiceCatalogV2

    def __init__(self, *args: _t.Any, **kwargs: _t.Any) -> None:
        super().__init__(*args, **kwargs)
        self["version"] = self._VERSION

    @property
    def auth_token(self) -> str | None:
        return self.get("auth_token") or dig(self, ("token", "id"))

    @auth_token.setter
    def auth_token(self, value: str | None) -> None:
        self["auth_token"] = value

    @auth_token.deleter
    def auth_token(self) -> None:
        self.pop("auth_token", None)

    _expires_str = Field("token", "expires")
    _issued_str = Field("token", "issued_at")

    @property
    def username(self) -> str | None:
        return dig(self, ("user", "name")) or dig(self, ("user", "username"))

    user_id = Field("user", "id")

    @property
    def user_domain_id(self) -> str | None:
        return _DEFAULT_DOMAIN_ID if isinstance(self.get("user"), dict) else None

    @property
    def user_domain_name(self) -> str | None:
        return _DEFAULT_DOMAIN_NAME if isinstance(self.get("user"), dict) else None

    @property
    def role_ids(self) -> list[str]:
        roles = dig(self, ("metadata", "roles"))
        return [r for r in roles if isinstance(r, str)] if isinstance(roles, list) else []

    @property
    def role_names(self) -> list[str]:
        roles = dig(self, ("user", "roles"))
        if not isinstance(roles, list):
            return []
        return [r["name"] for r in roles if isinstance(r, dict) and "name" in r]

    @property
    def project_id(self) -> str | None:
        # Older servers put the tenant on the user, or only a tenantId on the token.
        return (
            dig(self, ("token", "tenant", "id"))
            or dig(self, ("user", "tenantId"))
            or dig(self, ("token", "tenantId"))
        )

    @property
    def project_name(self) -> str | None:
        # Servers before Diablo sent only a tenantId, which keystoneclient
        # also gave as the name; code that shows or matches names relies on it.
        return (
            dig(self, ("token", "tenant", "name"))
            or dig(self, ("user", "tenantName"))
            or dig(self, ("token", "tenantId"))
        )

    @property
    def project_domain_id(self) -> str | None:
        return _DEFAULT_DOMAIN_ID if self.project_id else None

    @property
    def project_domain_name(self) -> str | None:
        return _DEFAULT_DOMAIN_NAME if self.project_id else None

    @property
    def project_scoped(self) -> bool:
        return bool(self.project_id)

    trust_id = Field("trust", "id")
    trustee_user_id = Field("trust", "trustee_user_id")
    trustor_user_id = Field("trust", "trustor_user_id")

    @property
    def trust_scoped(self) -> bool:
        return isinstance(self.get("trust"), dict)

    audit_id = Field("token", "audit_ids", 0)
    audit_chain_id = Field("token", "audit_ids", 1)
    bind = Field("token", "bind")

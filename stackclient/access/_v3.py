"""AccessInfoV3: a token from Identity API v3."""

from __future__ import annotations

import typing as _t

from stackclient import service_catalog as _catalog
from stackclient.access._base import AccessInfo
from stackclient.access._fields import Field, dig

__all__ = ["AccessInfoV3"]

_TRUST = "OS-TRUST:trust"


class AccessInfoV3(AccessInfo):
    """A v3 token: the content of the ``token`` object plus its id.

    Keystone sends the id of a v3 token in the ``X-Subject-Token`` header,
    not the body, so it is kept under ``auth_token``. ``token`` is the
    first argument, as in python-keystoneclient::

        ref = access.AccessInfoV3("gAAAA...", **body["token"])
        ref.project_id, ref.user_domain_name, ref.service_catalog.url_for()
    """

    _VERSION = "v3"
    _CATALOG_KEY = "catalog"
    _CATALOG_CLASS = _catalog.ServiceCatalogV3

    def __init__(self, token: str | None = None, *args: _t.Any, **kwargs: _t.Any) -> None:
        super().__init__(*args, **kwargs)
        self["version"] = self._VERSION
        if token:
            self["auth_token"] = token

    _expires_str = Field("expires_at")
    _issued_str = Field("issued_at")

    username = Field("user", "name")
    user_id = Field("user", "id")
    user_domain_id = Field("user", "domain", "id")
    user_domain_name = Field("user", "domain", "name")

    @property
    def role_ids(self) -> list[str]:
        return self._role_values("id")

    @property
    def role_names(self) -> list[str]:
        return self._role_values("name")

    def _role_values(self, key: str) -> list[str]:
        roles = self.get("roles")
        if not isinstance(roles, list):
            return []
        return [r[key] for r in roles if isinstance(r, dict) and key in r]

    project_id = Field("project", "id")
    project_name = Field("project", "name")
    project_domain_id = Field("project", "domain", "id")
    project_domain_name = Field("project", "domain", "name")
    project_is_domain = Field("is_domain")
    domain_id = Field("domain", "id")
    domain_name = Field("domain", "name")
    system = Field("system")

    @property
    def project_scoped(self) -> bool:
        return isinstance(self.get("project"), dict)

    @property
    def domain_scoped(self) -> bool:
        return isinstance(self.get("domain"), dict)

    @property
    def system_scoped(self) -> bool:
        return bool(dig(self, ("system", "all")))

    trust_id = Field(_TRUST, "id")
    trustee_user_id = Field(_TRUST, "trustee_user", "id")
    trustor_user_id = Field(_TRUST, "trustor_user", "id")

    @property
    def trust_scoped(self) -> bool:
        return isinstance(self.get(_TRUST), dict)

    @property
    def is_federated(self) -> bool:
        user = self.get("user")
        return isinstance(user, dict) and "OS-FEDERATION" in user

    methods = Field("methods")
    audit_id = Field("audit_ids", 0)
    audit_chain_id = Field("audit_ids", 1)
    application_credential = Field("application_credential")
    is_admin_project = Field("is_admin_project")
    bind = Field("bind")
    oauth_access_token_id = Field("OS-OAUTH1", "access_token_id")
    oauth_consumer_id = Field("OS-OAUTH1", "consumer_id")

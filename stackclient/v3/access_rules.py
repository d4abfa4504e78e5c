"""Identity v3 access rules: ``/users/{user_id}/access_rules``.

Access rules restrict what an application credential may call (service,
method, path). They are created as part of an application credential and
can then be listed, read and deleted (once no credential uses them)::

    for rule in keystone.access_rules.list():
        print(rule.service, rule.method, rule.path)

Methods default ``user`` to the user the client is authenticated as.
"""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import base, exceptions
from stackclient.v3._common import user_base_url

if _t.TYPE_CHECKING:  # pragma: no cover
    import requests

__all__ = ["AccessRule", "AccessRuleManager"]


class AccessRule(base.Resource):
    """An access rule: ``id``, ``service`` (a service type), ``method``, ``path``."""


class AccessRuleManager(base.CrudManager):
    """List, get, find and delete a user's access rules."""

    resource_class = AccessRule
    collection_key = "access_rules"
    key = "access_rule"

    def get(self, access_rule: _t.Any, user: _t.Any = None) -> AccessRule:  # type: ignore[override]
        """Return one access rule of ``user`` (default: the current user)."""
        return super().get(
            base_url=user_base_url(self.client, user), access_rule_id=base.getid(access_rule)
        )

    def list(self, user: _t.Any = None, **kwargs: _t.Any) -> list[base.Resource]:  # type: ignore[override]
        """List the access rules of ``user``; other keywords filter on the server."""
        return super().list(base_url=user_base_url(self.client, user), **kwargs)

    def find(self, user: _t.Any = None, **kwargs: _t.Any) -> base.Resource:  # type: ignore[override]
        """Return the one access rule of ``user`` matching ``kwargs``."""
        return super().find(base_url=user_base_url(self.client, user), **kwargs)

    def delete(self, access_rule: _t.Any, user: _t.Any = None) -> requests.Response:  # type: ignore[override]
        """Delete an access rule (Keystone refuses while a credential uses it)."""
        return super().delete(
            base_url=user_base_url(self.client, user), access_rule_id=base.getid(access_rule)
        )

    def update(self, *args: _t.Any, **kwargs: _t.Any) -> _t.NoReturn:  # type: ignore[override]
        """Refused: access rules are immutable."""
        raise exceptions.MethodNotImplemented("Access rules are immutable and cannot be updated")

    def create(self, *args: _t.Any, **kwargs: _t.Any) -> _t.NoReturn:  # type: ignore[override]
        """Refused: access rules are created with an application credential."""
        raise exceptions.MethodNotImplemented(
            "Access rules are created as part of an application credential: "
            "pass access_rules=[...] to application_credentials.create()"
        )

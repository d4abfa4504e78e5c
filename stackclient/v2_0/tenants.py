"""Identity v2.0 tenants (``/tenants``) and their members.

Example::

    demo = keystone.tenants.create("demo", description="Demo tenant")
    demo.add_user(alice, member_role)
    demo.list_users()                       # [<User ...alice>]
    demo.update(description="For demos")   # POST /tenants/{id}
    demo.delete()

Which tenants a listing returns depends on the endpoint: the admin
endpoint lists every tenant, the public one only those of the token's
user. :meth:`TenantManager.list` asks the client's endpoint (the admin one
for a :class:`~stackclient.v2_0.client.Client`) and, when the token has no
such endpoint (an unscoped token has no catalog), the auth URL -- what
python-keystoneclient did.
"""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import base, exceptions
from stackclient.v2_0 import _paths, roles, users

__all__ = ["Tenant", "TenantManager"]

#: The ``interface`` that asks the auth plugin for its auth URL.
_AUTH_INTERFACE = "auth"


class Tenant(base.Resource):
    """An Identity v2.0 tenant: ``id``, ``name``, ``description``, ``enabled``.

    Example::

        tenant.update(enabled=False)
        tenant.add_user(user, role)
    """

    def update(
        self, name: str | None = None, description: str | None = None, enabled: bool | None = None
    ) -> Tenant:
        """Change the tenant and refresh this object from the answer.

        Values not given keep the tenant's current ones (they are sent
        again, as python-keystoneclient did). Unlike python-keystoneclient,
        which returned None on any error and left this object unchanged,
        errors are raised and this object takes the new values.
        """
        manager = self._require_manager("update")
        info = self._info
        updated = manager.update(
            info.get("id"),
            tenant_name=name if name else info.get("name"),
            description=description if description is not None else info.get("description"),
            enabled=enabled if enabled is not None else info.get("enabled"),
        )
        self._add_details(updated._info)
        return updated

    def list_users(self) -> list[users.User]:
        """Return the users who have a role on this tenant."""
        return self._require_manager("list the users of").list_users(self)

    def add_user(self, user: _t.Any, role: _t.Any) -> roles.Role | None:
        """Give ``user`` the ``role`` on this tenant."""
        return self._require_manager("add a user to").add_user(self, user, role)

    def remove_user(self, user: _t.Any, role: _t.Any) -> _t.Any:
        """Take the ``role`` on this tenant away from ``user``."""
        return self._require_manager("remove a user from").remove_user(self, user, role)


def _tenant_path(tenant: _t.Any) -> str:
    return _paths.join("tenants", _paths.segment(tenant, "tenant"))


def _with_extras(fields: dict[str, _t.Any], extras: dict[str, _t.Any]) -> dict[str, _t.Any]:
    """Extra attributes are sent too, but never replace a named argument."""
    for key, value in extras.items():
        fields.setdefault(key, value)
    return fields


class TenantManager(base.ManagerWithFind):
    """Create, read, update, list and delete tenants; manage their members.

    ``role_manager`` and ``user_manager`` serve the membership calls;
    managers over the same client are made when they are not given.
    """

    resource_class = Tenant

    def __init__(
        self,
        client: _t.Any,
        role_manager: roles.RoleManager | None = None,
        user_manager: users.UserManager | None = None,
    ) -> None:
        super().__init__(client)
        self.role_manager = role_manager or roles.RoleManager(client)
        self.user_manager = user_manager or users.UserManager(client, self.role_manager)

    def get(self, tenant_id: _t.Any) -> Tenant:
        """Return one tenant (by id or :class:`Tenant`); NotFound if unknown."""
        return self._get(_tenant_path(tenant_id), "tenant")

    def create(
        self,
        tenant_name: str,
        description: str | None = None,
        enabled: bool = True,
        **kwargs: _t.Any,
    ) -> Tenant:
        """Create a tenant: ``POST /tenants``; extra keywords are sent as attributes."""
        fields = {"name": tenant_name, "description": description, "enabled": enabled}
        return self._create("/tenants", {"tenant": _with_extras(fields, kwargs)}, "tenant")

    def list(self, limit: _t.Any = None, marker: _t.Any = None) -> list[Tenant]:
        """Return the tenants: ``GET /tenants`` (``limit``/``marker`` in the query).

        Asked of the client's endpoint first; when the token's catalog has
        none (EndpointNotFound, e.g. an unscoped token), of the auth URL,
        which lists the tenants the token's user may scope to.
        """
        url = "/tenants" + _paths.page_query(limit, marker)
        try:
            return self._list(url, "tenants")
        except exceptions.EndpointNotFound:
            return self._list(url, "tenants", endpoint_filter={"interface": _AUTH_INTERFACE})

    def iterate(self, limit: _t.Any = None, marker: _t.Any = None) -> _t.Iterator[Tenant]:
        """Like :meth:`list`, but yield tenants page by page (``limit`` = page size).

        Follows the ``tenants_links`` next link while the server gives one;
        only the current page is held in memory.
        """
        return self._iterate("/tenants" + _paths.page_query(limit, marker), "tenants")

    def update(
        self,
        tenant_id: _t.Any,
        tenant_name: str | None = None,
        description: str | None = None,
        enabled: bool | None = None,
        **kwargs: _t.Any,
    ) -> Tenant:
        """Change the given attributes: ``POST /tenants/{id}`` (v2.0 uses POST, not PUT).

        The body carries the tenant's ``id`` and only the values given
        (None means unchanged); extra keywords are sent as attributes.
        """
        fields: dict[str, _t.Any] = {"id": base.getid(tenant_id)}
        for key, value in (
            ("name", tenant_name),
            ("enabled", enabled),
            ("description", description),
        ):
            if value is not None:
                fields[key] = value
        body = {"tenant": _with_extras(fields, kwargs)}
        return self._create(_tenant_path(tenant_id), body, "tenant")

    def delete(self, tenant: _t.Any) -> _t.Any:
        """Delete a tenant (by id or :class:`Tenant`)."""
        return self._delete(_tenant_path(tenant))

    def list_users(self, tenant: _t.Any) -> list[users.User]:
        """Return the users with a role on ``tenant``: ``GET /tenants/{id}/users``."""
        _paths.segment(tenant, "tenant")
        return self.user_manager.list(base.getid(tenant))

    def add_user(self, tenant: _t.Any, user: _t.Any, role: _t.Any) -> roles.Role | None:
        """Grant ``role`` to ``user`` on ``tenant``.

        ``PUT /tenants/{tenant}/users/{user}/roles/OS-KSADM/{role}``.
        """
        _paths.segment(tenant, "tenant")
        return self.role_manager.add_user_role(user, role, tenant)

    def remove_user(self, tenant: _t.Any, user: _t.Any, role: _t.Any) -> _t.Any:
        """Revoke ``role`` from ``user`` on ``tenant``.

        ``DELETE /tenants/{tenant}/users/{user}/roles/OS-KSADM/{role}``.
        """
        _paths.segment(tenant, "tenant")
        return self.role_manager.remove_user_role(user, role, tenant)

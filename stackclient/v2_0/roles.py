"""Identity v2.0 roles (``/OS-KSADM/roles``) and role grants to users.

A role is granted to a user on a tenant, or globally when no tenant is
given (Keystone removed global v2.0 grants late in v2.0's life)::

    member = keystone.roles.create("member")
    keystone.roles.add_user_role(user, member, tenant)
    keystone.roles.roles_for_user(user, tenant)      # [<Role ...member>]
    keystone.roles.remove_user_role(user, member, tenant)
"""

from __future__ import annotations

import typing as _t

from stackclient import _jsonutils
from stackclient.apiclient import base
from stackclient.v2_0 import _paths

__all__ = ["Role", "RoleManager"]

_ROLES = "OS-KSADM/roles"


class Role(base.Resource):
    """An Identity v2.0 role: ``id``, ``name`` and maybe ``description``.

    ``role.delete()`` deletes it.
    """


def _grant_path(user: _t.Any, role: _t.Any, tenant: _t.Any) -> str:
    """``/tenants/{t}/users/{u}/roles/OS-KSADM/{r}``, or ``/users/{u}/roles/OS-KSADM/{r}``."""
    tail = (
        "users",
        _paths.segment(user, "user"),
        "roles",
        "OS-KSADM",
        _paths.segment(role, "role"),
    )
    if tenant:
        return _paths.join("tenants", _paths.segment(tenant, "tenant"), *tail)
    return _paths.join(*tail)


class RoleManager(base.ManagerWithFind):
    """List, create, get and delete roles; grant them to users.

    Example::

        for role in keystone.roles.list():
            print(role.id, role.name)
    """

    resource_class = Role

    def list(self) -> list[Role]:
        """Return every role: ``GET /OS-KSADM/roles``."""
        return self._list("/" + _ROLES, "roles")

    def get(self, role: _t.Any) -> Role:
        """Return one role (by id or :class:`Role`); NotFound if unknown."""
        return self._get(_paths.join(_ROLES, _paths.segment(role, "role")), "role")

    def create(self, name: str) -> Role:
        """Create a role: ``POST /OS-KSADM/roles`` with ``{"role": {"name": name}}``."""
        return self._create("/" + _ROLES, {"role": {"name": name}}, "role")

    def delete(self, role: _t.Any) -> _t.Any:
        """Delete a role (by id or :class:`Role`)."""
        return self._delete(_paths.join(_ROLES, _paths.segment(role, "role")))

    def roles_for_user(self, user: _t.Any, tenant: _t.Any = None) -> list[Role]:
        """Return the roles ``user`` has on ``tenant``, or its global roles.

        ``GET /tenants/{tenant}/users/{user}/roles`` or ``GET /users/{user}/roles``.
        """
        user_part = ("users", _paths.segment(user, "user"), "roles")
        if tenant:
            return self._list(
                _paths.join("tenants", _paths.segment(tenant, "tenant"), *user_part), "roles"
            )
        return self._list(_paths.join(*user_part), "roles")

    def add_user_role(self, user: _t.Any, role: _t.Any, tenant: _t.Any = None) -> Role | None:
        """Grant ``role`` to ``user`` on ``tenant`` (globally without one).

        ``PUT .../users/{user}/roles/OS-KSADM/{role}`` with no body. Returns
        the granted :class:`Role` when the server describes it (under
        ``role``; python-keystoneclient read the global grant's answer under
        ``roles``, which Keystone never sent: both are understood), else None.
        """
        resp = self._request("PUT", _grant_path(user, role, tenant))
        return self._role_from(resp)

    def remove_user_role(self, user: _t.Any, role: _t.Any, tenant: _t.Any = None) -> _t.Any:
        """Revoke ``role`` from ``user`` on ``tenant`` (globally without one)."""
        return self._delete(_grant_path(user, role, tenant))

    def _role_from(self, resp: _t.Any) -> Role | None:
        body = _jsonutils.response_json(resp)
        if not isinstance(body, dict):
            return None
        info = body.get("role", body.get("roles"))
        return Role(self, info, loaded=True) if isinstance(info, dict) else None

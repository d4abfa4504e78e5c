"""Identity v2.0 users: ``/users`` and the ``OS-KSADM`` user extensions.

Example::

    alice = keystone.users.create("alice", password="s3cret", tenant_id=demo.id)
    keystone.users.update_enabled(alice, False)
    keystone.users.list(tenant_id=demo.id)
    alice.delete()
"""

from __future__ import annotations

import typing as _t

from stackclient import _jsonutils
from stackclient.apiclient import base, exceptions
from stackclient.v2_0 import _paths, roles

__all__ = ["User", "UserManager"]


class User(base.Resource):
    """An Identity v2.0 user: ``id``, ``name``, ``email``, ``enabled``, ``tenantId``.

    ``user.delete()`` deletes it; ``user.list_roles(tenant)`` lists its roles.
    """

    def list_roles(self, tenant: _t.Any = None) -> list[roles.Role]:
        """Return this user's roles on ``tenant`` (global roles without one)."""
        return self._require_manager("list the roles of").list_roles(self, tenant)


def _user_path(user: _t.Any, *rest: str) -> str:
    return _paths.join("users", _paths.segment(user, "user"), *rest)


def _users_url(tenant_id: _t.Any) -> str:
    if tenant_id:
        return _paths.join("tenants", _paths.segment(tenant_id, "tenant"), "users")
    return "/users"


class UserManager(base.ManagerWithFind):
    """Create, read, update, list and delete users.

    ``role_manager`` serves :meth:`list_roles`; a :class:`RoleManager` over
    the same client is made when none is given.

    Example::

        user = keystone.users.find(name="alice")
        keystone.users.update_password(user, "n3w-s3cret")
    """

    resource_class = User

    def __init__(self, client: _t.Any, role_manager: roles.RoleManager | None = None) -> None:
        super().__init__(client)
        self.role_manager = role_manager or roles.RoleManager(client)

    def get(self, user: _t.Any) -> User:
        """Return one user (by id or :class:`User`); NotFound if unknown."""
        return self._get(_user_path(user), "user")

    def list(
        self, tenant_id: _t.Any = None, limit: _t.Any = None, marker: _t.Any = None
    ) -> list[User]:
        """Return the users, or only the members of ``tenant_id`` (an id or a Tenant).

        ``GET /users`` or ``GET /tenants/{tenant_id}/users``; ``limit`` and
        ``marker`` are sent in the query string for paging.
        """
        return self._list(_users_url(tenant_id) + _paths.page_query(limit, marker), "users")

    def iterate(
        self, tenant_id: _t.Any = None, limit: _t.Any = None, marker: _t.Any = None
    ) -> _t.Iterator[User]:
        """Like :meth:`list`, but yield users page by page (``limit`` = page size).

        Follows the ``users_links`` next link while the server gives one.
        """
        return self._iterate(_users_url(tenant_id) + _paths.page_query(limit, marker), "users")

    def create(
        self,
        name: str,
        password: str | None = None,
        email: str | None = None,
        tenant_id: _t.Any = None,
        enabled: bool = True,
    ) -> User:
        """Create a user: ``POST /users``.

        The body always carries ``name``, ``password``, ``tenantId`` (the
        default tenant), ``email`` and ``enabled``, unset ones as null, as
        python-keystoneclient sent them.
        """
        body = {
            "user": {
                "name": name,
                "password": password,
                "tenantId": base.getid(tenant_id) if tenant_id else None,
                "email": email,
                "enabled": enabled,
            }
        }
        return self._create("/users", body, "user")

    def update(self, user: _t.Any, **kwargs: _t.Any) -> User:
        """Change the given attributes (``name``, ``email``, ``enabled``...): ``PUT /users/{id}``.

        To change the password, the enabled flag or the default tenant use
        the dedicated methods below: Keystone v2.0 ignores them here.
        """
        return self._update(_user_path(user), {"user": kwargs}, "user", method="PUT")

    def update_enabled(self, user: _t.Any, enabled: bool) -> User | None:
        """Enable or disable a user: ``PUT /users/{id}/OS-KSADM/enabled``.

        Returns the updated user (python-keystoneclient returned None).
        """
        body = {"user": {"enabled": enabled}}
        return self._update(_user_path(user, "OS-KSADM", "enabled"), body, "user", method="PUT")

    def update_password(self, user: _t.Any, password: str) -> User | None:
        """Set a user's password (admin): ``PUT /users/{id}/OS-KSADM/password``."""
        body = {"user": {"password": password}}
        return self._update(_user_path(user, "OS-KSADM", "password"), body, "user", method="PUT")

    def update_own_password(self, origpasswd: str, passwd: str) -> User:
        """Change the authenticated user's own password (no admin needed).

        ``PATCH /OS-KSCRUD/users/{own user id}`` on the public identity
        endpoint with ``{"user": {"password": passwd, "original_password":
        origpasswd}}``. Keystone answers with a new token under ``access``;
        it is returned wrapped in a :class:`User`, as python-keystoneclient
        did. Every older token of the user stops working.
        """
        own = _paths.segment(self._own_user_id(), "authenticated user")
        body = {"user": {"password": passwd, "original_password": origpasswd}}
        resp = self._request(
            "PATCH",
            _paths.join("OS-KSCRUD", "users", own),
            json=body,
            endpoint_filter={"interface": "public"},
        )
        data = _jsonutils.response_json(resp)
        info = data.get("access") if isinstance(data, dict) else None
        return self.resource_class(self, info if isinstance(info, dict) else {})

    def update_tenant(self, user: _t.Any, tenant: _t.Any) -> User | None:
        """Set a user's default tenant: ``PUT /users/{id}/OS-KSADM/tenant``."""
        _paths.segment(tenant, "tenant")  # refuse a missing tenant before sending
        body = {"user": {"tenantId": base.getid(tenant)}}
        return self._update(_user_path(user, "OS-KSADM", "tenant"), body, "user", method="PUT")

    def delete(self, user: _t.Any) -> _t.Any:
        """Delete a user (by id or :class:`User`)."""
        return self._delete(_user_path(user))

    def list_roles(self, user: _t.Any, tenant: _t.Any = None) -> list[roles.Role]:
        """Return the user's roles on ``tenant`` (global roles without one)."""
        return self.role_manager.roles_for_user(user, tenant)

    def _own_user_id(self) -> _t.Any:
        """The id of the user the client is authenticated as."""
        for name in ("user_id", "get_user_id"):
            value = getattr(self.client, name, None)
            value = value() if callable(value) else value
            if value:
                return value
        raise exceptions.ValidationError(
            "update_own_password needs a client that knows which user it is "
            "authenticated as (a v2_0.client.Client with credentials or a token)"
        )

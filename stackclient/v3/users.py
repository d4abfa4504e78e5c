"""Identity v3 users: ``/v3/users``, group membership and password change.

Example::

    alice = keystone.users.create("alice", domain="default", password="s3cret")
    keystone.users.add_to_group(alice, admins)
    keystone.users.list(group=admins)

Passwords are sent in request bodies; the pipeline's debug log masks them.
"""

from __future__ import annotations

import typing as _t
import warnings

from stackclient.apiclient import _ids, base, exceptions

if _t.TYPE_CHECKING:  # pragma: no cover
    import requests

__all__ = ["User", "UserManager"]


class User(base.Resource):
    """An Identity user.

    Fields: ``id``, ``name``, ``domain_id``, ``enabled``,
    ``default_project_id``, ``password_expires_at`` and any extra attribute
    it was created with (``email``, ``description``, ...). Keystone never
    returns the password.
    """


class UserManager(base.CrudManager):
    """Create, read, update, list and delete users; manage group membership.

    :meth:`update_password` changes the password of the user the client is
    authenticated as, so it needs ``client.user_id``: build the manager over
    :class:`stackclient.v3.client.Client`, which takes it from its auth_ref.
    """

    resource_class = User
    collection_key = "users"
    key = "user"

    def create(
        self,
        name: str,
        domain: _t.Any = None,
        project: _t.Any = None,
        password: str | None = None,
        email: str | None = None,
        description: str | None = None,
        enabled: bool = True,
        default_project: _t.Any = None,
        **kwargs: _t.Any,
    ) -> User:
        """Create a user; other keywords are sent as extra attributes.

        ``project`` is the deprecated name of ``default_project`` (which
        wins when both are given).
        """
        return super().create(
            name=name,
            domain_id=base.getid(domain),
            default_project_id=_default_project(default_project, project),
            password=password,
            email=email,
            description=description,
            enabled=enabled,
            **kwargs,
        )

    def list(
        self,
        project: _t.Any = None,
        domain: _t.Any = None,
        group: _t.Any = None,
        default_project: _t.Any = None,
        **kwargs: _t.Any,
    ) -> list[User]:
        """Return the users matching the filters, one request (one page).

        ``group`` lists that group's members (``/groups/{id}/users``);
        ``domain`` and ``default_project`` (deprecated alias ``project``)
        filter by ``domain_id`` and ``default_project_id``; other keywords
        are query filters (``name``, ``enabled``, ``limit``, ...).
        """
        return super().list(**_list_args(project, domain, group, default_project, kwargs))

    def iterate(
        self,
        project: _t.Any = None,
        domain: _t.Any = None,
        group: _t.Any = None,
        default_project: _t.Any = None,
        **kwargs: _t.Any,
    ) -> _t.Iterator[User]:
        """Like :meth:`list`, but yield every user, fetching pages as needed."""
        return super().iterate(**_list_args(project, domain, group, default_project, kwargs))

    def get(self, user: _t.Any) -> User:
        """Return one user (by id or :class:`User`)."""
        return super().get(user_id=base.getid(user))

    def update(
        self,
        user: _t.Any,
        name: str | None = None,
        domain: _t.Any = None,
        project: _t.Any = None,
        password: str | None = None,
        email: str | None = None,
        description: str | None = None,
        enabled: bool | None = None,
        default_project: _t.Any = None,
        **kwargs: _t.Any,
    ) -> User:
        """Change the given attributes of a user (None means unchanged).

        An administrator may set ``password`` here without the old one.
        """
        return super().update(
            user_id=base.getid(user),
            name=name,
            domain_id=base.getid(domain),
            default_project_id=_default_project(default_project, project),
            password=password,
            email=email,
            description=description,
            enabled=enabled,
            **kwargs,
        )

    def update_password(self, old_password: str, new_password: str) -> requests.Response:
        """Change the current user's own password (``POST /users/{id}/password``).

        The user is ``client.user_id``, the user the client authenticated
        as. Keystone then revokes that user's tokens, so the client must
        authenticate again (with the new password) before its next call.
        """
        if not (old_password and new_password):
            raise exceptions.ValidationError(
                "Specify both the current password and a new password"
            )
        if old_password == new_password:
            raise exceptions.ValidationError("The new password must differ from the old one")
        url = "/users/%s/password" % _ids.path_segment(self._current_user_id(), "user_id")
        body = {"user": {"password": new_password, "original_password": old_password}}
        return self._request("POST", url, json=body)

    def _current_user_id(self) -> str:
        user_id = getattr(self.client, "user_id", None)
        if not user_id:
            raise exceptions.ValidationError(
                "update_password() changes the password of the authenticated user, but "
                "%s has no user_id: use stackclient.v3.client.Client with a session "
                "authenticated as that user (for another user, an administrator can call "
                "users.update(user, password=...))" % type(self.client).__name__
            )
        return str(user_id)

    def add_to_group(self, user: _t.Any, group: _t.Any) -> None:
        """Make the user a member of the group."""
        self.put(**_membership(user, group))

    def check_in_group(self, user: _t.Any, group: _t.Any) -> bool:
        """True when the user is a member of the group; NotFound when not."""
        return self.head(**_membership(user, group))

    def remove_from_group(self, user: _t.Any, group: _t.Any) -> requests.Response:
        """Remove the user from the group (NotFound when not a member)."""
        return super().delete(**_membership(user, group))

    def delete(self, user: _t.Any) -> requests.Response:
        """Delete a user."""
        return super().delete(user_id=base.getid(user))


def _default_project(default_project: _t.Any, project: _t.Any, stacklevel: int = 3) -> _t.Any:
    if project is not None:
        warnings.warn(
            "The 'project' argument is deprecated: use 'default_project'",
            DeprecationWarning,
            stacklevel=stacklevel,
        )
    return base.getid(default_project) or base.getid(project)


def _list_args(
    project: _t.Any,
    domain: _t.Any,
    group: _t.Any,
    default_project: _t.Any,
    kwargs: dict[str, _t.Any],
) -> dict[str, _t.Any]:
    args = dict(
        kwargs,
        domain_id=base.getid(domain),
        default_project_id=_default_project(default_project, project, stacklevel=4),
    )
    if group is not None:
        args["base_url"] = "/groups/%s" % _ids.path_segment(group, "group")
    return args


def _membership(user: _t.Any, group: _t.Any) -> dict[str, _t.Any]:
    if not (user and group):
        raise exceptions.ValidationError("Specify both a user and a group")
    return {
        "base_url": "/groups/%s" % _ids.path_segment(group, "group"),
        "user_id": base.getid(user),
    }

"""Identity v3 role assignments: ``GET /v3/role_assignments`` (read-only).

Each assignment says who (``user`` or ``group``) has which ``role`` on
which ``scope`` (``project``, ``domain`` or ``system``), as nested dicts
holding ids (and names with ``include_names=True``).

Example::

    for a in keystone.role_assignments.list(user=alice, effective=True):
        print(a.role["id"], a.scope)
"""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import base, exceptions

__all__ = ["RoleAssignment", "RoleAssignmentManager"]

_SYSTEM_ALL = "all"
_INHERITED_TO = "scope.OS-INHERIT:inherited_to"


class RoleAssignment(base.Resource):
    """One assignment: ``role``, ``user`` or ``group``, ``scope``, ``links``."""

    def __repr__(self) -> str:
        info = self._info
        who = info.get("user") or info.get("group") or {}
        role = info.get("role") or {}
        return "<RoleAssignment role=%r actor=%r scope=%r>" % (
            role.get("id") if isinstance(role, dict) else role,
            who.get("id") if isinstance(who, dict) else who,
            info.get("scope"),
        )


class RoleAssignmentManager(base.CrudManager):
    """Lists role assignments; there is nothing to create, get or delete here.

    Grants are made with ``roles.grant``/``roles.revoke``; the write
    methods raise MethodNotImplemented without sending anything.
    """

    resource_class = RoleAssignment
    collection_key = "role_assignments"
    key = "role_assignment"

    def list(
        self,
        user: _t.Any = None,
        group: _t.Any = None,
        project: _t.Any = None,
        domain: _t.Any = None,
        system: _t.Any = False,
        role: _t.Any = None,
        effective: bool = False,
        os_inherit_extension_inherited_to: str | None = None,
        include_subtree: bool = False,
        include_names: bool = False,
        os_inherit_extension_inherited: bool = False,
    ) -> list[RoleAssignment]:
        """Return the assignments matching every filter given (all of them without).

        ``effective`` expands group membership and inheritance into the
        user assignments they produce; ``include_subtree`` (with
        ``project``) adds the projects below it; ``include_names`` adds
        names next to ids. ``os_inherit_extension_inherited_to="projects"``
        (or ``os_inherit_extension_inherited=True``) keeps only inherited
        assignments. ``system`` takes ``"all"``. User and group, and system,
        domain and project, exclude each other.
        """
        query = _query(
            user,
            group,
            project,
            domain,
            system,
            role,
            effective,
            os_inherit_extension_inherited_to,
            include_subtree,
            include_names,
            os_inherit_extension_inherited,
        )
        return super().list(**query)

    def iterate(self, **kwargs: _t.Any) -> _t.Iterator[RoleAssignment]:
        """Like :meth:`list` (same keywords), yielding assignments as pages arrive.

        Keystone 30 answers role assignments in one page whatever the limit.
        """
        return super().iterate(**_query(**kwargs))

    def create(self, **kwargs: _t.Any) -> _t.NoReturn:
        """Not supported: use ``roles.grant``."""
        raise exceptions.MethodNotImplemented("Role assignments are made with roles.grant()")

    def update(self, **kwargs: _t.Any) -> _t.NoReturn:
        """Not supported: revoke the grant and grant another."""
        raise exceptions.MethodNotImplemented(
            "Role assignments cannot be updated: use roles.revoke() then roles.grant()"
        )

    def get(self, **kwargs: _t.Any) -> _t.NoReturn:
        """Not supported: use :meth:`list` with filters, or ``roles.check``."""
        raise exceptions.MethodNotImplemented(
            "Role assignments have no id to get: use list() with filters or roles.check()"
        )

    def find(self, **kwargs: _t.Any) -> _t.NoReturn:
        """Not supported: use :meth:`list` with filters."""
        raise exceptions.MethodNotImplemented("Use role_assignments.list() with filters")

    def put(self, **kwargs: _t.Any) -> _t.NoReturn:
        """Not supported: use ``roles.grant``."""
        raise exceptions.MethodNotImplemented("Role assignments are made with roles.grant()")

    def delete(self, **kwargs: _t.Any) -> _t.NoReturn:
        """Not supported: use ``roles.revoke``."""
        raise exceptions.MethodNotImplemented("Role assignments are removed with roles.revoke()")


def _inherited_to(value: str | None, inherited: bool) -> str | None:
    if value is not None and value is not True and value != "projects":
        raise exceptions.ValidationError(
            "os_inherit_extension_inherited_to takes 'projects', got %r" % (value,)
        )
    return "projects" if (value or inherited) else None


def _check_exclusive(
    user: _t.Any, group: _t.Any, project: _t.Any, domain: _t.Any, system: _t.Any
) -> None:
    if user and group:
        raise exceptions.ValidationError("Specify either a user or a group, not both")
    targets = [n for n, v in (("system", system), ("domain", domain), ("project", project)) if v]
    if len(targets) > 1:
        raise exceptions.ValidationError(
            "Specify only one of system, domain or project (got %s)" % " and ".join(targets)
        )
    if system and system != _SYSTEM_ALL:
        raise exceptions.ValidationError(
            "Only a system scope of %r is supported, got %r" % (_SYSTEM_ALL, system)
        )


def _query(
    user: _t.Any = None,
    group: _t.Any = None,
    project: _t.Any = None,
    domain: _t.Any = None,
    system: _t.Any = False,
    role: _t.Any = None,
    effective: bool = False,
    os_inherit_extension_inherited_to: str | None = None,
    include_subtree: bool = False,
    include_names: bool = False,
    os_inherit_extension_inherited: bool = False,
) -> dict[str, _t.Any]:
    _check_exclusive(user, group, project, domain, system)
    inherited_to = _inherited_to(os_inherit_extension_inherited_to, os_inherit_extension_inherited)
    # Keystone reads a flag as true when present with any value but "0", so
    # false flags are left out rather than sent as "False".
    pairs = (
        ("user.id", base.getid(user) if user else None),
        ("group.id", base.getid(group) if group else None),
        ("scope.project.id", base.getid(project) if project else None),
        ("scope.domain.id", base.getid(domain) if domain else None),
        ("scope.system", system or None),
        ("role.id", base.getid(role) if role else None),
        ("effective", True if effective else None),
        ("include_names", True if include_names else None),
        (_INHERITED_TO, inherited_to),
        ("include_subtree", True if include_subtree else None),
    )
    return {k: v for k, v in pairs if v is not None}

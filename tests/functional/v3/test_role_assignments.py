"""Role assignments against the real Keystone."""

from __future__ import annotations

import pytest

from stackclient.apiclient import exceptions
from stackclient.v3 import role_assignments


@pytest.fixture
def setup(admin, cleanup, unique, domain, project, member_role):
    user = admin.users.create(unique("user"), domain=domain)
    cleanup.add(admin.users.delete, user)
    group = admin.groups.create(unique("grp"), domain=domain)
    cleanup.add(admin.groups.delete, group)
    child = admin.projects.create(unique("child"), domain, parent=project)
    cleanup.add(admin.projects.delete, child)
    admin.users.add_to_group(user, group)
    admin.roles.grant(member_role, user=user, project=project)
    admin.roles.grant(member_role, group=group, domain=domain)
    admin.roles.grant(member_role, group=group, project=child)
    return user, group, child


def _keys(assignments):
    out = set()
    for a in assignments:
        actor = ("user", a.user["id"]) if hasattr(a, "user") else ("group", a.group["id"])
        scope = next(iter(a.scope.items()))
        out.add((actor, a.role["id"], scope[0], scope[1].get("id")))
    return out


def test_filters(admin, setup, project, domain, member_role):
    user, group, child = setup
    ra = admin.role_assignments

    by_user = ra.list(user=user)
    assert all(isinstance(a, role_assignments.RoleAssignment) for a in by_user)
    assert _keys(by_user) == {(("user", user.id), member_role.id, "project", project.id)}

    assert _keys(ra.list(group=group)) == {
        (("group", group.id), member_role.id, "domain", domain.id),
        (("group", group.id), member_role.id, "project", child.id),
    }
    assert {k[0] for k in _keys(ra.list(project=child))} == {("group", group.id)}
    assert {k[0] for k in _keys(ra.list(domain=domain))} == {("group", group.id)}
    assert _keys(ra.list(user=user, role=member_role)) == _keys(by_user)


def test_effective_expands_groups_and_implied_roles(admin, setup, project, member_role):
    user, group, child = setup
    effective = admin.role_assignments.list(user=user, effective=True)
    scopes = {(k[2], k[3]) for k in _keys(effective)}
    assert ("project", child.id) in scopes  # through the group
    assert ("project", project.id) in scopes
    reader = admin.roles.find(name="reader")
    assert reader.id in {k[1] for k in _keys(effective)}  # member implies reader


def test_include_subtree_and_names(admin, setup, project, member_role):
    user, group, child = setup
    subtree = admin.role_assignments.list(project=project, include_subtree=True)
    assert {k[3] for k in _keys(subtree)} == {project.id, child.id}
    named = admin.role_assignments.list(user=user, include_names=True)
    assert named[0].role["name"] == "member"
    assert named[0].user["name"] == user.name


def test_system_scope(admin):
    found = admin.role_assignments.list(system="all")
    assert any(a.scope.get("system") == {"all": True} for a in found)


def test_invalid_filters_are_refused(admin, setup, project, domain):
    user, group, _ = setup
    with pytest.raises(exceptions.ValidationError):
        admin.role_assignments.list(user=user, group=group)
    with pytest.raises(exceptions.ValidationError):
        admin.role_assignments.list(project=project, domain=domain)
    # Keystone refuses effective + group itself.
    with pytest.raises(exceptions.BadRequest):
        admin.role_assignments.list(group=group, effective=True)


def test_iterate(admin, setup):
    user, _, _ = setup
    assert [a.role for a in admin.role_assignments.iterate(user=user)] == [
        a.role for a in admin.role_assignments.list(user=user)
    ]

"""Projects, their hierarchy and tags against the real Keystone."""

from __future__ import annotations

import pytest

from stackclient.apiclient import exceptions
from stackclient.v3 import projects


def test_crud(admin, cleanup, unique, domain):
    name = unique("proj")
    proj = admin.projects.create(name, domain, description="first")
    cleanup.add(admin.projects.delete, proj)
    assert isinstance(proj, projects.Project)
    assert (proj.name, proj.domain_id, proj.enabled, proj.tags) == (name, domain.id, True, [])

    got = admin.projects.get(proj.id)
    assert got == proj and got.description == "first"
    assert [p.id for p in admin.projects.list(domain=domain)] == [proj.id]
    assert admin.projects.find(name=name, domain_id=domain.id).id == proj.id

    updated = admin.projects.update(proj, description="second", enabled=False)
    assert (updated.description, updated.enabled) == ("second", False)
    assert [p.id for p in admin.projects.list(domain=domain, enabled=False)] == [proj.id]
    assert admin.projects.list(domain=domain, enabled=True) == []

    admin.projects.delete(proj)
    with pytest.raises(exceptions.NotFound):
        admin.projects.get(proj.id)


def test_resource_update_refreshes_in_place(admin, project):
    assert project.update(description="via resource") is project
    assert project.description == "via resource"
    assert admin.projects.get(project).description == "via resource"


def test_unknown_project_is_not_found(admin):
    with pytest.raises(exceptions.NotFound):
        admin.projects.get("no-such-project")
    with pytest.raises(exceptions.NotFound):
        admin.projects.update("no-such-project", name="x")


def test_hierarchy(admin, cleanup, unique, domain, project, member_role):
    child = admin.projects.create(unique("child"), domain, parent=project)
    cleanup.add(admin.projects.delete, child)
    grandchild = admin.projects.create(unique("gchild"), domain, parent=child.id)
    cleanup.add(admin.projects.delete, grandchild)
    assert child.parent_id == project.id

    assert [p.id for p in admin.projects.list(parent=project)] == [child.id]

    top = admin.projects.get(project, subtree_as_ids=True)
    assert top.subtree == {child.id: {grandchild.id: None}}
    bottom = admin.projects.get(grandchild, parents_as_ids=True)
    assert bottom.parents == {child.id: {project.id: {domain.id: None}}}

    # *_as_list only shows projects the caller has a role on.
    unlisted = admin.projects.get(child, parents_as_list=True, subtree_as_list=True)
    assert (unlisted.parents, unlisted.subtree) == ([], [])
    for target in (project, grandchild):
        admin.roles.grant(member_role, user=admin.user_id, project=target)
        cleanup.add(admin.roles.revoke, member_role, user=admin.user_id, project=target)
    listed = admin.projects.get(child, parents_as_list=True, subtree_as_list=True)
    assert [p["project"]["id"] for p in listed.parents] == [project.id]
    assert [p["project"]["id"] for p in listed.subtree] == [grandchild.id]

    with pytest.raises(exceptions.ValidationError):
        admin.projects.get(project, subtree_as_ids=True, subtree_as_list=True)

    # A project with children cannot be deleted.
    with pytest.raises(exceptions.Forbidden):
        admin.projects.delete(child)


def test_projects_of_a_user(admin, cleanup, unique, domain, project, member_role):
    user = admin.users.create(unique("user"), domain=domain, password=unique("pw"))
    cleanup.add(admin.users.delete, user)
    assert admin.projects.list(user=user) == []
    admin.roles.grant(member_role, user=user, project=project)
    assert [p.id for p in admin.projects.list(user=user)] == [project.id]


def test_tags(admin, project):
    mgr = admin.projects
    assert mgr.list_tags(project) == []
    mgr.add_tag(project, "blue sky")
    mgr.add_tag(project, "ümlaut")
    assert sorted(mgr.list_tags(project)) == ["blue sky", "ümlaut"]
    assert mgr.check_tag(project, "blue sky") is True
    assert mgr.check_tag(project, "absent") is False
    assert [p.id for p in mgr.list(tags="blue sky")] == [project.id]
    assert mgr.list(tags="blue sky", not_tags="ümlaut") == []
    assert [p.id for p in mgr.list(tags_any="nope,ümlaut")] == [project.id]
    assert mgr.get(project).tags == mgr.list_tags(project)

    assert sorted(mgr.update_tags(project, ["a", "b"])) == ["a", "b"]
    mgr.delete_tag(project, "a")
    assert mgr.list_tags(project) == ["b"]
    with pytest.raises(exceptions.NotFound):
        mgr.delete_tag(project, "a")
    mgr.delete_tags(project)
    assert mgr.list_tags(project) == []
    with pytest.raises(exceptions.ValidationError):
        mgr.add_tag(project, "a/b")


def test_resource_tag_helpers(admin, project):
    project.add_tag("x")
    assert project.check_tag("x") is True
    assert project.list_tags() == ["x"]
    assert sorted(project.update_tags(["y", "z"])) == ["y", "z"]
    project.delete_tag("y")
    assert project.list_tags() == ["z"]
    assert project.delete_all_tags() == []
    assert admin.projects.list_tags(project) == []


def test_paginated_listing(admin, cleanup, unique, domain):
    made = set()
    for i in range(5):
        proj = admin.projects.create(unique("pg%d" % i), domain)
        cleanup.add(admin.projects.delete, proj)
        made.add(proj.id)
    page = admin.projects.list(domain=domain, limit=2)
    assert len(page) == 2
    seen = [p.id for p in admin.projects.iterate(domain=domain, limit=2)]
    assert len(seen) == len(set(seen)) == 5
    assert set(seen) == made

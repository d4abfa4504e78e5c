"""Roles, grants and implied roles against the real Keystone."""

from __future__ import annotations

import pytest

from stackclient.apiclient import exceptions
from stackclient.v3 import roles


@pytest.fixture
def role(admin, cleanup, unique):
    made = admin.roles.create(unique("role"))
    cleanup.add(admin.roles.delete, made)
    return made


@pytest.fixture
def user(admin, cleanup, unique, domain):
    made = admin.users.create(unique("user"), domain=domain)
    cleanup.add(admin.users.delete, made)
    return made


@pytest.fixture
def group(admin, cleanup, unique, domain):
    made = admin.groups.create(unique("grp"), domain=domain)
    cleanup.add(admin.groups.delete, made)
    return made


def test_crud(admin, cleanup, unique):
    name = unique("role")
    role = admin.roles.create(name, description="first")
    cleanup.add(admin.roles.delete, role)
    assert isinstance(role, roles.Role)
    assert (role.name, role.domain_id) == (name, None)
    assert admin.roles.get(role.id) == role
    assert [r.id for r in admin.roles.list(name=name)] == [role.id]
    assert admin.roles.find(name=name).id == role.id
    assert admin.roles.update(role, description="second").description == "second"
    admin.roles.delete(role)
    with pytest.raises(exceptions.NotFound):
        admin.roles.get(role.id)


def test_domain_specific_role(admin, cleanup, unique, domain):
    role = admin.roles.create(unique("drole"), domain=domain)
    cleanup.add(admin.roles.delete, role)
    assert role.domain_id == domain.id
    assert [r.id for r in admin.roles.list(domain=domain)] == [role.id]
    assert role.id not in [r.id for r in admin.roles.list()]


def test_unknown_role_is_not_found(admin):
    with pytest.raises(exceptions.NotFound):
        admin.roles.get("no-such-role")


TARGETS = ["project", "domain", "system"]


def _target(name, project, domain):
    return {"project": project, "domain": domain, "system": "all"}[name]


@pytest.mark.parametrize("actor_kind", ["user", "group"])
@pytest.mark.parametrize("target_kind", TARGETS)
def test_grant_check_list_revoke(
    admin, role, user, group, project, domain, actor_kind, target_kind
):
    actor = {actor_kind: user if actor_kind == "user" else group}
    target = {target_kind: _target(target_kind, project, domain)}
    mgr = admin.roles

    with pytest.raises(exceptions.NotFound):
        mgr.check(role, **actor, **target)
    assert mgr.grant(role, **actor, **target) is None
    assert mgr.check(role, **actor, **target) is True
    assert [r.id for r in mgr.list(**actor, **target)] == [role.id]

    mgr.revoke(role, **actor, **target)
    with pytest.raises(exceptions.NotFound):
        mgr.check(role, **actor, **target)
    assert mgr.list(**actor, **target) == []
    with pytest.raises(exceptions.NotFound):
        mgr.revoke(role, **actor, **target)


@pytest.mark.parametrize("actor_kind", ["user", "group"])
@pytest.mark.parametrize("target_kind", ["project", "domain"])
def test_inherited_grants(admin, role, user, group, project, domain, actor_kind, target_kind):
    actor = {actor_kind: user if actor_kind == "user" else group}
    target = {target_kind: _target(target_kind, project, domain)}
    inherited = {"os_inherit_extension_inherited": True}
    mgr = admin.roles

    mgr.grant(role, **actor, **target, **inherited)
    assert mgr.check(role, **actor, **target, **inherited) is True
    # An inherited grant is not a direct one on the target itself.
    with pytest.raises(exceptions.NotFound):
        mgr.check(role, **actor, **target)
    if target_kind == "domain":
        assert [r.id for r in mgr.list(**actor, **target, **inherited)] == [role.id]
    else:  # Keystone has no route listing inherited grants on a project.
        with pytest.raises(exceptions.ValidationError):
            mgr.list(**actor, **target, **inherited)
    found = admin.role_assignments.list(**actor, role=role, os_inherit_extension_inherited=True)
    assert len(found) == 1
    assert found[0].scope["OS-INHERIT:inherited_to"] == "projects"

    mgr.revoke(role, **actor, **target, **inherited)
    with pytest.raises(exceptions.NotFound):
        mgr.check(role, **actor, **target, **inherited)


def test_grant_of_unknown_role_is_not_found(admin, user, project):
    with pytest.raises(exceptions.NotFound):
        admin.roles.grant("no-such-role", user=user, project=project)


def test_iterate_stops_on_repeated_page(admin, cleanup, unique):
    # Keystone ignores marker for roles: following "next" repeats the page.
    for _ in range(3):
        cleanup.add(admin.roles.delete, admin.roles.create(unique("pg")))
    page = admin.roles.list(limit=2)
    assert len(page) == 2
    walked = [r.id for r in admin.roles.iterate(limit=2)]
    assert len(walked) == len(set(walked))
    assert walked == [r.id for r in page]


def test_implied_roles(admin, cleanup, unique):
    prior = admin.roles.create(unique("prior"))
    cleanup.add(admin.roles.delete, prior)
    implied = admin.roles.create(unique("implied"))
    cleanup.add(admin.roles.delete, implied)
    other = admin.roles.create(unique("other"))
    cleanup.add(admin.roles.delete, other)
    rules = admin.inference_rules

    with pytest.raises(exceptions.NotFound):
        rules.check(prior, implied)
    rule = rules.create(prior, implied)
    assert isinstance(rule, roles.InferenceRule)
    assert (rule.prior_role["id"], rule.implies["id"]) == (prior.id, implied.id)
    with pytest.raises(exceptions.Conflict):
        rules.create(prior, implied)
    rules.create(prior, other)

    assert rules.check(prior, implied) is True
    assert rules.get(prior, implied).implies["name"] == implied.name
    listed = rules.list(prior)
    assert sorted(r["id"] for r in listed.implies) == sorted([implied.id, other.id])
    everything = rules.list_inference_roles()
    assert prior.id in [r.prior_role["id"] for r in everything]

    rules.delete(prior, other)
    with pytest.raises(exceptions.NotFound):
        rules.get(prior, other)
    assert [r["id"] for r in rules.list(prior).implies] == [implied.id]


def test_bootstrap_implied_chain(admin):
    # realcloud.md: admin implies manager implies member implies reader.
    by_name = {r.name: r for r in admin.roles.list()}
    assert admin.inference_rules.check(by_name["admin"], by_name["manager"])
    assert admin.inference_rules.check(by_name["member"], by_name["reader"])

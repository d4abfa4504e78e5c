"""Groups against the real Keystone."""

from __future__ import annotations

import pytest

from stackclient.apiclient import exceptions
from stackclient.v3 import groups


def test_crud(admin, cleanup, unique, domain):
    name = unique("grp")
    group = admin.groups.create(name, domain=domain, description="first")
    cleanup.add(admin.groups.delete, group)
    assert isinstance(group, groups.Group)
    assert (group.name, group.domain_id, group.description) == (name, domain.id, "first")

    assert admin.groups.get(group.id) == group
    assert [g.id for g in admin.groups.list(domain=domain)] == [group.id]
    assert admin.groups.find(name=name, domain_id=domain.id).id == group.id

    assert admin.groups.update(group, description="second").description == "second"
    assert group.update(name=name + "-x") is group
    assert admin.groups.get(group).name == name + "-x"

    admin.groups.delete(group)
    with pytest.raises(exceptions.NotFound):
        admin.groups.get(group.id)


def test_duplicate_name_conflicts(admin, cleanup, unique, domain):
    name = unique("grp")
    cleanup.add(admin.groups.delete, admin.groups.create(name, domain=domain))
    with pytest.raises(exceptions.Conflict):
        admin.groups.create(name, domain=domain)


def test_unknown_group_is_not_found(admin):
    with pytest.raises(exceptions.NotFound):
        admin.groups.get("no-such-group")


def test_paginated_listing(admin, cleanup, unique, domain):
    made = set()
    for _ in range(5):
        group = admin.groups.create(unique("pg"), domain=domain)
        cleanup.add(admin.groups.delete, group)
        made.add(group.id)
    seen = [g.id for g in admin.groups.iterate(domain=domain, limit=2)]
    assert len(seen) == len(set(seen))
    assert set(seen) == made

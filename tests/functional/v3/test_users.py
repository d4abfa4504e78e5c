"""Users, group membership and password change against the real Keystone."""

from __future__ import annotations

import logging
import time

import pytest

from stackclient.apiclient import exceptions
from stackclient.v3 import users

from .conftest import make_client


def test_crud(admin, cleanup, unique, domain, project):
    name = unique("user")
    user = admin.users.create(
        name,
        domain=domain,
        password=unique("pw"),
        email="a@example.test",
        description="first",
        default_project=project,
    )
    cleanup.add(admin.users.delete, user)
    assert isinstance(user, users.User)
    assert (user.name, user.domain_id, user.default_project_id) == (name, domain.id, project.id)
    assert not hasattr(user, "password")

    assert admin.users.get(user.id).email == "a@example.test"
    assert [u.id for u in admin.users.list(domain=domain)] == [user.id]
    assert [u.id for u in admin.users.list(domain=domain, default_project=project)] == [user.id]
    assert admin.users.find(name=name, domain_id=domain.id).id == user.id

    updated = admin.users.update(user, description="second", enabled=False)
    assert (updated.description, updated.enabled) == ("second", False)
    assert admin.users.list(domain=domain, enabled=True) == []

    admin.users.delete(user)
    with pytest.raises(exceptions.NotFound):
        admin.users.get(user.id)


def test_unknown_user_is_not_found(admin):
    with pytest.raises(exceptions.NotFound):
        admin.users.get("no-such-user")
    with pytest.raises(exceptions.NotFound):
        admin.users.delete("no-such-user")


def test_group_membership(admin, cleanup, unique, domain):
    user = admin.users.create(unique("user"), domain=domain)
    cleanup.add(admin.users.delete, user)
    group = admin.groups.create(unique("grp"), domain=domain)
    cleanup.add(admin.groups.delete, group)

    with pytest.raises(exceptions.NotFound):
        admin.users.check_in_group(user, group)
    admin.users.add_to_group(user, group)
    assert admin.users.check_in_group(user, group) is True
    assert [u.id for u in admin.users.list(group=group)] == [user.id]
    assert [g.id for g in admin.groups.list(user=user)] == [group.id]

    admin.users.remove_from_group(user, group)
    assert admin.users.list(group=group) == []
    with pytest.raises(exceptions.NotFound):
        admin.users.remove_from_group(user, group)


def test_update_password(keystone, admin, cleanup, unique, domain, project, member_role):
    name, old, new = unique("user"), unique("old"), unique("new")
    user = admin.users.create(name, domain=domain, password=old)
    cleanup.add(admin.users.delete, user)
    admin.roles.grant(member_role, user=user, project=project)

    def login(password):
        return make_client(
            keystone.auth_url, name, password, project_id=project.id, user_domain_id=domain.id
        )

    me = login(old)
    assert me.user_id == user.id
    with pytest.raises(exceptions.Unauthorized):
        me.users.update_password("wrong-" + old, new)
    me.users.update_password(old, new)
    # Keystone revokes the user's tokens with one-second precision: a token
    # issued in the same second as the change is refused (401) when used.
    time.sleep(1.1)

    assert login(new).projects.list(user=user.id)[0].id == project.id
    with pytest.raises(exceptions.Unauthorized):
        login(old).user_id  # noqa: B018 -- authenticates


def test_admin_sets_password(keystone, admin, cleanup, unique, domain, project, member_role):
    name, pw = unique("user"), unique("pw")
    user = admin.users.create(name, domain=domain, password=unique("first"))
    cleanup.add(admin.users.delete, user)
    admin.roles.grant(member_role, user=user, project=project)
    admin.users.update(user, password=pw)
    client = make_client(
        keystone.auth_url, name, pw, project_id=project.id, user_domain_id=domain.id
    )
    assert client.user_id == user.id


def test_paginated_listing(admin, cleanup, unique, domain):
    made = set()
    for _ in range(5):
        user = admin.users.create(unique("pg"), domain=domain)
        cleanup.add(admin.users.delete, user)
        made.add(user.id)
    assert len(admin.users.list(domain=domain, limit=2)) == 2
    seen = [u.id for u in admin.users.iterate(domain=domain, limit=2)]
    assert len(seen) == len(set(seen))
    assert set(seen) == made


def test_passwords_stay_out_of_the_debug_log(
    keystone, admin, cleanup, unique, domain, project, member_role, caplog
):
    caplog.set_level(logging.DEBUG, logger="stackclient")
    name, old, new, reset = unique("user"), unique("OLD"), unique("NEW"), unique("RESET")
    user = admin.users.create(name, domain=domain, password=old)
    cleanup.add(admin.users.delete, user)
    admin.roles.grant(member_role, user=user, project=project)
    me = make_client(keystone.auth_url, name, old, project_id=project.id, user_domain_id=domain.id)
    me.users.update_password(old, new)
    admin.users.update(user, password=reset)
    assert caplog.records
    for secret in (old, new, reset):
        assert secret not in caplog.text

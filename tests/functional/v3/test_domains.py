"""Domains against the real Keystone."""

from __future__ import annotations

import pytest

from stackclient.apiclient import exceptions
from stackclient.v3 import domains


def test_crud(admin, cleanup, unique):
    name = unique("dom")
    dom = admin.domains.create(name, description="first")
    cleanup.add(admin.domains.delete, dom)
    cleanup.add(admin.domains.update, dom, enabled=False)
    assert isinstance(dom, domains.Domain)
    assert (dom.name, dom.description, dom.enabled) == (name, "first", True)

    assert admin.domains.get(dom.id) == dom
    assert [d.id for d in admin.domains.list(name=name)] == [dom.id]
    assert admin.domains.find(name=name).id == dom.id

    updated = admin.domains.update(dom, description="second", enabled=False)
    assert (updated.description, updated.enabled) == ("second", False)
    assert dom.id in [d.id for d in admin.domains.list(enabled=False)]
    assert dom.id not in [d.id for d in admin.domains.list(enabled=True)]

    admin.domains.delete(dom)
    with pytest.raises(exceptions.NotFound):
        admin.domains.get(dom.id)


def test_enabled_domain_cannot_be_deleted(admin, domain):
    with pytest.raises(exceptions.Forbidden) as info:
        admin.domains.delete(domain)
    assert info.value.http_status == 403
    assert "disable" in str(info.value)
    assert admin.domains.get(domain).enabled is True


def test_unknown_domain_is_not_found(admin):
    with pytest.raises(exceptions.NotFound):
        admin.domains.get("no-such-domain")


def test_iterate_follows_markers(admin, cleanup, unique):
    prefix = unique("pg")
    made = []
    for i in range(5):
        dom = admin.domains.create("%s-%d" % (prefix, i))
        cleanup.add(admin.domains.delete, dom)
        cleanup.add(admin.domains.update, dom, enabled=False)
        made.append(dom.id)
    first_page = admin.domains.list(limit=2)
    assert len(first_page) == 2
    seen = [d.id for d in admin.domains.iterate(limit=2)]
    assert len(seen) == len(set(seen))
    assert set(made) <= set(seen)

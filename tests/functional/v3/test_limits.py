"""Unified limits against a real Keystone: registered limits, then project limits."""

from __future__ import annotations

import typing as _t

import pytest

from stackclient.apiclient import exceptions
from stackclient.v3 import client as v3_client


@pytest.fixture
def service(admin: v3_client.Client, cleanup: _t.Any, unique: _t.Any) -> _t.Any:
    svc = admin.services.create(unique("svc"), type=unique("type"))
    cleanup.add(admin.services.delete, svc)
    return svc


@pytest.fixture
def region(admin: v3_client.Client, cleanup: _t.Any, unique: _t.Any) -> _t.Any:
    reg = admin.regions.create(id=unique("region"), description="limits test")
    cleanup.add(admin.regions.delete, reg)
    return reg


def test_registered_limit_lifecycle(
    admin: v3_client.Client, cleanup: _t.Any, service: _t.Any, region: _t.Any
) -> None:
    reg = admin.registered_limits.create(
        service, "cores", 10, description="default cores", region=region
    )
    cleanup.add(admin.registered_limits.delete, reg)
    assert (reg.service_id, reg.region_id, reg.resource_name) == (service.id, region.id, "cores")
    assert reg.default_limit == 10

    assert admin.registered_limits.get(reg).default_limit == 10
    listed = admin.registered_limits.list(service=service, region=region, resource_name="cores")
    assert [r.id for r in listed] == [reg.id]
    assert admin.registered_limits.list(service=service, resource_name="ram") == []

    updated = admin.registered_limits.update(reg, default_limit=12, description="more")
    assert (updated.default_limit, updated.description) == (12, "more")

    admin.registered_limits.delete(reg)
    with pytest.raises(exceptions.NotFound):
        admin.registered_limits.get(reg)


def test_project_limit_lifecycle(
    admin: v3_client.Client, cleanup: _t.Any, service: _t.Any, region: _t.Any, project: _t.Any
) -> None:
    reg = admin.registered_limits.create(service, "ram", 1024, region=region)
    cleanup.add(admin.registered_limits.delete, reg)

    limit = admin.limits.create(project, service, "ram", 2048, description="big", region=region)
    cleanup.add(admin.limits.delete, limit)
    assert (limit.project_id, limit.service_id, limit.region_id) == (
        project.id,
        service.id,
        region.id,
    )
    assert limit.resource_limit == 2048

    assert admin.limits.get(limit.id).description == "big"
    found = admin.limits.list(service=service, region=region, resource_name="ram")
    assert [x.id for x in found] == [limit.id]
    assert [x.id for x in admin.limits.list(project_id=project.id)] == [limit.id]

    updated = admin.limits.update(limit, resource_limit=4096, description="bigger")
    assert (updated.resource_limit, updated.description) == (4096, "bigger")

    # A registered limit in use by a project limit cannot be deleted (403).
    with pytest.raises(exceptions.Forbidden):
        admin.registered_limits.delete(reg)
    admin.limits.delete(limit)
    with pytest.raises(exceptions.NotFound):
        admin.limits.get(limit)
    admin.registered_limits.delete(reg)


def test_project_limit_needs_a_registered_limit(
    admin: v3_client.Client, service: _t.Any, project: _t.Any
) -> None:
    with pytest.raises(exceptions.Forbidden) as info:
        admin.limits.create(project, service, "unregistered", 1)
    assert "registered limit" in str(info.value)


def test_only_the_limit_value_and_description_can_change(
    admin: v3_client.Client, cleanup: _t.Any, service: _t.Any, project: _t.Any
) -> None:
    reg = admin.registered_limits.create(service, "disk", 1)
    cleanup.add(admin.registered_limits.delete, reg)
    limit = admin.limits.create(project, service, "disk", 2)
    cleanup.add(admin.limits.delete, limit)
    with pytest.raises(exceptions.BadRequest):
        admin.limits.update(limit, project=project)

"""Services, endpoints and regions against the real Keystone."""

from __future__ import annotations

import warnings

import pytest

from stackclient.apiclient import exceptions
from stackclient.v3 import endpoints, regions, services


@pytest.fixture
def service(admin, cleanup, unique):
    made = admin.services.create(unique("svc"), type=unique("type"), description="test")
    cleanup.add(admin.services.delete, made)
    return made


@pytest.fixture
def region(admin, cleanup, unique):
    made = admin.regions.create(id=unique("Region"), description="test region")
    cleanup.add(admin.regions.delete, made)
    return made


def test_services_crud(admin, cleanup, unique):
    name, type_ = unique("svc"), unique("type")
    svc = admin.services.create(name, type=type_, description="first")
    cleanup.add(admin.services.delete, svc)
    assert isinstance(svc, services.Service)
    assert (svc.name, svc.type, svc.enabled) == (name, type_, True)
    assert admin.services.get(svc.id) == svc
    assert [s.id for s in admin.services.list(type=type_)] == [svc.id]
    assert [s.id for s in admin.services.list(service_type=type_)] == [svc.id]
    assert admin.services.find(name=name).id == svc.id
    updated = admin.services.update(svc, enabled=False, description="second")
    assert (updated.enabled, updated.description) == (False, "second")
    admin.services.delete(id=svc.id)
    with pytest.raises(exceptions.NotFound):
        admin.services.get(svc.id)


def test_regions_crud(admin, cleanup, unique, region):
    child_id = unique("Child")
    child = admin.regions.create(id=child_id, parent_region=region)
    cleanup.add(admin.regions.delete, child)
    assert isinstance(child, regions.Region)
    assert (child.id, child.parent_region_id) == (child_id, region.id)
    assert admin.regions.get(child_id) == child
    assert [r.id for r in admin.regions.list(parent_region_id=region.id)] == [child_id]
    assert admin.regions.update(child, description="moved").description == "moved"
    # Deleting a region deletes its child regions too.
    admin.regions.delete(region)
    with pytest.raises(exceptions.NotFound):
        admin.regions.get(child_id)


def test_region_with_endpoints_cannot_be_deleted(admin, cleanup, unique, region, service):
    child = admin.regions.create(id=unique("Child"), parent_region=region)
    cleanup.add(admin.regions.delete, child)
    ep = admin.endpoints.create(service, "http://svc.test", interface="public", region=child)
    cleanup.add(admin.endpoints.delete, ep)
    with pytest.raises(exceptions.Forbidden) as info:
        admin.regions.delete(region)
    assert "endpoints" in str(info.value)


def test_region_with_server_chosen_id(admin, cleanup):
    made = admin.regions.create(description="no id given")
    cleanup.add(admin.regions.delete, made)
    assert made.id


def test_region_enabled_is_deprecated(admin, cleanup, unique):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        made = admin.regions.create(id=unique("R"), enabled=True)
    cleanup.add(admin.regions.delete, made)
    assert DeprecationWarning in [w.category for w in caught]


def test_endpoints_crud(admin, cleanup, service, region):
    ep = admin.endpoints.create(service, "http://svc.test:1/v1", interface="public", region=region)
    cleanup.add(admin.endpoints.delete, ep)
    assert isinstance(ep, endpoints.Endpoint)
    assert (ep.service_id, ep.interface, ep.region_id, ep.enabled) == (
        service.id,
        "public",
        region.id,
        True,
    )
    internal = admin.endpoints.create(
        service, "http://svc.test:2/v1", interface="internal", region=region.id
    )
    cleanup.add(admin.endpoints.delete, internal)
    assert internal.region_id == region.id

    assert admin.endpoints.get(ep.id) == ep
    assert {e.id for e in admin.endpoints.list(service=service)} == {ep.id, internal.id}
    assert [e.id for e in admin.endpoints.list(service=service, interface="internal")] == [
        internal.id
    ]
    assert {e.id for e in admin.endpoints.list(region=region)} == {ep.id, internal.id}

    updated = admin.endpoints.update(ep, url="http://svc.test:3/v1", enabled=False)
    assert (updated.url, updated.enabled) == ("http://svc.test:3/v1", False)
    admin.endpoints.delete(ep)
    with pytest.raises(exceptions.NotFound):
        admin.endpoints.get(ep.id)


def test_endpoint_of_unknown_service(admin):
    with pytest.raises(exceptions.BadRequest):
        admin.endpoints.create("no-such-service", "http://x", interface="public")


def test_endpoints_iterate_stops_on_repeated_page(admin, cleanup, service):
    for port in range(3):
        made = admin.endpoints.create(service, "http://svc.test:%d" % port, interface="admin")
        cleanup.add(admin.endpoints.delete, made)
    page = admin.endpoints.list(limit=2)
    assert len(page) == 2
    walked = [e.id for e in admin.endpoints.iterate(limit=2)]
    assert len(walked) == len(set(walked))
    assert walked == [e.id for e in page]

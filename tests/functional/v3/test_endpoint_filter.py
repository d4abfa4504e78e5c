"""OS-EP-FILTER against a real Keystone: project-endpoint associations and endpoint groups."""

from __future__ import annotations

import typing as _t

import pytest

from stackclient.apiclient import exceptions
from stackclient.v3 import client as v3_client


@pytest.fixture
def endpoint(admin: v3_client.Client, cleanup: _t.Any, unique: _t.Any) -> _t.Any:
    svc = admin.services.create(unique("svc"), type=unique("type"))
    cleanup.add(admin.services.delete, svc)
    ep = admin.endpoints.create(svc, "http://%s.example/v1" % unique("ep"), interface="public")
    cleanup.add(admin.endpoints.delete, ep)
    return ep


def test_endpoint_project_association(
    admin: v3_client.Client, project: _t.Any, endpoint: _t.Any, cleanup: _t.Any
) -> None:
    ef = admin.endpoint_filter
    ef.add_endpoint_to_project(project, endpoint)
    cleanup.add(ef.delete_endpoint_from_project, project, endpoint)

    assert ef.check_endpoint_in_project(project, endpoint) is True
    assert endpoint.id in [e.id for e in ef.list_endpoints_for_project(project)]
    assert [p.id for p in ef.list_projects_for_endpoint(endpoint)] == [project.id]

    ef.delete_endpoint_from_project(project, endpoint)
    with pytest.raises(exceptions.NotFound):
        ef.check_endpoint_in_project(project, endpoint)
    assert ef.list_projects_for_endpoint(endpoint) == []


def test_endpoint_group_lifecycle_and_association(
    admin: v3_client.Client, project: _t.Any, endpoint: _t.Any, cleanup: _t.Any, unique: _t.Any
) -> None:
    name = unique("epg")
    group = admin.endpoint_groups.create(
        name, filters={"service_id": endpoint.service_id}, description="functional"
    )
    cleanup.add(admin.endpoint_groups.delete, group)
    assert group.filters == {"service_id": endpoint.service_id}

    assert admin.endpoint_groups.get(group).name == name
    assert admin.endpoint_groups.check(group) is True
    assert group.id in [g.id for g in admin.endpoint_groups.list()]
    assert admin.endpoint_groups.find(name=name).id == group.id
    updated = admin.endpoint_groups.update(
        group, filters={"service_id": endpoint.service_id, "interface": "public"}
    )
    assert updated.filters["interface"] == "public"

    ef = admin.endpoint_filter
    ef.add_endpoint_group_to_project(group, project)
    cleanup.add(ef.delete_endpoint_group_from_project, group, project)
    assert ef.check_endpoint_group_in_project(group, project) is True
    assert [g.id for g in ef.list_endpoint_groups_for_project(project)] == [group.id]
    assert [p.id for p in ef.list_projects_for_endpoint_group(group)] == [project.id]
    # The group's endpoints count as the project's endpoints.
    assert endpoint.id in [e.id for e in ef.list_endpoints_for_project(project)]

    ef.delete_endpoint_group_from_project(group, project)
    with pytest.raises(exceptions.NotFound):
        ef.check_endpoint_group_in_project(group, project)

    admin.endpoint_groups.delete(group)
    with pytest.raises(exceptions.NotFound):
        admin.endpoint_groups.check(group)

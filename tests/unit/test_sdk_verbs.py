"""openstacksdk-style verbs on the identity clients: ``projects()``, ``list_projects()``, ...

Built over a v3 ``Client`` with an endpoint override and no auth, every
request answered by requests-mock, so each test says what goes over the wire.
"""

from __future__ import annotations

import collections.abc

import pytest
import requests_mock as rm

from stackclient import adapter, session
from stackclient.apiclient import exceptions
from stackclient.v2_0 import client as v2_client
from stackclient.v3 import client as v3_client

URL = "http://keystone.test/v3"


@pytest.fixture
def keystone() -> v3_client.Client:
    return v3_client.Client(session=session.Session(), endpoint_override=URL)


@pytest.fixture
def mock() -> rm.Mocker:
    with rm.Mocker() as mocker:
        yield mocker


def _projects(*names: str, next_url: str | None = None) -> dict:
    items = [{"id": "id-" + name, "name": name} for name in names]
    return {"projects": items, "links": {"next": next_url}}


def test_calling_a_manager_is_a_generator_over_every_page(keystone, mock) -> None:
    mock.get(
        URL + "/projects?limit=2",
        json=_projects("a", "b", next_url=URL + "/projects?marker=id-b&limit=2"),
    )
    mock.get(URL + "/projects?marker=id-b&limit=2", json=_projects("c"))
    projects = keystone.projects(limit=2)
    assert isinstance(projects, collections.abc.Iterator)
    assert mock.call_count == 0
    assert [p.name for p in projects] == ["a", "b", "c"]
    assert [r.qs for r in mock.request_history] == [
        {"limit": ["2"]},
        {"marker": ["id-b"], "limit": ["2"]},
    ]


def test_list_verb_is_the_managers_list(keystone, mock) -> None:
    mock.get(URL + "/projects?name=x", json=_projects("x"))
    assert [p.id for p in keystone.list_projects(name="x")] == ["id-x"]
    assert mock.last_request.qs == {"name": ["x"]}


def test_get_verb(keystone, mock) -> None:
    mock.get(URL + "/projects/p1", json={"project": {"id": "p1", "name": "one"}})
    assert keystone.get_project("p1").name == "one"


def test_find_goes_by_id_then_by_name(keystone, mock) -> None:
    mock.get(URL + "/projects/zuul", status_code=404, json={"error": {"message": "no"}})
    mock.get(URL + "/projects?name=zuul", json=_projects("zuul"))
    assert keystone.find_project("zuul").id == "id-zuul"
    assert [r.path_url for r in mock.request_history] == [
        "/v3/projects/zuul",
        "/v3/projects?name=zuul",
    ]


def test_find_missing_is_none_or_not_found(keystone, mock) -> None:
    mock.get(URL + "/projects/nope", status_code=404, json={"error": {"message": "no"}})
    mock.get(URL + "/projects?name=nope", json=_projects())
    assert keystone.find_project("nope") is None
    with pytest.raises(exceptions.NotFound):
        keystone.find_project("nope", ignore_missing=False)


def test_create_and_update_verbs_send_the_managers_bodies(keystone, mock) -> None:
    mock.post(URL + "/projects", status_code=201, json={"project": {"id": "n", "name": "new"}})
    mock.patch(URL + "/projects/n", json={"project": {"id": "n", "name": "renamed"}})
    assert keystone.create_project(name="new", domain="default").id == "n"
    assert mock.request_history[0].json() == {
        "project": {"domain_id": "default", "name": "new", "enabled": True}
    }
    assert keystone.update_project("n", name="renamed").name == "renamed"
    assert mock.last_request.json() == {"project": {"name": "renamed"}}


def test_delete_verb_ignores_missing_by_default(keystone, mock) -> None:
    mock.delete(URL + "/projects/gone", status_code=404, json={"error": {"message": "no"}})
    assert keystone.delete_project("gone") is None
    with pytest.raises(exceptions.NotFound):
        keystone.delete_project("gone", ignore_missing=False)


def test_plural_in_ies(keystone, mock) -> None:
    mock.get(URL + "/policies", json={"policies": [{"id": "po"}]})
    assert [p.id for p in keystone.list_policies()] == ["po"]
    mock.get(URL + "/policies/po", json={"policy": {"id": "po"}})
    assert keystone.get_policy("po").id == "po"


def test_unknown_names_are_attribute_errors_without_requests(keystone, mock) -> None:
    for name in (
        "list_nothings",
        "get_auth_ref",
        "list_service_catalog",
        "frobnicate_projects",
        "_private",
    ):
        with pytest.raises(AttributeError):
            getattr(keystone, name)
    assert mock.call_count == 0


def test_v2_managers_get_the_verbs_too(mock) -> None:
    keystone = v2_client.Client(session=session.Session(), endpoint_override="http://ks.test/v2.0")
    mock.get("http://ks.test/v2.0/tenants", json={"tenants": [{"id": "t", "name": "tn"}]})
    assert [t.name for t in keystone.list_tenants()] == ["tn"]


def test_a_manager_without_the_verb_is_an_attribute_error(keystone) -> None:
    plain = adapter.Adapter(session.Session(), endpoint_override=URL)
    with pytest.raises(AttributeError):
        plain.list_projects  # noqa: B018 - an Adapter has no managers
    assert callable(keystone.list_projects)

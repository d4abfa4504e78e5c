"""Wire tests for OS-EP-FILTER project associations."""

from __future__ import annotations

from stackclient.apiclient import base, exceptions
from stackclient.v3 import endpoint_filter, endpoint_groups, endpoints, projects
from tests.unit.v3 import utils

_EP = "OS-EP-FILTER"


class EndpointFilterTests(utils.TestCase):
    def setUp(self) -> None:
        super().setUp()
        self.manager = endpoint_filter.EndpointFilterManager(self.client)
        self.project = base.Resource(None, {"id": "p1"})
        self.endpoint = base.Resource(None, {"id": "e1"})

    def test_add_endpoint_to_project(self) -> None:
        self.stub_url("PUT", [_EP, "projects", "p1", "endpoints", "e1"], status_code=204)
        self.assertIsNone(self.manager.add_endpoint_to_project(self.project, "e1"))
        self.assertRequestIs("PUT", [_EP, "projects", "p1", "endpoints", "e1"])
        self.assertRequestBodyIs()

    def test_delete_endpoint_from_project(self) -> None:
        self.stub_url("DELETE", [_EP, "projects", "p1", "endpoints", "e1"], status_code=204)
        self.manager.delete_endpoint_from_project("p1", self.endpoint)
        self.assertRequestIs("DELETE", [_EP, "projects", "p1", "endpoints", "e1"])

    def test_check_endpoint_in_project(self) -> None:
        self.stub_url("HEAD", [_EP, "projects", "p1", "endpoints", "e1"], status_code=204)
        self.assertTrue(self.manager.check_endpoint_in_project("p1", "e1"))
        self.assertRequestIs("HEAD", [_EP, "projects", "p1", "endpoints", "e1"])

    def test_check_missing_association_raises_not_found(self) -> None:
        self.stub_url("HEAD", [_EP, "projects", "p1", "endpoints", "e1"], status_code=404)
        self.assertRaises(exceptions.NotFound, self.manager.check_endpoint_in_project, "p1", "e1")

    def test_list_endpoints_for_project(self) -> None:
        ref = {"id": "e1", "interface": "public", "url": "http://x"}
        self.stub_url("GET", [_EP, "projects", "p1", "endpoints"], json={"endpoints": [ref]})
        found = self.manager.list_endpoints_for_project(self.project)
        self.assertEqual(["e1"], [e.id for e in found])
        self.assertIsInstance(found[0], endpoints.Endpoint)
        self.assertRequestIs("GET", [_EP, "projects", "p1", "endpoints"])

    def test_list_projects_for_endpoint(self) -> None:
        self.stub_url(
            "GET", [_EP, "endpoints", "e1", "projects"], json={"projects": [{"id": "p1"}]}
        )
        found = self.manager.list_projects_for_endpoint("e1")
        self.assertIsInstance(found[0], projects.Project)
        self.assertRequestIs("GET", [_EP, "endpoints", "e1", "projects"])

    def test_endpoint_group_associations(self) -> None:
        path = [_EP, "endpoint_groups", "g1", "projects", "p1"]
        for method in ("PUT", "HEAD", "DELETE"):
            self.stub_url(method, path, status_code=204)
        self.manager.add_endpoint_group_to_project("g1", self.project)
        self.assertRequestIs("PUT", path)
        self.assertTrue(self.manager.check_endpoint_group_in_project("g1", "p1"))
        self.assertRequestIs("HEAD", path)
        self.manager.delete_endpoint_group_from_project(base.Resource(None, {"id": "g1"}), "p1")
        self.assertRequestIs("DELETE", path)

    def test_list_endpoint_groups_for_project(self) -> None:
        ref = {"id": "g1", "name": "n", "filters": {}}
        self.stub_url(
            "GET", [_EP, "projects", "p1", "endpoint_groups"], json={"endpoint_groups": [ref]}
        )
        found = self.manager.list_endpoint_groups_for_project("p1")
        self.assertIsInstance(found[0], endpoint_groups.EndpointGroup)
        self.assertRequestIs("GET", [_EP, "projects", "p1", "endpoint_groups"])

    def test_list_projects_for_endpoint_group(self) -> None:
        self.stub_url(
            "GET", [_EP, "endpoint_groups", "g1", "projects"], json={"projects": [{"id": "p1"}]}
        )
        found = self.manager.list_projects_for_endpoint_group("g1")
        self.assertEqual(["p1"], [p.id for p in found])
        self.assertRequestIs("GET", [_EP, "endpoint_groups", "g1", "projects"])

    def test_missing_arguments_are_refused_before_sending(self) -> None:
        calls = [
            (self.manager.add_endpoint_to_project, (None, "e1"), "project is required"),
            (self.manager.check_endpoint_in_project, ("p1", ""), "endpoint is required"),
            (self.manager.delete_endpoint_from_project, (None, None), "project and endpoint are"),
            (self.manager.list_endpoints_for_project, (None,), "project is required"),
            (self.manager.list_projects_for_endpoint, (None,), "endpoint is required"),
            (self.manager.add_endpoint_group_to_project, (None, "p1"), "endpoint_group is"),
            (self.manager.list_projects_for_endpoint_group, (None,), "endpoint_group is"),
        ]
        for method, args, message in calls:
            err = self.assertRaises(exceptions.ValidationError, method, *args)
            self.assertIn(message, str(err))
        self.assertEqual([], self.request_history())

    def test_ids_are_escaped(self) -> None:
        self.stub_url("PUT", [_EP, "projects", "a%2Fb", "endpoints", "e1"], status_code=204)
        self.manager.add_endpoint_to_project("a/b", "e1")
        self.assertIn("/projects/a%2Fb/endpoints/e1", self.last_request.url)

"""Findings 1 and 8: what a manager does with answers that are not what the API promises."""

from __future__ import annotations

import logging

import fixtures
import testtools
from requests_mock.contrib import fixture as rm_fixture

from stackclient import adapter, session
from stackclient.apiclient import base, exceptions
from tests.unit.apiclient import _standin
from tests.unit.apiclient._standin import ENDPOINT

P1 = {"id": "p1", "name": "alpha"}


class ListItemsTest(_standin.WireTestCase):
    def test_items_that_are_not_objects(self):
        for items in ([1], ["abc"], [P1, 2.5], [P1, [["id", 1], 2]], [True]):
            self.stub("GET", "/projects", json={"projects": items})
            error = self.assertRaises(exceptions.InvalidResponse, self.manager.list)
            self.assertIn("GET %s/projects" % ENDPOINT, str(error))
            self.assertIn("JSON objects", str(error))

    def test_a_page_of_items_that_are_not_objects(self):
        self.stub("GET", "/projects", json={"projects": ["abc"]})
        self.assertRaises(exceptions.InvalidResponse, list, self.manager.iterate())


class FinalAnswerTest(_standin.WireTestCase):
    """A 1xx or 3xx left as the final answer is never read as a result."""

    def test_a_create_answered_with_a_redirect_without_location(self):
        self.stub("POST", "/projects", status_code=302, json={"project": P1})
        error = self.assertRaises(exceptions.HTTPRedirection, self.manager.create, name="a")
        self.assertEqual(302, error.http_status)
        self.assertIn("POST %s/projects" % ENDPOINT, str(error))
        self.assertIn("no Location", str(error))

    def test_every_verb_with_1xx_and_3xx(self):
        calls = [
            ("GET", "/projects", self.manager.list, {}),
            ("GET", "/projects/p1", self.manager.get, {"project_id": "p1"}),
            ("HEAD", "/projects/p1", self.manager.head, {"project_id": "p1"}),
            ("PATCH", "/projects/p1", self.manager.update, {"project_id": "p1", "name": "b"}),
            ("DELETE", "/projects/p1", self.manager.delete, {"project_id": "p1"}),
            ("PUT", "/projects/p1", self.manager.put, {"project_id": "p1"}),
        ]
        for status, expected in ((101, exceptions.InvalidResponse), (300, exceptions.MultipleChoices),
                                 (304, exceptions.HTTPRedirection)):  # fmt: skip
            for method, path, call, kwargs in calls:
                self.stub(method, path, status_code=status, json={"project": P1})
                error = self.assertRaises(expected, call, **kwargs)
                self.assertIn("%s %s%s" % (method, ENDPOINT, path), str(error))

    def test_a_2xx_is_still_a_result(self):
        self.stub("POST", "/projects", status_code=202, json={"project": P1})
        self.assertEqual("p1", self.manager.create(name="a").id)


class NextLinkTest(_standin.WireTestCase):
    def test_a_next_link_that_is_not_a_url(self):
        for link in ("http://[::1/v3/projects", "//[::1?marker=x", "http://[zz]:1/x"):
            self.stub("GET", "/projects", json={"projects": [P1], "links": {"next": link}})
            error = self.assertRaises(exceptions.InvalidResponse, list, self.manager.iterate())
            self.assertIn("next-page link", str(error))
            self.assertIn("GET %s/projects" % ENDPOINT, str(error))

    def test_a_link_to_another_origin_only_lends_its_query(self):
        self.stub(
            "GET",
            "/projects",
            json={"projects": [P1], "links": {"next": "http://h:99999/x?marker=p1"}},
        )
        self.stub("GET", "/projects?marker=p1", json={"projects": []})
        self.assertEqual(["p1"], [p.id for p in self.manager.iterate()])
        self.assertEqual(ENDPOINT + "/projects?marker=p1", self.requests_mock.last_request.url)


class TruncatedTest(_standin.WireTestCase):
    def setUp(self):
        super().setUp()
        self.log = self.useFixture(
            fixtures.FakeLogger(name="stackclient.pagination", level=logging.WARNING)
        )

    def test_keystone_list_limit_is_marked_and_warned(self):
        body = {"projects": [P1] * 3, "truncated": True, "links": {"next": "?marker=p1"}}
        self.stub("GET", "/projects", json=body)
        found = self.manager.list()
        self.assertEqual(3, len(found))
        self.assertIsInstance(found, list)
        self.assertIsInstance(found, base.ResourceList)
        self.assertTrue(found.truncated)
        self.assertIn("iterate()", self.log.output)
        self.assertIn("3 items", self.log.output)
        self.assertEqual(1, len(self.requests_mock.request_history), "still one request")

    def test_a_next_page_nobody_asked_for_is_a_cut_too(self):
        self.stub("GET", "/projects", json={"projects": [P1], "links": {"next": "?marker=p1"}})
        self.assertTrue(self.manager.list().truncated)
        self.assertIn("iterate()", self.log.output)

    def test_a_page_asked_for_is_marked_without_a_warning(self):
        self.stub("GET", "/projects?limit=1", json={"projects": [P1], "truncated": True})
        self.assertTrue(self.manager.list(limit=1).truncated)
        self.assertEqual("", self.log.output)

    def test_a_whole_listing(self):
        self.stub("GET", "/projects", json={"projects": [P1], "links": {"next": None}})
        self.assertFalse(self.manager.list().truncated)
        self.assertEqual("", self.log.output)


class AdapterFinalAnswerTest(testtools.TestCase):
    """The same rule one layer down, for managers that call their client directly."""

    def setUp(self):
        super().setUp()
        self.mock = self.useFixture(rm_fixture.Fixture())
        self.adapter = adapter.Adapter(session.Session(), endpoint_override=ENDPOINT)

    def test_a_final_1xx_or_3xx_is_not_a_result(self):
        for status, expected in ((302, exceptions.HTTPRedirection), (300, exceptions.MultipleChoices),
                                 (308, exceptions.HTTPRedirection), (101, exceptions.InvalidResponse)):  # fmt: skip
            self.mock.post(ENDPOINT + "/networks", status_code=status, json={"network": P1})
            error = self.assertRaises(expected, self.adapter.post, "/networks", json={})
            self.assertIn("POST %s/networks" % ENDPOINT, str(error))

    def test_what_a_caller_asks_for_is_returned(self):
        self.mock.get(ENDPOINT + "/x", status_code=304)
        self.assertEqual(304, self.adapter.get("/x").status_code)  # conditional GET
        self.mock.get(ENDPOINT + "/y", status_code=302, headers={"Location": "/z"})
        self.assertEqual(302, self.adapter.get("/y", redirect=False).status_code)
        self.assertEqual(302, self.adapter.get("/y", allow_redirects=False).status_code)
        self.mock.get(ENDPOINT + "/", status_code=300, json={"versions": []})
        self.assertEqual(300, self.adapter.get("/", raise_exc=False).status_code)  # discovery

    def test_a_service_client_create(self):
        from stackclient.network.v2_0 import client as network_client

        neutron = network_client.Client(token="t", endpoint="http://network.test")
        self.mock.get("http://network.test/", json={})
        self.mock.post("http://network.test/networks", status_code=302, json={"network": P1})
        self.assertRaises(exceptions.HTTPRedirection, neutron.networks.create, name="n")

"""The fake HTTP client: routing to fixture methods, the call stack, its assertions."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import requests
import testtools

from stackclient.apiclient import base, client, exceptions, fake_client


class FakeIdentity(fake_client.FakeHTTPClient):
    def get_projects(self, **kw):
        self.last_kwargs = kw
        return 200, {"x-openstack-request-id": "req-1"}, {"projects": [{"id": "p1"}]}

    def post_projects(self, **kw):
        return 201, {"project": dict(kw["json"]["project"], id="p2")}

    def get_OS_INHERIT_projects_p1_json(self, **kw):  # case is kept, as in apiclient
        return 200, {}, "plain text"

    def delete_projects_p9(self, **kw):
        self.last_kwargs = kw
        return 404, {}, {"error": {"message": "Could not find project: p9", "code": 404}}

    def head_projects_p1(self, **kw):
        return 204, {}, None


class IdentityClient(client.BaseClient):
    service_type = "identity"


class Projects(base.CrudManager):
    collection_key = "projects"
    key = "project"


class FakeHTTPClientTest(testtools.TestCase):
    def setUp(self):
        super().setUp()
        self.http = FakeIdentity()
        self.client = IdentityClient(self.http)
        self.projects = Projects(self.client)

    def test_works_under_base_client_and_managers(self):
        self.assertIs(self.client, self.http.identity)
        self.assertEqual(["p1"], [p.id for p in self.projects.list()])
        self.assertEqual("req-1", self.client.last_request_id)
        created = self.projects.create(name="beta")
        self.assertEqual(("p2", "beta"), (created.id, created.name))
        self.assertTrue(self.projects.head(project_id="p1"))
        self.assertEqual(
            [("GET", "/projects", None), ("POST", "/projects", {"project": {"name": "beta"}}),
             ("HEAD", "/projects/p1", None)],
            self.http.callstack,
        )  # fmt: skip

    def test_url_munging_and_query_parameters(self):
        resp = self.client.get("/OS-INHERIT/projects/p1.json?limit=2")
        self.assertEqual("plain text", resp.text)
        self.client.get("/projects?name=a&limit=5", headers={"X-A": "b"})
        self.assertEqual(
            {"name": "a", "limit": "5", "headers": {"X-A": "b"}}, self.http.last_kwargs
        )
        self.http.assert_called("GET", "/projects?name=a&limit=5")

    def test_error_status_raises_like_the_real_pipeline(self):
        error = self.assertRaises(exceptions.NotFound, self.projects.delete, project_id="p9")
        self.assertEqual("Could not find project: p9", error.message)
        self.assertEqual(("DELETE", "/projects/p9"), (error.method, error.url))
        self.http.assert_called("DELETE", "/projects/p9")

    def test_raise_exc_false_returns_the_error_response(self):
        resp = self.client.delete("/projects/p9", raise_exc=False)
        self.assertEqual(404, resp.status_code)
        self.assertNotIn("raise_exc", self.http.last_kwargs)
        self.http.assert_called("DELETE", "/projects/p9")

    def test_unknown_route_names_the_method_to_define(self):
        error = self.assertRaises(AssertionError, self.client.get, "/users/u-1")
        self.assertIn("GET /users/u-1", str(error))
        self.assertIn("FakeIdentity.get_users_u_1", str(error))

    def test_get_with_a_json_body_is_refused(self):
        self.assertRaises(AssertionError, self.client.get, "/projects", json={"x": 1})

    def test_fixtures_mapping(self):
        http = fake_client.FakeHTTPClient(
            fixtures={"/v": {"GET": ({"X-H": "1"}, {"a": 1})}, "/w": {"PUT": (202, {}, "")}}
        )
        base_client = IdentityClient(http)
        resp = base_client.get("/v")
        self.assertEqual(
            (200, {"a": 1}, "1"), (resp.status_code, resp.json(), resp.headers["x-h"])
        )
        self.assertEqual(202, base_client.put("/w").status_code)
        self.assertIsNone(http.authenticate())
        self.assertEqual([], http.get_timings())


class AssertCalledTest(testtools.TestCase):
    def setUp(self):
        super().setUp()
        self.http = FakeIdentity()
        self.client = IdentityClient(self.http)

    def test_no_calls(self):
        error = self.assertRaises(AssertionError, self.http.assert_called, "GET", "/projects")
        self.assertIn("Expected GET /projects but no calls were made", str(error))
        self.assertRaises(AssertionError, self.http.assert_called_anytime, "GET", "/projects")

    def test_assert_called_checks_position_and_body(self):
        self.client.post("/projects", json={"project": {"name": "n"}})
        self.client.get("/projects")
        self.http.assert_called("GET", "/projects")
        self.http.assert_called("POST", "/projects", {"project": {"name": "n"}}, pos=0)
        error = self.assertRaises(AssertionError, self.http.assert_called, "POST", "/projects")
        self.assertIn("Expected POST /projects as call -1; got GET /projects", str(error))
        self.assertIn("Calls made: POST /projects, GET /projects", str(error))
        error = self.assertRaises(
            AssertionError, self.http.assert_called, "POST", "/projects", {"other": 1}, pos=0
        )
        self.assertIn("{'other': 1}", str(error))
        self.assertRaises(AssertionError, self.http.assert_called, "GET", "/projects", pos=5)

    def test_assert_called_anytime_keeps_the_stack(self):
        self.client.post("/projects", json={"project": {"name": "n"}})
        self.client.get("/projects")
        self.http.assert_called_anytime("POST", "/projects", {"project": {"name": "n"}})
        self.http.assert_called("GET", "/projects")  # still there
        error = self.assertRaises(
            AssertionError, self.http.assert_called_anytime, "DELETE", "/projects"
        )
        self.assertIn("calls made: POST /projects, GET /projects", str(error))
        self.assertRaises(
            AssertionError, self.http.assert_called_anytime, "POST", "/projects", {"x": 1}
        )
        self.http.clear_callstack()
        self.assertEqual([], self.http.callstack)

    def test_body_mismatch_message_masks_secrets(self):
        self.client.post("/projects", json={"project": {"password": "hunter2-secret"}})
        error = self.assertRaises(
            AssertionError, self.http.assert_called, "POST", "/projects", {"project": {}}
        )
        self.assertNotIn("hunter2-secret", str(error))
        self.assertIn("password", str(error))

    def test_assertions_survive_python_dash_O(self):
        script = textwrap.dedent(
            """
            from stackclient.apiclient import fake_client
            http = fake_client.FakeHTTPClient()
            for check in (lambda: http.assert_called("GET", "/x"),
                          lambda: fake_client.assert_has_keys({}, required=["id"])):
                try:
                    check()
                except AssertionError:
                    continue
                raise SystemExit("no AssertionError under -O")
            """
        )
        done = subprocess.run(
            [sys.executable, "-O", "-c", script], capture_output=True, text=True, timeout=60
        )
        self.assertEqual(0, done.returncode, done.stderr + done.stdout)


class TestResponseTest(testtools.TestCase):
    def test_from_a_status_code(self):
        resp = fake_client.TestResponse(204)
        self.assertIsInstance(resp, requests.Response)
        self.assertEqual((204, b"", "No Content"), (resp.status_code, resp.content, resp.reason))

    def test_from_a_dict(self):
        resp = fake_client.TestResponse(
            {"status_code": 201, "text": {"a": [1]}, "headers": {"X-Req": "r"}}
        )
        self.assertEqual({"a": [1]}, resp.json())
        self.assertEqual("application/json", resp.headers["content-type"])
        self.assertEqual("r", resp.headers["x-req"])
        plain = fake_client.TestResponse({"text": "hello"})
        self.assertEqual((200, "hello"), (plain.status_code, plain.text))
        self.assertNotIn("Content-Type", plain.headers)
        self.assertEqual([1, 2], fake_client.TestResponse({"json": [1, 2]}).json())
        self.assertEqual(b"\x00", fake_client.TestResponse({"text": b"\x00"}).content)

    def test_equality(self):
        self.assertEqual(
            fake_client.TestResponse({"text": "a"}), fake_client.TestResponse({"text": "a"})
        )
        self.assertNotEqual(fake_client.TestResponse({"text": "a"}), fake_client.TestResponse(404))


class AssertHasKeysTest(testtools.TestCase):
    def test_present_keys_pass_extra_keys_allowed(self):
        fake_client.assert_has_keys(
            {"id": 1, "name": 2, "x": 3}, required=["id"], optional=["name"]
        )

    def test_missing_keys_named_with_unexpected_ones(self):
        error = self.assertRaises(
            AssertionError,
            fake_client.assert_has_keys,
            {"id": 1, "bogus": 2},
            required=["id", "name"],
            optional=["description"],
        )
        self.assertIn("missing keys: ['name']", str(error))
        self.assertIn("unexpected keys: ['bogus']", str(error))

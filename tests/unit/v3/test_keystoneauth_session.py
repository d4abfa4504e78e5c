"""The v3 Client over a real keystoneauth1 Session (duck-typed, no import in the library)."""

from __future__ import annotations

import logging

import fixtures
import requests
import testtools
from keystoneauth1 import session as ksa_session
from keystoneauth1.identity import v3 as ksa_v3
from requests_mock.contrib import fixture as rm_fixture

from stackclient import exceptions, fixture
from stackclient.v3 import client

AUTH_URL = "http://keystone.test:5000/v3"
PUBLIC = "http://public.test/v3"
TOKEN_ID = "ksa-token-" + "b" * 32


class KeystoneauthSessionTests(testtools.TestCase):
    def setUp(self):
        super().setUp()
        self.requests_mock = self.useFixture(rm_fixture.Fixture())
        token = fixture.V3Token(user_id="u1", project_id="p1", project_domain_id="default")
        token.add_role(name="admin")
        service = token.add_service("identity")
        service.add_standard_endpoints(public=PUBLIC, admin=PUBLIC, internal=PUBLIC)
        self.auth = self.requests_mock.post(
            AUTH_URL + "/auth/tokens",
            json=token,
            status_code=201,
            headers={"X-Subject-Token": TOKEN_ID},
        )
        plugin = ksa_v3.Password(
            auth_url=AUTH_URL,
            username="alice",
            password="pw",
            user_domain_id="default",
            project_id="p1",
        )
        self.keystone = client.Client(session=ksa_session.Session(auth=plugin))

    def test_list_goes_to_the_catalog_endpoint_with_the_token(self):
        self.requests_mock.get(
            PUBLIC + "/projects", json={"projects": [{"id": "p1", "name": "a"}]}
        )
        projects = self.keystone.projects.list(domain="default")
        self.assertEqual(["a"], [p.name for p in projects])
        sent = self.requests_mock.last_request
        self.assertEqual(PUBLIC + "/projects?domain_id=default", sent.url)
        self.assertEqual(TOKEN_ID, sent.headers["X-Auth-Token"])
        self.assertEqual(1, self.auth.call_count)

    def test_create_sends_the_keystoneclient_body(self):
        self.requests_mock.post(
            PUBLIC + "/projects", status_code=201, json={"project": {"id": "p2", "name": "b"}}
        )
        project = self.keystone.projects.create("b", "default", description="d")
        self.assertEqual("p2", project.id)
        self.assertEqual(
            {
                "project": {
                    "name": "b",
                    "domain_id": "default",
                    "description": "d",
                    "enabled": True,
                }
            },
            self.requests_mock.last_request.json(),
        )

    def test_http_errors_are_ours(self):
        self.requests_mock.get(
            PUBLIC + "/projects/nope",
            status_code=404,
            json={"error": {"code": 404, "message": "Could not find project: nope."}},
        )
        err = self.assertRaises(exceptions.NotFound, self.keystone.projects.get, "nope")
        self.assertEqual("Could not find project: nope.", err.message)

    def test_transport_errors_are_ours(self):
        self.requests_mock.get(
            PUBLIC + "/projects", exc=requests.exceptions.ConnectionError("refused")
        )
        self.assertRaises(exceptions.ConnectionRefused, self.keystone.projects.list)

    def test_a_user_password_reaches_only_our_redacted_log(self):
        """Finding 4: keystoneauth1's own debug log never sees a password we send."""
        log = self.useFixture(
            fixtures.FakeLogger(name="", level=logging.DEBUG, format="%(name)s %(message)s")
        )
        self.requests_mock.post(
            PUBLIC + "/users", status_code=201, json={"user": {"id": "u2", "name": "bob"}}
        )
        self.requests_mock.patch(PUBLIC + "/users/u2", json={"user": {"id": "u2", "name": "bob"}})
        self.keystone.users.create("bob", password="Bob-s3cret-pw")
        self.keystone.users.update("u2", password="Bob-n3w-pw")
        self.assertIn("Bob-s3cret-pw", str(self.requests_mock.request_history[-2].body))
        self.assertNotIn("Bob-s3cret-pw", log.output)
        self.assertNotIn("Bob-n3w-pw", log.output)
        ours = [line for line in log.output.splitlines() if line.startswith("stackclient.http")]
        self.assertTrue(any("-X POST %s/users" % PUBLIC in line for line in ours), log.output)
        self.assertTrue(any('"password": "***"' in line for line in ours), log.output)
        self.assertTrue(any("RESP BODY" in line for line in ours))

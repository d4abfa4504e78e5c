"""The bootstrap admin-token plugin: a fixed token and endpoint, no auth request."""

from __future__ import annotations

import argparse

from stackclient.apiclient import auth as apiauth
from stackclient.apiclient import client as apiclient
from stackclient.auth import admin_token
from tests.unit.auth import utils

ENDPOINT = "http://127.0.0.1:5000/v3"


class _Identity(apiclient.BaseClient):
    service_type = "identity"


class AdminTokenTest(utils.TestCase):
    def setUp(self):
        super().setUp()
        self.plugin = admin_token.AdminToken("ADMIN", ENDPOINT)

    def test_session_face(self):
        self.assertEqual({"X-Auth-Token": "ADMIN"}, self.plugin.get_headers(self.session))
        self.assertEqual("ADMIN", self.plugin.get_token(self.session))
        for service_type in ("identity", "compute", None):
            self.assertEqual(
                ENDPOINT, self.plugin.get_endpoint(self.session, service_type=service_type)
            )
        self.assertFalse(self.plugin.invalidate())
        self.assertFalse(self.plugin.invalidate("ADMIN"))
        self.assertEqual("ADMIN", self.plugin.get_token(self.session))
        self.assertEqual([], self.requests_mock.request_history)

    def test_classic_face(self):
        self.assertEqual(
            ("ADMIN", ENDPOINT), self.plugin.token_and_endpoint("adminURL", "identity")
        )
        self.plugin.authenticate(http_client=None)

    def test_through_http_client_no_auth_request(self):
        projects = self.requests_mock.get(ENDPOINT + "/projects", json={"projects": []})
        identity = _Identity(apiclient.HTTPClient(self.plugin))
        identity.get("/projects")
        self.assertEqual(["GET"], [r.method for r in self.requests_mock.request_history])
        self.assertEqual("ADMIN", projects.last_request.headers["X-Auth-Token"])

    def test_through_session_no_auth_request(self):
        from stackclient import session

        projects = self.requests_mock.get(ENDPOINT + "/projects", json={"projects": []})
        sess = session.Session(auth=self.plugin)
        sess.get("/projects", endpoint_filter={"service_type": "identity"})
        self.assertEqual(1, len(self.requests_mock.request_history))
        self.assertEqual("ADMIN", projects.last_request.headers["X-Auth-Token"])

    def test_loaded_by_name_and_args(self):
        parser = argparse.ArgumentParser()
        apiauth.load_auth_system_opts(parser)
        args = parser.parse_args(
            ["--os-auth-system", "admin_token", "--os-token", "T", "--os-endpoint", ENDPOINT]
        )
        plugin = apiauth.load_plugin_from_args(args)
        self.assertIsInstance(plugin, admin_token.AdminToken)
        self.assertEqual(("T", ENDPOINT), (plugin.token, plugin.endpoint))

"""The none plugin: an endpoint and no token at all."""

from __future__ import annotations

from stackclient.apiclient import auth as apiauth
from stackclient.auth import noauth
from tests.unit.auth import utils

ENDPOINT = "http://127.0.0.1:8774/v2.1"


class NoAuthTest(utils.TestCase):
    def setUp(self):
        super().setUp()
        self.plugin = noauth.NoAuth(ENDPOINT)

    def test_session_face(self):
        self.assertEqual({}, self.plugin.get_headers(self.session))
        self.assertIsNone(self.plugin.get_token(self.session))
        self.assertEqual(ENDPOINT, self.plugin.get_endpoint(self.session, service_type="compute"))
        self.assertEqual(ENDPOINT, self.plugin.get_endpoint(self.session))
        self.assertFalse(self.plugin.invalidate())
        self.assertEqual([], self.requests_mock.request_history)

    def test_classic_face(self):
        self.assertEqual((None, ENDPOINT), self.plugin.token_and_endpoint("public", "compute"))
        self.plugin.authenticate(http_client=None)

    def test_through_session_sends_no_token(self):
        from stackclient import session

        servers = self.requests_mock.get(ENDPOINT + "/servers", json={"servers": []})
        sess = session.Session(auth=self.plugin)
        sess.get("/servers", endpoint_filter={"service_type": "compute"})
        self.assertEqual(1, len(self.requests_mock.request_history))
        self.assertNotIn("X-Auth-Token", servers.last_request.headers)

    def test_by_name(self):
        plugin = apiauth.load_plugin("none")
        self.assertIsInstance(plugin, noauth.NoAuth)
        self.assertEqual("none", plugin.auth_system)
        self.assertEqual(["endpoint"], plugin.opt_names)

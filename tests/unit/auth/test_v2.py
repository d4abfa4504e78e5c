"""Identity v2.0 plugins on the wire."""

from __future__ import annotations

from stackclient import access
from stackclient.apiclient import auth as apiauth
from stackclient.apiclient import exceptions
from stackclient.auth import v2
from tests.unit.auth import utils
from tests.unit.auth.utils import SERVICE_URL, V2_URL

PASSWORD = "v2-pa55word"


class PasswordTest(utils.TestCase):
    def test_username_and_tenant_name(self):
        self.stub_v2_auth(utils.v2_token(token_id="tok-2"))
        plugin = v2.Password(V2_URL, username="alice", password=PASSWORD, tenant_name="demo")
        self.assertEqual("tok-2", plugin.get_token(self.session))
        self.assertRequestUrl("POST", V2_URL + "/tokens")
        self.assertRequestJson(
            {
                "auth": {
                    "passwordCredentials": {"username": "alice", "password": PASSWORD},
                    "tenantName": "demo",
                }
            }
        )
        self.assertNoTokenSent()
        self.assertIsInstance(plugin.auth_ref, access.AccessInfoV2)

    def test_user_id_tenant_id_and_trust(self):
        self.stub_v2_auth()
        v2.Password(
            V2_URL + "/", user_id="u1", password=PASSWORD, tenant_id="t1", trust_id="tr"
        ).get_access(self.session)
        self.assertRequestUrl("POST", V2_URL + "/tokens")
        self.assertRequestJson(
            {
                "auth": {
                    "passwordCredentials": {"userId": "u1", "password": PASSWORD},
                    "tenantId": "t1",
                    "trust_id": "tr",
                }
            }
        )

    def test_unscoped(self):
        self.stub_v2_auth()
        v2.Password(V2_URL, username="alice", password=PASSWORD).get_access(self.session)
        self.assertRequestJson(
            {"auth": {"passwordCredentials": {"username": "alice", "password": PASSWORD}}}
        )

    def test_missing(self):
        error = self.assertRaises(
            exceptions.AuthPluginOptionsMissing, v2.Password().get_access, self.session
        )
        self.assertEqual(["auth_url", "username or user_id", "password"], error.opt_names)
        self.assertEqual([], self.requests_mock.request_history)

    def test_rejected(self):
        self.requests_mock.post(
            V2_URL + "/tokens",
            status_code=401,
            json={"error": {"code": 401, "message": "Invalid user / password"}},
        )
        plugin = v2.Password(V2_URL, username="alice", password=PASSWORD)
        error = self.assertRaises(exceptions.Unauthorized, plugin.get_access, self.session)
        self.assertIn("rejected", str(error))
        self.assertIn("Invalid user / password", str(error))
        self.assertNotIn(PASSWORD, str(error))

    def test_not_a_v2_token(self):
        self.requests_mock.post(V2_URL + "/tokens", json={"token": {}})
        plugin = v2.Password(V2_URL, username="alice", password=PASSWORD)
        error = self.assertRaises(exceptions.InvalidResponse, plugin.get_access, self.session)
        self.assertIn("'access'", str(error))

    def test_endpoints_from_v2_catalog(self):
        self.stub_v2_auth(utils.v2_token(token_id="t", tenant_name="demo"))
        plugin = v2.Password(V2_URL, username="alice", password=PASSWORD, tenant_name="demo")
        self.assertEqual(SERVICE_URL, plugin.get_endpoint(self.session, service_type="compute"))
        self.assertEqual(
            "http://nova.internal:8774/v2.1",
            plugin.get_endpoint(self.session, service_type="compute", interface="internalURL"),
        )
        self.assertEqual(
            "http://keystone-admin.test:35357/v2.0",
            plugin.get_endpoint(self.session, service_type="identity", interface="admin"),
        )
        self.assertEqual(("t", SERVICE_URL), plugin.token_and_endpoint("publicURL", "compute"))


class TokenTest(utils.TestCase):
    def test_token_to_tenant(self):
        self.stub_v2_auth(utils.v2_token(token_id="scoped"))
        plugin = v2.Token(V2_URL, "unscoped-tok", tenant_id="t1")
        self.assertEqual("scoped", plugin.get_token(self.session))
        self.assertRequestJson({"auth": {"token": {"id": "unscoped-tok"}, "tenantId": "t1"}})
        self.assertNoTokenSent()

    def test_missing(self):
        error = self.assertRaises(
            exceptions.AuthPluginOptionsMissing, v2.Token(V2_URL).get_access, self.session
        )
        self.assertEqual(["token"], error.opt_names)

    def test_by_name_through_the_loader(self):
        self.stub_v2_auth()
        plugin = apiauth.load_plugin("v2token")
        plugin.opts.update(auth_url=V2_URL, token="tok", tenant_name="demo")
        plugin.get_access(self.session)
        self.assertRequestJson({"auth": {"token": {"id": "tok"}, "tenantName": "demo"}})

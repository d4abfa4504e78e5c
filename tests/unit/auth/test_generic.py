"""The version-discovering Password and Token plugins."""

from __future__ import annotations

import subprocess
import sys

import requests

from stackclient import auth, fixture
from stackclient.apiclient import exceptions
from stackclient.auth import generic, v2, v3
from tests.unit.auth import utils
from tests.unit.auth.utils import ROOT_URL, V2_URL, V3_URL

PASSWORD = "generic-pa55"


class DiscoveryTest(utils.TestCase):
    def stub_root(self, **kwargs):
        return self.requests_mock.get(
            ROOT_URL, json=fixture.DiscoveryList(href=ROOT_URL, **kwargs), status_code=300
        )

    def test_exported_from_package(self):
        self.assertIs(generic.Password, auth.Password)
        self.assertIs(generic.Token, auth.Token)
        self.assertIs(v3, auth.v3)
        self.assertRaises(AttributeError, getattr, auth, "Nope")

    def test_importing_one_plugin_module_loads_no_other(self):
        code = (
            "import sys, stackclient.auth.v3;"
            "print(sorted(m for m in sys.modules if m.startswith('stackclient.auth.')))"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        self.assertEqual("['stackclient.auth.base', 'stackclient.auth.v3']", result.stdout.strip())

    def test_300_list_prefers_v3(self):
        root = self.stub_root()
        token = self.stub_v3_auth(token_id="t3")
        plugin = generic.Password(
            ROOT_URL,
            username="alice",
            password=PASSWORD,
            user_domain_id="default",
            project_name="demo",
            project_domain_id="default",
        )
        self.assertEqual("t3", plugin.get_token(self.session))
        self.assertEqual(1, root.call_count)
        self.assertNoTokenSent(root.last_request)
        self.assertRequestUrl("POST", V3_URL + "/auth/tokens")
        self.assertRequestJson(
            {
                "auth": {
                    "identity": {
                        "methods": ["password"],
                        "password": {
                            "user": {
                                "name": "alice",
                                "domain": {"id": "default"},
                                "password": PASSWORD,
                            }
                        },
                    },
                    "scope": {"project": {"name": "demo", "domain": {"id": "default"}}},
                }
            }
        )
        self.assertEqual(1, token.call_count)

    def test_300_list_with_only_v2(self):
        self.stub_root(v3=False)
        self.stub_v2_auth(utils.v2_token(token_id="t2"))
        plugin = generic.Password(
            ROOT_URL + "/", username="alice", password=PASSWORD, tenant_name="demo"
        )
        self.assertEqual("t2", plugin.get_token(self.session))
        self.assertRequestUrl("POST", V2_URL + "/tokens")
        self.assertRequestJson(
            {
                "auth": {
                    "passwordCredentials": {"username": "alice", "password": PASSWORD},
                    "tenantName": "demo",
                }
            }
        )

    def test_single_version_document(self):
        self.requests_mock.get(ROOT_URL + "/identity", json=fixture.V3Discovery(V3_URL + "/"))
        self.stub_v3_auth(token_id="t3")
        plugin = generic.Token(ROOT_URL + "/identity", "old", project_id="p1")
        self.assertEqual("t3", plugin.get_token(self.session))
        self.assertRequestUrl("POST", V3_URL + "/auth/tokens")
        self.assertRequestJson(
            {
                "auth": {
                    "identity": {"methods": ["token"], "token": {"id": "old"}},
                    "scope": {"project": {"id": "p1"}},
                }
            }
        )

    def test_explicit_v3_url_skips_discovery(self):
        self.stub_v3_auth()
        plugin = generic.Password(V3_URL, user_id="u", password=PASSWORD)
        plugin.get_access(self.session)
        self.assertEqual(["POST"], [r.method for r in self.requests_mock.request_history])
        self.assertIsInstance(plugin._plugin, v3.Password)

    def test_explicit_v2_url_skips_discovery(self):
        self.stub_v2_auth()
        plugin = generic.Token(V2_URL + "/", "tok", tenant_id="t1")
        plugin.get_access(self.session)
        self.assertEqual(["POST"], [r.method for r in self.requests_mock.request_history])
        self.assertIsInstance(plugin._plugin, v2.Token)
        self.assertRequestJson({"auth": {"token": {"id": "tok"}, "tenantId": "t1"}})

    def test_default_domain_fills_user_and_project_domains(self):
        self.stub_v3_auth()
        generic.Password(
            V3_URL,
            username="alice",
            password=PASSWORD,
            tenant_name="demo",
            default_domain_name="Default",
        ).get_access(self.session)
        auth_body = utils._jsonutils.loads(self.requests_mock.last_request.body)["auth"]
        self.assertEqual(
            {"name": "alice", "domain": {"name": "Default"}, "password": PASSWORD},
            auth_body["identity"]["password"]["user"],
        )
        self.assertEqual(
            {"project": {"name": "demo", "domain": {"name": "Default"}}}, auth_body["scope"]
        )

    def test_domain_options_rule_out_v2(self):
        self.stub_root(v3=False)
        plugin = generic.Password(
            ROOT_URL, username="alice", password=PASSWORD, user_domain_id="d", domain_id="d"
        )
        error = self.assertRaises(exceptions.UnsupportedVersion, plugin.get_access, self.session)
        self.assertIn("v2.0", str(error))
        self.assertIn("v3", str(error))
        self.assertEqual(["GET"], [r.method for r in self.requests_mock.request_history])

    def test_domain_options_with_explicit_v2_url(self):
        plugin = generic.Password(V2_URL, username="alice", password=PASSWORD, domain_id="d")
        error = self.assertRaises(exceptions.ValidationError, plugin.get_access, self.session)
        self.assertIn("domain_id", str(error))
        self.assertEqual([], self.requests_mock.request_history)

    def test_discovery_runs_once(self):
        root = self.stub_root()
        token = self.stub_v3_auth()
        plugin = generic.Password(ROOT_URL, user_id="u", password=PASSWORD)
        plugin.get_access(self.session)
        self.assertTrue(plugin.invalidate())
        plugin.get_access(self.session)
        self.assertEqual((1, 2), (root.call_count, token.call_count))

    def test_discovery_http_error(self):
        self.requests_mock.get(ROOT_URL, status_code=404, json={"error": {"message": "nope"}})
        plugin = generic.Password(ROOT_URL, user_id="u", password=PASSWORD)
        error = self.assertRaises(exceptions.NotFound, plugin.get_access, self.session)
        self.assertIn(ROOT_URL, str(error))
        self.assertIn("version discovery at %s failed: nope;" % ROOT_URL, str(error))
        self.assertIn("/v3 or /v2.0", str(error))
        self.assertEqual((404, "GET", ROOT_URL), (error.http_status, error.method, error.url))
        self.assertEqual(["GET"], [r.method for r in self.requests_mock.request_history])

    def test_discovery_at_an_unreachable_url(self):
        self.requests_mock.get(ROOT_URL, exc=requests.exceptions.ConnectionError("refused"))
        plugin = generic.Password(ROOT_URL, user_id="u", password=PASSWORD)
        error = self.assertRaises(exceptions.ConnectionRefused, plugin.get_access, self.session)
        self.assertIn(ROOT_URL, str(error))

    def test_discovery_not_a_version_document(self):
        self.requests_mock.get(ROOT_URL, json={"hello": "world"})
        plugin = generic.Password(ROOT_URL, user_id="u", password=PASSWORD)
        error = self.assertRaises(exceptions.InvalidResponse, plugin.get_access, self.session)
        self.assertIn("/v3", str(error))
        # A web server that is not Keystone: the error says discovery, not JSON.
        self.requests_mock.get(
            ROOT_URL, text="<html></html>", headers={"Content-Type": "text/html"}
        )
        error = self.assertRaises(exceptions.InvalidResponse, plugin.get_access, self.session)
        self.assertIn("GET %s (version discovery) returned HTTP 200" % ROOT_URL, str(error))
        self.assertIn("check that it is the identity service", str(error))
        self.assertEqual(2, len(self.requests_mock.request_history))

    def test_no_identity_version_offered(self):
        document = {
            "versions": {
                "values": [{"id": "v1.0", "links": [{"rel": "self", "href": ROOT_URL + "/v1"}]}]
            }
        }
        self.requests_mock.get(ROOT_URL, json=document, status_code=300)
        plugin = generic.Password(ROOT_URL, user_id="u", password=PASSWORD)
        error = self.assertRaises(exceptions.UnsupportedVersion, plugin.get_access, self.session)
        self.assertIn("v1.0", str(error))

    def test_identity_fallback_uses_discovered_url(self):
        self.stub_root()
        self.stub_v3_auth(fixture.V3Token())
        plugin = generic.Password(ROOT_URL, user_id="u", password=PASSWORD)
        self.assertEqual(V3_URL + "/", plugin.get_endpoint(self.session, service_type="identity"))

    def test_unknown_keyword(self):
        self.assertRaises(TypeError, generic.Password, V3_URL, usrename="typo")

    def test_missing(self):
        error = self.assertRaises(
            exceptions.AuthPluginOptionsMissing,
            generic.Password(ROOT_URL).get_access,
            self.session,
        )
        self.assertEqual(["username or user_id", "password"], error.opt_names)
        error = self.assertRaises(
            exceptions.AuthPluginOptionsMissing, generic.Token().get_access, self.session
        )
        self.assertEqual(["auth_url", "token"], error.opt_names)
        self.assertEqual([], self.requests_mock.request_history)

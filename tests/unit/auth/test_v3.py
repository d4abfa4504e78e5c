"""Identity v3 plugins on the wire: bodies, scopes, catalog endpoints, errors."""

from __future__ import annotations

import argparse

from stackclient import access
from stackclient.apiclient import auth as apiauth
from stackclient.apiclient import client as apiclient
from stackclient.apiclient import exceptions
from stackclient.auth import v3
from tests.unit.auth import utils
from tests.unit.auth.utils import IDENTITY_ADMIN, SERVICE_URL, V3_URL

PASSWORD = "s3cr3t-pa55"


def _password_body(user, scope=None):
    body = {
        "auth": {
            "identity": {"methods": ["password"], "password": {"user": user}},
        }
    }
    if scope is not None:
        body["auth"]["scope"] = scope
    return body


class PasswordTest(utils.TestCase):
    def test_user_id_project_id(self):
        self.stub_v3_auth(token_id="tok-1")
        plugin = v3.Password(V3_URL, password=PASSWORD, user_id="u1", project_id="p1")
        self.assertEqual("tok-1", plugin.get_token(self.session))
        self.assertRequestUrl("POST", V3_URL + "/auth/tokens")
        self.assertRequestJson(
            _password_body({"id": "u1", "password": PASSWORD}, {"project": {"id": "p1"}})
        )
        self.assertNoTokenSent()
        self.assertIsInstance(plugin.auth_ref, access.AccessInfoV3)
        self.assertEqual("tok-1", plugin.auth_ref.auth_token)

    def test_token_is_cached(self):
        matcher = self.stub_v3_auth(token_id="tok-1")
        plugin = v3.Password(V3_URL, password=PASSWORD, user_id="u1")
        for _ in range(3):
            self.assertEqual({"X-Auth-Token": "tok-1"}, plugin.get_headers(self.session))
        self.assertEqual(1, matcher.call_count)

    def test_username_and_names_everywhere(self):
        self.stub_v3_auth()
        plugin = v3.Password(
            V3_URL + "/",
            username="alice",
            user_domain_name="Users",
            password=PASSWORD,
            project_name="demo",
            project_domain_id="default",
        )
        plugin.get_access(self.session)
        self.assertRequestUrl("POST", V3_URL + "/auth/tokens")
        self.assertRequestJson(
            _password_body(
                {"name": "alice", "domain": {"name": "Users"}, "password": PASSWORD},
                {"project": {"name": "demo", "domain": {"id": "default"}}},
            )
        )

    def test_project_name_by_domain_name(self):
        self.stub_v3_auth()
        v3.Password(
            V3_URL,
            user_id="u1",
            password=PASSWORD,
            project_name="demo",
            project_domain_name="Default",
        ).get_access(self.session)
        scope = {"project": {"name": "demo", "domain": {"name": "Default"}}}
        self.assertRequestJson(_password_body({"id": "u1", "password": PASSWORD}, scope))

    def test_project_name_without_domain_is_refused_before_sending(self):
        plugin = v3.Password(V3_URL, user_id="u1", password=PASSWORD, project_name="demo")
        error = self.assertRaises(exceptions.ValidationError, plugin.get_access, self.session)
        self.assertIn("project_domain_id", str(error))
        self.assertIn("'demo'", str(error))
        self.assertEqual([], self.requests_mock.request_history)

    def test_username_without_domain_is_refused_before_sending(self):
        plugin = v3.Password(V3_URL, username="alice", password=PASSWORD)
        error = self.assertRaises(exceptions.ValidationError, plugin.get_access, self.session)
        self.assertIn("user_domain_id", str(error))
        self.assertNotIn(PASSWORD, str(error))
        self.assertEqual([], self.requests_mock.request_history)

    def test_domain_scope(self):
        self.stub_v3_auth()
        for kwargs, scope in [
            ({"domain_id": "d1"}, {"domain": {"id": "d1"}}),
            ({"domain_name": "Users"}, {"domain": {"name": "Users"}}),
        ]:
            v3.Password(V3_URL, user_id="u", password=PASSWORD, **kwargs).get_access(self.session)
            self.assertRequestJson(_password_body({"id": "u", "password": PASSWORD}, scope))

    def test_system_scope(self):
        self.stub_v3_auth(utils.v3_token(system=True))
        plugin = v3.Password(V3_URL, user_id="u", password=PASSWORD, system_scope="all")
        self.assertTrue(plugin.get_access(self.session).system_scoped)
        scope = {"system": {"all": True}}
        self.assertRequestJson(_password_body({"id": "u", "password": PASSWORD}, scope))

    def test_bad_system_scope(self):
        plugin = v3.Password(V3_URL, user_id="u", password=PASSWORD, system_scope="nova")
        self.assertRaises(exceptions.ValidationError, plugin.get_access, self.session)
        self.assertEqual([], self.requests_mock.request_history)

    def test_trust_scope(self):
        self.stub_v3_auth()
        v3.Password(V3_URL, user_id="u", password=PASSWORD, trust_id="t1").get_access(self.session)
        scope = {"OS-TRUST:trust": {"id": "t1"}}
        self.assertRequestJson(_password_body({"id": "u", "password": PASSWORD}, scope))

    def test_no_scope_leaves_scope_out(self):
        self.stub_v3_auth()
        v3.Password(V3_URL, user_id="u", password=PASSWORD).get_access(self.session)
        self.assertRequestJson(_password_body({"id": "u", "password": PASSWORD}))

    def test_unscoped_says_so(self):
        self.stub_v3_auth()
        plugin = v3.Password(V3_URL, user_id="u", password=PASSWORD, unscoped=True)
        plugin.get_access(self.session)
        self.assertRequestJson(_password_body({"id": "u", "password": PASSWORD}, "unscoped"))

    def test_conflicting_scopes(self):
        for kwargs in [
            {"project_id": "p", "domain_id": "d"},
            {"domain_id": "d", "system_scope": "all"},
            {"project_id": "p", "trust_id": "t"},
            {"project_id": "p", "unscoped": True},
        ]:
            plugin = v3.Password(V3_URL, user_id="u", password=PASSWORD, **kwargs)
            self.assertRaises(exceptions.ValidationError, plugin.get_access, self.session)
        self.assertEqual([], self.requests_mock.request_history)

    def test_nocatalog(self):
        self.stub_v3_auth(utils.v3_token())
        plugin = v3.Password(V3_URL, user_id="u", password=PASSWORD, include_catalog=False)
        plugin.get_access(self.session)
        self.assertRequestUrl("POST", V3_URL + "/auth/tokens?nocatalog")

    def test_missing_options(self):
        plugin = v3.Password(V3_URL)
        error = self.assertRaises(
            exceptions.AuthPluginOptionsMissing, plugin.get_access, self.session
        )
        self.assertEqual(["username or user_id", "password"], error.opt_names)
        error = self.assertRaises(
            exceptions.AuthPluginOptionsMissing,
            v3.Password(user_id="u", password="x").get_token,
            self.session,
        )
        self.assertEqual(["auth_url"], error.opt_names)
        self.assertEqual([], self.requests_mock.request_history)

    def test_rejected_credentials(self):
        self.requests_mock.post(
            V3_URL + "/auth/tokens",
            status_code=401,
            json={
                "error": {
                    "code": 401,
                    "message": "The request you have made requires authentication.",
                    "title": "Unauthorized",
                }
            },
            headers={"x-openstack-request-id": "req-1"},
        )
        plugin = v3.Password(V3_URL, username="alice", user_domain_id="default", password=PASSWORD)
        error = self.assertRaises(exceptions.Unauthorized, plugin.get_access, self.session)
        self.assertEqual(401, error.http_status)
        self.assertEqual("req-1", error.request_id)
        self.assertIn("rejected", str(error))
        self.assertIn("requires authentication", str(error))
        self.assertNotIn(PASSWORD, str(error))
        self.assertNotIn(PASSWORD, repr(error.args))
        self.assertIsNone(plugin.auth_ref)

    def test_response_without_subject_token(self):
        self.requests_mock.post(V3_URL + "/auth/tokens", status_code=201, json=utils.v3_token())
        plugin = v3.Password(V3_URL, user_id="u", password=PASSWORD)
        error = self.assertRaises(exceptions.InvalidResponse, plugin.get_access, self.session)
        self.assertIn("X-Subject-Token", str(error))

    def test_response_not_a_token(self):
        self.requests_mock.post(
            V3_URL + "/auth/tokens",
            status_code=201,
            text="<html>proxy says hi</html>",
            headers={"X-Subject-Token": "t", "Content-Type": "text/html"},
        )
        plugin = v3.Password(V3_URL, user_id="u", password=PASSWORD)
        self.assertRaises(exceptions.InvalidResponse, plugin.get_access, self.session)
        self.requests_mock.post(
            V3_URL + "/auth/tokens",
            status_code=201,
            json={"versions": []},
            headers={"X-Subject-Token": "t"},
        )
        error = self.assertRaises(exceptions.InvalidResponse, plugin.get_access, self.session)
        self.assertIn("'token'", str(error))


class TokenTest(utils.TestCase):
    def test_rescope_token(self):
        self.stub_v3_auth(token_id="new")
        plugin = v3.Token(V3_URL, "old-token", project_id="p1")
        self.assertEqual("new", plugin.get_token(self.session))
        self.assertRequestJson(
            {
                "auth": {
                    "identity": {"methods": ["token"], "token": {"id": "old-token"}},
                    "scope": {"project": {"id": "p1"}},
                }
            }
        )
        self.assertNoTokenSent()

    def test_missing_token(self):
        error = self.assertRaises(
            exceptions.AuthPluginOptionsMissing, v3.Token(V3_URL).get_token, self.session
        )
        self.assertEqual(["token"], error.opt_names)

    def test_rejected_token_names_no_token(self):
        self.requests_mock.post(V3_URL + "/auth/tokens", status_code=401, json={})
        error = self.assertRaises(
            exceptions.Unauthorized, v3.Token(V3_URL, "secret-tok").get_token, self.session
        )
        self.assertNotIn("secret-tok", str(error))
        self.assertIn("the token", str(error))


class ApplicationCredentialTest(utils.TestCase):
    def _identity(self, data):
        return {
            "auth": {
                "identity": {
                    "methods": ["application_credential"],
                    "application_credential": data,
                }
            }
        }

    def test_by_id(self):
        self.stub_v3_auth(token_id="t")
        plugin = v3.ApplicationCredential(V3_URL, "ac-secret", application_credential_id="ac1")
        self.assertEqual("t", plugin.get_token(self.session))
        self.assertRequestJson(self._identity({"id": "ac1", "secret": "ac-secret"}))

    def test_by_name_and_user_id(self):
        self.stub_v3_auth()
        v3.ApplicationCredential(
            V3_URL, "ac-secret", application_credential_name="backup", user_id="u1"
        ).get_access(self.session)
        self.assertRequestJson(
            self._identity({"name": "backup", "user": {"id": "u1"}, "secret": "ac-secret"})
        )

    def test_by_name_and_user_name(self):
        self.stub_v3_auth()
        v3.ApplicationCredential(
            V3_URL,
            application_credential_secret="ac-secret",
            application_credential_name="backup",
            username="alice",
            user_domain_id="default",
        ).get_access(self.session)
        user = {"name": "alice", "domain": {"id": "default"}}
        self.assertRequestJson(
            self._identity({"name": "backup", "user": user, "secret": "ac-secret"})
        )

    def test_missing(self):
        plugin = v3.ApplicationCredential(V3_URL, application_credential_name="backup")
        error = self.assertRaises(
            exceptions.AuthPluginOptionsMissing, plugin.get_access, self.session
        )
        self.assertEqual(["application_credential_secret", "user_id or username"], error.opt_names)
        error = self.assertRaises(
            exceptions.AuthPluginOptionsMissing,
            v3.ApplicationCredential(V3_URL, "s").get_access,
            self.session,
        )
        self.assertEqual(
            ["application_credential_id or application_credential_name"], error.opt_names
        )


class MultiMethodTest(utils.TestCase):
    def test_password_and_token(self):
        self.stub_v3_auth()
        plugin = v3.Auth(
            V3_URL,
            [v3.PasswordMethod(password=PASSWORD, user_id="u1"), v3.TokenMethod("t0")],
            domain_id="d1",
        )
        plugin.get_access(self.session)
        self.assertRequestJson(
            {
                "auth": {
                    "identity": {
                        "methods": ["password", "token"],
                        "password": {"user": {"id": "u1", "password": PASSWORD}},
                        "token": {"id": "t0"},
                    },
                    "scope": {"domain": {"id": "d1"}},
                }
            }
        )

    def test_methods_are_checked(self):
        plugin = v3.Auth(V3_URL, [v3.PasswordMethod(user_id="u1")])
        error = self.assertRaises(
            exceptions.AuthPluginOptionsMissing, plugin.get_access, self.session
        )
        self.assertEqual(["password"], error.opt_names)
        error = self.assertRaises(
            exceptions.AuthPluginOptionsMissing, v3.Auth(V3_URL).get_access, self.session
        )
        self.assertEqual(["auth_methods"], error.opt_names)


class EndpointTest(utils.TestCase):
    def setUp(self):
        super().setUp()
        self.stub_v3_auth(token_id="tok")
        self.plugin = v3.Password(V3_URL, user_id="u", password=PASSWORD, project_id="p")

    def test_from_catalog(self):
        get = self.plugin.get_endpoint
        self.assertEqual(SERVICE_URL, get(self.session, service_type="compute"))
        self.assertEqual(
            "http://nova.internal:8774/v2.1",
            get(self.session, service_type="compute", interface="internalURL"),
        )
        self.assertEqual(
            "http://nova.internal:8774/v2.1",
            get(self.session, service_type="compute", endpoint_type="internal"),
        )
        self.assertEqual(
            SERVICE_URL, get(self.session, service_type="compute", region_name="RegionOne")
        )
        self.assertEqual(
            IDENTITY_ADMIN, get(self.session, service_type="identity", interface="admin")
        )
        self.assertEqual(1, len(self.requests_mock.request_history))

    def test_special_cases(self):
        self.assertIsNone(self.plugin.get_endpoint(self.session))
        self.assertEqual(V3_URL, self.plugin.get_endpoint(self.session, interface="auth"))
        self.assertRaises(
            exceptions.EndpointException,
            self.plugin.get_endpoint,
            self.session,
            service_type="compute",
            interface="sideways",
        )
        self.assertRaises(
            exceptions.EndpointNotFound,
            self.plugin.get_endpoint,
            self.session,
            service_type="volumev3",
        )

    def test_identity_without_catalog_is_auth_url(self):
        token = utils.fixture.V3Token()
        self.stub_v3_auth(token)
        plugin = v3.Password(V3_URL, user_id="u", password=PASSWORD, include_catalog=False)
        self.assertEqual(V3_URL, plugin.get_endpoint(self.session, service_type="identity"))
        error = self.assertRaises(
            exceptions.EndpointNotFound,
            plugin.get_endpoint,
            self.session,
            service_type="compute",
        )
        self.assertIn("no service catalog", str(error))

    def test_token_and_endpoint(self):
        self.assertEqual((None, None), self.plugin.token_and_endpoint("publicURL", "compute"))
        self.assertEqual([], self.requests_mock.request_history)
        self.plugin.get_access(self.session)
        self.assertEqual(
            ("tok", SERVICE_URL), self.plugin.token_and_endpoint("publicURL", "compute")
        )
        self.assertEqual(
            ("tok", "http://nova.internal:8774/v2.1"),
            self.plugin.token_and_endpoint("internal", "compute"),
        )
        self.assertEqual(("tok", None), self.plugin.token_and_endpoint("public", None))
        self.assertRaises(
            exceptions.EndpointException, self.plugin.token_and_endpoint, "privateURL", "compute"
        )


class ApiclientFaceTest(utils.TestCase):
    """The plugin behind the classic HTTPClient and the argparse loader."""

    def test_http_client_authenticates_once(self):
        auth = self.stub_v3_auth(token_id="tok")
        servers = self.requests_mock.get(SERVICE_URL + "/servers", json={"servers": []})

        class Compute(apiclient.BaseClient):
            service_type = "compute"

        plugin = v3.Password(V3_URL, user_id="u", password=PASSWORD, project_id="p")
        compute = Compute(apiclient.HTTPClient(plugin))
        compute.get("/servers")
        compute.get("/servers")
        self.assertEqual(1, auth.call_count)
        self.assertEqual(2, servers.call_count)
        self.assertEqual("tok", servers.last_request.headers["X-Auth-Token"])

    def test_loaded_from_args(self):
        self.stub_v3_auth()
        parser = argparse.ArgumentParser()
        apiauth.load_auth_system_opts(parser)
        args = parser.parse_args(
            [
                "--os-auth-system", "v3password",
                "--os-auth-url", V3_URL,
                "--os-username", "alice",
                "--os-user-domain-id", "default",
                "--os-password", PASSWORD,
                "--os-system-scope", "all",
            ]
        )  # fmt: skip
        plugin = apiauth.load_plugin_from_args(args)
        self.assertIsInstance(plugin, v3.Password)
        plugin.get_access(self.session)
        self.assertRequestJson(
            _password_body(
                {"name": "alice", "domain": {"id": "default"}, "password": PASSWORD},
                {"system": {"all": True}},
            )
        )

    def test_application_credential_from_args(self):
        self.stub_v3_auth()
        parser = argparse.ArgumentParser()
        apiauth.load_auth_system_opts(parser)
        args = parser.parse_args(
            [
                "--os-auth-url", V3_URL,
                "--os-application-credential-id", "ac1",
                "--os-application-credential-secret", "ac-secret",
            ]
        )  # fmt: skip
        plugin = apiauth.load_plugin_from_args(args)
        self.assertEqual("v3applicationcredential", plugin.auth_system)
        plugin.get_access(self.session)
        self.assertEqual(
            {"id": "ac1", "secret": "ac-secret"},
            utils._jsonutils.loads(self.requests_mock.last_request.body)["auth"]["identity"][
                "application_credential"
            ],
        )

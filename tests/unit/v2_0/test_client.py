"""The v2.0 Client: construction modes, auth_ref reuse, properties, debug log."""

from __future__ import annotations

import datetime
import json
import logging

import fixtures

from stackclient import access, session
from stackclient.apiclient import exceptions
from stackclient.auth import v2
from stackclient.fixture.v2 import V2Token
from stackclient.v2_0 import client, ec2, roles, tenants, tokens, users
from tests.unit.v2_0 import utils

_TENANTS = {"tenants": [{"id": "t1", "name": "demo", "enabled": True}]}


class _Base(utils.TestCase):
    def make_client(self) -> None:
        return None

    def setUp(self) -> None:
        super().setUp()
        self.token = utils.v2_token()
        self.auth = self.stub_auth(json=self.token)
        self.stub_url("GET", ["tenants"], base_url=utils.ADMIN_URL, json=_TENANTS)

    def password_client(self, **kwargs: object) -> client.Client:
        kwargs.setdefault("username", "alice")
        kwargs.setdefault("password", "pw")
        kwargs.setdefault("tenant_name", "demo")
        return client.Client(auth_url=utils.PUBLIC_URL, **kwargs)


class SessionModeTests(_Base):
    def test_requests_use_the_sessions_plugin_and_admin_url(self) -> None:
        auth = v2.Password(utils.PUBLIC_URL, username="alice", password="pw", tenant_id="t1")
        keystone = client.Client(session=session.Session(auth=auth))
        self.assertEqual(0, self.auth.call_count)  # nothing sent on construction
        self.assertEqual(["demo"], [t.name for t in keystone.tenants.list()])
        self.assertEqual(1, self.auth.call_count)
        self.assertRequestIs("GET", ["tenants"], base_url=utils.ADMIN_URL)
        self.assertRequestHeaderEqual("X-Auth-Token", self.token.token_id)
        self.assertIs(keystone, keystone.tenants.client)

    def test_managers(self) -> None:
        keystone = client.Client(session=session.Session())
        self.assertIsInstance(keystone.tenants, tenants.TenantManager)
        self.assertIsInstance(keystone.users, users.UserManager)
        self.assertIsInstance(keystone.roles, roles.RoleManager)
        self.assertIsInstance(keystone.ec2, ec2.CredentialsManager)
        self.assertIsInstance(keystone.tokens, tokens.TokenManager)
        self.assertIs(keystone.roles, keystone.users.role_manager)
        self.assertIs(keystone.users, keystone.tenants.user_manager)
        for name in ("services", "endpoints", "extensions", "certificates"):
            self.assertTrue(hasattr(keystone, name), name)

    def test_defaults(self) -> None:
        keystone = client.Client(session=session.Session())
        self.assertEqual("identity", keystone._adapter.service_type)
        self.assertEqual("admin", keystone.interface)

    def test_endpoint_type_spellings(self) -> None:
        sess = session.Session()
        self.assertEqual(
            "internal", client.Client(session=sess, endpoint_type="internalURL").interface
        )
        self.assertEqual("public", client.Client(session=sess, interface="publicURL").interface)
        self.assertRaises(
            exceptions.EndpointException, client.Client, session=sess, interface="sideways"
        )


class PasswordModeTests(_Base):
    def test_first_call_authenticates_with_password(self) -> None:
        keystone = self.password_client()
        keystone.tenants.list()
        auth_request = self.auth.last_request
        self.assertEqual(
            {
                "auth": {
                    "passwordCredentials": {"username": "alice", "password": "pw"},
                    "tenantName": "demo",
                }
            },
            auth_request.json(),
        )
        self.assertRequestIs("GET", ["tenants"], base_url=utils.ADMIN_URL)

    def test_properties(self) -> None:
        keystone = self.password_client()
        self.assertEqual(self.token.token_id, keystone.auth_token)
        self.assertEqual(self.token.tenant_id, keystone.tenant_id)
        self.assertEqual("demo", keystone.tenant_name)
        self.assertEqual("alice", keystone.username)
        self.assertEqual(self.token.user_id, keystone.user_id)
        self.assertEqual(utils.ADMIN_URL, keystone.management_url)
        self.assertEqual(utils.PUBLIC_URL, keystone.auth_url)
        self.assertTrue(keystone.has_service_catalog())
        self.assertEqual(
            utils.PUBLIC_URL,
            keystone.service_catalog.url_for(service_type="identity", interface="public"),
        )
        self.assertIsInstance(keystone.auth_ref, access.AccessInfoV2)
        self.assertEqual(1, self.auth.call_count)

    def test_user_id_tenant_id_and_trust(self) -> None:
        self.password_client(
            username=None, user_id="u1", tenant_name=None, tenant_id="t1", trust_id="tr"
        ).authenticate()
        self.assertEqual(
            {
                "auth": {
                    "passwordCredentials": {"userId": "u1", "password": "pw"},
                    "tenantId": "t1",
                    "trust_id": "tr",
                }
            },
            self.auth.last_request.json(),
        )

    def test_project_aliases(self) -> None:
        self.password_client(tenant_name=None, project_name="other").authenticate()
        self.assertEqual("other", self.auth.last_request.json()["auth"]["tenantName"])

    def test_token_exchange(self) -> None:
        client.Client(auth_url=utils.PUBLIC_URL, token="old", tenant_id="t1").authenticate()
        self.assertEqual(
            {"auth": {"token": {"id": "old"}, "tenantId": "t1"}}, self.auth.last_request.json()
        )

    def test_authenticate_gets_a_new_token_and_management_url(self) -> None:
        second = V2Token(tenant_name="demo")
        second.add_service("identity").add_endpoint(
            "http://second:5000/v2.0", admin="http://second:35357/v2.0"
        )
        self.stub_auth(response_list=[{"json": self.token}, {"json": second}])
        keystone = self.password_client()
        self.assertEqual(utils.ADMIN_URL, keystone.management_url)
        self.assertTrue(keystone.authenticate())
        self.assertEqual("http://second:35357/v2.0", keystone.management_url)
        self.assertEqual(second.token_id, keystone.auth_token)

    def test_region_picks_the_endpoint(self) -> None:
        token = utils.v2_token()
        token.remove_service("identity")
        service = token.add_service("identity")
        service.add_endpoint("http://n:5000/v2.0", admin="http://north/v2.0", region="North")
        service.add_endpoint("http://s:5000/v2.0", admin="http://south/v2.0", region="South")
        self.stub_auth(json=token)
        self.stub_url("GET", ["tenants"], base_url="http://south/v2.0", json=_TENANTS)
        keystone = self.password_client(region_name="South")
        keystone.tenants.list()
        self.assertRequestIs("GET", ["tenants"], base_url="http://south/v2.0")

    def test_internal_endpoint_type(self) -> None:
        internal = "http://keystone.internal:5000/v2.0"
        token = utils.v2_token()
        token.remove_service("identity")
        token.add_service("identity").add_endpoint(utils.PUBLIC_URL, internal=internal)
        self.stub_auth(json=token)
        self.stub_url("GET", ["tenants"], base_url=internal, json=_TENANTS)
        self.password_client(endpoint_type="internalURL").tenants.list()
        self.assertRequestIs("GET", ["tenants"], base_url=internal)

    def test_wrong_password(self) -> None:
        self.stub_auth(
            status_code=401,
            json={"error": {"code": 401, "title": "Unauthorized", "message": "Invalid"}},
        )
        keystone = self.password_client(password="bad")
        error = self.assertRaises(exceptions.Unauthorized, keystone.tenants.list)
        self.assertNotIn("bad", str(error))

    def test_no_auth_url(self) -> None:
        self.assertRaises(
            exceptions.AuthorizationFailure, client.Client, username="alice", password="pw"
        )

    def test_nothing_to_authenticate_with(self) -> None:
        self.assertRaises(exceptions.AuthorizationFailure, client.Client)
        self.assertRaises(
            exceptions.AuthorizationFailure,
            client.Client,
            tenant_name="demo",
            auth_url=utils.PUBLIC_URL,
        )


class AuthRefModeTests(_Base):
    def stored(self) -> access.AccessInfo:
        keystone = self.password_client()
        ref = keystone.auth_ref
        self.assertEqual(1, self.auth.call_count)
        self.auth.reset()
        return ref

    def test_json_round_trip(self) -> None:
        ref = self.stored()
        again = access.AccessInfo.from_json(ref.to_json())
        self.assertIsInstance(again, access.AccessInfoV2)
        self.assertEqual(ref, again)
        self.assertEqual(ref.auth_token, again.auth_token)
        self.assertEqual(ref.expires, again.expires)
        self.assertEqual(utils.ADMIN_URL, again.management_url[0])

    def test_reuse_makes_no_auth_request(self) -> None:
        ref = self.stored()
        sent_before = len(self.requests_mock.request_history)
        for stored in (ref, ref.to_json(), json.loads(ref.to_json())):
            keystone = client.Client(auth_ref=stored)
            self.assertEqual(1, len(keystone.tenants.list()))
            self.assertRequestIs("GET", ["tenants"], base_url=utils.ADMIN_URL)
            self.assertRequestHeaderEqual("X-Auth-Token", self.token.token_id)
            self.assertEqual(self.token.token_id, keystone.auth_token)
            self.assertEqual("alice", keystone.username)
            self.assertEqual(self.token.tenant_id, keystone.tenant_id)
            self.assertEqual(utils.ADMIN_URL, keystone.management_url)
            keystone.authenticate()  # still valid: nothing to send
        sent = self.requests_mock.request_history[sent_before:]
        self.assertEqual(3, len(sent))
        self.assertEqual({"GET"}, {r.method for r in sent})
        self.assertEqual(0, self.auth.call_count)

    def test_with_another_auth_url(self) -> None:
        keystone = client.Client(auth_ref=self.stored(), auth_url="http://new:5000/v2.0")
        self.assertEqual("http://new:5000/v2.0", keystone.auth_url)
        keystone.tenants.list()
        self.assertEqual(0, self.auth.call_count)

    def _expired(self) -> access.AccessInfo:
        past = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(hours=2)
        old = utils.v2_token(issued=past, expires=past + datetime.timedelta(hours=1))
        return access.AccessInfo.factory(body=old)

    def test_expired_without_credentials(self) -> None:
        keystone = client.Client(auth_ref=self._expired())
        error = self.assertRaises(exceptions.AuthorizationFailure, keystone.tenants.list)
        self.assertIn("expired", str(error))
        self.assertEqual(0, self.auth.call_count)

    def test_expired_with_password_reauthenticates_as_the_same_user(self) -> None:
        expired = self._expired()
        keystone = client.Client(auth_ref=expired, password="pw")
        keystone.tenants.list()
        self.assertEqual(1, self.auth.call_count)
        self.assertEqual(
            {
                "auth": {
                    "passwordCredentials": {"userId": expired.user_id, "password": "pw"},
                    "tenantId": expired.tenant_id,
                }
            },
            self.auth.last_request.json(),
        )
        self.assertRequestHeaderEqual("X-Auth-Token", self.token.token_id)


class AdminTokenModeTests(_Base):
    def test_bootstrap(self) -> None:
        keystone = client.Client(token="ADMIN", endpoint=utils.ADMIN_URL + "/")
        keystone.tenants.list()
        self.assertRequestIs("GET", ["tenants"], base_url=utils.ADMIN_URL)
        self.assertRequestHeaderEqual("X-Auth-Token", "ADMIN")
        self.assertEqual(0, self.auth.call_count)
        self.assertEqual(utils.ADMIN_URL, keystone.management_url)
        self.assertIsNone(keystone.auth_ref)
        self.assertIsNone(keystone.service_catalog)
        self.assertFalse(keystone.has_service_catalog())
        self.assertIsNone(keystone.tenant_id)
        self.assertTrue(keystone.authenticate())
        self.assertEqual(0, self.auth.call_count)

    def test_unknown_tenant(self) -> None:
        keystone = client.Client(token="ADMIN", endpoint=utils.ADMIN_URL)
        self.stub_not_found("GET", ["tenants", "nope"])
        self.assertRaises(exceptions.NotFound, keystone.tenants.get, "nope")


class DebugLogTests(_Base):
    """With debug on, the log shows the requests but no secret."""

    PASSWORD = "pw-" + "9f8e7d6c5b4a"

    def test_no_secret_in_the_debug_log(self) -> None:
        log = self.useFixture(fixtures.FakeLogger(name="stackclient", level=logging.DEBUG))
        secret = "ec2-secret-" + utils.new_id()
        validated = V2Token(token_id="tok-" + utils.new_id())
        cred = {"access": "acc1", "secret": secret, "user_id": "u1", "tenant_id": "t1"}
        self.stub_url("POST", ["users", "u1", "credentials", "OS-EC2"], json={"credential": cred})
        self.stub_url("GET", ["tokens", validated.token_id], json=validated)

        keystone = self.password_client(password=self.PASSWORD, debug=True)
        self.assertEqual(secret, keystone.ec2.create("u1", "t1").secret)
        ref = keystone.tokens.validate_access_info(validated.token_id)
        self.assertEqual(validated.user_id, ref.user_id)
        self.stub_url("DELETE", ["tokens", validated.token_id], status_code=204)
        keystone.tokens.delete(ref)
        self.stub_url("POST", ["tokens"], base_url=utils.ADMIN_URL, json=validated)
        issued = keystone.tokens.authenticate(username="bob", password=self.PASSWORD)
        self.assertEqual(validated.token_id, issued.id)

        output = log.output
        self.assertIn("OS-EC2", output)  # the requests were logged
        self.assertIn("passwordCredentials", output)
        for leaked in (self.PASSWORD, self.token.token_id, validated.token_id, secret):
            self.assertNotIn(leaked, output)

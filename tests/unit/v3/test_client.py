"""The v3 Client on the wire: construction modes, auth requests, endpoints, properties."""

from __future__ import annotations

import datetime
import json
import logging
import subprocess
import sys
import typing as _t

import fixtures
import testtools
from requests_mock.contrib import fixture as rm_fixture

from stackclient import access, fixture, session
from stackclient.apiclient import exceptions
from stackclient.auth import v3 as v3_auth
from stackclient.v3 import (
    access_rules,
    application_credentials,
    auth,
    client,
    credentials,
    domain_configs,
    domains,
    ec2,
    endpoint_filter,
    endpoint_groups,
    endpoints,
    groups,
    limits,
    policies,
    projects,
    regions,
    registered_limits,
    role_assignments,
    roles,
    services,
    tokens,
    trusts,
    users,
)

AUTH_URL = "http://keystone.test:5000/v3"
PUBLIC = "http://public.test/v3"
ADMIN = "http://admin.test/v3"
INTERNAL = "http://internal.test/v3"
OTHER_REGION = "http://other-region.test/v3"
TOKEN_ID = "tok-" + "a" * 40
PASSWORD = "pw-very-secret-1234"


def _token(**kwargs: _t.Any) -> fixture.V3Token:
    kwargs.setdefault("user_id", "u1")
    kwargs.setdefault("user_name", "alice")
    kwargs.setdefault("project_id", "p1")
    kwargs.setdefault("project_name", "demo")
    kwargs.setdefault("project_domain_id", "default")
    token = fixture.V3Token(**kwargs)
    token.add_role(name="admin")
    svc = token.add_service("identity", name="keystone")
    svc.add_standard_endpoints(public=PUBLIC, admin=ADMIN, internal=INTERNAL, region="RegionOne")
    svc.add_standard_endpoints(public=OTHER_REGION, region="RegionTwo")
    return token


class ClientTestCase(testtools.TestCase):
    def setUp(self) -> None:
        super().setUp()
        self.requests_mock = self.useFixture(rm_fixture.Fixture())
        self.token = _token()
        self.auth_mock = self.requests_mock.post(
            AUTH_URL + "/auth/tokens",
            json=self.token,
            status_code=201,
            headers={"X-Subject-Token": TOKEN_ID},
        )
        for base in (PUBLIC, ADMIN, INTERNAL, OTHER_REGION):
            self.requests_mock.get(base + "/projects", json={"projects": [{"id": "p1"}]})

    def auth_requests(self) -> list[_t.Any]:
        return [r for r in self.requests_mock.request_history if r.path.endswith("/auth/tokens")]

    def password_client(self, **kwargs: _t.Any) -> client.Client:
        kwargs.setdefault("auth_url", AUTH_URL)
        kwargs.setdefault("username", "alice")
        kwargs.setdefault("password", PASSWORD)
        kwargs.setdefault("project_name", "demo")
        return client.Client(**kwargs)

    def stored_ref(self, **token_kwargs: _t.Any) -> access.AccessInfo:
        return access.AccessInfo.factory(body=_token(**token_kwargs), auth_token=TOKEN_ID)


class ManagerTests(ClientTestCase):
    def test_every_manager_is_wired(self) -> None:
        keystone = client.Client(token="ADMIN", endpoint=PUBLIC)
        expected = {
            "access_rules": access_rules.AccessRuleManager,
            "application_credentials": application_credentials.ApplicationCredentialManager,
            "auth": auth.AuthManager,
            "credentials": credentials.CredentialManager,
            "domain_configs": domain_configs.DomainConfigManager,
            "domains": domains.DomainManager,
            "ec2": ec2.EC2Manager,
            "endpoint_filter": endpoint_filter.EndpointFilterManager,
            "endpoint_groups": endpoint_groups.EndpointGroupManager,
            "endpoints": endpoints.EndpointManager,
            "groups": groups.GroupManager,
            "inference_rules": roles.InferenceRuleManager,
            "limits": limits.LimitManager,
            "policies": policies.PolicyManager,
            "projects": projects.ProjectManager,
            "regions": regions.RegionManager,
            "registered_limits": registered_limits.RegisteredLimitManager,
            "role_assignments": role_assignments.RoleAssignmentManager,
            "roles": roles.RoleManager,
            "services": services.ServiceManager,
            "tokens": tokens.TokenManager,
            "trusts": trusts.TrustManager,
            "users": users.UserManager,
        }
        for name, cls in expected.items():
            manager = getattr(keystone, name)
            self.assertIsInstance(manager, cls, name)
            self.assertIs(keystone, manager.client, name)

    def test_a_manager_is_made_once_and_can_be_replaced(self) -> None:
        keystone = client.Client(token="ADMIN", endpoint=PUBLIC)
        self.assertIs(keystone.projects, keystone.projects)
        keystone.projects = "replaced"
        self.assertEqual("replaced", keystone.projects)
        self.assertIsNot(keystone.users, client.Client(token="ADMIN", endpoint=PUBLIC).users)

    def test_importing_the_client_loads_no_manager_module(self) -> None:
        code = (
            "import sys, stackclient.v3.client as c;"
            "loaded = lambda: sorted(m for m in sys.modules if m.startswith("
            "('stackclient.v3.', 'stevedore', 'oslo')));"
            "print(loaded());"
            "c.Client(token='t', endpoint='http://127.0.0.1:1/v3').projects;"
            "print(loaded())"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        self.assertEqual(
            ["['stackclient.v3.client']", "['stackclient.v3.client', 'stackclient.v3.projects']"],
            result.stdout.split("\n")[:2],
        )

    def test_client_is_importable_from_the_package(self) -> None:
        from stackclient import v3

        self.assertIs(client.Client, v3.Client)
        self.assertRaises(AttributeError, getattr, v3, "Nope")


class SessionModeTests(ClientTestCase):
    """Mode 1: Client(session=sess)."""

    def make(self, **kwargs: _t.Any) -> client.Client:
        plugin = v3_auth.Password(
            auth_url=AUTH_URL,
            username="alice",
            user_domain_id="default",
            password=PASSWORD,
            project_id="p1",
        )
        return client.Client(session=session.Session(auth=plugin), **kwargs)

    def test_lists_at_the_public_catalog_url_by_default(self) -> None:
        keystone = self.make()
        self.assertEqual([], self.auth_requests(), "construction must not authenticate")
        self.assertEqual(["p1"], [p.id for p in keystone.projects.list()])
        last = self.requests_mock.last_request
        self.assertEqual(PUBLIC + "/projects", last.url)
        self.assertEqual(TOKEN_ID, last.headers["X-Auth-Token"])
        self.assertEqual(1, len(self.auth_requests()))

    def test_interface_and_region_pick_the_endpoint(self) -> None:
        for kwargs, url in (
            ({"interface": "admin"}, ADMIN),
            ({"interface": "internal"}, INTERNAL),
            ({"region_name": "RegionTwo"}, OTHER_REGION),
        ):
            self.make(**kwargs).projects.list()
            self.assertEqual(url + "/projects", self.requests_mock.last_request.url)

    def test_endpoint_overrides_the_catalog(self) -> None:
        keystone = self.make(endpoint=ADMIN + "/")
        keystone.projects.list()
        self.assertEqual(ADMIN + "/projects", self.requests_mock.last_request.url)
        self.assertEqual(ADMIN, keystone.management_url)

    def test_properties_describe_the_token(self) -> None:
        keystone = self.make()
        self.assertEqual(TOKEN_ID, keystone.auth_token)
        self.assertEqual("u1", keystone.user_id)
        self.assertEqual("alice", keystone.username)
        self.assertEqual("p1", keystone.project_id)
        self.assertEqual("demo", keystone.project_name)
        self.assertIsNone(keystone.domain_id)
        self.assertIsNone(keystone.trust_id)
        self.assertTrue(keystone.has_service_catalog())
        self.assertEqual(PUBLIC, keystone.service_catalog.url_for(service_type="identity"))
        self.assertEqual(PUBLIC, keystone.management_url)
        self.assertEqual(AUTH_URL, keystone.auth_url)
        self.assertEqual("public", keystone.interface)
        self.assertIsInstance(keystone.auth_ref, access.AccessInfoV3)
        self.assertEqual(1, len(self.auth_requests()))

    def test_management_url_is_none_without_a_matching_endpoint(self) -> None:
        self.assertIsNone(self.make(region_name="Nowhere").management_url)

    def test_authenticate_forces_a_new_token(self) -> None:
        keystone = self.make()
        keystone.projects.list()
        self.assertTrue(keystone.authenticate())
        self.assertEqual(2, len(self.auth_requests()))

    def test_an_auth_plugin_given_with_the_session_wins(self) -> None:
        other = v3_auth.Token(auth_url=AUTH_URL, token="other-token", project_id="p1")
        keystone = client.Client(session=session.Session(), auth=other)
        keystone.projects.list()
        sent = self.auth_requests()[0].json()["auth"]["identity"]
        self.assertEqual({"methods": ["token"], "token": {"id": "other-token"}}, sent)

    def test_a_duck_typed_session_is_used_as_is(self) -> None:
        calls = []

        class _KsaLikeSession:
            auth = None

            def request(self, url: str, method: str, **kwargs: _t.Any) -> _t.Any:
                calls.append((url, method, kwargs))
                import requests

                return requests.get(PUBLIC + url)

        keystone = client.Client(session=_KsaLikeSession(), interface="admin", region_name="R")
        keystone.projects.list()
        url, method, kwargs = calls[0]
        self.assertEqual(("/projects", "GET"), (url, method))
        self.assertEqual(
            {"service_type": "identity", "interface": "admin", "region_name": "R"},
            kwargs["endpoint_filter"],
        )
        self.assertFalse(kwargs["raise_exc"])


class CredentialModeTests(ClientTestCase):
    def test_password_body_defaults_domains_to_default(self) -> None:
        keystone = self.password_client()
        keystone.projects.list()
        body = self.auth_requests()[0].json()
        self.assertEqual(
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
            },
            body,
        )
        self.assertEqual(PUBLIC + "/projects", self.requests_mock.last_request.url)

    def test_password_with_ids_and_domain_scope(self) -> None:
        self.password_client(
            username=None, user_id="u1", project_name=None, domain_name="dom"
        ).authenticate()
        body = self.auth_requests()[0].json()["auth"]
        self.assertEqual({"id": "u1", "password": PASSWORD}, body["identity"]["password"]["user"])
        self.assertEqual({"domain": {"name": "dom"}}, body["scope"])

    def test_named_domains_are_kept(self) -> None:
        self.password_client(
            user_domain_name="Users", project_domain_name="Projects"
        ).authenticate()
        body = self.auth_requests()[0].json()["auth"]
        self.assertEqual({"name": "Users"}, body["identity"]["password"]["user"]["domain"])
        self.assertEqual({"name": "Projects"}, body["scope"]["project"]["domain"])

    def test_tenant_name_is_an_alias_of_project_name(self) -> None:
        self.password_client(project_name=None, tenant_name="demo").authenticate()
        scope = self.auth_requests()[0].json()["auth"]["scope"]
        self.assertEqual("demo", scope["project"]["name"])

    def test_system_scope_and_trust(self) -> None:
        self.password_client(project_name=None, system_scope="all").authenticate()
        self.assertEqual(
            {"system": {"all": True}}, self.auth_requests()[-1].json()["auth"]["scope"]
        )
        self.password_client(project_name=None, trust_id="t1").authenticate()
        self.assertEqual(
            {"OS-TRUST:trust": {"id": "t1"}}, self.auth_requests()[-1].json()["auth"]["scope"]
        )

    def test_token_with_auth_url_is_exchanged(self) -> None:
        keystone = client.Client(auth_url=AUTH_URL, token="old", project_id="p1")
        keystone.projects.list()
        body = self.auth_requests()[0].json()["auth"]
        self.assertEqual({"methods": ["token"], "token": {"id": "old"}}, body["identity"])
        self.assertEqual({"project": {"id": "p1"}}, body["scope"])
        self.assertEqual(TOKEN_ID, self.requests_mock.last_request.headers["X-Auth-Token"])

    def test_tls_and_timeout_options_reach_the_session(self) -> None:
        keystone = self.password_client(
            cacert="/ca.pem", cert="/c.pem", key="/k.pem", timeout=7, original_ip="10.0.0.1"
        )
        self.assertEqual("/ca.pem", keystone.session.verify)
        self.assertEqual(("/c.pem", "/k.pem"), keystone.session.cert)
        self.assertEqual(7.0, keystone.session.timeout)
        self.assertFalse(self.password_client(insecure=True).session.verify)
        self.assertTrue(self.password_client().session.verify)

    def test_user_agent_is_sent(self) -> None:
        self.password_client(user_agent="my-tool/1.0").projects.list()
        self.assertEqual("my-tool/1.0", self.requests_mock.last_request.headers["User-Agent"])

    def test_wrong_password_raises_unauthorized_without_the_password(self) -> None:
        error = {"error": {"code": 401, "message": "The request you have made requires "
                           "authentication.", "title": "Unauthorized"}}  # fmt: skip
        self.requests_mock.post(AUTH_URL + "/auth/tokens", status_code=401, json=error)
        keystone = self.password_client()
        err = self.assertRaises(exceptions.Unauthorized, keystone.projects.list)
        self.assertNotIn(PASSWORD, str(err))
        self.assertIn(AUTH_URL, str(err))

    def test_debug_log_holds_no_secret(self) -> None:
        captured = self.useFixture(fixtures.FakeLogger(name="stackclient", level=logging.DEBUG))
        self.requests_mock.get(PUBLIC + "/auth/tokens", json=self.token)
        keystone = self.password_client(debug=True)
        keystone.projects.list()
        keystone.tokens.validate(TOKEN_ID)
        text = captured.output
        self.assertIn("auth/tokens", text, "the debug log should show the requests")
        self.assertNotIn(PASSWORD, text)
        self.assertNotIn(TOKEN_ID, text)


class StoredAuthRefTests(ClientTestCase):
    """Mode 2: Client(auth_ref=stored)."""

    def test_no_auth_request_while_the_token_is_valid(self) -> None:
        ref = self.stored_ref()
        for stored in (ref, ref.to_json(), json.loads(ref.to_json()), dict(ref)):
            keystone = client.Client(auth_ref=stored)
            keystone.projects.list()
            last = self.requests_mock.last_request
            self.assertEqual(PUBLIC + "/projects", last.url)
            self.assertEqual(TOKEN_ID, last.headers["X-Auth-Token"])
            self.assertEqual("u1", keystone.user_id)
            self.assertEqual(PUBLIC, keystone.auth_url)
        self.assertEqual([], self.auth_requests())

    def test_the_stored_ref_round_trips(self) -> None:
        first = self.password_client()
        first.projects.list()
        stored = first.auth_ref.to_json()
        again = client.Client(auth_ref=stored, interface="admin")
        again.projects.list()
        self.assertEqual(ADMIN + "/projects", self.requests_mock.last_request.url)
        self.assertEqual(1, len(self.auth_requests()))
        self.assertEqual(first.auth_ref.to_dict(), again.auth_ref.to_dict())

    def test_endpoint_overrides_the_stored_catalog(self) -> None:
        keystone = client.Client(auth_ref=self.stored_ref(), endpoint=INTERNAL)
        keystone.projects.list()
        self.assertEqual(INTERNAL + "/projects", self.requests_mock.last_request.url)

    def test_expired_without_credentials_names_the_expiry(self) -> None:
        past = datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc)
        keystone = client.Client(auth_ref=self.stored_ref(expires=past))
        err = self.assertRaises(exceptions.AuthorizationFailure, keystone.projects.list)
        self.assertIn("expired", str(err))
        self.assertIn("2020-01-01", str(err))
        self.assertEqual([], self.auth_requests())
        self.assertEqual(0, len(self.requests_mock.request_history))

    def test_expired_with_password_reauthenticates_as_the_same_user_and_scope(self) -> None:
        past = datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc)
        keystone = client.Client(
            auth_ref=self.stored_ref(expires=past), password=PASSWORD, auth_url=AUTH_URL
        )
        keystone.projects.list()
        body = self.auth_requests()[0].json()["auth"]
        self.assertEqual({"id": "u1", "password": PASSWORD}, body["identity"]["password"]["user"])
        self.assertEqual({"project": {"id": "p1"}}, body["scope"])

    def test_unversioned_catalog_url_gets_v3_for_reauthentication(self) -> None:
        past = datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc)
        body = fixture.V3Token(
            expires=past, user_id="u1", project_id="p1", project_domain_id="default"
        )
        body.add_service("identity").add_standard_endpoints(
            public="http://root.test:5000/", admin=ADMIN, internal=INTERNAL
        )
        ref = access.AccessInfo.factory(body=body, auth_token=TOKEN_ID)
        auth = self.requests_mock.post(
            "http://root.test:5000/v3/auth/tokens",
            json=_token(),
            status_code=201,
            headers={"X-Subject-Token": TOKEN_ID},
        )
        client.Client(auth_ref=ref, password=PASSWORD).projects.list()
        self.assertEqual(1, auth.call_count)

    def test_valid_ref_with_password_makes_no_auth_request(self) -> None:
        keystone = client.Client(auth_ref=self.stored_ref(), password=PASSWORD, auth_url=AUTH_URL)
        keystone.projects.list()
        self.assertEqual([], self.auth_requests())
        keystone.authenticate()
        self.assertEqual(1, len(self.auth_requests()))

    def test_stored_scope_is_reused_for_domain_and_trust_tokens(self) -> None:
        past = datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc)
        domain_token = _token(expires=past, project_id=None)
        domain_token.set_domain_scope(id="d1")
        trust_token = _token(expires=past)
        trust_token.set_trust_scope(id="t1", trustee_user_id="u1", trustor_user_id="u0")
        for body, scope in (
            (domain_token, {"domain": {"id": "d1"}}),
            (trust_token, {"OS-TRUST:trust": {"id": "t1"}}),
        ):
            ref = access.AccessInfo.factory(body=body, auth_token=TOKEN_ID)
            client.Client(auth_ref=ref, token="t", auth_url=AUTH_URL).authenticate()
            self.assertEqual(scope, self.auth_requests()[-1].json()["auth"]["scope"])

    def test_authenticate_checks_a_stored_ref_without_credentials(self) -> None:
        keystone = client.Client(auth_ref=self.stored_ref())
        self.assertTrue(keystone.authenticate())
        self.assertEqual([], self.auth_requests())

    def test_auth_ref_can_be_replaced(self) -> None:
        keystone = client.Client(auth_ref=self.stored_ref())
        keystone.auth_ref = self.stored_ref(user_id="u2").to_json()
        self.assertEqual("u2", keystone.user_id)

    def test_session_with_stored_ref_makes_no_auth_request(self) -> None:
        plugin = v3_auth.Password(
            auth_url=AUTH_URL, username="alice", password=PASSWORD, project_name="demo",
            user_domain_id="default", project_domain_id="default",
        )  # fmt: skip
        keystone = client.Client(session=session.Session(auth=plugin), auth_ref=self.stored_ref())
        keystone.projects.list()
        self.assertEqual(TOKEN_ID, self.requests_mock.last_request.headers["X-Auth-Token"])
        self.assertEqual([], self.auth_requests())

    def test_session_with_expired_stored_ref_reauthenticates_once(self) -> None:
        past = datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc)
        plugin = v3_auth.Password(
            auth_url=AUTH_URL, username="alice", password=PASSWORD, project_name="demo",
            user_domain_id="default", project_domain_id="default",
        )  # fmt: skip
        stored = self.stored_ref(expires=past)
        keystone = client.Client(session=session.Session(auth=plugin), auth_ref=stored)
        keystone.projects.list()
        keystone.projects.list()
        self.assertEqual(1, len(self.auth_requests()))

    def test_bad_auth_ref_is_refused(self) -> None:
        self.assertRaises(exceptions.ValidationError, client.Client, auth_ref=42)
        self.assertRaises(exceptions.InvalidResponse, client.Client, auth_ref="{not json")
        self.assertRaises(exceptions.InvalidResponse, client.Client, auth_ref={"x": 1})


class AdminTokenModeTests(ClientTestCase):
    """Mode 3: Client(token=ADMIN_TOKEN, endpoint=URL)."""

    def test_admin_token_goes_straight_to_the_endpoint(self) -> None:
        keystone = client.Client(token="ADMIN", endpoint=ADMIN, auth_url=AUTH_URL)
        keystone.projects.list()
        last = self.requests_mock.last_request
        self.assertEqual(ADMIN + "/projects", last.url)
        self.assertEqual("ADMIN", last.headers["X-Auth-Token"])
        self.assertEqual([], self.auth_requests())

    def test_admin_token_client_has_no_token_details(self) -> None:
        keystone = client.Client(token="ADMIN", endpoint=ADMIN)
        self.assertIsNone(keystone.auth_ref)
        self.assertIsNone(keystone.user_id)
        self.assertIsNone(keystone.service_catalog)
        self.assertFalse(keystone.has_service_catalog())
        self.assertEqual("ADMIN", keystone.auth_token)
        self.assertEqual(ADMIN, keystone.management_url)
        self.assertTrue(keystone.authenticate())
        self.assertEqual([], list(self.requests_mock.request_history))

    def test_app_credentials_need_an_explicit_user_then(self) -> None:
        keystone = client.Client(token="ADMIN", endpoint=ADMIN)
        err = self.assertRaises(exceptions.ValidationError, keystone.application_credentials.list)
        self.assertIn("user=", str(err))

    def test_endpoint_alone_sends_no_token(self) -> None:
        keystone = client.Client(endpoint=ADMIN)
        keystone.projects.list()
        self.assertNotIn("X-Auth-Token", self.requests_mock.last_request.headers)

    def test_management_url_can_be_set(self) -> None:
        keystone = client.Client(token="ADMIN", endpoint=ADMIN)
        keystone.management_url = INTERNAL
        keystone.projects.list()
        self.assertEqual(INTERNAL + "/projects", self.requests_mock.last_request.url)


class AppCredentialDefaultUserTests(ClientTestCase):
    def test_current_user_comes_from_the_token(self) -> None:
        url = PUBLIC + "/users/u1/application_credentials"
        self.requests_mock.get(url, json={"application_credentials": []})
        self.password_client().application_credentials.list()
        self.assertEqual(url, self.requests_mock.last_request.url)


class BadArgumentsTests(ClientTestCase):
    def test_nothing_to_authenticate_with(self) -> None:
        err = self.assertRaises(exceptions.AuthorizationFailure, client.Client)
        self.assertIn("session=", str(err))

    def test_password_without_auth_url(self) -> None:
        err = self.assertRaises(
            exceptions.AuthorizationFailure, client.Client, username="a", password="b"
        )
        self.assertIn("auth_url=", str(err))

    def test_token_without_auth_url_or_endpoint(self) -> None:
        self.assertRaises(exceptions.AuthorizationFailure, client.Client, token="t")

    def test_key_without_cert(self) -> None:
        self.assertRaises(exceptions.ValidationError, self.password_client, key="/k.pem")

    def test_no_scope_sends_no_scope(self) -> None:
        keystone = self.password_client(project_name=None)
        keystone.authenticate()
        self.assertNotIn("scope", self.auth_requests()[0].json()["auth"])

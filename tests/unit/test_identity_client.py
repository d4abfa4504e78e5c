"""The construction logic shared by the identity clients, through a small subclass."""

from __future__ import annotations

import typing as _t

import testtools
from requests_mock.contrib import fixture as rm_fixture

from stackclient import _identity_client, access, fixture, session
from stackclient.apiclient import exceptions
from stackclient.auth import admin_token, noauth
from stackclient.auth import base as auth_base
from stackclient.auth import v3 as v3_auth

AUTH_URL = "http://keystone.test/v3"
PUBLIC = "http://public.test/v3"
ADMIN = "http://admin.test/v3"


class _Client(_identity_client.IdentityClient):
    """A version that records what the shared code asks of it."""

    version = "vX"
    default_interface = "admin"

    def __init__(self, **kwargs: _t.Any) -> None:
        self.calls: list[tuple[str, _t.Any]] = []
        credentials = {
            k: kwargs.pop(k) for k in ("username", "password", "project_id") if k in kwargs
        }
        super().__init__(credentials=credentials, **kwargs)

    def _password_plugin(self, auth_url: str, credentials: dict[str, _t.Any]) -> _t.Any:
        self.calls.append(("password", (auth_url, credentials)))
        return v3_auth.Password(auth_url=auth_url, user_id=credentials.get("username"),
                                password=credentials["password"])  # fmt: skip

    def _token_plugin(self, auth_url: str, token: str, credentials: dict[str, _t.Any]) -> _t.Any:
        self.calls.append(("token", (auth_url, token, credentials)))
        return v3_auth.Token(auth_url=auth_url, token=token)

    def _credentials_with_ref(
        self, credentials: dict[str, _t.Any], ref: access.AccessInfo | None
    ) -> dict[str, _t.Any]:
        self.calls.append(("with_ref", ref))
        return dict(credentials, from_ref=ref is not None)


def _ref(**kwargs: _t.Any) -> access.AccessInfo:
    token = fixture.V3Token(user_id="u1", project_id="p1", **kwargs)
    token.add_service("identity").add_standard_endpoints(public=PUBLIC, admin=ADMIN, region="R1")
    return access.AccessInfo.factory(body=token, auth_token="stored-token")


class BuildPluginTests(testtools.TestCase):
    def plugin(self, client: _identity_client.IdentityClient) -> _t.Any:
        return client.session.auth

    def test_password_goes_to_the_version_hook(self) -> None:
        client = _Client(auth_url=AUTH_URL + "/", username="alice", password="pw", project_id=None)
        self.assertIsInstance(self.plugin(client), v3_auth.Password)
        self.assertEqual(
            [("with_ref", None), ("password", (AUTH_URL, {"username": "alice", "password": "pw",
                                                          "from_ref": False}))],
            client.calls,
        )  # fmt: skip

    def test_password_is_seeded_with_a_stored_ref(self) -> None:
        ref = _ref()
        client = _Client(auth_ref=ref, password="pw")
        self.assertIs(ref, self.plugin(client).auth_ref)
        self.assertEqual(("with_ref", ref), client.calls[0])
        self.assertEqual(PUBLIC, client.calls[1][1][0], "auth URL comes from the stored catalog")

    def test_token_and_endpoint_is_the_admin_token_plugin(self) -> None:
        client = _Client(token="ADMIN", endpoint=ADMIN + "/", auth_url=AUTH_URL)
        plugin = self.plugin(client)
        self.assertIsInstance(plugin, admin_token.AdminToken)
        self.assertEqual(("ADMIN", ADMIN), (plugin.token, plugin.endpoint))
        self.assertEqual([], client.calls)

    def test_token_and_auth_url_is_the_token_hook(self) -> None:
        client = _Client(token="t", auth_url=AUTH_URL)
        self.assertIsInstance(self.plugin(client), v3_auth.Token)
        self.assertEqual("token", client.calls[-1][0])

    def test_stored_ref_alone_holds_it_without_credentials(self) -> None:
        ref = _ref()
        plugin = self.plugin(_Client(auth_ref=ref))
        self.assertIsInstance(plugin, auth_base.AccessInfoPlugin)
        self.assertIs(ref, plugin.auth_ref)
        self.assertEqual(PUBLIC, plugin.auth_url)

    def test_endpoint_alone_is_no_auth(self) -> None:
        self.assertIsInstance(self.plugin(_Client(endpoint=ADMIN)), noauth.NoAuth)

    def test_nothing_usable_raises(self) -> None:
        self.assertRaises(exceptions.AuthorizationFailure, _Client)
        self.assertRaises(exceptions.AuthorizationFailure, _Client, password="pw")

    def test_auth_plugin_given_without_session_is_used(self) -> None:
        plugin = noauth.NoAuth(endpoint=ADMIN)
        self.assertIs(plugin, self.plugin(_Client(auth=plugin, token="ignored")))

    def test_base_hooks_must_be_overridden(self) -> None:
        base = _identity_client.IdentityClient
        self.assertRaises(
            NotImplementedError, base, auth_url=AUTH_URL, credentials={"password": "x"}
        )
        self.assertRaises(NotImplementedError, base, auth_url=AUTH_URL, token="t")
        client = base(endpoint=ADMIN)
        # The stored token's user is filled in; the base knows no scope.
        self.assertEqual({"a": 1, "user_id": "u1"}, client._credentials_with_ref({"a": 1}, _ref()))
        self.assertEqual({"a": 1}, client._credentials_with_ref({"a": 1}, None))
        self.assertEqual(
            {"username": "bob"}, client._credentials_with_ref({"username": "bob"}, _ref())
        )


class AdapterSettingsTests(testtools.TestCase):
    def setUp(self) -> None:
        super().setUp()
        self.requests_mock = self.useFixture(rm_fixture.Fixture())

    def test_default_interface_is_the_subclass_choice(self) -> None:
        client = _Client(auth_ref=_ref())
        self.assertEqual("admin", client.interface)
        self.requests_mock.get(ADMIN + "/things", json={})
        client.get("/things")
        self.assertEqual("stored-token", self.requests_mock.last_request.headers["X-Auth-Token"])

    def test_auth_plugin_given_without_session_holds_the_stored_ref(self) -> None:
        plugin = v3_auth.Password(auth_url=AUTH_URL, user_id="u1", password="pw")
        auth = self.requests_mock.post(AUTH_URL + "/auth/tokens", status_code=201)
        client = _Client(auth=plugin, auth_ref=_ref())
        self.requests_mock.get(ADMIN + "/things", json={})
        client.get("/things")
        self.assertEqual(0, auth.call_count)
        self.assertEqual(
            ("GET", ADMIN + "/things", "stored-token"),
            (
                self.requests_mock.last_request.method,
                self.requests_mock.last_request.url,
                self.requests_mock.last_request.headers["X-Auth-Token"],
            ),
        )

    def test_region_comes_from_the_stored_ref(self) -> None:
        ref = _ref()
        ref["region_name"] = "R1"
        self.assertEqual("R1", _Client(auth_ref=ref).region_name)
        self.assertEqual("R2", _Client(auth_ref=ref, region_name="R2").region_name)

    def test_every_verb_goes_to_the_identity_endpoint(self) -> None:
        client = _Client(token="ADMIN", endpoint=ADMIN)
        for method in ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"):
            self.requests_mock.register_uri(method, ADMIN + "/x", status_code=204)
            getattr(client, method.lower())("/x")
            self.assertEqual((method, ADMIN + "/x"),
                             (self.requests_mock.last_request.method,
                              self.requests_mock.last_request.url))  # fmt: skip
        resp = client.request("/x", "GET", raise_exc=False)
        self.assertEqual(204, resp.status_code)

    def test_http_errors_raise(self) -> None:
        self.requests_mock.get(ADMIN + "/x", status_code=404)
        client = _Client(token="ADMIN", endpoint=ADMIN)
        self.assertRaises(exceptions.NotFound, client.get, "/x")

    def test_session_mode_keeps_the_session(self) -> None:
        sess = session.Session(auth=noauth.NoAuth(endpoint=ADMIN))
        client = _Client(session=sess)
        self.assertIs(sess, client.session)
        self.assertIsNone(client.auth_ref)
        self.assertIsNone(client.auth_url)

    def test_auth_ref_setter_needs_a_plugin_that_holds_tokens(self) -> None:
        client = _Client(token="ADMIN", endpoint=ADMIN)
        self.assertRaises(exceptions.ValidationError, setattr, client, "auth_ref", _ref())


class LazyImportTests(testtools.TestCase):
    """Token handling, the catalog and the rarer plugins load when first needed."""

    def test_the_import_leaves_them_out_and_each_loads_on_use(self) -> None:
        import subprocess
        import sys

        code = (
            "import sys\n"
            "import stackclient.v3.client as c\n"
            "later = ('stackclient.access', 'stackclient.service_catalog',\n"
            "         'stackclient.auth.admin_token', 'stackclient.auth.noauth')\n"
            "assert not [m for m in later if m in sys.modules], sorted(sys.modules)\n"
            "assert type(c.Client(token='t', endpoint='http://h/v3').session.auth).__name__ "
            "== 'AdminToken'\n"
            "assert type(c.Client(endpoint='http://h/v3').session.auth).__name__ == 'NoAuth'\n"
            "from stackclient import fixture\n"
            "token = fixture.V3Token(user_id='u1', project_id='p1')\n"
            "token.add_service('identity').add_standard_endpoints(public='http://h/v3')\n"
            "ref = c.Client(auth_ref=dict(token)).auth_ref\n"
            "assert type(ref).__name__ == 'AccessInfoV3', type(ref)\n"
            "assert ref.service_catalog.url_for(service_type='identity') == 'http://h/v3'\n"
        )
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        self.assertEqual(0, done.returncode, done.stderr)

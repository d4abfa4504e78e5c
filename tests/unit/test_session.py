"""Session: the keystoneauth1-shaped face of the pipeline, on the wire."""

from __future__ import annotations

import logging

import fixtures
import requests
import testtools
from requests_mock.contrib import fixture as rm_fixture

from stackclient import _jsonutils, session
from stackclient.apiclient import client, exceptions

IDENTITY = "http://keystone.example.com:5000/v3"
COMPUTE = "http://nova.example.com:8774/v2.1"
CATALOG = {
    ("identity", "public"): IDENTITY,
    ("compute", "public"): COMPUTE,
    ("compute", "internal"): "http://nova.internal:8774/v2.1",
}


class FakeAuth:
    """The session face of an auth plugin, counting what it is asked."""

    def __init__(self, tokens=("tok-1", "tok-2", "tok-3")):
        self.tokens = list(tokens)
        self.token = None
        self.auth_calls = 0
        self.invalidated = []
        self.endpoint_calls = []

    def get_headers(self, sess, **kwargs):
        if self.token is None:
            self.auth_calls += 1
            self.token = self.tokens.pop(0)
        return {"X-Auth-Token": self.token}

    def get_endpoint(self, sess, service_type=None, interface=None, region_name=None, **kw):
        self.endpoint_calls.append(dict(kw, service_type=service_type, interface=interface,
                                        region_name=region_name))  # fmt: skip
        return CATALOG.get((service_type, interface or "public"))

    def invalidate(self, token=None):
        self.invalidated.append(token)
        if token is not None and token != self.token:
            return False
        self.token = None
        return True

    def get_user_id(self, sess):
        return "user-1"


class NoArgInvalidateAuth(FakeAuth):
    """keystoneauth1 plugins take no token in invalidate()."""

    def invalidate(self):
        self.invalidated.append("no-arg")
        self.token = None
        return True


class FixedTokenAuth(FakeAuth):
    def invalidate(self, token=None):
        self.invalidated.append(token)
        return False


class TestCase(testtools.TestCase):
    def setUp(self):
        super().setUp()
        self.requests_mock = self.useFixture(rm_fixture.Fixture())
        self.auth = FakeAuth()
        self.session = session.Session(auth=self.auth)


class TestUrlsAndHeaders(TestCase):
    def test_relative_url_joined_to_catalog_endpoint(self):
        self.requests_mock.get(COMPUTE + "/servers", json={"servers": []})
        resp = self.session.get(
            "/servers", endpoint_filter={"service_type": "compute", "region_name": "R1"}
        )
        self.assertEqual({"servers": []}, _jsonutils.response_json(resp))
        sent = self.requests_mock.last_request
        self.assertEqual(COMPUTE + "/servers", sent.url)
        self.assertEqual("tok-1", sent.headers["X-Auth-Token"])
        self.assertEqual("application/json", sent.headers["Accept"])
        self.assertEqual(
            [{"service_type": "compute", "interface": None, "region_name": "R1"}],
            self.auth.endpoint_calls,
        )

    def test_interface_in_filter(self):
        self.requests_mock.get("http://nova.internal:8774/v2.1/flavors", json={})
        self.session.get("flavors", endpoint_filter={"service_type": "compute",
                                                     "interface": "internal"})  # fmt: skip
        self.assertEqual("nova.internal", self.requests_mock.last_request.hostname)

    def test_absolute_url_needs_no_catalog(self):
        self.requests_mock.get("http://other.example.com/x", text="")
        self.session.get("http://other.example.com/x")
        self.assertEqual([], self.auth.endpoint_calls)
        self.assertEqual("tok-1", self.requests_mock.last_request.headers["X-Auth-Token"])

    def test_endpoint_override(self):
        self.requests_mock.get("http://override.example.com/v3/users", json={})
        self.session.get(
            "users",
            endpoint_filter={"service_type": "identity"},
            endpoint_override="http://override.example.com/v3/",
        )
        self.assertEqual(
            "http://override.example.com/v3/users", self.requests_mock.last_request.url
        )
        self.assertEqual([], self.auth.endpoint_calls)

    def test_body_query_and_headers(self):
        self.requests_mock.post(IDENTITY + "/users", status_code=201, json={"user": {}})
        self.session.post(
            "/users",
            endpoint_filter={"service_type": "identity"},
            json={"user": {"name": "ann"}},
            params={"x": "1"},
            headers={"X-Extra": "e"},
            user_agent="tool/3",
            global_request_id="req-global",
        )
        sent = self.requests_mock.last_request
        self.assertEqual({"user": {"name": "ann"}}, sent.json())
        self.assertEqual("application/json", sent.headers["Content-Type"])
        self.assertEqual({"x": ["1"]}, sent.qs)
        self.assertEqual("e", sent.headers["X-Extra"])
        self.assertEqual("tool/3", sent.headers["User-Agent"])
        self.assertEqual("req-global", sent.headers["X-OpenStack-Request-ID"])

    def test_every_verb(self):
        for verb in ("get", "head", "post", "put", "patch", "delete"):
            self.requests_mock.register_uri(verb.upper(), IDENTITY + "/r", text="")
            getattr(self.session, verb)("/r", endpoint_filter={"service_type": "identity"})
            self.assertEqual(verb.upper(), self.requests_mock.last_request.method)

    def test_redirect_false(self):
        self.requests_mock.get(IDENTITY, status_code=302, headers={"Location": IDENTITY + "/x"})
        resp = self.session.get(IDENTITY, redirect=False)
        self.assertEqual(302, resp.status_code)

    def test_settings_reach_the_wire(self):
        self.requests_mock.get(IDENTITY, text="")
        sess = session.Session(verify="/ca.pem", cert="c.pem", timeout=3, original_ip="10.1.1.1")
        sess.get(IDENTITY)
        sent = self.requests_mock.last_request
        self.assertEqual(("/ca.pem", "c.pem", 3.0), (sent.verify, sent.cert, sent.timeout))
        self.assertEqual("for=10.1.1.1", sent.headers["Forwarded"])
        sess.timeout = 9
        sess.get(IDENTITY)
        self.assertEqual(9, self.requests_mock.last_request.timeout)

    def test_shares_a_given_pipeline(self):
        self.requests_mock.get(IDENTITY, text="")
        http = client.HTTPClient(None, timeout=4, user_agent="shared/1")
        sess = session.Session(http_client=http)
        self.assertIs(http, sess.http_client)
        self.assertIs(http.http, sess.session)
        sess.get(IDENTITY)
        self.assertEqual("shared/1", self.requests_mock.last_request.headers["User-Agent"])
        self.assertEqual(4, self.requests_mock.last_request.timeout)

    def test_given_requests_session_is_used(self):
        raw = requests.Session()
        self.assertIs(raw, session.Session(session=raw).session)


class TestAuthentication(TestCase):
    def test_unauthenticated_request(self):
        self.requests_mock.post(IDENTITY + "/auth/tokens", status_code=201, json={})
        self.session.post(IDENTITY + "/auth/tokens", json={}, authenticated=False)
        self.assertNotIn("X-Auth-Token", self.requests_mock.last_request.headers)
        self.assertEqual(0, self.auth.auth_calls)

    def test_no_auth_plugin_means_unauthenticated(self):
        self.requests_mock.get(IDENTITY, text="")
        session.Session().get(IDENTITY)
        self.assertNotIn("X-Auth-Token", self.requests_mock.last_request.headers)

    def test_authenticated_without_plugin(self):
        error = self.assertRaises(
            exceptions.AuthorizationFailure, session.Session().get, IDENTITY, authenticated=True
        )
        self.assertIn("no auth plugin", str(error))
        self.assertFalse(self.requests_mock.called)

    def test_plugin_without_credentials(self):
        class Empty(FakeAuth):
            def get_headers(self, sess, **kwargs):
                return None

        error = self.assertRaises(
            exceptions.AuthorizationFailure, session.Session(auth=Empty()).get, IDENTITY
        )
        self.assertIn("Empty", str(error))
        self.assertFalse(self.requests_mock.called)

    def test_missing_endpoint_names_the_filter(self):
        error = self.assertRaises(
            exceptions.EndpointNotFound,
            self.session.get,
            "/volumes",
            endpoint_filter={"service_type": "block-storage", "interface": "admin"},
        )
        self.assertIn("service_type='block-storage'", str(error))
        self.assertIn("interface='admin'", str(error))
        self.assertFalse(self.requests_mock.called)

    def test_relative_url_without_filter(self):
        error = self.assertRaises(exceptions.EndpointNotFound, self.session.get, "/servers")
        self.assertIn("endpoint_filter", str(error))

    def test_per_request_auth(self):
        self.requests_mock.get(IDENTITY, text="")
        other = FakeAuth(tokens=["other-tok"])
        self.session.get(IDENTITY, auth=other)
        self.assertEqual("other-tok", self.requests_mock.last_request.headers["X-Auth-Token"])
        self.assertEqual(0, self.auth.auth_calls)


class TestReauthentication(TestCase):
    url = IDENTITY + "/projects"

    def test_401_invalidates_the_failed_token_and_resends_once(self):
        self.requests_mock.get(self.url, [{"status_code": 401}, {"json": {"projects": []}}])
        resp = self.session.get(self.url)
        self.assertEqual(200, resp.status_code)
        self.assertEqual(["tok-1"], self.auth.invalidated)
        self.assertEqual(2, self.auth.auth_calls)
        tokens = [r.headers["X-Auth-Token"] for r in self.requests_mock.request_history]
        self.assertEqual(["tok-1", "tok-2"], tokens)

    def test_streamed_401_is_closed_before_the_resend(self):
        self.requests_mock.get(self.url, [{"status_code": 401}, {"text": "ok"}])
        received = []
        resp = self.session.get(
            self.url, stream=True, hooks={"response": lambda r, **kw: received.append(r)}
        )
        self.assertEqual([401, 200], [r.status_code for r in received])
        self.assertTrue(received[0].raw.closed)  # its connection went back to the pool
        self.assertFalse(resp.raw.closed)  # the caller's streamed answer is left open
        self.assertEqual(b"ok", resp.content)
        tokens = [r.headers["X-Auth-Token"] for r in self.requests_mock.request_history]
        self.assertEqual(["tok-1", "tok-2"], tokens)

    def test_second_401_raises(self):
        self.requests_mock.get(self.url, status_code=401, json={"error": {"message": "no"}})
        error = self.assertRaises(exceptions.Unauthorized, self.session.get, self.url)
        self.assertEqual(self.url, error.url)
        self.assertEqual("GET", error.method)
        self.assertEqual(2, self.requests_mock.call_count)
        self.assertEqual(2, self.auth.auth_calls)

    def test_plugin_whose_invalidate_takes_no_token(self):
        auth = NoArgInvalidateAuth()
        self.requests_mock.get(self.url, [{"status_code": 401}, {"text": ""}])
        session.Session(auth=auth).get(self.url)
        self.assertEqual(["no-arg"], auth.invalidated)
        self.assertEqual(2, self.requests_mock.call_count)

    def test_token_already_refreshed_elsewhere_is_used(self):
        auth = FakeAuth()
        original = auth.invalidate

        def another_thread_refreshed_first(token=None):
            auth.token = "fresh-from-other-thread"
            return original(token)

        auth.invalidate = another_thread_refreshed_first
        self.requests_mock.get(self.url, [{"status_code": 401}, {"text": ""}])
        session.Session(auth=auth).get(self.url)
        tokens = [r.headers["X-Auth-Token"] for r in self.requests_mock.request_history]
        self.assertEqual(["tok-1", "fresh-from-other-thread"], tokens)
        self.assertEqual(1, auth.auth_calls)

    def test_fixed_token_is_not_resent(self):
        auth = FixedTokenAuth()
        self.requests_mock.get(self.url, status_code=401)
        self.assertRaises(exceptions.Unauthorized, session.Session(auth=auth).get, self.url)
        self.assertEqual(1, self.requests_mock.call_count)

    def test_allow_reauth_false(self):
        self.requests_mock.get(self.url, status_code=401)
        self.assertRaises(exceptions.Unauthorized, self.session.get, self.url, allow_reauth=False)
        self.assertEqual(1, self.requests_mock.call_count)
        self.assertEqual([], self.auth.invalidated)

    def test_unauthenticated_401_is_not_retried(self):
        self.requests_mock.post(self.url, status_code=401)
        self.assertRaises(
            exceptions.Unauthorized, self.session.post, self.url, json={}, authenticated=False
        )
        self.assertEqual(1, self.requests_mock.call_count)

    def test_raise_exc_false(self):
        self.requests_mock.get(self.url, status_code=404)
        self.assertEqual(404, self.session.get(self.url, raise_exc=False).status_code)


class TestAuthHelpers(TestCase):
    def test_get_token_and_headers(self):
        self.assertEqual("tok-1", self.session.get_token())
        self.assertEqual({"X-Auth-Token": "tok-1"}, self.session.get_auth_headers())

    def test_get_endpoint(self):
        self.assertEqual(COMPUTE, self.session.get_endpoint(service_type="compute"))
        self.assertEqual(
            "http://o",
            self.session.get_endpoint(service_type="compute", endpoint_override="http://o"),
        )
        self.assertIsNone(self.session.get_endpoint(service_type="nothing"))

    def test_get_endpoint_without_plugin(self):
        error = self.assertRaises(
            exceptions.AuthorizationFailure, session.Session().get_endpoint, service_type="compute"
        )
        self.assertIn("service_type='compute'", str(error))

    def test_invalidate(self):
        self.session.get_token()
        self.assertTrue(self.session.invalidate())
        self.assertEqual("tok-2", self.session.get_token())

    def test_user_and_project_ids(self):
        class WithAccess(FakeAuth):
            def get_access(self, sess):
                return type("Access", (), {"project_id": "p-1"})()

        sess = session.Session(auth=WithAccess())
        self.assertEqual("user-1", sess.get_user_id())
        self.assertEqual("p-1", sess.get_project_id())

    def test_project_id_from_plugin_without_access(self):
        self.assertRaises(exceptions.AuthorizationFailure, self.session.get_project_id)


class TestTimingsAndLogs(TestCase):
    def test_timings(self):
        self.requests_mock.get(IDENTITY, text="")
        self.requests_mock.get(IDENTITY + "/bad", status_code=500)
        sess = session.Session(auth=self.auth, timings=True)
        sess.get(IDENTITY)
        self.assertRaises(exceptions.InternalServerError, sess.get, IDENTITY + "/bad")
        self.assertEqual(
            ["GET " + IDENTITY, "GET " + IDENTITY + "/bad"], [t[0] for t in sess.get_timings()]
        )
        sess.reset_timings()
        self.assertEqual([], sess.get_timings())

    def test_tokens_not_logged_across_reauth(self):
        log = self.useFixture(fixtures.FakeLogger(name="stackclient", level=logging.DEBUG))
        self.requests_mock.get(IDENTITY, [{"status_code": 401}, {"json": {"ok": True}}])
        self.session.get(IDENTITY)
        self.assertNotIn("tok-1", log.output)
        self.assertNotIn("tok-2", log.output)
        self.assertEqual(2, log.output.count("curl -g -i -X GET " + IDENTITY))

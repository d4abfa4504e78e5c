"""Adapter: one service over our Session or a keystoneauth1-like one."""

from __future__ import annotations

import requests
import testtools
from requests_mock.contrib import fixture as rm_fixture

from stackclient import adapter, session
from stackclient.apiclient import exceptions

COMPUTE = "http://nova.example.com:8774/v2.1"


class FakeAuth:
    def __init__(self):
        self.endpoint_calls = []

    def get_headers(self, sess, **kwargs):
        return {"X-Auth-Token": "tok"}

    def get_endpoint(self, sess, **kwargs):
        self.endpoint_calls.append(kwargs)
        return COMPUTE if kwargs.get("service_type") == "compute" else None

    def invalidate(self, token=None):
        return False


def _response(status, url=COMPUTE + "/servers", body=b"{}"):
    resp = requests.Response()
    resp.status_code = status
    resp.url = url
    resp._content = body
    resp.headers["Content-Type"] = "application/json"
    return resp


class RecordingSession:
    """Duck-typed like a keystoneauth1 Session: records what it is given."""

    def __init__(self, response=None, error=None):
        self.calls = []
        self.response = response if response is not None else _response(200)
        self.error = error

    def request(self, url, method, **kwargs):
        self.calls.append((url, method, kwargs))
        if self.error is not None:
            raise self.error
        return self.response

    def _answer(self, name, *args, **kwargs):
        self.calls.append((name, args, kwargs))
        if self.error is not None:
            raise self.error
        return name + "-result"

    def get_endpoint(self, auth=None, **kwargs):
        return self._answer("get_endpoint", auth, **kwargs)

    def get_token(self, auth=None):
        return self._answer("get_token", auth)

    def invalidate(self, auth=None):
        return self._answer("invalidate", auth)

    def get_user_id(self, auth=None):
        return self._answer("get_user_id", auth)

    def get_project_id(self, auth=None):
        return self._answer("get_project_id", auth)


def _keystoneauth_classes():
    """Exception classes shaped (name, module, MRO) like keystoneauth1's."""

    def make(name, bases, module):
        return type(name, bases, {"__module__": "keystoneauth1.exceptions." + module})

    base = make("ClientException", (Exception,), "base")
    connection = make("ConnectionError", (base,), "connection")
    retriable = make("RetriableConnectionFailure", (Exception,), "connection")
    catalog = make("CatalogException", (base,), "catalog")
    http_error = make("HttpError", (base,), "http")

    def http_init(self, message=None, response=None):
        Exception.__init__(self, message)
        self.response = response

    http_error.__init__ = http_init
    return {
        "ConnectFailure": make("ConnectFailure", (connection, retriable), "connection"),
        "ConnectTimeout": make("ConnectTimeout", (connection, retriable), "connection"),
        "SSLError": make("SSLError", (connection,), "connection"),
        "UnknownConnectionError": make("UnknownConnectionError", (connection,), "connection"),
        "EndpointNotFound": make("EndpointNotFound", (catalog,), "catalog"),
        "MissingAuthPlugin": make(
            "MissingAuthPlugin", (make("AuthPluginException", (base,), "auth_plugins"),), "auth"
        ),
        "DiscoveryFailure": make("DiscoveryFailure", (base,), "discovery"),
        "Unauthorized": make("Unauthorized", (http_error,), "http"),
        "ClientException": base,
    }


class TestOverOurSession(testtools.TestCase):
    def setUp(self):
        super().setUp()
        self.requests_mock = self.useFixture(rm_fixture.Fixture())
        self.auth = FakeAuth()
        self.compute = adapter.Adapter(
            session.Session(auth=self.auth), service_type="compute", region_name="R1"
        )

    def test_request_reaches_the_service(self):
        self.requests_mock.get(COMPUTE + "/servers", json={"servers": []})
        resp = self.compute.get("/servers", params={"limit": "2"})
        self.assertEqual({"servers": []}, resp.json())
        sent = self.requests_mock.last_request
        self.assertEqual(COMPUTE + "/servers?limit=2", sent.url)
        self.assertEqual("tok", sent.headers["X-Auth-Token"])
        self.assertEqual(
            [{"service_type": "compute", "region_name": "R1"}], self.auth.endpoint_calls
        )

    def test_every_verb(self):
        for verb in ("get", "head", "post", "put", "patch", "delete"):
            self.requests_mock.register_uri(verb.upper(), COMPUTE + "/r", text="")
            getattr(self.compute, verb)("/r")
            self.assertEqual(verb.upper(), self.requests_mock.last_request.method)

    def test_errors_raised_by_the_adapter(self):
        self.requests_mock.get(
            COMPUTE + "/servers/x",
            status_code=404,
            json={"itemNotFound": {"message": "Instance x could not be found.", "code": 404}},
        )
        error = self.assertRaises(exceptions.NotFound, self.compute.get, "/servers/x")
        self.assertEqual("Instance x could not be found.", error.message)
        self.assertEqual(COMPUTE + "/servers/x", error.url)
        self.assertEqual("GET", error.method)

    def test_raise_exc_false(self):
        self.requests_mock.get(COMPUTE + "/x", status_code=409)
        self.assertEqual(409, self.compute.get("/x", raise_exc=False).status_code)
        quiet = adapter.Adapter(self.compute.session, service_type="compute", raise_exc=False)
        self.assertEqual(409, quiet.get("/x").status_code)

    def test_endpoint_override_and_headers(self):
        self.requests_mock.get("http://pinned.example.com/v2/x", text="")
        pinned = adapter.Adapter(
            session.Session(auth=self.auth),
            service_type="compute",
            endpoint_override="http://pinned.example.com/v2",
            user_agent="nova-tool/1",
            additional_headers={"X-Extra": "a", "X-Both": "adapter"},
            global_request_id="req-g",
        )
        pinned.get("/x", headers={"X-Both": "caller"})
        sent = self.requests_mock.last_request.headers
        self.assertEqual("nova-tool/1", sent["User-Agent"])
        self.assertEqual("a", sent["X-Extra"])
        self.assertEqual("caller", sent["X-Both"])
        self.assertEqual("req-g", sent["X-OpenStack-Request-ID"])
        self.assertEqual([], self.auth.endpoint_calls)

    def test_get_endpoint(self):
        self.assertEqual(COMPUTE, self.compute.get_endpoint())
        self.assertEqual(
            {"service_type": "compute", "region_name": "R1"}, self.auth.endpoint_calls[0]
        )

    def test_transport_errors_are_ours(self):
        self.requests_mock.get(COMPUTE + "/x", exc=requests.exceptions.ConnectTimeout)
        self.assertRaises(exceptions.Timeout, self.compute.get, "/x")


class TestOverAKeystoneauthLikeSession(testtools.TestCase):
    def test_sends_filter_and_raise_exc_false(self):
        sess = RecordingSession()
        identity = adapter.Adapter(
            sess, service_type="identity", interface="admin", version=(3, 0), connect_retries=2
        )
        identity.post("/users", json={"user": {}}, endpoint_filter={"region_name": "R2"})
        url, method, kwargs = sess.calls[0]
        self.assertEqual(("/users", "POST"), (url, method))
        self.assertEqual(
            {
                "service_type": "identity",
                "interface": "admin",
                "version": (3, 0),
                "region_name": "R2",
            },
            kwargs["endpoint_filter"],
        )
        self.assertIs(False, kwargs["raise_exc"])
        self.assertEqual(2, kwargs["connect_retries"])
        self.assertEqual({"user": {}}, kwargs["json"])

    def test_error_status_raised_here(self):
        sess = RecordingSession(response=_response(403, body=b'{"error": {"message": "nope"}}'))
        error = self.assertRaises(
            exceptions.Forbidden, adapter.Adapter(sess, service_type="compute").get, "/servers"
        )
        self.assertEqual("nope", error.message)

    def test_keystoneauth_errors_translated(self):
        classes = _keystoneauth_classes()
        expected = {
            "ConnectFailure": exceptions.ConnectionRefused,
            "ConnectTimeout": exceptions.Timeout,
            "SSLError": exceptions.SSLError,
            "UnknownConnectionError": exceptions.TransportError,
            "EndpointNotFound": exceptions.EndpointNotFound,
            "MissingAuthPlugin": exceptions.AuthorizationFailure,
            "DiscoveryFailure": exceptions.EndpointException,
            "ClientException": exceptions.ClientException,
        }
        for name, ours in expected.items():
            raised = classes[name]("what happened: %s" % name)
            compute = adapter.Adapter(RecordingSession(error=raised), service_type="compute")
            error = self.assertRaises(ours, compute.get, "/servers")
            self.assertIs(ours, type(error), name)
            self.assertIs(raised, error.__cause__)
            self.assertIn("what happened: %s" % name, str(error))
            if isinstance(error, exceptions.TransportError):
                self.assertEqual(("GET", "/servers"), (error.method, error.url))

    def test_keystoneauth_http_error_uses_its_response(self):
        raised = _keystoneauth_classes()["Unauthorized"](
            "401", response=_response(401, body=b'{"error": {"message": "bad password"}}')
        )
        compute = adapter.Adapter(RecordingSession(error=raised), service_type="compute")
        error = self.assertRaises(exceptions.Unauthorized, compute.get, "/servers")
        self.assertEqual("bad password", error.message)

    def test_translated_errors_keep_a_token_in_the_url_out(self):
        classes = _keystoneauth_classes()
        for raised in (
            classes["ConnectFailure"]("refused"),
            classes["Unauthorized"]("401", response=_response(401, body=b"{}")),
        ):
            sess = RecordingSession(error=raised)
            identity = adapter.Adapter(sess, service_type="identity")
            error = self.assertRaises(exceptions.ClientException, identity.get, "/tokens/tok-sec")
            self.assertEqual("/tokens/tok-sec", sess.calls[0][0])  # sent as given
            self.assertEqual("GET", error.method)
            self.assertNotIn("tok-sec", error.url)
            self.assertTrue(error.url.startswith("/tokens/{SHA256}"), error.url)
            self.assertNotIn("tok-sec", str(error))

    def test_other_exceptions_pass_through(self):
        compute = adapter.Adapter(RecordingSession(error=KeyboardInterrupt()), service_type="x")
        self.assertRaises(KeyboardInterrupt, compute.get, "/servers")
        compute = adapter.Adapter(RecordingSession(error=RuntimeError("bug")), service_type="x")
        self.assertRaises(RuntimeError, compute.get, "/servers")

    def test_helpers_delegate(self):
        sess = RecordingSession()
        compute = adapter.Adapter(sess, service_type="compute", interface="public", auth="A")
        self.assertEqual("get_endpoint-result", compute.get_endpoint())
        self.assertEqual(
            ("get_endpoint", ("A",), {"service_type": "compute", "interface": "public"}),
            sess.calls[-1],
        )
        self.assertEqual("get_token-result", compute.get_token())
        self.assertTrue(compute.invalidate())
        self.assertEqual("get_user_id-result", compute.get_user_id())
        self.assertEqual("get_project_id-result", compute.get_project_id())

    def test_helpers_translate_errors(self):
        raised = _keystoneauth_classes()["EndpointNotFound"]("no compute")
        compute = adapter.Adapter(RecordingSession(error=raised), service_type="compute")
        self.assertRaises(exceptions.EndpointNotFound, compute.get_endpoint)
        self.assertRaises(exceptions.EndpointNotFound, compute.get_token)

    def test_endpoint_override_short_circuits(self):
        sess = RecordingSession()
        pinned = adapter.Adapter(sess, endpoint_override="http://pinned")
        self.assertEqual("http://pinned", pinned.get_endpoint())
        self.assertEqual([], sess.calls)

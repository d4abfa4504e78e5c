"""The request pipeline (HTTPClient) and BaseClient, checked on the wire."""

from __future__ import annotations

import io
import logging
import socket
import subprocess
import sys
import warnings

import fixtures
import requests
import testtools
import urllib3
from requests_mock.contrib import fixture as rm_fixture

from stackclient import _jsonutils
from stackclient.apiclient import client, exceptions

URL = "http://identity.example.com:5000/v3"


class FakePlugin:
    """The apiclient face of an auth plugin, counting what it is asked."""

    def __init__(self, tokens=("token-1", "token-2", "token-3"), endpoint=URL):
        self.tokens = list(tokens)
        self.endpoint = endpoint
        self.token = None
        self.auth_calls = 0
        self.asked = []
        self.invalidated = []

    def authenticate(self, http_client):
        self.auth_calls += 1
        self.token = self.tokens.pop(0)

    def token_and_endpoint(self, endpoint_type, service_type):
        self.asked.append((endpoint_type, service_type))
        return self.token, (self.endpoint if self.token else None)

    def invalidate(self, token=None):
        self.invalidated.append(token)
        self.token = None
        return True


class FakeKeyringSaver:
    def __init__(self):
        self.saved = []

    def save(self, http_client):
        self.saved.append(http_client)


class IdentityClient(client.BaseClient):
    service_type = "identity"


class TestCase(testtools.TestCase):
    def setUp(self):
        super().setUp()
        self.requests_mock = self.useFixture(rm_fixture.Fixture())
        self.sleeps = []

    def http(self, **kwargs):
        http = client.HTTPClient(kwargs.pop("auth_plugin", None), **kwargs)
        http._sleep = self.sleeps.append
        return http


class TestRequestOnTheWire(TestCase):
    def test_default_headers(self):
        self.requests_mock.get(URL + "/projects", json={"projects": []})
        resp = self.http().request("GET", URL + "/projects")
        sent = self.requests_mock.last_request
        self.assertEqual("GET", sent.method)
        self.assertEqual(URL + "/projects", sent.url)
        self.assertEqual("application/json", sent.headers["Accept"])
        self.assertEqual(
            "stackclient/%s python-requests/%s"
            % (__import__("stackclient").__version__, requests.__version__),
            sent.headers["User-Agent"],
        )
        self.assertNotIn("Forwarded", sent.headers)
        self.assertEqual({"projects": []}, _jsonutils.response_json(resp))
        self.assertEqual({"projects": []}, resp.json())

    def test_user_agent_original_ip_and_caller_headers(self):
        self.requests_mock.get(URL, text="")
        http = self.http(user_agent="my-tool/1.0", original_ip="10.0.0.7")
        given = {"Accept": "text/plain", "X-Extra": "1"}
        http.request("get", URL, headers=given)
        sent = self.requests_mock.last_request.headers
        self.assertEqual("my-tool/1.0", sent["User-Agent"])
        self.assertEqual("for=10.0.0.7", sent["Forwarded"])
        self.assertEqual("text/plain", sent["Accept"])
        self.assertEqual("1", sent["X-Extra"])
        self.assertEqual({"Accept": "text/plain", "X-Extra": "1"}, given)

    def test_settings_changed_later_are_used(self):
        self.requests_mock.get(URL, text="")
        http = self.http()
        http.user_agent = "later/2"
        http.original_ip = "2001:db8::1"
        http.request("GET", URL)
        sent = self.requests_mock.last_request.headers
        self.assertEqual("later/2", sent["User-Agent"])
        self.assertEqual('for="[2001:db8::1]"', sent["Forwarded"])

    def test_json_body_is_encoded(self):
        self.requests_mock.post(URL + "/users", status_code=201, json={"user": {"id": "u1"}})
        resp = self.http().request("POST", URL + "/users", json={"user": {"name": "ann"}})
        sent = self.requests_mock.last_request
        self.assertEqual(b'{"user":{"name":"ann"}}', sent.body)
        self.assertEqual("application/json", sent.headers["Content-Type"])
        self.assertEqual(201, resp.status_code)

    def test_json_body_keeps_a_given_content_type(self):
        self.requests_mock.patch(URL + "/images/1", json={})
        self.http().request(
            "PATCH",
            URL + "/images/1",
            json=[{"op": "remove", "path": "/x"}],
            headers={"content-type": "application/openstack-images-v2.1-json-patch"},
        )
        sent = self.requests_mock.last_request.headers
        self.assertEqual("application/openstack-images-v2.1-json-patch", sent["Content-Type"])

    def test_json_body_that_cannot_be_encoded(self):
        error = self.assertRaises(
            exceptions.ValidationError, self.http().request, "POST", URL, json={"x": object()}
        )
        self.assertIn("json=", str(error))
        self.assertFalse(self.requests_mock.called)

    def test_query_string(self):
        self.requests_mock.get(URL + "/users", json={"users": []})
        self.http().request("GET", URL + "/users", params={"name": "ann", "enabled": "true"})
        self.assertEqual(
            {"name": ["ann"], "enabled": ["true"]}, self.requests_mock.last_request.qs
        )

    def test_timeout_verify_and_cert(self):
        self.requests_mock.get(URL, text="")
        http = self.http(timeout=7.5, verify="/etc/ca.pem", cert=("c.pem", "k.pem"))
        http.request("GET", URL)
        sent = self.requests_mock.last_request
        self.assertEqual(7.5, sent.timeout)
        self.assertEqual("/etc/ca.pem", sent.verify)
        self.assertEqual(("c.pem", "k.pem"), sent.cert)
        http.request("GET", URL, timeout=1)
        self.assertEqual(1, self.requests_mock.last_request.timeout)

    def test_uses_the_given_requests_session(self):
        self.requests_mock.get(URL, text="")
        session = requests.Session()
        session.headers["X-From-Session"] = "yes"
        http = self.http(http=session)
        self.assertIs(session, http.http)
        http.request("GET", URL)
        self.assertEqual("yes", self.requests_mock.last_request.headers["X-From-Session"])

    def test_error_status_raises_from_response(self):
        self.requests_mock.get(
            URL + "/users/nope",
            status_code=404,
            json={"error": {"code": 404, "message": "Could not find user: nope."}},
            headers={"x-openstack-request-id": "req-1"},
        )
        error = self.assertRaises(
            exceptions.NotFound, self.http().request, "GET", URL + "/users/nope"
        )
        self.assertEqual("GET", error.method)
        self.assertEqual(URL + "/users/nope", error.url)
        self.assertEqual("Could not find user: nope.", error.message)
        self.assertEqual("req-1", error.request_id)

    def test_raise_exc_false_returns_the_error(self):
        self.requests_mock.get(URL, status_code=500, text="<html>boom</html>")
        resp = self.http().request("GET", URL, raise_exc=False)
        self.assertEqual(500, resp.status_code)

    def test_bad_json_in_a_success_raises_invalid_response(self):
        self.requests_mock.get(
            URL, text="<html>proxy</html>", headers={"Content-Type": "application/json"}
        )
        error = self.assertRaises(exceptions.InvalidResponse, self.http().request, "GET", URL)
        self.assertIn(URL, str(error))
        self.assertIn("proxy", str(error))

    def test_non_json_body_is_not_decoded(self):
        self.requests_mock.get(URL, text="plain", headers={"Content-Type": "text/plain"})
        self.assertEqual("plain", self.http().request("GET", URL).text)

    def test_streamed_json_is_not_read(self):
        self.requests_mock.get(URL, text="{broken", headers={"Content-Type": "application/json"})
        resp = self.http().request("GET", URL, stream=True)
        self.assertEqual(200, resp.status_code)

    def test_last_request_id(self):
        self.requests_mock.get(URL, text="", headers={"x-openstack-request-id": "req-9"})
        http = self.http()
        http.request("GET", URL)
        self.assertEqual("req-9", http.last_request_id)

    def test_last_request_id_from_compute(self):
        self.requests_mock.get(URL, text="", headers={"x-compute-request-id": "req-c"})
        http = self.http()
        http.request("GET", URL)
        self.assertEqual("req-c", http.last_request_id)

    def test_insecure_warns_once_per_client(self):
        self.requests_mock.get(URL, text="")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            http = self.http(verify=False)
            http.request("GET", URL)
            http.request("GET", URL)
            self.http().request("GET", URL, verify=False)
        ours = [w for w in caught if issubclass(w.category, client.InsecureTLSWarning)]
        self.assertEqual(2, len(ours))
        self.assertIn("verify=False", str(ours[0].message))
        self.assertFalse(self.requests_mock.last_request.verify)

    def test_no_warning_when_verifying(self):
        self.requests_mock.get(URL, text="")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            self.http().request("GET", URL)
        self.assertEqual([], [w for w in caught if w.category is client.InsecureTLSWarning])


class TestEnvironment(TestCase):
    """The pool the client creates honours proxy and CA environment settings."""

    def setUp(self):
        super().setUp()
        for name in ("http_proxy", "HTTP_PROXY", "no_proxy", "NO_PROXY", "all_proxy"):
            self.useFixture(fixtures.EnvironmentVariable(name))
        self.useFixture(fixtures.EnvironmentVariable("HTTP_PROXY", "http://proxy.example:3128"))
        self.useFixture(fixtures.EnvironmentVariable("NO_PROXY", "direct.example.com"))

    def test_proxy_from_environment(self):
        self.requests_mock.get(URL, text="")
        self.requests_mock.get("http://direct.example.com/", text="")
        http = self.http()
        http.request("GET", URL)
        self.assertEqual(
            "http://proxy.example:3128", self.requests_mock.last_request.proxies["http"]
        )
        http.request("GET", "http://direct.example.com/")
        self.assertNotIn("http", self.requests_mock.last_request.proxies)

    def test_proxies_read_once_per_host(self):
        self.requests_mock.get(URL, text="")
        http = self.http()
        http.request("GET", URL)
        self.useFixture(fixtures.EnvironmentVariable("HTTP_PROXY", "http://other:1"))
        http.request("GET", URL)
        self.assertEqual(
            "http://proxy.example:3128", self.requests_mock.last_request.proxies["http"]
        )

    def test_explicit_proxies_win(self):
        self.requests_mock.get(URL, text="")
        self.http().request("GET", URL, proxies={"http": "http://mine:8080"})
        self.assertEqual("http://mine:8080", self.requests_mock.last_request.proxies["http"])

    def test_ca_bundle_from_environment(self):
        self.useFixture(fixtures.EnvironmentVariable("REQUESTS_CA_BUNDLE", "/env/ca.pem"))
        secure = URL.replace("http://", "https://", 1)
        self.requests_mock.get(secure, text="")
        http = self.http()
        http.request("GET", secure)
        self.assertEqual("/env/ca.pem", self.requests_mock.last_request.verify)
        http.request("GET", secure, verify="/given/ca.pem")
        self.assertEqual("/given/ca.pem", self.requests_mock.last_request.verify)

    def test_trust_env_off(self):
        self.requests_mock.get(URL, text="")
        http = self.http()
        http.http.trust_env = False
        http.request("GET", URL)
        self.assertNotIn("http", self.requests_mock.last_request.proxies)


class TestTransportErrors(TestCase):
    def assert_translated(self, raised, expected, words):
        self.requests_mock.post(URL + "/auth/tokens", exc=raised)
        error = self.assertRaises(
            expected, self.http().request, "POST", URL + "/auth/tokens?token=sekrit"
        )
        self.assertIsInstance(error.__cause__, requests.RequestException)
        self.assertIn("POST", str(error))
        self.assertIn(URL + "/auth/tokens", str(error))
        self.assertNotIn("sekrit", str(error))
        self.assertEqual("POST", error.method)
        for word in words:
            self.assertIn(word, str(error))
        return error

    def test_connection_error(self):
        self.assert_translated(
            requests.exceptions.ConnectionError("[Errno 111] Connection refused"),
            exceptions.ConnectionRefused,
            ["Unable to establish connection", "Connection refused"],
        )

    def test_connect_timeout(self):
        self.assert_translated(
            requests.exceptions.ConnectTimeout("slow"), exceptions.Timeout, ["timed out"]
        )

    def test_read_timeout(self):
        self.assert_translated(
            requests.exceptions.ReadTimeout("Read timed out."), exceptions.Timeout, ["timed out"]
        )

    def test_ssl_error_is_not_a_connection_error(self):
        error = self.assert_translated(
            requests.exceptions.SSLError("certificate verify failed"),
            exceptions.SSLError,
            ["certificate verify failed", "CA bundle"],
        )
        self.assertNotIsInstance(error, exceptions.ConnectionRefused)

    def test_other_request_exception(self):
        error = self.assert_translated(
            requests.exceptions.ChunkedEncodingError("broken chunk"),
            exceptions.TransportError,
            ["broken chunk"],
        )
        self.assertNotIsInstance(error, (exceptions.ConnectionRefused, exceptions.Timeout))

    def test_url_without_scheme(self):
        error = self.assertRaises(exceptions.TransportError, self.http().request, "GET", "v3/x")
        self.assertIn("v3/x", str(error))


class TestRealConnectionRefused(testtools.TestCase):
    def test_message_names_url_and_reason(self):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        url = "http://127.0.0.1:%d/v3/auth/tokens" % port
        http = client.HTTPClient(None, timings=True)
        error = self.assertRaises(exceptions.ConnectionRefused, http.request, "POST", url, json={})
        self.assertIn("Unable to establish connection to %s" % url, str(error))
        self.assertIn("Connection refused", str(error))
        self.assertNotIn("object at 0x", str(error))
        self.assertEqual(1, len(http.get_timings()))


def _refused():
    reason = urllib3.exceptions.NewConnectionError(None, "Connection refused")
    return requests.exceptions.ConnectionError(urllib3.exceptions.MaxRetryError(None, URL, reason))


class TestRetries(TestCase):
    def test_connect_failures_are_not_retried_by_default(self):
        self.requests_mock.get(URL, exc=requests.exceptions.ConnectTimeout)
        self.assertRaises(exceptions.Timeout, self.http().request, "GET", URL)
        self.assertEqual(1, self.requests_mock.call_count)

    def test_post_retried_when_nothing_was_sent(self):
        self.requests_mock.post(
            URL,
            [
                {"exc": requests.exceptions.ConnectTimeout},
                {"exc": _refused()},
                {"status_code": 201, "json": {"ok": True}},
            ],
        )
        resp = self.http(connect_retries=2).request("POST", URL, json={"a": 1})
        self.assertEqual(201, resp.status_code)
        self.assertEqual(3, self.requests_mock.call_count)
        self.assertEqual([0.5, 1.0], self.sleeps)
        self.assertEqual(b'{"a":1}', self.requests_mock.last_request.body)

    def test_post_not_resent_after_read_timeout(self):
        self.requests_mock.post(
            URL, [{"exc": requests.exceptions.ReadTimeout}, {"status_code": 201}]
        )
        self.assertRaises(
            exceptions.Timeout, self.http(connect_retries=3).request, "POST", URL, json={}
        )
        self.assertEqual(1, self.requests_mock.call_count)

    def test_post_not_resent_after_dropped_connection(self):
        self.requests_mock.post(
            URL, [{"exc": requests.exceptions.ConnectionError("aborted")}, {"status_code": 201}]
        )
        self.assertRaises(
            exceptions.ConnectionRefused, self.http(connect_retries=3).request, "POST", URL
        )
        self.assertEqual(1, self.requests_mock.call_count)

    def test_post_resent_when_caller_says_retriable(self):
        self.requests_mock.post(
            URL, [{"exc": requests.exceptions.ReadTimeout}, {"status_code": 201}]
        )
        resp = self.http().request("POST", URL, connect_retries=1, retriable=True)
        self.assertEqual(201, resp.status_code)
        self.assertEqual(2, self.requests_mock.call_count)

    def test_get_retried_after_read_timeout_until_exhausted(self):
        self.requests_mock.get(URL, exc=requests.exceptions.ReadTimeout)
        self.assertRaises(exceptions.Timeout, self.http(connect_retries=2).request, "GET", URL)
        self.assertEqual(3, self.requests_mock.call_count)
        self.assertEqual([0.5, 1.0], self.sleeps)

    def test_503_retried_for_get_honouring_retry_after(self):
        self.requests_mock.get(
            URL,
            [
                {"status_code": 503, "headers": {"Retry-After": "3"}},
                {"status_code": 429},
                {"json": {"ok": 1}},
            ],
        )
        resp = self.http(status_code_retries=2).request("GET", URL)
        self.assertEqual({"ok": 1}, _jsonutils.response_json(resp))
        self.assertEqual([3.0, 1.0], self.sleeps)

    def test_retry_after_is_capped(self):
        self.requests_mock.get(
            URL, [{"status_code": 429, "headers": {"Retry-After": "86400"}}, {"text": ""}]
        )
        self.http().request("GET", URL, status_code_retries=1)
        self.assertEqual([60.0], self.sleeps)

    def test_retry_after_that_is_not_a_number_falls_back_to_backoff(self):
        self.requests_mock.get(
            URL,
            [
                {"status_code": 503, "headers": {"Retry-After": "nan"}},
                {"status_code": 503, "headers": {"Retry-After": "inf"}},
                {"json": {"ok": 1}},
            ],
        )
        resp = self.http().request("GET", URL, status_code_retries=2)
        self.assertEqual({"ok": 1}, _jsonutils.response_json(resp))
        self.assertEqual(3, self.requests_mock.call_count)
        self.assertEqual([0.5, 60.0], self.sleeps)

    def test_503_not_retried_for_post(self):
        self.requests_mock.post(URL, [{"status_code": 503}, {"status_code": 201}])
        self.assertRaises(
            exceptions.ServiceUnavailable,
            self.http(status_code_retries=3).request,
            "POST",
            URL,
        )
        self.assertEqual(1, self.requests_mock.call_count)

    def test_503_retries_exhausted_raises(self):
        self.requests_mock.delete(URL, status_code=503)
        self.assertRaises(
            exceptions.ServiceUnavailable, self.http(status_code_retries=1).request, "DELETE", URL
        )
        self.assertEqual(2, self.requests_mock.call_count)

    def test_other_statuses_are_not_retried(self):
        self.requests_mock.get(URL, status_code=500)
        self.assertRaises(
            exceptions.InternalServerError, self.http(status_code_retries=3).request, "GET", URL
        )
        self.assertEqual(1, self.requests_mock.call_count)


class TestRedirects(TestCase):
    def test_same_origin_redirect_keeps_the_token(self):
        self.requests_mock.get(URL + "/a", status_code=301, headers={"Location": "/v3/b"})
        self.requests_mock.get(URL + "/b", json={"b": 1})
        resp = self.http().request("GET", URL + "/a", headers={"X-Auth-Token": "tok"})
        self.assertEqual({"b": 1}, _jsonutils.response_json(resp))
        self.assertEqual("tok", self.requests_mock.last_request.headers["X-Auth-Token"])
        self.assertEqual([301], [r.status_code for r in resp.history])

    def test_a_redirect_body_that_breaks_while_read_is_a_transport_error(self):
        class Broken(io.RawIOBase):
            def readable(self):
                return True

            def readinto(self, buffer):
                raise urllib3.exceptions.ProtocolError("connection broken mid-body")

        self.requests_mock.get(
            URL + "/a", status_code=302, headers={"Location": "/v3/b"}, body=Broken()
        )
        error = self.assertRaises(
            exceptions.TransportError, self.http().request, "GET", URL + "/a", stream=True
        )
        self.assertIn(URL + "/a", str(error))
        self.assertEqual(1, self.requests_mock.call_count)

    def test_redirect_to_another_host_drops_auth_headers(self):
        other = "http://elsewhere.example.org/landing"
        self.requests_mock.get(URL + "/a", status_code=302, headers={"Location": other})
        self.requests_mock.get(other, text="")
        self.http().request(
            "GET",
            URL + "/a",
            headers={"X-Auth-Token": "tok", "Authorization": "Bearer x", "X-Keep": "1"},
        )
        first, second = self.requests_mock.request_history
        self.assertEqual("tok", first.headers["X-Auth-Token"])
        self.assertEqual(other, second.url)
        self.assertNotIn("X-Auth-Token", second.headers)
        self.assertNotIn("Authorization", second.headers)
        self.assertEqual("1", second.headers["X-Keep"])

    def test_redirect_to_another_host_drops_auth_and_cookies_arguments(self):
        other = "http://elsewhere.example.org/landing"
        self.requests_mock.get(URL + "/a", status_code=302, headers={"Location": other})
        self.requests_mock.get(other, json={"ok": 1})
        resp = self.http().request(
            "GET", URL + "/a", auth=("alice", "secret"), cookies={"session": "s1"}
        )
        self.assertEqual({"ok": 1}, _jsonutils.response_json(resp))
        first, second = self.requests_mock.request_history
        self.assertEqual("Basic YWxpY2U6c2VjcmV0", first.headers["Authorization"])
        self.assertEqual("session=s1", first.headers["Cookie"])
        self.assertEqual(other, second.url)
        self.assertNotIn("Authorization", second.headers)
        self.assertNotIn("Cookie", second.headers)

    def test_redirect_to_another_port_drops_the_token(self):
        other = "http://identity.example.com:8080/v3"
        self.requests_mock.get(URL, status_code=307, headers={"Location": other})
        self.requests_mock.get(other, text="")
        self.http().request("GET", URL, headers={"x-auth-token": "tok"})
        self.assertNotIn("X-Auth-Token", self.requests_mock.last_request.headers)

    def test_303_turns_post_into_get_without_body(self):
        self.requests_mock.post(URL + "/a", status_code=303, headers={"Location": URL + "/b"})
        self.requests_mock.get(URL + "/b", text="")
        self.http().request("POST", URL + "/a", json={"a": 1})
        last = self.requests_mock.last_request
        self.assertEqual("GET", last.method)
        self.assertIsNone(last.body)
        self.assertNotIn("Content-Type", last.headers)

    def test_307_keeps_method_and_body(self):
        self.requests_mock.post(URL + "/a", status_code=307, headers={"Location": URL + "/b"})
        self.requests_mock.post(URL + "/b", status_code=201)
        self.http().request("POST", URL + "/a", json={"a": 1})
        last = self.requests_mock.last_request
        self.assertEqual(("POST", b'{"a":1}'), (last.method, last.body))

    def test_redirects_can_be_turned_off(self):
        self.requests_mock.get(URL, status_code=302, headers={"Location": URL + "/b"})
        resp = self.http().request("GET", URL, allow_redirects=False)
        self.assertEqual(302, resp.status_code)
        self.assertEqual(1, self.requests_mock.call_count)

    def test_redirect_loop_stops(self):
        self.requests_mock.get(URL, status_code=302, headers={"Location": URL})
        error = self.assertRaises(exceptions.TransportError, self.http().request, "GET", URL)
        self.assertIn("Too many redirects", str(error))
        self.assertEqual(31, self.requests_mock.call_count)


class TestTimings(TestCase):
    def test_every_request_recorded_failures_included(self):
        self.requests_mock.get(URL + "/ok", text="")
        self.requests_mock.get(URL + "/bad", status_code=500)
        self.requests_mock.get(URL + "/down", exc=requests.exceptions.ConnectionError)
        http = self.http(timings=True)
        http.request("GET", URL + "/ok")
        self.assertRaises(exceptions.InternalServerError, http.request, "GET", URL + "/bad")
        self.assertRaises(exceptions.ConnectionRefused, http.request, "GET", URL + "/down")
        timings = http.get_timings()
        self.assertEqual(
            ["GET %s/ok" % URL, "GET %s/bad" % URL, "GET %s/down" % URL],
            [label for label, _, _ in timings],
        )
        for _, start, end in timings:
            self.assertLessEqual(start, end)
        self.assertLessEqual(timings[0][2], timings[1][1])
        http.reset_timings()
        self.assertEqual([], http.get_timings())

    def test_nothing_recorded_unless_asked(self):
        self.requests_mock.get(URL, text="")
        http = self.http()
        http.request("GET", URL)
        self.assertEqual([], http.get_timings())


class TestDebugLog(TestCase):
    def setUp(self):
        super().setUp()
        self.log = self.useFixture(
            fixtures.FakeLogger(name="stackclient", level=logging.DEBUG, format="%(message)s")
        )

    def test_curl_line_and_response(self):
        self.requests_mock.post(
            URL + "/things",
            status_code=201,
            json={"thing": {"id": "t1"}},
            headers={"X-Openstack-Request-Id": "req-5"},
        )
        self.http(verify="/etc/ca.pem", cert="client.pem").request(
            "POST", URL + "/things", json={"thing": {"name": "a"}}, params={"q": "1"}
        )
        output = self.log.output
        self.assertIn("curl -g -i --cacert /etc/ca.pem --cert client.pem -X POST", output)
        self.assertIn("'%s/things?q=1'" % URL, output)
        self.assertIn('-H "Content-Type: application/json"', output)
        self.assertIn("""-d '{"thing":{"name":"a"}}'""", output)
        self.assertIn("RESP: [201]", output)
        self.assertIn("X-Openstack-Request-Id: req-5", output)
        self.assertIn('RESP BODY: {"thing": {"id": "t1"}}', output)  # as the server sent it

    def test_insecure_flag(self):
        self.requests_mock.get(URL, text="")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self.http(verify=False).request("GET", URL)
        self.assertIn("curl -g -i --insecure -X GET %s" % URL, self.log.output)

    def test_binary_and_streamed_bodies_are_not_logged(self):
        self.requests_mock.get(
            URL + "/file", content=b"\x00\xff" * 10, headers={"Content-Type": "image/png"}
        )
        self.requests_mock.get(URL + "/stream", text="streamed-text")
        http = self.http()
        http.request("GET", URL + "/file")
        http.request("GET", URL + "/stream", stream=True)
        self.assertIn("omitted, Content-Type is image/png", self.log.output)
        self.assertIn("omitted, the response is streamed", self.log.output)
        self.assertNotIn("streamed-text", self.log.output)

    def test_log_false_skips_the_log(self):
        self.requests_mock.get(URL, text="")
        self.http().request("GET", URL, log=False)
        self.assertEqual("", self.log.output)

    def test_nothing_logged_below_debug(self):
        self.useFixture(fixtures.FakeLogger(name="stackclient", level=logging.INFO))
        self.requests_mock.get(URL, text="")
        self.http().request("GET", URL)
        self.assertNotIn("curl", self.log.output)


PASSWORD = "Pa55w0rd-seed"
TOKEN = "gAAAAABtoken-seed"
APP_SECRET = "app-cred-secret-seed"
EC2_SECRET = "ec2-secret-seed"
COOKIE = "session=cookie-seed"


class TestSecretsNeverLogged(TestCase):
    def setUp(self):
        super().setUp()
        self.log = self.useFixture(
            fixtures.FakeLogger(name="", level=logging.DEBUG, format="%(name)s %(message)s")
        )

    def test_headers_and_bodies_both_ways(self):
        v2 = {"access": {"token": {"id": TOKEN, "expires": "2030-01-01T00:00:00Z"}}}
        self.requests_mock.post(URL + "/v2.0/tokens", json=v2)
        self.requests_mock.post(
            URL + "/auth/tokens",
            status_code=201,
            json={"token": {"methods": ["password"], "user": {"id": "u1"}}},
            headers={"X-Subject-Token": TOKEN, "Set-Cookie": COOKIE},
        )
        self.requests_mock.post(
            URL + "/users/u1/application_credentials",
            status_code=201,
            json={"application_credential": {"id": "ac1", "secret": APP_SECRET}},
        )
        self.requests_mock.post(
            URL + "/users/u1/credentials/OS-EC2",
            status_code=201,
            json={"credential": {"access": "a1", "secret": EC2_SECRET}},
        )
        http = self.http()
        http.request(
            "POST",
            URL + "/v2.0/tokens",
            json={"auth": {"passwordCredentials": {"username": "u", "password": PASSWORD}}},
        )
        http.request(
            "POST",
            URL + "/auth/tokens",
            headers={"X-Auth-Token": TOKEN, "Cookie": COOKIE},
            json={
                "auth": {
                    "identity": {
                        "methods": ["password", "token"],
                        "password": {"user": {"name": "u", "password": PASSWORD}},
                        "token": {"id": TOKEN},
                    }
                }
            },
        )
        http.request(
            "POST",
            URL + "/users/u1/application_credentials",
            headers={"X-Auth-Token": TOKEN},
            json={"application_credential": {"name": "ac", "secret": APP_SECRET}},
        )
        http.request(
            "POST",
            URL + "/users/u1/credentials/OS-EC2",
            headers={"Authorization": "Bearer " + TOKEN},
            json={"tenant_id": "p1"},
        )
        output = self.log.output
        for secret in (PASSWORD, TOKEN, APP_SECRET, EC2_SECRET, "cookie-seed"):
            self.assertNotIn(secret, output)
        self.assertIn("curl -g -i -X POST %s/auth/tokens" % URL, output)
        self.assertIn("X-Subject-Token: {SHA256}", output)
        self.assertIn('"secret":"***"', output)
        self.assertIn('"password":"***"', output)

    def test_error_responses_and_plain_text(self):
        self.requests_mock.post(
            URL + "/auth/tokens",
            status_code=401,
            text="bad password=%s" % PASSWORD,
            headers={"Content-Type": "text/plain"},
        )
        self.assertRaises(
            exceptions.Unauthorized,
            self.http().request,
            "POST",
            URL + "/auth/tokens",
            data="password=%s&user=u" % PASSWORD,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        self.assertNotIn(PASSWORD, self.log.output)
        self.assertIn("RESP: [401]", self.log.output)

    def test_query_string_secrets(self):
        self.requests_mock.get(URL + "/validate", text="")
        self.http().request("GET", URL + "/validate", params={"token": TOKEN, "x": "1"})
        ours = [line for line in self.log.output.splitlines() if line.startswith("stackclient")]
        self.assertNotIn(TOKEN, "\n".join(ours))
        self.assertIn("token=***", "\n".join(ours))


class TestClientRequest(TestCase):
    def setUp(self):
        super().setUp()
        self.plugin = FakePlugin()
        self.http_client = self.http(auth_plugin=self.plugin)
        self.identity = IdentityClient(self.http_client)

    def test_authenticates_then_sends_with_token(self):
        self.requests_mock.get(URL + "/projects", json={"projects": []})
        resp = self.identity.get("/projects")
        self.assertEqual(200, resp.status_code)
        self.assertEqual(1, self.plugin.auth_calls)
        self.assertEqual(("publicURL", "identity"), self.plugin.asked[0])
        sent = self.requests_mock.last_request
        self.assertEqual("token-1", sent.headers["X-Auth-Token"])
        self.assertEqual(URL + "/projects", sent.url)
        self.assertEqual(URL, self.identity.cached_endpoint)

    def test_endpoint_is_cached_and_token_asked_each_time(self):
        self.requests_mock.get(URL + "/projects", json={})
        self.identity.get("projects")
        self.plugin.endpoint = "http://elsewhere.example.com"
        self.plugin.token = "refreshed-by-plugin"
        self.identity.get("projects")
        sent = self.requests_mock.last_request
        self.assertEqual(URL + "/projects", sent.url)
        self.assertEqual("refreshed-by-plugin", sent.headers["X-Auth-Token"])
        self.assertEqual(1, self.plugin.auth_calls)

    def test_token_the_plugin_dropped_causes_one_authentication(self):
        self.requests_mock.get(URL + "/projects", json={})
        self.identity.get("projects")
        self.plugin.token = None  # e.g. it neared expiry
        self.identity.get("projects")
        self.assertEqual(2, self.plugin.auth_calls)
        self.assertEqual("token-2", self.requests_mock.last_request.headers["X-Auth-Token"])

    def test_no_auth_when_plugin_already_has_a_token(self):
        self.plugin.token = "ready"
        self.requests_mock.get(URL + "/x", text="")
        self.identity.get("/x")
        self.assertEqual(0, self.plugin.auth_calls)
        self.assertEqual("ready", self.requests_mock.last_request.headers["X-Auth-Token"])

    def test_401_reauthenticates_once_and_resends_once(self):
        self.plugin.token = "stale"
        self.requests_mock.get(URL + "/x", [{"status_code": 401}, {"json": {"ok": 1}}])
        resp = self.identity.get("/x")
        self.assertEqual(200, resp.status_code)
        self.assertEqual(1, self.plugin.auth_calls)
        self.assertEqual(["stale"], self.plugin.invalidated)
        tokens = [r.headers["X-Auth-Token"] for r in self.requests_mock.request_history]
        self.assertEqual(["stale", "token-1"], tokens)

    def test_streamed_401_is_closed_before_the_resend(self):
        self.plugin.token = "stale"
        self.requests_mock.get(URL + "/x", [{"status_code": 401}, {"text": "ok"}])
        received = []
        resp = self.identity.get(
            "/x", stream=True, hooks={"response": lambda r, **kw: received.append(r)}
        )
        self.assertEqual([401, 200], [r.status_code for r in received])
        self.assertTrue(received[0].raw.closed)  # its connection went back to the pool
        self.assertFalse(resp.raw.closed)  # the caller's streamed answer is left open
        self.assertEqual(b"ok", resp.content)
        tokens = [r.headers["X-Auth-Token"] for r in self.requests_mock.request_history]
        self.assertEqual(["stale", "token-1"], tokens)

    def test_second_401_raises(self):
        self.plugin.token = "stale"
        self.requests_mock.get(URL + "/x", status_code=401)
        error = self.assertRaises(exceptions.Unauthorized, self.identity.get, "/x")
        self.assertEqual(URL + "/x", error.url)
        self.assertEqual(1, self.plugin.auth_calls)
        self.assertEqual(2, self.requests_mock.call_count)

    def test_401_with_a_fresh_token_is_not_retried(self):
        self.requests_mock.get(URL + "/x", status_code=401)
        self.assertRaises(exceptions.Unauthorized, self.identity.get, "/x")
        self.assertEqual(1, self.plugin.auth_calls)
        self.assertEqual(1, self.requests_mock.call_count)

    def test_same_token_after_reauth_is_not_resent(self):
        self.plugin.token = "fixed"
        self.plugin.tokens = ["fixed"]
        self.requests_mock.get(URL + "/x", status_code=401)
        self.assertRaises(exceptions.Unauthorized, self.identity.get, "/x")
        self.assertEqual(1, self.requests_mock.call_count)

    def test_raise_exc_false(self):
        self.requests_mock.delete(URL + "/x", status_code=404)
        self.assertEqual(404, self.identity.delete("/x", raise_exc=False).status_code)

    def test_missing_endpoint_names_service_and_interface(self):
        self.plugin.endpoint = None
        error = self.assertRaises(exceptions.EndpointNotFound, self.identity.get, "/x")
        self.assertIn("'identity'", str(error))
        self.assertIn("publicURL", str(error))
        self.assertFalse(self.requests_mock.called)

    def test_client_endpoint_type_wins(self):
        self.requests_mock.get(URL + "/x", text="")
        self.identity.endpoint_type = "adminURL"
        self.identity.get("/x")
        self.assertEqual(("adminURL", "identity"), self.plugin.asked[0])

    def test_plugin_without_tokens_sends_none(self):
        class Tokenless(FakePlugin):
            def token_and_endpoint(self, endpoint_type, service_type):
                self.asked.append((endpoint_type, service_type))
                return None, URL

        plugin = Tokenless()
        identity = IdentityClient(self.http(auth_plugin=plugin))
        self.requests_mock.get(URL + "/x", text="")
        identity.get("/x")
        identity.get("/x")
        self.assertNotIn("X-Auth-Token", self.requests_mock.last_request.headers)
        self.assertEqual(1, plugin.auth_calls)
        self.assertEqual(2, self.requests_mock.call_count)

    def test_region_given_to_plugins_that_take_it(self):
        class Regional(FakePlugin):
            def token_and_endpoint(self, endpoint_type, service_type, region_name=None):
                self.asked.append((endpoint_type, service_type, region_name))
                return self.token, URL

        plugin = Regional()
        identity = IdentityClient(self.http(auth_plugin=plugin, region_name="RegionTwo"))
        self.requests_mock.get(URL + "/x", text="")
        identity.get("/x")
        self.assertEqual(("publicURL", "identity", "RegionTwo"), plugin.asked[-1])

    def test_keyring_saver_called_after_authenticate(self):
        saver = FakeKeyringSaver()
        http = self.http(auth_plugin=self.plugin, keyring_saver=saver)
        http.authenticate()
        self.assertEqual([http], saver.saved)
        self.assertEqual(1, self.plugin.auth_calls)

    def test_every_verb(self):
        for verb in ("head", "get", "post", "put", "patch", "delete"):
            self.requests_mock.register_uri(verb.upper(), URL + "/r", text="")
            getattr(self.identity, verb)("/r")
            self.assertEqual(verb.upper(), self.requests_mock.last_request.method)


class TestBaseClient(testtools.TestCase):
    def test_add_client(self):
        http = client.HTTPClient(FakePlugin())
        identity = IdentityClient(http)
        self.assertIs(identity, http.identity)

        class BlockStorage(client.BaseClient):
            service_type = "block-storage"

        volumes = BlockStorage(http)
        self.assertIs(volumes, http.block_storage)

    def test_extensions_become_managers(self):
        class Manager:
            def __init__(self, api):
                self.api = api

        class Ext:
            name = "widgets"
            manager_class = Manager

        identity = IdentityClient(client.HTTPClient(FakePlugin()), extensions=[Ext()])
        self.assertIs(identity, identity.widgets.api)

    def test_get_class(self):
        version_map = {"2.0": "stackclient.apiclient.client.HTTPClient", "3": IdentityClient}
        for version in ("3", 3, "v3", "3.0", 3.0):
            self.assertIs(
                IdentityClient, client.BaseClient.get_class("identity", version, version_map)
            )
        self.assertIs(client.HTTPClient, client.BaseClient.get_class("identity", "2", version_map))

    def test_get_class_unknown_version(self):
        error = self.assertRaises(
            exceptions.UnsupportedVersion,
            client.BaseClient.get_class,
            "identity",
            "4",
            {"2.0": "x.Y", "3": "x.Z"},
        )
        self.assertIn("Must be one of: 2.0, 3", str(error))

    def test_get_class_unloadable(self):
        error = self.assertRaises(
            exceptions.UnsupportedVersion,
            client.BaseClient.get_class,
            "identity",
            "3",
            {"3": "stackclient.nowhere.Client"},
        )
        self.assertIn("stackclient.nowhere.Client", str(error))

    def test_concat_url(self):
        concat = client.HTTPClient.concat_url
        self.assertEqual("http://h/v3/users", concat("http://h/v3/", "/users"))
        self.assertEqual("http://h/v3/users", concat("http://h/v3", "users"))
        self.assertEqual("http://h/v3/users/", concat("http://h/v3", "users/"))
        self.assertEqual("http://h/v3", concat("http://h/v3", ""))
        self.assertEqual("https://o/x", concat("http://h/v3", "https://o/x"))

    def test_serialize(self):
        kwargs = {"json": {"a": [1]}, "headers": {}}
        client.HTTPClient(None).serialize(kwargs)
        self.assertEqual(
            {"data": b'{"a":[1]}', "headers": {"Content-Type": "application/json"}}, kwargs
        )

    def test_public_names(self):
        public = {
            name
            for name, value in vars(client).items()
            if not name.startswith("_") and getattr(value, "__module__", None) == client.__name__
        }
        public |= {n for n in vars(client) if n.isupper() and not n.startswith("_")}  # defaults
        self.assertEqual(public, set(client.__all__))


class TestImportIsLight(testtools.TestCase):
    def test_no_stevedore_or_oslo_on_import(self):
        code = (
            "import sys, stackclient.apiclient.client;"
            "import importlib.util as u;"
            "u.find_spec('stackclient.session') and __import__('stackclient.session');"
            "u.find_spec('stackclient.adapter') and __import__('stackclient.adapter');"
            "bad = sorted(m for m in sys.modules if m.startswith(('stevedore', 'oslo')));"
            "assert not bad, bad"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=False
        )
        self.assertEqual(0, result.returncode, result.stderr)

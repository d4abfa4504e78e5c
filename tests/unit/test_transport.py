"""The client's own connection pool (_transport.PooledSession), through requests' adapter seam."""

from __future__ import annotations

import io

import fixtures
import requests
import testtools
import urllib3

from stackclient import _transport

URL = "http://identity.example.com:5000/v3/projects"
BODY = b'{"projects": []}' * 4096


class _RecordingBody(io.BytesIO):
    """A response body that records the size of every read."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.sizes: list[int | None] = []

    def read(self, size=None):
        self.sizes.append(size)
        return super().read(size)


class _Adapter(requests.adapters.BaseAdapter):
    """Answers every request with BODY; keeps each request sent and body handed out."""

    def __init__(self) -> None:
        super().__init__()
        self.bodies: list[_RecordingBody] = []
        self.sent: list[requests.PreparedRequest] = []

    def send(self, request, stream=False, **kwargs):
        self.sent.append(request)
        response = requests.Response()
        response.status_code = 200
        response.url = request.url
        response.request = request
        response.raw = _RecordingBody(BODY)
        self.bodies.append(response.raw)
        return response

    def close(self):
        pass


class ReadBodyTest(testtools.TestCase):
    def setUp(self):
        super().setUp()
        self.adapter = _Adapter()
        self.session = _transport.PooledSession()
        self.session.mount("http://", self.adapter)

    def test_a_body_is_read_in_one_piece_before_returning(self):
        resp = self.session.get(URL)
        body = self.adapter.bodies[0]
        self.assertEqual(len(BODY), body.tell())
        self.assertNotIn(requests.models.CONTENT_CHUNK_SIZE, body.sizes)
        self.assertEqual(BODY, resp.content)

    def test_a_streamed_body_is_left_to_the_caller(self):
        resp = self.session.get(URL, stream=True)
        self.assertEqual([], self.adapter.bodies[0].sizes)
        self.assertEqual(BODY, resp.content)

    def test_a_session_that_streams_by_default_still_streams(self):
        self.session.stream = True
        self.session.get(URL)
        self.assertEqual([], self.adapter.bodies[0].sizes)


class PrepareTest(testtools.TestCase):
    """What PooledSession puts on the wire matches plain requests, settings merged alike."""

    def setUp(self):
        super().setUp()
        self.netrc = self.useFixture(fixtures.TempDir()).join("netrc")
        self.useFixture(fixtures.EnvironmentVariable("NETRC", self.netrc))
        self._write_netrc("alice", "first")

    def _write_netrc(self, login, password):
        with open(self.netrc, "w", encoding="ascii") as netrc:
            netrc.write("machine identity.example.com login %s password %s\n" % (login, password))

    def _sent(self, session, url=URL, **kwargs):
        adapter = _Adapter()
        session.mount("http://", adapter)
        session.request("GET", url, **kwargs)
        return adapter.sent[-1]

    def test_prepared_like_plain_requests(self):
        kwargs = {
            "headers": {"X-Auth-Token": "t", "Accept": None},
            "params": [("limit", 2), ("marker", "m")],
            "cookies": {"c": "1"},
        }
        ours, theirs = _transport.PooledSession(), requests.Session()
        for session in (ours, theirs):
            session.headers["X-Session"] = "s"
            session.params = {"ignored": "because the request's params are not a mapping"}
        mine, plain = self._sent(ours, **kwargs), self._sent(theirs, **kwargs)
        self.assertEqual(
            (plain.method, plain.url, dict(plain.headers), plain.body),
            (mine.method, mine.url, dict(mine.headers), mine.body),
        )
        self.assertNotIn("Accept", mine.headers)
        self.assertEqual("Basic YWxpY2U6Zmlyc3Q=", mine.headers["Authorization"])

    def test_without_cookies_prepared_like_plain_requests(self):
        # No cookie given and none in the jar: the path that builds no jar.
        cases = [
            ("GET", URL, {"params": {"limit": 2, "tags": ["a", "b"]}}),
            ("POST", URL, {"data": b'{"a": 1}', "headers": {"Content-Type": "x/y"}}),
            ("PUT", URL, {"data": {"form": "value"}}),
            ("PATCH", URL, {"data": iter([b"chunk"])}),
            ("GET", "http://u:p@identity.example.com:5000/v3?x=1", {"params": {"y": 2}}),
            ("DELETE", URL, {"auth": ("carol", "third")}),
        ]
        for method, url, kwargs in cases:
            ours, theirs = _transport.PooledSession(), requests.Session()
            sent = []
            for session in (ours, theirs):
                session.headers["X-Session"] = "s"
                adapter = _Adapter()
                session.mount("http://", adapter)
                session.request(method, url, **kwargs)
                sent.append(adapter.sent[-1])
            mine, plain = sent
            self.assertEqual(
                (plain.method, plain.url, dict(plain.headers), plain.body),
                (mine.method, mine.url, dict(mine.headers), mine.body),
                "%s %s %r" % (method, url, kwargs),
            )
            self.assertNotIn("Cookie", mine.headers)

    def test_a_cookie_in_the_sessions_jar_is_sent(self):
        session = _transport.PooledSession()
        session.cookies.set("lb", "node-2", domain="identity.example.com", path="/")
        self.assertEqual("lb=node-2", self._sent(session).headers["Cookie"])
        session.cookies.clear()
        self.assertNotIn("Cookie", self._sent(session).headers)

    def test_netrc_is_read_once_per_host(self):
        session = _transport.PooledSession()
        first = self._sent(session).headers["Authorization"]
        self._write_netrc("bob", "second")
        self.assertEqual(first, self._sent(session).headers["Authorization"])
        other = self._sent(session, "http://identity.example.com:5001/v3")
        self.assertEqual("Basic Ym9iOnNlY29uZA==", other.headers["Authorization"])


class _KeepAliveAdapter(requests.adapters.HTTPAdapter):
    """Like keystoneauth1's adapter: its own init_poolmanager adds socket options."""

    def init_poolmanager(self, *args, **kwargs):
        kwargs.setdefault("socket_options", [("marker", 1)])
        super().init_poolmanager(*args, **kwargs)


class WidenPoolTest(testtools.TestCase):
    def test_the_pool_of_the_urls_adapter_grows(self):
        http = requests.Session()
        self.assertTrue(_transport.widen_pool(http, URL, 16))
        adapter = http.get_adapter(URL)
        self.assertEqual(16, adapter._pool_maxsize)
        self.assertEqual(16, adapter.poolmanager.connection_pool_kw["maxsize"])
        pool = adapter.poolmanager.connection_from_url(URL)
        self.assertEqual(16, pool.pool.maxsize)

    def test_it_never_shrinks(self):
        http = requests.Session()
        _transport.widen_pool(http, URL, 32)
        self.assertFalse(_transport.widen_pool(http, URL, 16))
        self.assertEqual(32, http.get_adapter(URL)._pool_maxsize)

    def test_a_subclass_keeps_what_its_own_init_poolmanager_adds(self):
        http = requests.Session()
        http.mount("http://", _KeepAliveAdapter())
        _transport.widen_pool(http, URL, 20)
        kw = http.get_adapter(URL).poolmanager.connection_pool_kw
        self.assertEqual((20, [("marker", 1)]), (kw["maxsize"], kw["socket_options"]))

    def test_an_adapter_without_a_pool_is_left_alone(self):
        http = requests.Session()
        http.mount("http://", _Adapter())
        self.assertFalse(_transport.widen_pool(http, URL, 20))


class EnvironmentCABundleTest(testtools.TestCase):
    """A CA bundle named in the environment applies to https only."""

    def setUp(self):
        super().setUp()
        self.useFixture(fixtures.EnvironmentVariable("REQUESTS_CA_BUNDLE", "/etc/bundle.pem"))
        self.session = _transport.PooledSession()

    def test_a_plain_http_request_does_not_carry_the_bundle(self):
        # requests stats a bundle path on every request that carries one.
        merged = self.session.merge_environment_settings("http://h:1/x", {}, None, True, None)
        self.assertIs(True, merged["verify"])

    def test_an_https_request_uses_the_bundle(self):
        merged = self.session.merge_environment_settings("https://h:1/x", {}, None, True, None)
        self.assertEqual("/etc/bundle.pem", merged["verify"])

    def test_an_explicit_choice_wins(self):
        merged = self.session.merge_environment_settings("https://h:1/x", {}, None, False, None)
        self.assertIs(False, merged["verify"])


def _prepared(url: str) -> requests.PreparedRequest:
    return requests.Request("GET", url).prepare()


def _standard_pool(adapter, request, verify=True, cert=None):
    """The pool requests' own adapter method picks, from the same pool manager."""
    return requests.adapters.HTTPAdapter.get_connection_with_tls_context(
        adapter, request, verify, None, cert
    )


class PoolAdapterTest(testtools.TestCase):
    """PoolAdapter picks the pools requests' HTTPAdapter would, and builds the same responses."""

    def test_a_pooled_session_sends_through_it(self):
        http = _transport.PooledSession()
        for url in ("http://h/x", "https://h/x", "HTTPS://H:8443/x"):
            self.assertIsInstance(http.get_adapter(url), _transport.PoolAdapter)

    def test_the_same_pool_as_requests_for_each_origin_and_tls_setting(self):
        adapter = _transport.PoolAdapter()
        cases = [
            ("http://127.0.0.1:5000/v3/projects", True, None),
            ("http://127.0.0.1:5000/v3/users?limit=2", True, None),
            ("http://127.0.0.1:9696/v2.0/networks", True, None),
            ("https://Cloud.Example.COM/v3", True, None),
            ("https://cloud.example.com:443/v3", False, None),
            ("https://cloud.example.com/v3", "/no/such/ca-bundle.pem", None),
            ("https://cloud.example.com/v3", True, ("client.crt", "client.key")),
            ("https://cloud.example.com/v3", True, "client.pem"),
            ("https://user:pw@cloud.example.com:8443/v3", True, None),
        ]
        for _ in range(2):  # the second time from the cached keys
            for url, verify, cert in cases:
                request = _prepared(url)
                mine = adapter.get_connection_with_tls_context(request, verify, {}, cert)
                self.assertIs(_standard_pool(adapter, request, verify, cert), mine, url)
        self.assertEqual(8, len(adapter._pool_keys))

    def test_an_evicted_pool_is_made_again(self):
        adapter = _transport.PoolAdapter(pool_connections=1)
        first = adapter.get_connection_with_tls_context(_prepared("http://a/"), True, {})
        adapter.get_connection_with_tls_context(_prepared("http://b/"), True, {})
        again = adapter.get_connection_with_tls_context(_prepared("http://a/"), True, {})
        self.assertIsNot(first, again)  # the pool manager let the first one go
        self.assertIsNotNone(again.pool)

    def test_a_new_pool_manager_forgets_the_keys(self):
        http = _transport.PooledSession()
        before = http.get_adapter(URL).get_connection_with_tls_context(_prepared(URL), True, {})
        _transport.widen_pool(http, URL, 32)
        adapter = http.get_adapter(URL)
        after = adapter.get_connection_with_tls_context(_prepared(URL), True, {})
        self.assertIsNot(before, after)
        self.assertEqual(32, after.pool.maxsize)

    def test_with_a_proxy_or_an_unhashable_cert_requests_decides(self):
        adapter = _transport.PoolAdapter()
        request = _prepared("http://cloud.example.com:5000/v3?x=1")
        proxied = adapter.get_connection_with_tls_context(
            request, True, {"http": "http://proxy.example.com:3128"}
        )
        self.assertIsInstance(proxied.proxy, object)
        self.assertEqual("proxy.example.com", proxied.host)
        self.assertEqual(
            "http://cloud.example.com:5000/v3?x=1",
            adapter.request_url(request, {"http": "http://proxy.example.com:3128"}),
        )
        self.assertEqual("/v3?x=1", adapter.request_url(request, {}))
        listed = ["c.crt", "c.key"]  # requests itself cannot pool by a list
        self.assertRaises(TypeError, _standard_pool, adapter, request, True, listed)
        self.assertRaises(
            TypeError, adapter.get_connection_with_tls_context, request, True, {}, listed
        )
        self.assertEqual({}, adapter._pool_keys)

    def test_a_url_requests_cannot_pool_is_refused_as_requests_does(self):
        adapter = _transport.PoolAdapter()
        request = _prepared("http://h/")
        request.url = "http://h:99999/"
        self.assertRaises(
            requests.exceptions.InvalidURL,
            adapter.get_connection_with_tls_context,
            request,
            True,
            {},
        )

    def test_responses_are_requests_own_and_cookies_still_reach_the_jar(self):
        adapter = _transport.PoolAdapter()
        request = _prepared("http://h/v3")

        def answer(headers):
            return urllib3.HTTPResponse(
                body=io.BytesIO(b"{}"),
                headers=headers,
                status=201,
                reason="Created",
                preload_content=False,
            )

        headers = {"Content-Type": "text/plain; charset=latin-1", "X-Request-Id": "r1"}
        mine = adapter.build_response(request, answer(headers))
        theirs = requests.adapters.HTTPAdapter.build_response(adapter, request, answer(headers))
        for name in ("status_code", "headers", "encoding", "reason", "url", "request"):
            self.assertEqual(getattr(theirs, name), getattr(mine, name), name)
        self.assertIs(adapter, mine.connection)
        self.assertEqual(0, len(mine.cookies))
        with_cookie = adapter.build_response(
            request, answer({"Set-Cookie": "sid=abc; Path=/", "Content-Length": "2"})
        )
        self.assertEqual("sid=abc; Path=/", with_cookie.headers["set-cookie"])

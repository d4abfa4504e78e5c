"""Finding 11: every request has a timeout by default, overridable per client and per call."""

from __future__ import annotations

import socket
import time

import testtools
from requests_mock.contrib import fixture as rm_fixture

from stackclient import session
from stackclient.apiclient import client, exceptions
from stackclient.v3 import client as v3_client
from tests.unit._loopback import Loopback

URL = "http://identity.example.com:5000/v3"


class OnTheWireTest(testtools.TestCase):
    def setUp(self):
        super().setUp()
        self.requests_mock = self.useFixture(rm_fixture.Fixture())
        self.requests_mock.get(URL, json={})

    def sent_timeout(self, http, **kwargs):
        http.request("GET", URL, **kwargs)
        return self.requests_mock.last_request.timeout

    def test_a_request_is_never_sent_without_a_timeout(self):
        self.assertEqual((10.0, 120.0), client.DEFAULT_TIMEOUT)
        self.assertEqual(client.DEFAULT_TIMEOUT, self.sent_timeout(client.HTTPClient(None)))
        sess = session.Session()
        self.assertEqual(client.DEFAULT_TIMEOUT, sess.timeout)
        keystone = v3_client.Client(token="t", endpoint=URL)
        keystone.get("")
        self.assertEqual(client.DEFAULT_TIMEOUT, self.requests_mock.last_request.timeout)

    def test_per_client_and_per_call(self):
        http = client.HTTPClient(None, timeout=5)
        self.assertEqual(5.0, self.sent_timeout(http))
        self.assertEqual((1.0, 2.5), self.sent_timeout(http, timeout=(1, 2.5)))
        self.assertEqual(5.0, self.sent_timeout(http, timeout=None))
        http.timeout = None
        self.assertEqual(client.DEFAULT_TIMEOUT, self.sent_timeout(http))
        sess = session.Session(timeout=(3, None))
        sess.get(URL)
        self.assertEqual((3.0, None), self.requests_mock.last_request.timeout)

    def test_waiting_forever_is_explicit(self):
        http = client.HTTPClient(None, timeout=(None, None))
        self.assertEqual((None, None), self.sent_timeout(http))

    def test_bad_values_are_refused_before_sending(self):
        for value in (0, -1, "soon", True, float("inf"), (1, 2, 3), (0, 1), [1, "x"]):
            self.assertRaises(exceptions.ValidationError, client.HTTPClient, None, timeout=value)
            http = client.HTTPClient(None)
            self.assertRaises(exceptions.ValidationError, http.request, "GET", URL, timeout=value)
        self.assertEqual(0, self.requests_mock.call_count)


class RealServerTest(testtools.TestCase):
    def test_a_stalled_server_times_out(self):
        def stall(conn: socket.socket, request: bytes) -> None:
            time.sleep(1.0)

        with Loopback(stall) as server:
            http = client.HTTPClient(None, timeout=(2, 0.2))
            error = self.assertRaises(exceptions.Timeout, http.request, "GET", server.url)
        self.assertIn("timeout=", str(error))

    def test_the_read_timeout_is_per_read_not_per_call(self):
        def trickle(conn: socket.socket, request: bytes) -> None:
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 8\r\nConnection: close\r\n\r\n")
            for _ in range(8):
                time.sleep(0.1)
                conn.sendall(b"x")

        with Loopback(trickle) as server:
            resp = client.HTTPClient(None, timeout=(2, 0.5)).request("GET", server.url)
        self.assertEqual(b"xxxxxxxx", resp.content)

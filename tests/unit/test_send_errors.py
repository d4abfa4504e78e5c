"""Finding 5: a failure is reported by whether the server may have acted on the request.

Checked against a real loopback server that breaks the exchange at each
point, and on the exception shapes requests raises for each.
"""

from __future__ import annotations

import http.client
import socket
import time

import requests
import testtools
import urllib3
from requests_mock.contrib import fixture as rm_fixture

from stackclient import _send_errors
from stackclient.apiclient import client, exceptions
from tests.unit._loopback import Loopback

HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"


def _stall_mid_body(conn: socket.socket, request: bytes) -> None:
    conn.sendall(HEAD + b'{"projects": [')
    time.sleep(1.0)


def _close_without_answer(conn: socket.socket, request: bytes) -> None:
    conn.shutdown(socket.SHUT_RDWR)


def _short_body(conn: socket.socket, request: bytes) -> None:
    conn.sendall(HEAD + b'{"projects": []}')


def _broken_chunk(conn: socket.socket, request: bytes) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nabcde\r\nzz\r\n")


class RealServerTest(testtools.TestCase):
    def send(self, answer, method="POST", **kwargs):
        with Loopback(answer) as server:
            http = client.HTTPClient(None)
            return self.assertRaises(
                exceptions.TransportError,
                http.request,
                method,
                server.url + "/v3/users",
                json={"user": {"name": "n"}},
                **kwargs,
            )

    def test_read_timeout_in_the_middle_of_a_body_is_a_timeout(self):
        error = self.send(_stall_mid_body, timeout=(2, 0.2))
        self.assertIsInstance(error, exceptions.Timeout)
        self.assertIn("may have acted", str(error))
        self.assertNotIn("Unable to establish connection", str(error))

    def test_connection_closed_after_sending_is_dropped_not_refused(self):
        error = self.send(_close_without_answer)
        self.assertIsInstance(error, exceptions.ConnectionDropped)
        self.assertNotIsInstance(error, exceptions.ConnectionRefused)
        self.assertIn("may have acted on the request", str(error))
        self.assertIn("POST", str(error))

    def test_body_shorter_than_announced_is_dropped(self):
        self.assertIsInstance(self.send(_short_body, method="GET"), exceptions.ConnectionDropped)

    def test_broken_chunk_is_dropped(self):
        self.assertIsInstance(self.send(_broken_chunk, method="GET"), exceptions.ConnectionDropped)

    def test_refused_connection_still_says_nothing_was_sent(self):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        error = self.assertRaises(
            exceptions.ConnectionRefused,
            client.HTTPClient(None).request,
            "POST",
            "http://127.0.0.1:%d/v3" % port,
        )
        self.assertIn("Unable to establish connection", str(error))


def _wrapped(inner: BaseException) -> requests.exceptions.ConnectionError:
    return requests.exceptions.ConnectionError(inner)


class ShapesTest(testtools.TestCase):
    """What requests raises for each case, classified without a server."""

    def setUp(self):
        super().setUp()
        self.requests_mock = self.useFixture(rm_fixture.Fixture())

    def raised(self, exc, method="POST"):
        self.requests_mock.register_uri(method, "http://h.test/v3", exc=exc)
        return self.assertRaises(
            exceptions.TransportError, client.HTTPClient(None).request, method, "http://h.test/v3"
        )

    def test_shapes(self):
        aborted = urllib3.exceptions.ProtocolError(
            "Connection aborted.", http.client.RemoteDisconnected("closed")
        )
        read_timeout = urllib3.exceptions.ReadTimeoutError(None, "/v3", "Read timed out.")
        refused = urllib3.exceptions.MaxRetryError(
            None, "/v3", urllib3.exceptions.NewConnectionError(None, "Connection refused")
        )
        cases = [
            (_wrapped(aborted), exceptions.ConnectionDropped),
            (_wrapped(ConnectionResetError(104, "reset")), exceptions.ConnectionDropped),
            (_wrapped(read_timeout), exceptions.Timeout),
            (_wrapped(refused), exceptions.ConnectionRefused),
            (requests.exceptions.ChunkedEncodingError(aborted), exceptions.ConnectionDropped),
            (requests.exceptions.ReadTimeout("slow"), exceptions.Timeout),
            (requests.exceptions.ConnectTimeout("slow"), exceptions.Timeout),
        ]
        for exc, expected in cases:
            self.assertEqual(expected, type(self.raised(exc)), repr(exc))

    def test_only_a_connection_never_made_counts_as_nothing_sent(self):
        refused = urllib3.exceptions.MaxRetryError(
            None, "/v3", urllib3.exceptions.NewConnectionError(None, "refused")
        )
        aborted = urllib3.exceptions.ProtocolError("aborted", ConnectionResetError())
        self.assertTrue(_send_errors.nothing_sent(_wrapped(refused)))
        self.assertTrue(_send_errors.nothing_sent(requests.exceptions.ConnectTimeout()))
        self.assertFalse(_send_errors.nothing_sent(_wrapped(aborted)))
        self.assertFalse(_send_errors.nothing_sent(requests.exceptions.ReadTimeout()))
        self.assertFalse(_send_errors.nothing_sent(None))

    def test_a_dropped_post_is_not_resent_but_a_dropped_get_may_be(self):
        aborted = _wrapped(urllib3.exceptions.ProtocolError("aborted", ConnectionResetError()))
        self.requests_mock.post("http://h.test/v3", [{"exc": aborted}, {"status_code": 201}])
        self.requests_mock.get("http://h.test/v3", [{"exc": aborted}, {"json": {}}])
        http = client.HTTPClient(None, connect_retries=1)
        http._sleep = lambda seconds: None
        self.assertRaises(exceptions.ConnectionDropped, http.request, "POST", "http://h.test/v3")
        self.assertEqual(200, http.request("GET", "http://h.test/v3").status_code)

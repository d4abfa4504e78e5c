"""Findings 1 and 6: redirects keep cookies and credentials with their origin.

A server's cookies never follow a redirect that leaves the origin (even
from the session's cookie jar); a 307/308 that would re-send a password or
secret to another origin, or from https to http, is refused; a Location
that is not a URL is an InvalidResponse naming the request.
"""

from __future__ import annotations

import requests
import requests_mock
import testtools
from requests_mock.contrib import fixture as rm_fixture

from stackclient.apiclient import client, exceptions
from tests.unit._loopback import Loopback

HTTPS = "https://identity.example.com/v3"
PASSWORD_BODY = {
    "auth": {
        "identity": {
            "methods": ["password"],
            "password": {"user": {"id": "u1", "password": "hunter2"}},
        }
    }
}


class TestCase(testtools.TestCase):
    def setUp(self):
        super().setUp()
        self.requests_mock = self.useFixture(rm_fixture.Fixture())
        self.http = client.HTTPClient(None)

    def hop(self, status, target, method="GET", **kwargs):
        self.requests_mock.register_uri(
            method, HTTPS + "/a", status_code=status, headers={"Location": target}
        )
        self.requests_mock.register_uri(requests_mock.ANY, target, json={"ok": 1})
        return self.http.request(method, HTTPS + "/a", **kwargs)


class CookieTest(testtools.TestCase):
    """Against real servers: requests' cookie jar ignores ports, so only the pipeline can."""

    def test_a_server_cookie_stays_with_its_origin(self):
        seen: list[bytes] = []

        def elsewhere(conn, request):
            seen.append(request)
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")

        with Loopback(elsewhere) as other:

            def origin(conn, request):
                if request.startswith(b"GET /login"):
                    answer = b"200 OK\r\nSet-Cookie: sid=s3cr3t-cookie; Path=/"
                elif request.startswith(b"GET /same"):
                    answer = b"302 Found\r\nLocation: /landing"
                elif request.startswith(b"GET /landing"):
                    seen.append(request)
                    answer = b"200 OK"
                else:
                    answer = b"302 Found\r\nLocation: %s/b" % other.url.encode()
                close = b"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                conn.sendall(b"HTTP/1.1 " + answer + close)

            with Loopback(origin) as server:
                http = client.HTTPClient(None)
                http.request("GET", server.url + "/login")
                http.request("GET", server.url + "/same")
                http.request("GET", server.url + "/away")
        landing, away = seen
        self.assertIn(b"Cookie: sid=s3cr3t-cookie", landing)
        self.assertTrue(away.startswith(b"GET /b"))
        self.assertNotIn(b"s3cr3t-cookie", away)

    def test_cookies_given_by_the_caller_do_not_leave_the_origin(self):
        mock = self.useFixture(rm_fixture.Fixture())
        for target in ("https://identity.example.com:8443/b", "http://identity.example.com/b"):
            mock.get(HTTPS + "/a", status_code=302, headers={"Location": target})
            mock.get(target, json={})
            client.HTTPClient(None).request("GET", HTTPS + "/a", cookies={"sid": "s"})
            self.assertNotIn("Cookie", mock.last_request.headers, target)


class CredentialBodyTest(TestCase):
    def test_307_and_308_with_a_password_to_another_origin_are_refused(self):
        for status, target in (
            (307, "http://identity.example.com/v3/auth/tokens"),
            (308, "https://evil.example.org/v3/auth/tokens"),
            (307, "https://identity.example.com:8443/v3/auth/tokens"),
        ):
            error = self.assertRaises(
                exceptions.HTTPRedirection,
                self.hop,
                status,
                target,
                method="POST",
                json=PASSWORD_BODY,
            )
            self.assertEqual(status, error.http_status)
            self.assertIn("credentials", str(error))
            self.assertIn(target, str(error))
            self.assertEqual(HTTPS + "/a", self.requests_mock.last_request.url, "not re-sent")
        self.assertIn("from https to plain http", str(self._first_refusal()))

    def _first_refusal(self):
        return self.assertRaises(
            exceptions.HTTPRedirection,
            self.hop,
            307,
            "http://identity.example.com/v3/x",
            method="POST",
            json={"application_credential": {"id": "a", "secret": "s"}},
        )

    def test_same_origin_or_without_credentials_is_followed(self):
        self.hop(307, HTTPS + "/auth/tokens", method="POST", json=PASSWORD_BODY)
        self.assertIn(b"hunter2", self.requests_mock.last_request.body)
        other = "https://mirror.example.org/v3/projects"
        self.hop(308, other, method="POST", json={"project": {"name": "p"}})
        self.assertEqual(other, self.requests_mock.last_request.url)

    def test_a_302_drops_the_body_and_is_followed(self):
        self.hop(302, "http://elsewhere.example.org/b", method="POST", json=PASSWORD_BODY)
        last = self.requests_mock.last_request
        self.assertEqual(("GET", None), (last.method, last.body))


class LocationTest(TestCase):
    def test_a_location_that_is_not_a_url(self):
        for location in (
            "http://[::1",
            "http://identity.example.com:-1/v3",
            "http://identity.example.com:99999/v3",
            "http://identity.example.com:port/v3",
            "ftp://identity.example.com/v3",
            "http:///nohost",
        ):
            self.requests_mock.post(HTTPS + "/a", status_code=302, headers={"Location": location})
            error = self.assertRaises(
                exceptions.InvalidResponse, self.http.request, "POST", HTTPS + "/a"
            )
            self.assertIn("POST %s/a" % HTTPS, str(error))
            self.assertIn("Location", str(error))
            self.assertEqual(("POST", HTTPS + "/a"), (error.method, error.url))

    def test_a_plain_requests_session_with_a_bad_location(self):
        self.http = client.HTTPClient(None, http=requests.Session())
        self.requests_mock.get(HTTPS + "/a", status_code=302, headers={"Location": "http://[::1"})
        self.assertRaises(exceptions.ClientException, self.http.request, "GET", HTTPS + "/a")

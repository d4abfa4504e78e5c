"""The debug log: cut before redacting, echoes masked, and never a change in outcome."""

from __future__ import annotations

import json
import logging

import fixtures
import testtools
from requests_mock.contrib import fixture as rm_fixture

from stackclient import _httplog, adapter, session
from stackclient.apiclient import base, client, exceptions

URL = "http://identity.example.com:5000/v3"


class _Projects(base.CrudManager):
    collection_key = "projects"
    key = "project"


def _manager() -> _Projects:
    sess = session.Session()
    return _Projects(adapter.Adapter(sess, endpoint_override=URL))


class LogTestCase(testtools.TestCase):
    def setUp(self):
        super().setUp()
        self.requests_mock = self.useFixture(rm_fixture.Fixture())
        self.log = self.useFixture(
            fixtures.FakeLogger(name="stackclient", level=logging.DEBUG, format="%(message)s")
        )

    def body_line(self) -> str:
        lines = [line for line in self.log.output.splitlines() if line.startswith("RESP BODY")]
        self.assertEqual(1, len(lines), self.log.output)
        return lines[0]


class CutFirstTest(LogTestCase):
    """Finding 3: only what is shown is decoded and redacted."""

    def test_a_large_body_is_cut_before_it_is_decoded(self):
        # Bytes past the cut that are not UTF-8: decoding the whole body
        # would have called it binary.
        body = b"x" * (_httplog.MAX_LOGGED_BODY + 100) + b"\xff" * (1 << 20)
        self.requests_mock.get(URL, content=body, headers={"Content-Type": "text/plain"})
        client.HTTPClient(None).request("GET", URL)
        line = self.body_line()
        self.assertIn("x" * 100, line)
        self.assertIn("(%d more bytes)" % (len(body) - _httplog.MAX_LOGGED_BODY), line)

    def test_a_cut_inside_a_character_is_not_binary(self):
        body = ("é" * _httplog.MAX_LOGGED_BODY * 2).encode("utf-8")
        self.requests_mock.get(URL, content=body, headers={"Content-Type": "text/plain"})
        client.HTTPClient(None).request("GET", URL)
        self.assertIn("é" * 50, self.body_line())

    def test_a_secret_straddling_the_cut_is_masked(self):
        pad = "a" * (_httplog.MAX_LOGGED_BODY - len('{"pad": "", "password": "hunt'))
        body = '{"pad": "%s", "password": "hunter2-cut-here"}' % pad
        self.requests_mock.get(URL, text=body, headers={"Content-Type": "application/json"})
        client.HTTPClient(None).request("GET", URL)
        line = self.body_line()
        self.assertNotIn("hunt", line)
        self.assertIn('"password": "***"', line)


class EchoTest(LogTestCase):
    """Finding 4: a secret the server echoes is masked in RESP BODY and in the error."""

    def test_echoed_password_of_every_type(self):
        for password in ("hunter2-plain", 987654321, ["abcd", "hunter2-list"], {"k": "hunter2"}):
            message = "Invalid input for field/attribute password. Value: %r. %r is not" % (
                password,
                password,
            )
            self.requests_mock.post(
                URL + "/users", status_code=400, json={"error": {"message": message}}
            )
            error = self.assertRaises(
                exceptions.BadRequest,
                client.HTTPClient(None).request,
                "POST",
                URL + "/users",
                json={"user": {"name": "n", "password": password}},
            )
            for leaked in ("hunter2", "987654321", "abcd"):
                self.assertNotIn(leaked, str(error))
                self.assertNotIn(leaked, self.log.output)


class LoggingChangesNothingTest(testtools.TestCase):
    """Finding 2: DEBUG on or off, a call raises or returns the same."""

    def setUp(self):
        super().setUp()
        self.requests_mock = self.useFixture(rm_fixture.Fixture())

    def outcome(self, level):
        self.useFixture(fixtures.FakeLogger(name="stackclient", level=level))
        try:
            return _manager().get(project_id="p1")
        except Exception as exc:  # noqa: BLE001 - the outcome is what is compared
            return type(exc)

    def test_deeply_nested_json(self):
        deep = '{"a":' * 900 + "1" + "}" * 900
        self.requests_mock.get(URL + "/projects/p1", text=deep)
        self.assertEqual(exceptions.InvalidResponse, self.outcome(logging.DEBUG))
        self.assertEqual(exceptions.InvalidResponse, self.outcome(logging.WARNING))

    def test_a_line_that_cannot_be_formatted_is_replaced_by_a_note(self):
        log = self.useFixture(
            fixtures.FakeLogger(name="stackclient", level=logging.DEBUG, format="%(message)s")
        )
        _httplog.log_request({}, "GET", URL, {"headers": 42})  # not a mapping
        self.assertIn("a debug line was not written: TypeError", log.output)

    def test_json_body_is_shown_as_sent(self):
        log = self.useFixture(
            fixtures.FakeLogger(name="stackclient", level=logging.DEBUG, format="%(message)s")
        )
        self.requests_mock.get(URL, text='{"b": 1,   "a": [2]}')
        client.HTTPClient(None).request("GET", URL)
        self.assertIn('RESP BODY: {"b": 1,   "a": [2]}', log.output)
        json.loads('{"b": 1,   "a": [2]}')


class HeaderTest(LogTestCase):
    def test_a_long_header_value_is_cut(self):
        self.requests_mock.get(URL, json={}, headers={"X-Long": "v" * 70000})
        client.HTTPClient(None).request("GET", URL)
        line = next(x for x in self.log.output.splitlines() if x.startswith("RESP:"))
        self.assertLess(len(line), 2000)
        self.assertIn("(%d more characters)" % (70000 - _httplog.MAX_LOGGED_HEADER), line)

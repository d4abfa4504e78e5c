"""Tests for the JSON seam."""

from __future__ import annotations

import datetime
import gc
import json
import subprocess
import sys
import types

import fixtures
import requests
import testtools

from stackclient import _jsonutils
from stackclient.apiclient import exceptions


def make_response(body: bytes, status: int = 200) -> requests.Response:
    response = requests.Response()
    response.status_code = status
    response._content = body
    response.headers["Content-Type"] = "text/html"
    response.url = "http://cloud.example.com/v3/projects"
    response.request = requests.Request("GET", response.url).prepare()
    return response


class TestJsonUtils(testtools.TestCase):
    def test_round_trip(self):
        value = {"a": [1, 2.5, None, True], "b": {"c": "ü"}}
        self.assertEqual(value, _jsonutils.loads(_jsonutils.dumps(value)))

    def test_dumps_datetimes_and_int_keys(self):
        when = datetime.datetime(2026, 11, 22, 15, 0, tzinfo=datetime.timezone.utc)
        self.assertIn(b"2026-11-22T15:00:00", _jsonutils.dumps({"at": when}))
        self.assertEqual({"1": "x"}, _jsonutils.loads(_jsonutils.dumps({1: "x"})))

    def test_dumps_refuses_unknown_objects(self):
        self.assertRaises(TypeError, _jsonutils.dumps, {"x": object()})

    def test_response_json_decodes_once(self):
        response = make_response(b'{"projects": []}')
        first = _jsonutils.response_json(response)
        self.assertEqual({"projects": []}, first)
        self.assertIs(first, _jsonutils.response_json(response))

    def test_empty_body_is_none(self):
        self.assertIsNone(_jsonutils.response_json(make_response(b"")))

    def test_not_json_names_method_url_status_and_body(self):
        response = make_response(b"<html>proxy login</html>")
        err = self.assertRaises(exceptions.InvalidResponse, _jsonutils.response_json, response)
        for part in ("GET", "http://cloud.example.com/v3/projects", "200", "proxy login"):
            self.assertIn(part, str(err))
        self.assertIs(response, err.response)

    def test_not_json_message_keeps_secrets_out(self):
        response = make_response(b"<p>rejected: password=hunter2</p>")
        response.url = "http://cloud.example.com/v2.0/tokens/tok-secret?password=pw"
        err = self.assertRaises(exceptions.InvalidResponse, _jsonutils.response_json, response)
        for secret in ("tok-secret", "pw", "hunter2"):
            self.assertNotIn(secret, str(err))
        self.assertIn("http://cloud.example.com/v2.0/tokens/{SHA256}", str(err))
        self.assertIn("password=***", str(err))

    def test_large_bodies_are_decoded_with_the_collector_paused_then_resumed(self):
        seen = []
        body = _jsonutils.dumps([{"id": str(i)} for i in range(20000)])
        self.assertGreater(len(body), _jsonutils._GC_PAUSE_BYTES)

        def spy(data):
            seen.append(gc.isenabled())
            return json.loads(data)

        fake = types.SimpleNamespace(loads=spy)
        self.useFixture(
            fixtures.MonkeyPatch("stackclient._jsonutils._orjson", lambda size=0: fake)
        )
        self.assertEqual(20000, len(_jsonutils.loads(body)))
        self.assertEqual({"a": 1}, _jsonutils.loads(b'{"a": 1}'))
        self.assertEqual([False, True], seen)
        self.assertTrue(gc.isenabled())
        self.assertRaises(ValueError, _jsonutils.loads, body[:-1] + b"x" * 70000)
        self.assertTrue(gc.isenabled())

    def test_a_collector_the_program_disabled_stays_disabled(self):
        gc.disable()
        try:
            self.assertEqual(["x" * 70000], _jsonutils.loads(_jsonutils.dumps(["x" * 70000])))
            self.assertFalse(gc.isenabled())
        finally:
            gc.enable()


class HtmlWhereJsonWasExpectedTest(testtools.TestCase):
    """Finding 9: an HTML page is shown by its title, not its markup, in every message."""

    def test_a_200_html_page_from_a_proxy(self):

        resp = requests.Response()
        resp.status_code = 200
        resp._content = (
            b"<!doctype html><html><title>Sign in - Corporate Proxy</title><body>x</body>"
        )
        resp.headers["Content-Type"] = "application/json"
        resp.url = "http://identity.test/v3/projects"
        error = self.assertRaises(exceptions.InvalidResponse, _jsonutils.response_json, resp)
        self.assertIn("Sign in - Corporate Proxy", str(error))
        self.assertNotIn("<title>", str(error))


class TestOrjsonIsImportedOnFirstNeed(testtools.TestCase):
    """orjson costs more to import than stackclient: only a large body loads it."""

    def run_child(self, code: str) -> None:
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=False
        )
        self.assertEqual(0, result.returncode, result.stderr)

    def test_import_and_small_bodies_leave_orjson_unloaded(self):
        self.run_child(
            "import sys, datetime\n"
            "import stackclient.v3.client\n"
            "from stackclient import _jsonutils as j\n"
            "assert j.loads(b'{\"a\": [1, 2]}') == {'a': [1, 2]}\n"
            "body = j.dumps({'at': datetime.datetime(2026, 1, 2, 3, 4, 5), 1: 'x'})\n"
            "assert j.loads(body) == {'at': '2026-01-02T03:04:05', '1': 'x'}, body\n"
            "assert 'orjson' not in sys.modules\n"
        )

    def test_a_large_body_loads_orjson_which_is_then_used_for_everything(self):
        self.run_child(
            "import sys\n"
            "from stackclient import _jsonutils as j\n"
            "big = b'[' + b','.join([b'{\"id\": \"%d\"}' % i for i in range(5000)]) + b']'\n"
            "assert len(big) >= j._ORJSON_BYTES\n"
            "assert len(j.loads(big)) == 5000\n"
            "assert 'orjson' in sys.modules\n"
            "assert j._orjson() is sys.modules['orjson']\n"
            "assert j.dumps({1: 'x'}) == b'{\"1\":\"x\"}'\n"
        )

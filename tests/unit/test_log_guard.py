"""The run-wide debug-log guard in tests/conftest.py is really in force."""

from __future__ import annotations

import logging

import testtools
from requests_mock.contrib import fixture as rm_fixture

from stackclient.apiclient import client


class LogGuardTests(testtools.TestCase):
    def test_requests_are_logged_at_debug_during_the_run(self):
        logger = logging.getLogger("stackclient")
        self.assertTrue(logger.isEnabledFor(logging.DEBUG))
        records = []
        handler = logging.Handler(logging.DEBUG)
        handler.emit = records.append
        logger.addHandler(handler)
        self.addCleanup(logger.removeHandler, handler)
        self.useFixture(rm_fixture.Fixture()).get("http://h.test/v3", json={})
        client.HTTPClient(None).request("GET", "http://h.test/v3")
        self.assertTrue(any("curl -g -i" in r.getMessage() for r in records))

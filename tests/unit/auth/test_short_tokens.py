"""Finding 10: the refresh margin adapts to the token's lifetime (and to a skewed server clock)."""

from __future__ import annotations

import datetime

from stackclient import access
from stackclient.auth import base, v3
from tests.unit.auth import utils
from tests.unit.auth.utils import SERVICE_URL, V3_URL


def _now():
    return datetime.datetime.now(datetime.timezone.utc)


class ShortTokenTest(utils.TestCase):
    def stub_auth(self, issued_offset, lifetime):
        def answer(request, context):
            issued = _now() + datetime.timedelta(seconds=issued_offset)
            context.status_code = 201
            context.headers["X-Subject-Token"] = "tok"
            return utils.v3_token(issued=issued, expires_in=issued_offset + lifetime)

        return self.requests_mock.post(V3_URL + "/auth/tokens", json=answer)

    def calls(self, auth, count=5):
        servers = self.requests_mock.get(SERVICE_URL + "/servers", json={"servers": []})
        plugin = v3.Password(V3_URL, user_id="u", password="p", project_id="p")
        self.session.auth = plugin
        for _ in range(count):
            self.session.get("/servers", endpoint_filter={"service_type": "compute"})
        self.assertEqual(count, servers.call_count)
        return auth.call_count

    def test_a_60_second_token_is_fetched_once_for_many_calls(self):
        self.assertEqual(1, self.calls(self.stub_auth(0, 60)))

    def test_a_server_clock_ten_minutes_behind(self):
        self.assertEqual(1, self.calls(self.stub_auth(-600, 60)))

    def test_margin(self):
        self.assertEqual(30.0, base.refresh_margin(60))
        self.assertEqual(float(base.MIN_TOKEN_LIFE_SECONDS), base.refresh_margin(3600))
        self.assertEqual(float(base.MIN_TOKEN_LIFE_SECONDS), base.refresh_margin(None))

    def test_a_short_token_past_half_its_life_is_replaced(self):
        plugin = v3.Password(V3_URL, user_id="u", password="p")
        expires = _now() + datetime.timedelta(seconds=20)
        stored = utils.v3_token(issued=expires - datetime.timedelta(seconds=60), expires_in=20)
        plugin.auth_ref = access.create(body=stored, auth_token="old")
        self.requests_mock.post(
            V3_URL + "/auth/tokens",
            status_code=201,
            headers={"X-Subject-Token": "new"},
            json=utils.v3_token(),
        )
        self.assertEqual("new", plugin.get_token(self.session))

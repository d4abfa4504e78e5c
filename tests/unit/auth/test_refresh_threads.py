"""Token caching under concurrency, invalidation, and reuse of a stored auth_ref."""

from __future__ import annotations

import itertools
import threading
import time

from stackclient.apiclient import client as apiclient
from stackclient.apiclient import exceptions
from stackclient.auth import base, v3
from tests.unit.auth import utils
from tests.unit.auth.utils import SERVICE_URL, V3_URL

THREADS = 16
PASSWORD = "thread-pa55"


class _Compute(apiclient.BaseClient):
    service_type = "compute"


class _Case(utils.TestCase):
    def setUp(self):
        super().setUp()
        self.plugin = v3.Password(V3_URL, user_id="u", password=PASSWORD, project_id="p")

    def stub_slow_auth(self, delay=0.05):
        """Keystone that takes ``delay`` s per token and numbers them new-1, new-2, ..."""
        numbers = itertools.count(1)

        def answer(request, context):
            time.sleep(delay)  # keep the window open for the other threads
            context.status_code = 201
            context.headers["X-Subject-Token"] = "new-%d" % next(numbers)
            return utils.v3_token()

        return self.requests_mock.post(V3_URL + "/auth/tokens", json=answer)

    def run_threads(self, work):
        """Run ``work()`` in THREADS threads released together; return results."""
        barrier = threading.Barrier(THREADS)
        results = [None] * THREADS
        errors = []

        def run(i):
            try:
                barrier.wait(timeout=10)
                results[i] = work()
            except Exception as exc:  # noqa: BLE001 - reported by the test
                errors.append(exc)

        threads = [threading.Thread(target=run, args=(i,)) for i in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        self.assertEqual([], errors)
        return results


class ConcurrentRefreshTest(_Case):
    def test_first_token_one_request(self):
        auth = self.stub_slow_auth()
        results = self.run_threads(lambda: self.plugin.get_token(self.session))
        self.assertEqual(["new-1"] * THREADS, results)
        self.assertEqual(1, auth.call_count)

    def test_expiring_token_one_request(self):
        auth = self.stub_slow_auth()
        # Still valid, but inside the refresh margin.
        self.plugin.auth_ref = utils.stored_v3_ref("old", base.MIN_TOKEN_LIFE_SECONDS / 2)
        results = self.run_threads(lambda: self.plugin.get_token(self.session))
        self.assertEqual(["new-1"] * THREADS, results)
        self.assertEqual(1, auth.call_count)
        self.assertEqual(1, len(self.requests_to("POST", V3_URL + "/auth/tokens")))

    def test_expired_token_one_request(self):
        auth = self.stub_slow_auth()
        self.plugin.auth_ref = utils.stored_v3_ref("old", -5)
        results = self.run_threads(lambda: self.plugin.get_headers(self.session))
        self.assertEqual([{"X-Auth-Token": "new-1"}] * THREADS, results)
        self.assertEqual(1, auth.call_count)

    def test_401_in_every_thread_one_request(self):
        auth = self.stub_slow_auth()
        self.plugin.auth_ref = utils.stored_v3_ref("old", 3600)

        def failed_with_old_token():
            dropped = self.plugin.invalidate("old")
            return dropped, self.plugin.get_token(self.session)

        results = self.run_threads(failed_with_old_token)
        self.assertEqual(1, auth.call_count)
        self.assertEqual(1, sum(1 for dropped, _ in results if dropped))
        self.assertEqual({"new-1"}, {token for _, token in results})

    def test_requests_through_http_client_in_threads(self):
        auth = self.stub_slow_auth()
        servers = self.requests_mock.get(SERVICE_URL + "/servers", json={"servers": []})
        http = apiclient.HTTPClient(self.plugin)
        self.run_threads(lambda: _Compute(http).get("/servers"))
        self.assertEqual(1, auth.call_count)
        self.assertEqual(THREADS, servers.call_count)


class InvalidateTest(_Case):
    def test_only_the_failed_token_is_dropped(self):
        auth = self.stub_slow_auth(delay=0)
        self.assertEqual("new-1", self.plugin.get_token(self.session))
        # A request that failed with a token already replaced: keep the current one.
        self.assertFalse(self.plugin.invalidate("some-older-token"))
        self.assertEqual("new-1", self.plugin.auth_ref.auth_token)
        self.assertEqual(1, auth.call_count)
        # The current token failed: drop it, the next use re-authenticates.
        self.assertTrue(self.plugin.invalidate("new-1"))
        self.assertIsNone(self.plugin.auth_ref)
        self.assertEqual("new-2", self.plugin.get_token(self.session))
        self.assertEqual(2, auth.call_count)

    def test_without_token_drops_the_cached_one(self):
        self.stub_slow_auth(delay=0)
        self.plugin.get_token(self.session)
        self.assertTrue(self.plugin.invalidate())
        self.assertEqual("new-2", self.plugin.get_token(self.session))

    def test_nothing_cached(self):
        self.assertFalse(self.plugin.invalidate("anything"))
        self.assertTrue(self.plugin.invalidate())

    def test_no_reauthentication(self):
        plugin = v3.Password(V3_URL, user_id="u", password=PASSWORD, reauthenticate=False)
        plugin.auth_ref = utils.stored_v3_ref("kept", 3600)
        self.assertFalse(plugin.invalidate("kept"))
        self.assertEqual("kept", plugin.auth_ref.auth_token)

    def test_http_client_401_reauthenticates_once(self):
        auth = self.stub_slow_auth(delay=0)
        self.plugin.auth_ref = utils.stored_v3_ref("old", 3600)
        servers = self.requests_mock.get(
            SERVICE_URL + "/servers",
            [{"status_code": 401, "json": {}}, {"json": {"servers": []}}],
        )
        _Compute(apiclient.HTTPClient(self.plugin)).get("/servers")
        self.assertEqual(1, auth.call_count)
        sent = [r.headers["X-Auth-Token"] for r in servers.request_history]
        self.assertEqual(["old", "new-1"], sent)

    def test_session_401_reauthenticates_once(self):
        from stackclient import session

        auth = self.stub_slow_auth(delay=0)
        self.plugin.auth_ref = utils.stored_v3_ref("old", 3600)
        servers = self.requests_mock.get(
            SERVICE_URL + "/servers",
            [{"status_code": 401, "json": {}}, {"json": {"servers": []}}],
        )
        sess = session.Session(auth=self.plugin)
        sess.get("/servers", endpoint_filter={"service_type": "compute"})
        self.assertEqual(1, auth.call_count)
        sent = [r.headers["X-Auth-Token"] for r in servers.request_history]
        self.assertEqual(["old", "new-1"], sent)


class StoredAuthRefTest(_Case):
    def test_valid_stored_ref_makes_no_auth_request(self):
        self.stub_slow_auth(delay=0)
        servers = self.requests_mock.get(SERVICE_URL + "/servers", json={"servers": []})
        self.plugin.auth_ref = utils.stored_v3_ref("stored", 3600)
        self.assertEqual("stored", self.plugin.get_token(self.session))
        self.assertEqual(
            SERVICE_URL, self.plugin.get_endpoint(self.session, service_type="compute")
        )
        self.assertEqual(
            ("stored", SERVICE_URL), self.plugin.token_and_endpoint("publicURL", "compute")
        )
        _Compute(apiclient.HTTPClient(self.plugin)).get("/servers")
        self.assertEqual([], self.requests_to("POST", V3_URL))
        self.assertEqual("stored", servers.last_request.headers["X-Auth-Token"])

    def test_expired_stored_ref_reauthenticates_with_credentials(self):
        auth = self.stub_slow_auth(delay=0)
        self.plugin.auth_ref = utils.stored_v3_ref("stored", -60)
        self.assertEqual((None, None), self.plugin.token_and_endpoint("public", "compute"))
        self.assertEqual("new-1", self.plugin.get_token(self.session))
        self.assertEqual(1, auth.call_count)
        self.assertRequestJson(
            {
                "auth": {
                    "identity": {
                        "methods": ["password"],
                        "password": {"user": {"id": "u", "password": PASSWORD}},
                    },
                    "scope": {"project": {"id": "p"}},
                }
            }
        )

    def test_expired_without_credentials_is_a_clear_error(self):
        ref = utils.stored_v3_ref("stored-token-id", -60)
        plugin = base.AccessInfoPlugin(ref, auth_url=V3_URL)
        error = self.assertRaises(exceptions.AuthorizationFailure, plugin.get_token, self.session)
        self.assertIn("expired at %s" % ref.expires, str(error))
        self.assertIn("no credentials to re-authenticate", str(error))
        self.assertNotIn("stored-token-id", str(error))
        self.assertFalse(plugin.invalidate("stored-token-id"))
        self.assertEqual([], self.requests_mock.request_history)

    def test_without_credentials_used_until_it_expires(self):
        plugin = base.AccessInfoPlugin(utils.stored_v3_ref("stored", 30), auth_url=V3_URL)
        self.assertEqual("stored", plugin.get_token(self.session))
        self.assertEqual(SERVICE_URL, plugin.get_endpoint(self.session, service_type="compute"))
        self.assertEqual(("stored", SERVICE_URL), plugin.token_and_endpoint("public", "compute"))
        self.assertEqual([], self.requests_mock.request_history)

    def test_no_ref_and_no_credentials(self):
        error = self.assertRaises(
            exceptions.AuthorizationFailure, base.AccessInfoPlugin().get_token, self.session
        )
        self.assertIn("No token", str(error))

    def test_reauthenticate_false(self):
        self.stub_slow_auth(delay=0)
        plugin = v3.Password(V3_URL, user_id="u", password=PASSWORD, reauthenticate=False)
        self.assertEqual("new-1", plugin.get_token(self.session))  # the first one is allowed
        plugin.auth_ref = utils.stored_v3_ref("old", -1)
        error = self.assertRaises(exceptions.AuthorizationFailure, plugin.get_token, self.session)
        self.assertIn("reauthenticate=False", str(error))
        self.assertEqual(1, len(self.requests_to("POST", V3_URL)))

"""No secret of any auth flow reaches the debug log.

Each flow is run with debug logging on and seeded secrets (password,
tokens in and out, application credential secret); the captured log must
show the requests but none of the seeds.
"""

from __future__ import annotations

import logging

import fixtures

from stackclient import fixture
from stackclient.apiclient import client as apiclient
from stackclient.apiclient import exceptions
from stackclient.auth import generic, v2, v3
from tests.unit.auth import utils
from tests.unit.auth.utils import ROOT_URL, SERVICE_URL, V2_URL, V3_URL

SEED_PASSWORD = "Seeded-Pa55word-7d1e"
SEED_TOKEN_IN = "seeded-token-in-4b2a9c"
SEED_TOKEN_OUT = "seeded-token-out-8f3e1d"
SEED_APP_SECRET = "seeded-app-cred-secret-6c0b"
SEEDS = (SEED_PASSWORD, SEED_TOKEN_IN, SEED_TOKEN_OUT, SEED_APP_SECRET)


class _Compute(apiclient.BaseClient):
    service_type = "compute"


class RedactionTest(utils.TestCase):
    def setUp(self):
        super().setUp()
        self.log = self.useFixture(
            fixtures.FakeLogger(name="stackclient", level=logging.DEBUG, format="%(message)s")
        )
        self.requests_mock.get(SERVICE_URL + "/servers", json={"servers": []})

    def assertNoSeed(self, *expected_in_log):
        output = self.log.output
        for text in expected_in_log:
            self.assertIn(text, output)  # the flow was logged at all
        for seed in SEEDS:
            self.assertNotIn(seed, output)

    def use_token(self, plugin):
        """Authenticate, then carry the token to a service request."""
        plugin.get_access(self.session)
        _Compute(apiclient.HTTPClient(plugin)).get("/servers")

    def test_v3_password(self):
        self.stub_v3_auth(token_id=SEED_TOKEN_OUT)
        plugin = v3.Password(
            V3_URL, username="alice", user_domain_id="default", password=SEED_PASSWORD,
            project_id="p",
        )  # fmt: skip
        self.use_token(plugin)
        self.assertNoSeed(V3_URL + "/auth/tokens", "/servers")

    def test_v3_token(self):
        self.stub_v3_auth(token_id=SEED_TOKEN_OUT)
        self.use_token(v3.Token(V3_URL, SEED_TOKEN_IN, project_id="p"))
        self.assertNoSeed(V3_URL + "/auth/tokens")

    def test_v3_application_credential(self):
        self.stub_v3_auth(token_id=SEED_TOKEN_OUT)
        plugin = v3.ApplicationCredential(
            V3_URL, SEED_APP_SECRET, application_credential_name="ac", user_id="u"
        )
        self.use_token(plugin)
        self.assertNoSeed(V3_URL + "/auth/tokens")

    def test_v3_rejected(self):
        self.requests_mock.post(
            V3_URL + "/auth/tokens", status_code=401, json={"error": {"message": "no"}}
        )
        plugin = v3.Password(V3_URL, user_id="u", password=SEED_PASSWORD)
        self.assertRaises(exceptions.Unauthorized, plugin.get_access, self.session)
        self.assertNoSeed("401")

    def test_v2_password_and_token(self):
        self.stub_v2_auth(utils.v2_token(token_id=SEED_TOKEN_OUT))
        self.use_token(v2.Password(V2_URL, username="a", password=SEED_PASSWORD, tenant_id="t"))
        self.use_token(v2.Token(V2_URL, SEED_TOKEN_IN, tenant_id="t"))
        self.assertNoSeed(V2_URL + "/tokens")

    def test_generic_with_discovery(self):
        self.requests_mock.get(
            ROOT_URL, json=fixture.DiscoveryList(href=ROOT_URL), status_code=300
        )
        self.stub_v3_auth(token_id=SEED_TOKEN_OUT)
        self.use_token(generic.Password(ROOT_URL, user_id="u", password=SEED_PASSWORD))
        self.assertNoSeed(ROOT_URL, V3_URL + "/auth/tokens")

"""Operations the Identity v3 API does not have raise MethodNotImplemented."""

from __future__ import annotations

from stackclient import exceptions
from stackclient.v3 import access_rules, application_credentials, domain_configs, trusts
from tests.unit.v3 import utils


class UnsupportedOperationTests(utils.TestCase):
    def assertUnsupported(self, call, *args, **kwargs):
        err = self.assertRaises(exceptions.MethodNotImplemented, call, *args, **kwargs)
        self.assertIsInstance(err, exceptions.ClientException)
        self.assertTrue(str(err))
        self.assertEqual([], self.requests_mock.request_history)

    def test_trust_update(self):
        self.assertUnsupported(trusts.TrustManager(self.client).update, "t1", impersonation=True)

    def test_access_rule_create_and_update(self):
        manager = access_rules.AccessRuleManager(self.client)
        self.assertUnsupported(manager.create, path="/v2.1/servers")
        self.assertUnsupported(manager.update, "r1", path="/x")

    def test_application_credential_update(self):
        manager = application_credentials.ApplicationCredentialManager(self.client)
        self.assertUnsupported(manager.update, "a1", name="x")

    def test_domain_config_list_and_find(self):
        manager = domain_configs.DomainConfigManager(self.client)
        self.assertUnsupported(manager.list)
        self.assertUnsupported(manager.find, domain="d1")

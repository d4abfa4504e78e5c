"""Wire tests for access rules (``/users/{id}/access_rules``)."""

from __future__ import annotations

from stackclient.apiclient import exceptions
from stackclient.v3 import access_rules
from tests.unit.v3 import utils


class AccessRuleTests(utils.TestCase):
    def setUp(self) -> None:
        super().setUp()
        self.client.user_id = "me"
        self.manager = access_rules.AccessRuleManager(self.client)
        self.ref = {"id": "ar1", "service": "compute", "method": "GET", "path": "/v2.1/servers"}

    def test_get(self) -> None:
        self.stub_url(
            "GET", ["users", "me", "access_rules", "ar1"], json={"access_rule": self.ref}
        )
        rule = self.manager.get("ar1")
        self.assertIsInstance(rule, access_rules.AccessRule)
        self.assertEqual("/v2.1/servers", rule.path)
        self.assertRequestIs("GET", ["users", "me", "access_rules", "ar1"])

    def test_list_for_user_with_filters(self) -> None:
        self.stub_url("GET", ["users", "u2", "access_rules"], json={"access_rules": [self.ref]})
        rules = self.manager.list(user="u2", service="compute")
        self.assertEqual(["ar1"], [r.id for r in rules])
        self.assertRequestIs("GET", ["users", "u2", "access_rules"], "service=compute")

    def test_find(self) -> None:
        self.stub_url("GET", ["users", "me", "access_rules"], json={"access_rules": [self.ref]})
        self.assertEqual("ar1", self.manager.find(method="GET").id)
        self.assertQueryStringIs("method=GET")

    def test_delete(self) -> None:
        self.stub_url("DELETE", ["users", "me", "access_rules", "ar1"], status_code=204)
        self.manager.delete("ar1")
        self.assertRequestIs("DELETE", ["users", "me", "access_rules", "ar1"])

    def test_create_and_update_are_refused(self) -> None:
        err = self.assertRaises(exceptions.ClientException, self.manager.create, service="x")
        self.assertIn("application_credentials.create", str(err))
        self.assertRaises(exceptions.ClientException, self.manager.update, "ar1")
        self.assertEqual([], self.request_history())

"""Wire tests for stackclient.v3.policies."""

from __future__ import annotations

from stackclient.apiclient import exceptions
from stackclient.v3 import policies
from tests.unit.v3 import utils


class PolicyTests(utils.CrudTests, utils.TestCase):
    key = "policy"
    collection_key = "policies"
    model = policies.Policy

    def setUp(self) -> None:
        super().setUp()
        self.manager = policies.PolicyManager(self.client)

    def new_ref(self, **kwargs):
        kwargs.setdefault("id", utils.new_id())
        kwargs.setdefault("type", "application/json")
        kwargs.setdefault("blob", '{"default": ""}')
        return kwargs

    def test_find(self) -> None:
        ref = self.new_ref()
        self.stub_url("GET", ["policies"], json={"policies": [ref]})
        self.assertResourceMatches(ref, self.manager.find(type="application/json"))

    def test_create_default_type(self) -> None:
        self.stub_url("POST", ["policies"], json={"policy": self.new_ref()}, status_code=201)
        self.manager.create("{}")
        self.assertRequestBodyIs(json={"policy": {"blob": "{}", "type": "application/json"}})

    def test_resource_update(self) -> None:
        ref = self.new_ref()
        policy = policies.Policy(self.manager, dict(ref))
        self.stub_url("PATCH", ["policies", ref["id"]], json={"policy": dict(ref, blob="{}")})
        self.assertIs(policy, policy.update(blob="{}"))
        self.assertRequestBodyIs(json={"policy": {"blob": "{}"}})
        self.assertEqual("{}", policy.blob)

    def test_resource_update_raises(self) -> None:
        policy = policies.Policy(self.manager, {"id": "x"})
        self.stub_url("PATCH", ["policies", "x"], status_code=501, json={"error": {}})
        self.assertRaises(exceptions.HttpNotImplemented, policy.update, type="text/plain")

"""Wire tests for the v2.0 EC2 CredentialsManager."""

from __future__ import annotations

from stackclient.apiclient import exceptions
from stackclient.v2_0 import ec2
from tests.unit.v2_0 import utils


class EC2Tests(utils.TestCase):
    def setUp(self) -> None:
        super().setUp()
        self.manager = ec2.CredentialsManager(self.client)
        self.uid = utils.new_id()
        self.ref = {
            "access": utils.new_id(),
            "secret": "ec2-secret-" + utils.new_id(),
            "user_id": self.uid,
            "tenant_id": utils.new_id(),
            "enabled": True,
        }
        self.base = ["users", self.uid, "credentials", "OS-EC2"]

    def test_create(self) -> None:
        self.stub_url("POST", self.base, json={"credential": self.ref})
        cred = self.manager.create(self.uid, self.ref["tenant_id"])
        self.assertIsInstance(cred, ec2.EC2)
        self.assertEqual(self.ref["secret"], cred.secret)
        self.assertRequestIs("POST", self.base)
        self.assertRequestBodyIs(json={"tenant_id": self.ref["tenant_id"]})

    def test_list(self) -> None:
        self.stub_url("GET", self.base, json={"credentials": [self.ref]})
        listed = self.manager.list(self.uid)
        self.assertEqual([self.ref["access"]], [c.access for c in listed])
        self.assertRequestIs("GET", self.base)

    def test_get(self) -> None:
        parts = [*self.base, self.ref["access"]]
        self.stub_url("GET", parts, json={"credential": self.ref})
        self.assertEqual(
            self.ref["tenant_id"], self.manager.get(self.uid, self.ref["access"]).tenant_id
        )
        self.assertRequestIs("GET", parts)

    def test_get_unknown_raises_not_found(self) -> None:
        self.stub_not_found("GET", [*self.base, "nope"])
        self.assertRaises(exceptions.NotFound, self.manager.get, self.uid, "nope")

    def test_delete_by_access_key_and_by_resource(self) -> None:
        parts = [*self.base, self.ref["access"]]
        self.stub_url("DELETE", parts, status_code=204)
        self.manager.delete(self.uid, self.ref["access"])
        self.assertRequestIs("DELETE", parts)
        self.manager.delete(self.uid, ec2.EC2(self.manager, self.ref))
        self.assertRequestIs("DELETE", parts)

    def test_resource_delete_uses_its_own_user_and_key(self) -> None:
        parts = [*self.base, self.ref["access"]]
        self.stub_url("DELETE", parts, status_code=204)
        ec2.EC2(self.manager, self.ref).delete()
        self.assertRequestIs("DELETE", parts)

    def test_repr_hides_the_secret(self) -> None:
        cred = ec2.EC2(self.manager, self.ref)
        self.assertNotIn(self.ref["secret"], repr(cred))
        self.assertIn(self.ref["access"], repr(cred))

    def test_missing_ids_send_nothing(self) -> None:
        self.assertRaises(exceptions.ValidationError, self.manager.create, None, "t1")
        self.assertRaises(exceptions.ValidationError, self.manager.create, self.uid, None)
        self.assertRaises(exceptions.ValidationError, self.manager.get, self.uid, "")
        self.assertEqual([], self.requests_mock.request_history)

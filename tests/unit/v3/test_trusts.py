"""Wire tests for OS-TRUST trusts (``/OS-TRUST/trusts``)."""

from __future__ import annotations

import datetime

from stackclient.apiclient import base, exceptions
from stackclient.v3 import trusts
from tests.unit.v3 import utils

_COLL = ["OS-TRUST", "trusts"]


class TrustTests(utils.TestCase):
    def setUp(self) -> None:
        super().setUp()
        self.manager = trusts.TrustManager(self.client)
        self.ref = {"id": "t1", "trustee_user_id": "bob", "trustor_user_id": "ann"}

    def test_create_minimal(self) -> None:
        self.stub_url("POST", _COLL, json={"trust": self.ref}, status_code=201)
        trust = self.manager.create(trustee_user="bob", trustor_user="ann")
        self.assertIsInstance(trust, trusts.Trust)
        self.assertEqual("t1", trust.id)
        self.assertRequestIs("POST", _COLL)
        self.assertRequestBodyIs(
            json={
                "trust": {
                    "impersonation": False,
                    "trustee_user_id": "bob",
                    "trustor_user_id": "ann",
                }
            }
        )

    def test_create_with_everything(self) -> None:
        self.stub_url("POST", _COLL, json={"trust": self.ref}, status_code=201)
        user = base.Resource(None, {"id": "bob"})
        self.manager.create(
            trustee_user=user,
            trustor_user="ann",
            role_names=["member"],
            role_ids=["r1", base.Resource(None, {"id": "r2"})],
            project=base.Resource(None, {"id": "p1"}),
            impersonation=True,
            expires_at=datetime.datetime(2030, 5, 6, 7, 8, 9, 10),
            remaining_uses=3,
        )
        self.assertRequestBodyIs(
            json={
                "trust": {
                    "expires_at": "2030-05-06T07:08:09.000010Z",
                    "impersonation": True,
                    "project_id": "p1",
                    "remaining_uses": 3,
                    "roles": [{"name": "member"}, {"id": "r1"}, {"id": "r2"}],
                    "trustee_user_id": "bob",
                    "trustor_user_id": "ann",
                }
            }
        )

    def test_get(self) -> None:
        self.stub_url("GET", _COLL + ["t1"], json={"trust": self.ref})
        self.assertEqual("bob", self.manager.get("t1").trustee_user_id)
        self.assertRequestIs("GET", _COLL + ["t1"])

    def test_list(self) -> None:
        self.stub_url("GET", _COLL, json={"trusts": [self.ref]})
        self.assertEqual(["t1"], [t.id for t in self.manager.list()])
        self.assertRequestIs("GET", _COLL, "")

    def test_list_by_trustee_and_trustor(self) -> None:
        self.stub_url("GET", _COLL, json={"trusts": [self.ref]})
        self.manager.list(trustee_user=base.Resource(None, {"id": "bob"}), trustor_user="ann")
        self.assertRequestIs("GET", _COLL, "trustee_user_id=bob&trustor_user_id=ann")

    def test_find(self) -> None:
        self.stub_url("GET", _COLL, json={"trusts": [self.ref]})
        self.assertEqual("t1", self.manager.find(trustor_user_id="ann").id)
        self.assertQueryStringIs("trustor_user_id=ann")

    def test_delete(self) -> None:
        self.stub_url("DELETE", _COLL + ["t1"], status_code=204)
        self.manager.delete(base.Resource(None, {"id": "t1"}))
        self.assertRequestIs("DELETE", _COLL + ["t1"])

    def test_update_is_refused(self) -> None:
        self.assertRaises(exceptions.ClientException, self.manager.update, "t1")
        self.assertEqual([], self.request_history())

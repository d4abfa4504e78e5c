"""Wire tests for stackclient.v3.credentials."""

from __future__ import annotations

import json
import warnings

from stackclient.v3 import credentials, users
from tests.unit.v3 import utils


class CredentialTests(utils.CrudTests, utils.TestCase):
    key = "credential"
    collection_key = "credentials"
    model = credentials.Credential

    def setUp(self) -> None:
        super().setUp()
        self.manager = credentials.CredentialManager(self.client)

    def new_ref(self, **kwargs):
        kwargs.setdefault("id", utils.new_id())
        kwargs.setdefault("user_id", utils.new_id())
        kwargs.setdefault("project_id", utils.new_id())
        kwargs.setdefault("type", "ec2")
        kwargs.setdefault("blob", json.dumps({"access": "a", "secret": "s"}))
        return kwargs

    def test_find(self) -> None:
        ref = self.new_ref()
        self.stub_url("GET", ["credentials"], json={"credentials": [ref]})
        self.assertResourceMatches(ref, self.manager.find(type="ec2"))
        self.assertQueryStringIs({"type": "ec2"})

    def test_create_with_resources(self) -> None:
        ref = self.new_ref()
        user = users.User(None, {"id": ref["user_id"]})
        self.stub_url("POST", ["credentials"], json={"credential": ref}, status_code=201)
        self.manager.create(user, "totp", "BLOB")
        self.assertRequestBodyIs(
            json={"credential": {"user_id": ref["user_id"], "type": "totp", "blob": "BLOB"}}
        )

    def update_ref(self):
        # Keystone 30 accepts only blob (and ignores nothing else) on update.
        return {"id": utils.new_id(), "blob": "NEWBLOB"}

    def test_update_does_not_send_user_and_warns(self) -> None:
        ref = self.new_ref()
        self.stub_url("PATCH", ["credentials", ref["id"]], json={"credential": ref})
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            self.manager.update(ref["id"], ref["user_id"], blob="B")
        self.assertRequestBodyIs(json={"credential": {"blob": "B"}})
        self.assertEqual([DeprecationWarning], [w.category for w in caught])
        self.assertEqual(__file__, caught[0].filename)

    def test_list_by_user(self) -> None:
        self.stub_url("GET", ["credentials"], json={"credentials": []})
        self.manager.list(user_id="u1", type="ec2")
        self.assertQueryStringIs({"user_id": "u1", "type": "ec2"})

    def test_repr_hides_the_blob(self) -> None:
        cred = credentials.Credential(None, self.new_ref())
        self.assertNotIn("secret", repr(cred))
        self.assertIn("ec2", repr(cred))

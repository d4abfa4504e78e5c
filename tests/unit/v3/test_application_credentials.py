"""Wire tests for application credentials (``/users/{id}/application_credentials``)."""

from __future__ import annotations

import datetime

from stackclient.apiclient import base, exceptions
from stackclient.v3 import application_credentials
from tests.unit.v3 import utils

_COLL = "application_credentials"


class ApplicationCredentialTests(utils.TestCase):
    def setUp(self) -> None:
        super().setUp()
        self.client.user_id = "me"  # what an authenticated v3 Client knows
        self.manager = application_credentials.ApplicationCredentialManager(self.client)
        self.ref = {"id": utils.new_id(), "name": "bot", "user_id": "me"}

    def _parts(self, user: str = "me", *rest: str) -> list[str]:
        return ["users", user, _COLL, *rest]

    def test_create_minimal_for_current_user(self) -> None:
        created = dict(self.ref, secret="s3cret")
        self.stub_url(
            "POST", self._parts(), json={"application_credential": created}, status_code=201
        )
        cred = self.manager.create("bot")
        self.assertIsInstance(cred, application_credentials.ApplicationCredential)
        self.assertEqual("s3cret", cred.secret)
        self.assertRequestIs("POST", self._parts())
        self.assertRequestBodyIs(
            json={"application_credential": {"name": "bot", "unrestricted": False}}
        )

    def test_create_with_everything(self) -> None:
        self.stub_url("POST", self._parts("u2"), json={"application_credential": self.ref})
        role = base.Resource(None, {"id": "r3"})
        rules = [{"service": "identity", "method": "GET", "path": "/v3/projects"}]
        expires = datetime.datetime(
            2030, 1, 2, 3, 4, 5, tzinfo=datetime.timezone(datetime.timedelta(hours=2))
        )
        self.manager.create(
            "bot",
            user=base.Resource(None, {"id": "u2"}),
            secret="mine",
            description="d",
            expires_at=expires,
            roles=["r1", {"name": "member", "domain_id": None}, role],
            unrestricted=True,
            access_rules=rules,
        )
        self.assertRequestIs("POST", self._parts("u2"))
        self.assertRequestBodyIs(
            json={
                "application_credential": {
                    "name": "bot",
                    "secret": "mine",
                    "description": "d",
                    "expires_at": "2030-01-02T01:04:05.000000Z",
                    "roles": [{"id": "r1"}, {"name": "member", "domain_id": None}, {"id": "r3"}],
                    "unrestricted": True,
                    "access_rules": rules,
                }
            }
        )

    def test_create_expires_at_string_passes_through(self) -> None:
        self.stub_url("POST", self._parts(), json={"application_credential": self.ref})
        self.manager.create("bot", expires_at="2030-01-01T00:00:00")
        sent = self.last_request.json()["application_credential"]
        self.assertEqual("2030-01-01T00:00:00", sent["expires_at"])

    def test_create_single_role_id(self) -> None:
        self.stub_url("POST", self._parts(), json={"application_credential": self.ref})
        self.manager.create("bot", roles="r1")
        self.assertEqual(
            [{"id": "r1"}], self.last_request.json()["application_credential"]["roles"]
        )

    def test_bad_roles_and_expiry_are_refused(self) -> None:
        self.assertRaises(exceptions.ValidationError, self.manager.create, "bot", roles=[42])
        self.assertRaises(exceptions.ValidationError, self.manager.create, "bot", expires_at=5)
        self.assertEqual([], self.request_history())

    def test_without_known_user_says_to_pass_user(self) -> None:
        self.client.user_id = None
        err = self.assertRaises(exceptions.ValidationError, self.manager.list)
        self.assertIn("user=", str(err))
        self.assertEqual([], self.request_history())

    def test_get(self) -> None:
        self.stub_url(
            "GET", self._parts("me", self.ref["id"]), json={"application_credential": self.ref}
        )
        cred = self.manager.get(self.ref["id"])
        self.assertEqual("bot", cred.name)
        self.assertRequestIs("GET", self._parts("me", self.ref["id"]))

    def test_get_for_other_user_with_resource(self) -> None:
        self.stub_url("GET", self._parts("u2", "c1"), json={"application_credential": self.ref})
        self.manager.get(base.Resource(None, {"id": "c1"}), user="u2")
        self.assertRequestIs("GET", self._parts("u2", "c1"))

    def test_list_with_name_filter(self) -> None:
        self.stub_url("GET", self._parts(), json={_COLL: [self.ref]})
        creds = self.manager.list(name="bot")
        self.assertEqual([self.ref["id"]], [c.id for c in creds])
        self.assertRequestIs("GET", self._parts(), "name=bot")

    def test_find(self) -> None:
        self.stub_url("GET", self._parts("u2"), json={_COLL: [self.ref]})
        self.assertEqual(self.ref["id"], self.manager.find(user="u2", name="bot").id)
        self.assertRequestIs("GET", self._parts("u2"), "name=bot")

    def test_find_none_raises_not_found(self) -> None:
        self.stub_url("GET", self._parts(), json={_COLL: []})
        self.assertRaises(exceptions.NotFound, self.manager.find, name="x")

    def test_delete(self) -> None:
        self.stub_url("DELETE", self._parts("me", "c1"), status_code=204)
        self.manager.delete("c1")
        self.assertRequestIs("DELETE", self._parts("me", "c1"))

    def test_ids_are_escaped_in_the_path(self) -> None:
        self.stub_url("DELETE", self._parts("a%2Fb", "c%3Fd"), status_code=204)
        self.manager.delete("c?d", user="a/b")
        self.assertTrue(
            self.last_request.url.endswith("/users/a%2Fb/application_credentials/c%3Fd")
        )

    def test_update_is_refused(self) -> None:
        self.assertRaises(exceptions.ClientException, self.manager.update, "c1", name="x")
        self.assertEqual([], self.request_history())

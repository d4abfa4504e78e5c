"""Wire tests for the v2.0 UserManager."""

from __future__ import annotations

from stackclient.apiclient import exceptions
from stackclient.v2_0 import roles, users
from tests.unit.v2_0 import utils


def _user(**kwargs: object) -> dict[str, object]:
    ref = {"id": utils.new_id(), "name": "alice", "email": "a@example.com", "enabled": True}
    ref.update(kwargs)
    return ref


class UserTests(utils.TestCase):
    def setUp(self) -> None:
        super().setUp()
        self.manager = users.UserManager(self.client)
        self.ref = _user()
        self.uid = self.ref["id"]

    def test_get(self) -> None:
        self.stub_url("GET", ["users", self.uid], json={"user": self.ref})
        user = self.manager.get(self.uid)
        self.assertIsInstance(user, users.User)
        self.assertEqual("alice", user.name)
        self.assertRequestIs("GET", ["users", self.uid])

    def test_get_unknown_raises_not_found(self) -> None:
        self.stub_not_found("GET", ["users", "nope"])
        self.assertRaises(exceptions.NotFound, self.manager.get, "nope")

    def test_list(self) -> None:
        self.stub_url("GET", ["users"], json={"users": [self.ref, _user(name="bob")]})
        self.assertEqual(["alice", "bob"], [u.name for u in self.manager.list()])
        self.assertRequestIs("GET", ["users"])

    def test_list_with_paging(self) -> None:
        self.stub_url("GET", ["users"], json={"users": [self.ref]})
        self.manager.list(limit=2, marker="m1")
        self.assertRequestIs("GET", ["users"], {"limit": 2, "marker": "m1"})

    def test_list_bad_limit_sends_nothing(self) -> None:
        self.assertRaises(exceptions.ValidationError, self.manager.list, limit="many")
        self.assertRaises(exceptions.ValidationError, self.manager.list, limit=-1)
        self.assertEqual([], self.requests_mock.request_history)

    def test_list_by_tenant(self) -> None:
        self.stub_url("GET", ["tenants", "t1", "users"], json={"users": [self.ref]})
        self.assertEqual([self.uid], [u.id for u in self.manager.list(tenant_id="t1", limit=5)])
        self.assertRequestIs("GET", ["tenants", "t1", "users"], "limit=5")

    def test_create(self) -> None:
        self.stub_url("POST", ["users"], json={"user": self.ref})
        user = self.manager.create("alice", "pw", "a@example.com", tenant_id="t1")
        self.assertEqual(self.uid, user.id)
        self.assertRequestIs("POST", ["users"])
        self.assertRequestBodyIs(
            json={
                "user": {
                    "name": "alice",
                    "password": "pw",
                    "tenantId": "t1",
                    "email": "a@example.com",
                    "enabled": True,
                }
            }
        )

    def test_create_minimal_sends_nulls(self) -> None:
        self.stub_url("POST", ["users"], json={"user": self.ref})
        self.manager.create("alice", enabled=False)
        self.assertRequestBodyIs(
            json={
                "user": {
                    "name": "alice",
                    "password": None,
                    "tenantId": None,
                    "email": None,
                    "enabled": False,
                }
            }
        )

    def test_update(self) -> None:
        self.stub_url("PUT", ["users", self.uid], json={"user": _user(id=self.uid, name="al")})
        user = self.manager.update(users.User(self.manager, self.ref), name="al", email="x@y")
        self.assertEqual("al", user.name)
        self.assertRequestIs("PUT", ["users", self.uid])
        self.assertRequestBodyIs(json={"user": {"name": "al", "email": "x@y"}})

    def test_update_enabled(self) -> None:
        parts = ["users", self.uid, "OS-KSADM", "enabled"]
        self.stub_url("PUT", parts, json={"user": _user(id=self.uid, enabled=False)})
        user = self.manager.update_enabled(self.uid, False)
        self.assertFalse(user.enabled)
        self.assertRequestIs("PUT", parts)
        self.assertRequestBodyIs(json={"user": {"enabled": False}})

    def test_update_password(self) -> None:
        parts = ["users", self.uid, "OS-KSADM", "password"]
        self.stub_url("PUT", parts, json={"user": self.ref})
        self.manager.update_password(self.uid, "n3w")
        self.assertRequestIs("PUT", parts)
        self.assertRequestBodyIs(json={"user": {"password": "n3w"}})

    def test_update_tenant(self) -> None:
        parts = ["users", self.uid, "OS-KSADM", "tenant"]
        self.stub_url("PUT", parts, json={"user": _user(id=self.uid, tenantId="t2")})
        self.assertEqual("t2", self.manager.update_tenant(self.uid, "t2").tenantId)
        self.assertRequestIs("PUT", parts)
        self.assertRequestBodyIs(json={"user": {"tenantId": "t2"}})

    def test_update_tenant_without_tenant_sends_nothing(self) -> None:
        self.assertRaises(exceptions.ValidationError, self.manager.update_tenant, self.uid, None)
        self.assertEqual([], self.requests_mock.request_history)

    def test_update_own_password_needs_a_user(self) -> None:
        # A bare Adapter without auth does not know who "own" is.
        self.assertRaises(
            exceptions.ClientException, self.manager.update_own_password, "old", "new"
        )
        self.assertEqual([], self.requests_mock.request_history)

    def test_delete(self) -> None:
        self.stub_url("DELETE", ["users", self.uid], status_code=204)
        self.manager.delete(self.uid)
        self.assertRequestIs("DELETE", ["users", self.uid])
        users.User(self.manager, self.ref).delete()
        self.assertRequestIs("DELETE", ["users", self.uid])

    def test_list_roles(self) -> None:
        role = {"id": "r1", "name": "member"}
        self.stub_url("GET", ["tenants", "t1", "users", self.uid, "roles"], json={"roles": [role]})
        self.stub_url("GET", ["users", self.uid, "roles"], json={"roles": [role]})
        listed = self.manager.list_roles(self.uid, "t1")
        self.assertIsInstance(listed[0], roles.Role)
        self.assertRequestIs("GET", ["tenants", "t1", "users", self.uid, "roles"])
        users.User(self.manager, self.ref).list_roles()
        self.assertRequestIs("GET", ["users", self.uid, "roles"])

    def test_find(self) -> None:
        self.stub_url("GET", ["users"], json={"users": [self.ref, _user(name="bob")]})
        self.assertEqual("bob", self.manager.find(name="bob").name)


class OwnPasswordTests(utils.ClientTestCase):
    """update_own_password goes to the PUBLIC endpoint as the token's user."""

    def test_update_own_password(self) -> None:
        parts = ["OS-KSCRUD", "users", self.token.user_id]
        new_token = utils.v2_token()
        self.stub_url("PATCH", parts, base_url=utils.PUBLIC_URL, json=new_token)
        result = self.client.users.update_own_password("old-pw", "new-pw")
        self.assertEqual(new_token.token_id, result.token["id"])
        self.assertRequestIs("PATCH", parts, base_url=utils.PUBLIC_URL)
        self.assertRequestBodyIs(
            json={"user": {"password": "new-pw", "original_password": "old-pw"}}
        )


class UserIterateTests(utils.TestCase):
    def test_iterate_by_tenant(self) -> None:
        manager = users.UserManager(self.client)
        self.stub_url("GET", ["tenants", "t1", "users"], json={"users": [_user(), _user()]})
        self.assertEqual(2, len(list(manager.iterate(tenant_id="t1", limit=5))))
        self.assertRequestIs("GET", ["tenants", "t1", "users"], "limit=5")

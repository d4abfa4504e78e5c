"""Wire tests for the v2.0 RoleManager."""

from __future__ import annotations

from stackclient.apiclient import exceptions
from stackclient.v2_0 import roles
from tests.unit.v2_0 import utils


class RoleTests(utils.TestCase):
    def setUp(self) -> None:
        super().setUp()
        self.manager = roles.RoleManager(self.client)
        self.ref = {"id": utils.new_id(), "name": "member"}

    def test_list(self) -> None:
        other = {"id": utils.new_id(), "name": "admin"}
        self.stub_url("GET", ["OS-KSADM", "roles"], json={"roles": [self.ref, other]})
        listed = self.manager.list()
        self.assertEqual([self.ref["id"], other["id"]], [r.id for r in listed])
        self.assertIsInstance(listed[0], roles.Role)
        self.assertRequestIs("GET", ["OS-KSADM", "roles"])

    def test_get(self) -> None:
        self.stub_url("GET", ["OS-KSADM", "roles", self.ref["id"]], json={"role": self.ref})
        role = self.manager.get(self.ref["id"])
        self.assertEqual("member", role.name)
        self.assertTrue(role.is_loaded())
        self.assertRequestIs("GET", ["OS-KSADM", "roles", self.ref["id"]])

    def test_get_unknown_raises_not_found(self) -> None:
        self.stub_not_found("GET", ["OS-KSADM", "roles", "nope"])
        self.assertRaises(exceptions.NotFound, self.manager.get, "nope")

    def test_get_without_id_sends_nothing(self) -> None:
        self.assertRaises(exceptions.ValidationError, self.manager.get, None)
        self.assertRaises(exceptions.ValidationError, self.manager.get, "")
        self.assertEqual([], self.requests_mock.request_history)

    def test_id_is_escaped_in_the_path(self) -> None:
        self.stub_url("GET", ["OS-KSADM", "roles", "a%2Fb"], json={"role": self.ref})
        self.manager.get("a/b")
        self.assertTrue(self.last_request.url.endswith("/OS-KSADM/roles/a%2Fb"))

    def test_create(self) -> None:
        self.stub_url("POST", ["OS-KSADM", "roles"], json={"role": self.ref})
        role = self.manager.create("member")
        self.assertEqual(self.ref["id"], role.id)
        self.assertRequestIs("POST", ["OS-KSADM", "roles"])
        self.assertRequestBodyIs(json={"role": {"name": "member"}})

    def test_delete_by_id_and_by_resource(self) -> None:
        self.stub_url("DELETE", ["OS-KSADM", "roles", self.ref["id"]], status_code=204)
        self.manager.delete(self.ref["id"])
        self.assertRequestIs("DELETE", ["OS-KSADM", "roles", self.ref["id"]])
        self.assertRequestBodyIs()
        roles.Role(self.manager, self.ref).delete()
        self.assertEqual(2, len(self.requests_mock.request_history))

    def test_find(self) -> None:
        other = {"id": utils.new_id(), "name": "admin"}
        self.stub_url("GET", ["OS-KSADM", "roles"], json={"roles": [self.ref, other]})
        self.assertEqual(other["id"], self.manager.find(name="admin").id)
        self.assertRaises(exceptions.NotFound, self.manager.find, name="nobody")

    def test_roles_for_user_on_tenant(self) -> None:
        parts = ["tenants", "t1", "users", "u1", "roles"]
        self.stub_url("GET", parts, json={"roles": [self.ref]})
        listed = self.manager.roles_for_user("u1", "t1")
        self.assertEqual([self.ref["id"]], [r.id for r in listed])
        self.assertRequestIs("GET", parts)

    def test_roles_for_user_global(self) -> None:
        self.stub_url("GET", ["users", "u1", "roles"], json={"roles": [self.ref]})
        self.assertEqual(1, len(self.manager.roles_for_user("u1")))
        self.assertRequestIs("GET", ["users", "u1", "roles"])

    def test_add_user_role_on_tenant(self) -> None:
        parts = ["tenants", "t1", "users", "u1", "roles", "OS-KSADM", self.ref["id"]]
        self.stub_url("PUT", parts, json={"role": self.ref})
        role = self.manager.add_user_role("u1", roles.Role(self.manager, self.ref), "t1")
        self.assertEqual(self.ref["id"], role.id)
        self.assertRequestIs("PUT", parts)
        self.assertRequestBodyIs()

    def test_add_user_role_global(self) -> None:
        parts = ["users", "u1", "roles", "OS-KSADM", "r1"]
        self.stub_url("PUT", parts, json={"roles": {"id": "r1", "name": "x"}})
        self.assertEqual("r1", self.manager.add_user_role("u1", "r1").id)
        self.assertRequestIs("PUT", parts)

    def test_add_user_role_empty_answer(self) -> None:
        parts = ["users", "u1", "roles", "OS-KSADM", "r1"]
        self.stub_url("PUT", parts, status_code=204)
        self.assertIsNone(self.manager.add_user_role("u1", "r1"))

    def test_remove_user_role_on_tenant(self) -> None:
        parts = ["tenants", "t1", "users", "u1", "roles", "OS-KSADM", "r1"]
        self.stub_url("DELETE", parts, status_code=204)
        self.manager.remove_user_role("u1", "r1", "t1")
        self.assertRequestIs("DELETE", parts)

    def test_remove_user_role_global(self) -> None:
        parts = ["users", "u1", "roles", "OS-KSADM", "r1"]
        self.stub_url("DELETE", parts, status_code=204)
        self.manager.remove_user_role("u1", "r1")
        self.assertRequestIs("DELETE", parts)

    def test_grant_without_user_sends_nothing(self) -> None:
        self.assertRaises(exceptions.ValidationError, self.manager.add_user_role, None, "r1")
        self.assertEqual([], self.requests_mock.request_history)

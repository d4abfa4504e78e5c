"""Wire tests for the v2.0 TenantManager and Tenant."""

from __future__ import annotations

from stackclient.apiclient import exceptions
from stackclient.fixture.v2 import V2Token
from stackclient.v2_0 import roles, tenants, users
from tests.unit.v2_0 import utils


def _tenant(**kwargs: object) -> dict[str, object]:
    ref = {"id": utils.new_id(), "name": "demo", "description": "Demo", "enabled": True}
    ref.update(kwargs)
    return ref


class TenantTests(utils.TestCase):
    def setUp(self) -> None:
        super().setUp()
        self.manager = tenants.TenantManager(self.client)
        self.ref = _tenant()
        self.tid = self.ref["id"]

    def test_builds_its_own_helpers(self) -> None:
        self.assertIsInstance(self.manager.role_manager, roles.RoleManager)
        self.assertIsInstance(self.manager.user_manager, users.UserManager)
        self.assertIs(self.manager.role_manager, self.manager.user_manager.role_manager)

    def test_get(self) -> None:
        self.stub_url("GET", ["tenants", self.tid], json={"tenant": self.ref})
        tenant = self.manager.get(self.tid)
        self.assertIsInstance(tenant, tenants.Tenant)
        self.assertEqual("demo", tenant.name)
        self.assertRequestIs("GET", ["tenants", self.tid])

    def test_get_unknown_raises_not_found(self) -> None:
        self.stub_not_found("GET", ["tenants", "nope"])
        self.assertRaises(exceptions.NotFound, self.manager.get, "nope")

    def test_list(self) -> None:
        self.stub_url("GET", ["tenants"], json={"tenants": [self.ref, _tenant(name="b")]})
        self.assertEqual(["demo", "b"], [t.name for t in self.manager.list()])
        self.assertRequestIs("GET", ["tenants"])

    def test_list_with_limit_and_marker(self) -> None:
        self.stub_url("GET", ["tenants"], json={"tenants": [self.ref], "tenants_links": []})
        self.manager.list(limit=1, marker="t0")
        self.assertRequestIs("GET", ["tenants"], "limit=1&marker=t0")

    def test_list_with_limit_zero_sends_no_limit(self) -> None:
        self.stub_url("GET", ["tenants"], json={"tenants": []})
        self.assertEqual([], self.manager.list(limit=0))
        self.assertRequestIs("GET", ["tenants"])

    def test_list_answer_without_tenants_raises_invalid_response(self) -> None:
        self.stub_url("GET", ["tenants"], json={"projects": []})
        self.assertRaises(exceptions.InvalidResponse, self.manager.list)

    def test_create(self) -> None:
        self.stub_url("POST", ["tenants"], json={"tenant": self.ref})
        tenant = self.manager.create("demo", "Demo", extra="x", name="ignored")
        self.assertEqual(self.tid, tenant.id)
        self.assertRequestIs("POST", ["tenants"])
        self.assertRequestBodyIs(
            json={"tenant": {"name": "demo", "description": "Demo", "enabled": True, "extra": "x"}}
        )

    def test_update_posts_only_given_values(self) -> None:
        self.stub_url("POST", ["tenants", self.tid], json={"tenant": _tenant(id=self.tid)})
        self.manager.update(self.tid, enabled=False, extra="x")
        self.assertRequestIs("POST", ["tenants", self.tid])
        self.assertRequestBodyIs(json={"tenant": {"id": self.tid, "enabled": False, "extra": "x"}})

    def test_update_all_values(self) -> None:
        self.stub_url("POST", ["tenants", self.tid], json={"tenant": _tenant(id=self.tid)})
        self.manager.update(self.tid, tenant_name="n", description="d", enabled=True)
        self.assertRequestBodyIs(
            json={"tenant": {"id": self.tid, "name": "n", "description": "d", "enabled": True}}
        )

    def test_delete(self) -> None:
        self.stub_url("DELETE", ["tenants", self.tid], status_code=204)
        self.manager.delete(tenants.Tenant(self.manager, self.ref))
        self.assertRequestIs("DELETE", ["tenants", self.tid])

    def test_list_users(self) -> None:
        user = {"id": "u1", "name": "alice"}
        self.stub_url("GET", ["tenants", self.tid, "users"], json={"users": [user]})
        listed = self.manager.list_users(self.tid)
        self.assertIsInstance(listed[0], users.User)
        self.assertRequestIs("GET", ["tenants", self.tid, "users"])

    def test_add_user(self) -> None:
        parts = ["tenants", self.tid, "users", "u1", "roles", "OS-KSADM", "r1"]
        self.stub_url("PUT", parts, json={"role": {"id": "r1", "name": "member"}})
        self.assertEqual("r1", self.manager.add_user(self.tid, "u1", "r1").id)
        self.assertRequestIs("PUT", parts)

    def test_add_user_without_tenant_is_not_a_global_grant(self) -> None:
        self.assertRaises(exceptions.ValidationError, self.manager.add_user, None, "u1", "r1")
        self.assertEqual([], self.requests_mock.request_history)

    def test_remove_user(self) -> None:
        parts = ["tenants", self.tid, "users", "u1", "roles", "OS-KSADM", "r1"]
        self.stub_url("DELETE", parts, status_code=204)
        self.manager.remove_user(self.tid, "u1", "r1")
        self.assertRequestIs("DELETE", parts)

    def test_find(self) -> None:
        self.stub_url("GET", ["tenants"], json={"tenants": [self.ref, _tenant(name="b")]})
        self.assertEqual(self.tid, self.manager.find(name="demo").id)


class TenantResourceTests(utils.TestCase):
    def setUp(self) -> None:
        super().setUp()
        self.manager = tenants.TenantManager(self.client)
        self.ref = _tenant()
        self.tid = self.ref["id"]
        self.tenant = tenants.Tenant(self.manager, dict(self.ref))

    def test_update_keeps_current_values_and_refreshes_itself(self) -> None:
        answer = dict(self.ref, description="New")
        self.stub_url("POST", ["tenants", self.tid], json={"tenant": answer})
        updated = self.tenant.update(description="New")
        self.assertEqual("New", updated.description)
        self.assertEqual("New", self.tenant.description)
        self.assertRequestBodyIs(
            json={
                "tenant": {"id": self.tid, "name": "demo", "description": "New", "enabled": True}
            }
        )

    def test_update_raises_errors(self) -> None:
        self.stub_not_found("POST", ["tenants", self.tid])
        self.assertRaises(exceptions.NotFound, self.tenant.update, name="x")
        self.assertEqual("demo", self.tenant.name)

    def test_delete(self) -> None:
        self.stub_url("DELETE", ["tenants", self.tid], status_code=204)
        self.tenant.delete()
        self.assertRequestIs("DELETE", ["tenants", self.tid])

    def test_list_users(self) -> None:
        self.stub_url("GET", ["tenants", self.tid, "users"], json={"users": []})
        self.assertEqual([], self.tenant.list_users())
        self.assertRequestIs("GET", ["tenants", self.tid, "users"])

    def test_add_and_remove_user(self) -> None:
        parts = ["tenants", self.tid, "users", "u1", "roles", "OS-KSADM", "r1"]
        self.stub_url("PUT", parts, status_code=200, json={"role": {"id": "r1"}})
        self.stub_url("DELETE", parts, status_code=204)
        user = users.User(None, {"id": "u1"})
        role = roles.Role(None, {"id": "r1"})
        self.tenant.add_user(user, role)
        self.assertRequestIs("PUT", parts)
        self.tenant.remove_user(user, role)
        self.assertRequestIs("DELETE", parts)

    def test_without_manager(self) -> None:
        orphan = tenants.Tenant(None, self.ref)
        self.assertRaises(exceptions.ClientException, orphan.update, name="x")
        self.assertRaises(exceptions.ClientException, orphan.list_users)


class TenantListFallbackTests(utils.ClientTestCase):
    """Without an admin identity endpoint the list is asked of the auth URL."""

    def test_scoped_lists_from_admin(self) -> None:
        self.stub_url("GET", ["tenants"], json={"tenants": [_tenant()]})
        self.assertEqual(1, len(self.client.tenants.list()))
        self.assertRequestIs("GET", ["tenants"], base_url=utils.ADMIN_URL)

    def test_unscoped_token_lists_from_auth_url(self) -> None:
        self.stub_auth(json=V2Token(user_name="alice"))  # no catalog at all
        self.stub_url("GET", ["tenants"], base_url=utils.PUBLIC_URL, json={"tenants": [_tenant()]})
        self.assertEqual(1, len(self.client.tenants.list(limit=3)))
        self.assertRequestIs("GET", ["tenants"], "limit=3", base_url=utils.PUBLIC_URL)

    def test_catalog_without_identity_falls_back_to_auth_url(self) -> None:
        token = V2Token(tenant_name="demo")
        token.add_service("compute").add_endpoint("http://nova.test/v2.1")
        self.stub_auth(json=token)
        self.stub_url("GET", ["tenants"], base_url=utils.PUBLIC_URL, json={"tenants": []})
        self.assertEqual([], self.client.tenants.list())
        self.assertRequestIs("GET", ["tenants"], base_url=utils.PUBLIC_URL)


class TenantIterateTests(utils.TestCase):
    def test_follows_next_links(self) -> None:
        manager = tenants.TenantManager(self.client)
        first, second = _tenant(name="a"), _tenant(name="b")
        next_url = self.url_for(["tenants"]) + "?limit=1&marker=" + first["id"]
        self.requests_mock.get(
            self.url_for(["tenants"]) + "?limit=1",
            complete_qs=True,
            json={"tenants": [first], "tenants_links": [{"rel": "next", "href": next_url}]},
        )
        self.requests_mock.get(
            next_url, complete_qs=True, json={"tenants": [second], "tenants_links": []}
        )
        walk = manager.iterate(limit=1)
        self.assertEqual([], self.requests_mock.request_history)  # lazy
        self.assertEqual(["a", "b"], [t.name for t in walk])
        self.assertEqual(2, len(self.requests_mock.request_history))

    def test_tenant_without_id_cannot_update(self) -> None:
        manager = tenants.TenantManager(self.client)
        orphan = tenants.Tenant(manager, {"name": "x"})
        self.assertRaises(exceptions.ValidationError, orphan.update, name="y")
        self.assertEqual([], self.requests_mock.request_history)

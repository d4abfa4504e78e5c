"""Wire tests for stackclient.v3.roles: roles, grants and inference rules."""

from __future__ import annotations

import warnings

from stackclient.apiclient import exceptions
from stackclient.v3 import roles
from tests.unit.v3 import utils


class RoleTests(utils.CrudTests, utils.TestCase):
    key = "role"
    collection_key = "roles"
    model = roles.Role

    def setUp(self) -> None:
        super().setUp()
        self.manager = roles.RoleManager(self.client)

    def test_create_domain_specific(self) -> None:
        ref = self.new_ref(domain_id="d1")
        self.stub_url("POST", ["roles"], json={"role": ref}, status_code=201)
        self.manager.create(ref["name"], domain=roles.Role(None, {"id": "d1"}))
        self.assertRequestBodyIs(json={"role": {"name": ref["name"], "domain_id": "d1"}})

    def test_list_domain_roles(self) -> None:
        self.stub_url("GET", ["roles"], json={"roles": []})
        self.manager.list(domain="d1")
        self.assertRequestIs("GET", ["roles"], "domain_id=d1")

    def _grant_cases(self):
        # (kwargs, path before /roles[/{role}])
        return [
            ({"user": "u1", "project": "p1"}, ["projects", "p1", "users", "u1"]),
            ({"group": "g1", "project": "p1"}, ["projects", "p1", "groups", "g1"]),
            ({"user": "u1", "domain": "d1"}, ["domains", "d1", "users", "u1"]),
            ({"group": "g1", "domain": "d1"}, ["domains", "d1", "groups", "g1"]),
            ({"user": "u1", "system": "all"}, ["system", "users", "u1"]),
            ({"group": "g1", "system": "all"}, ["system", "groups", "g1"]),
        ]

    def test_grant_check_revoke_paths(self) -> None:
        for kwargs, prefix in self._grant_cases():
            path = prefix + ["roles", "r1"]
            self.stub_url("PUT", path, status_code=204)
            self.assertIsNone(self.manager.grant("r1", **kwargs))
            self.assertRequestIs("PUT", path)
            self.assertRequestBodyIs()
            self.stub_url("HEAD", path, status_code=204)
            self.assertIs(True, self.manager.check(roles.Role(None, {"id": "r1"}), **kwargs))
            self.assertRequestIs("HEAD", path)
            self.stub_url("DELETE", path, status_code=204)
            self.manager.revoke("r1", **kwargs)
            self.assertRequestIs("DELETE", path)

    def test_list_grants_paths(self) -> None:
        for kwargs, prefix in self._grant_cases():
            path = prefix + ["roles"]
            self.stub_url("GET", path, json={"roles": [self.new_ref()]})
            listed = self.manager.list(**kwargs)
            self.assertRequestIs("GET", path)
            self.assertIsInstance(listed[0], roles.Role)

    def test_inherited_grants(self) -> None:
        for target in (["domains", "d1"], ["projects", "p1"]):
            kwargs = {"user": "u1", target[0][:-1]: target[1]}
            path = (
                ["OS-INHERIT"] + target + ["users", "u1", "roles", "r1", "inherited_to_projects"]
            )
            self.stub_url("PUT", path, status_code=204)
            self.manager.grant("r1", os_inherit_extension_inherited=True, **kwargs)
            self.assertRequestIs("PUT", path)
            self.stub_url("HEAD", path, status_code=204)
            self.assertTrue(
                self.manager.check("r1", os_inherit_extension_inherited=True, **kwargs)
            )
            self.stub_url("DELETE", path, status_code=204)
            self.manager.revoke("r1", os_inherit_extension_inherited=True, **kwargs)
            self.assertRequestIs("DELETE", path)

    def test_list_inherited(self) -> None:
        path = ["OS-INHERIT", "domains", "d1", "groups", "g1", "roles", "inherited_to_projects"]
        self.stub_url("GET", path, json={"roles": []})
        self.manager.list(group="g1", domain="d1", os_inherit_extension_inherited=True)
        self.assertRequestIs("GET", path)

    def test_list_inherited_on_project_is_refused(self) -> None:
        # Keystone has no such route (404); role_assignments can answer it.
        err = self.assertRaises(
            exceptions.ValidationError,
            self.manager.list,
            user="u1",
            project="p1",
            os_inherit_extension_inherited=True,
        )
        self.assertIn("role_assignments", str(err))
        self.assertEqual([], self.request_history())

    def test_check_missing_grant_raises_not_found(self) -> None:
        self.stub_url("HEAD", ["projects", "p1", "users", "u1", "roles", "r1"], status_code=404)
        self.assertRaises(exceptions.NotFound, self.manager.check, "r1", user="u1", project="p1")

    def test_bad_grant_arguments_send_nothing(self) -> None:
        bad = [
            {"project": "p1"},  # no actor
            {"user": "u1", "group": "g1", "project": "p1"},
            {"user": "u1"},  # no target
            {"user": "u1", "project": "p1", "domain": "d1"},
            {"user": "u1", "system": "all", "domain": "d1"},
            {"user": "u1", "system": "all", "project": "p1"},
            {"user": "u1", "system": "some"},
            {"user": "u1", "system": "all", "os_inherit_extension_inherited": True},
            {"user": "u1", "project": "p1", "projet": "typo"},
        ]
        for kwargs in bad:
            for method in (self.manager.grant, self.manager.check, self.manager.revoke):
                self.assertRaises(exceptions.ValidationError, method, "r1", **kwargs)
        self.assertRaises(
            exceptions.ValidationError, self.manager.grant, None, user="u1", project="p1"
        )
        self.assertEqual([], self.request_history())

    def test_list_target_without_actor_is_refused(self) -> None:
        for kwargs in (
            {"project": "p1"},
            {"system": "all"},
            {"os_inherit_extension_inherited": True},
        ):
            self.assertRaises(exceptions.ValidationError, self.manager.list, **kwargs)
        self.assertEqual([], self.request_history())

    def test_iterate_stops_on_repeated_page(self) -> None:
        # Keystone ignores marker for roles: "next" gives the same page again.
        page = [self.new_ref(), self.new_ref()]
        self.requests_mock.get(
            self.TEST_URL + "/roles",
            json={
                "roles": page,
                "truncated": True,
                "links": {"next": self.TEST_URL + "/roles?limit=2&marker=" + page[-1]["id"]},
            },
        )
        got = [r.id for r in self.manager.iterate(limit=2)]
        self.assertEqual([r["id"] for r in page], got)
        self.assertLessEqual(len(self.request_history()), 2)

    def test_deprecated_implied_helpers_warn_and_delegate(self) -> None:
        path = ["roles", "r1", "implies", "r2"]
        rule = {"prior_role": {"id": "r1"}, "implies": {"id": "r2"}}
        self.stub_url("PUT", path, json={"role_inference": rule}, status_code=201)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            created = self.manager.create_implied("r1", "r2")
        self.assertIsInstance(created, roles.InferenceRule)
        self.assertEqual([DeprecationWarning], [w.category for w in caught])
        self.assertEqual(__file__, caught[0].filename)


class InferenceRuleTests(utils.TestCase):
    def setUp(self) -> None:
        super().setUp()
        self.manager = roles.InferenceRuleManager(self.client)
        self.rule = {
            "prior_role": {"id": "r1", "name": "admin"},
            "implies": {"id": "r2", "name": "member"},
        }

    def test_create(self) -> None:
        path = ["roles", "r1", "implies", "r2"]
        self.stub_url("PUT", path, json={"role_inference": self.rule}, status_code=201)
        created = self.manager.create(roles.Role(None, {"id": "r1"}), "r2")
        self.assertRequestIs("PUT", path)
        self.assertRequestBodyIs()
        self.assertEqual("r2", created.implies["id"])
        self.assertIn("admin", repr(created))

    def test_get_check_delete(self) -> None:
        path = ["roles", "r1", "implies", "r2"]
        self.stub_url("GET", path, json={"role_inference": self.rule})
        self.assertEqual("r1", self.manager.get("r1", "r2").prior_role["id"])
        self.stub_url("HEAD", path, status_code=204)
        self.assertIs(True, self.manager.check("r1", "r2"))
        self.assertRequestIs("HEAD", path)
        self.stub_url("DELETE", path, status_code=204)
        self.manager.delete("r1", "r2")
        self.assertRequestIs("DELETE", path)

    def test_list_for_prior_role(self) -> None:
        body = {"role_inference": {"prior_role": {"id": "r1"}, "implies": [{"id": "r2"}]}}
        self.stub_url("GET", ["roles", "r1", "implies"], json=body)
        rule = self.manager.list("r1")
        self.assertIsInstance(rule, roles.InferenceRule)
        self.assertEqual([{"id": "r2"}], rule.implies)

    def test_list_without_prior_role_is_refused(self) -> None:
        for missing in (None, ""):
            self.assertRaises(exceptions.ValidationError, self.manager.list, missing)
        self.assertEqual([], self.requests_mock.request_history)

    def test_list_inference_roles(self) -> None:
        self.stub_url("GET", ["role_inferences"], json={"role_inferences": [self.rule]})
        listed = self.manager.list_inference_roles()
        self.assertRequestIs("GET", ["role_inferences"])
        self.assertEqual("r1", listed[0].prior_role["id"])

    def test_missing_role_raises_not_found(self) -> None:
        self.stub_url("GET", ["roles", "r1", "implies", "zz"], status_code=404, json={"error": {}})
        self.assertRaises(exceptions.NotFound, self.manager.get, "r1", "zz")

    def test_unsupported_operations_send_nothing(self) -> None:
        for method in (self.manager.update, self.manager.find, self.manager.put):
            self.assertRaises(exceptions.MethodNotImplemented, method, name="x")
        self.assertRaises(exceptions.ValidationError, self.manager.create, "r1", None)
        self.assertEqual([], self.request_history())

"""Wire tests for stackclient.v3.users."""

from __future__ import annotations

import warnings

from stackclient.apiclient import exceptions
from stackclient.v3 import groups, users
from tests.unit.v3 import utils


class UserTests(utils.CrudTests, utils.TestCase):
    key = "user"
    collection_key = "users"
    model = users.User

    def setUp(self) -> None:
        super().setUp()
        self.manager = users.UserManager(self.client)

    def new_ref(self, **kwargs):
        kwargs.setdefault("domain_id", utils.new_id())
        kwargs.setdefault("default_project_id", utils.new_id())
        kwargs.setdefault("enabled", True)
        kwargs.setdefault("email", "u@example.test")
        return super().new_ref(**kwargs)

    def test_create_with_password(self) -> None:
        ref = self.new_ref()
        self.stub_url("POST", ["users"], json={"user": ref}, status_code=201)
        self.manager.create(ref["name"], domain="d1", password="s3cret")
        self.assertRequestBodyIs(
            json={
                "user": {
                    "name": ref["name"],
                    "domain_id": "d1",
                    "password": "s3cret",
                    "enabled": True,
                }
            }
        )

    def test_create_with_deprecated_project_warns(self) -> None:
        self.stub_url("POST", ["users"], json={"user": self.new_ref()}, status_code=201)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            self.manager.create("u", project="p1")
        self.assertEqual("p1", self.last_request.json()["user"]["default_project_id"])
        self.assertEqual([DeprecationWarning], [w.category for w in caught])
        self.assertEqual(__file__, caught[0].filename)

    def test_default_project_wins_over_project(self) -> None:
        self.stub_url("POST", ["users"], json={"user": self.new_ref()}, status_code=201)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self.manager.create("u", project="p1", default_project="p2")
        self.assertEqual("p2", self.last_request.json()["user"]["default_project_id"])

    def test_list_filters(self) -> None:
        self.stub_url("GET", ["users"], json={"users": []})
        self.manager.list(domain="d1", default_project="p1", name="alice")
        self.assertQueryStringIs({"domain_id": "d1", "default_project_id": "p1", "name": "alice"})

    def test_list_deprecated_project_warns_at_caller(self) -> None:
        self.stub_url("GET", ["users"], json={"users": []})
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            self.manager.list(project="p1")
        self.assertQueryStringIs({"default_project_id": "p1"})
        self.assertEqual(__file__, caught[0].filename)

    def test_list_members_of_group(self) -> None:
        group = groups.Group(None, {"id": "g1"})
        self.stub_url("GET", ["groups", "g1", "users"], json={"users": [self.new_ref()]})
        listed = self.manager.list(group=group)
        self.assertRequestIs("GET", ["groups", "g1", "users"])
        self.assertIsInstance(listed[0], users.User)

    def test_update_password_as_admin(self) -> None:
        ref = self.new_ref()
        self.stub_url("PATCH", ["users", ref["id"]], json={"user": ref})
        self.manager.update(ref["id"], password="n3w")
        self.assertRequestBodyIs(json={"user": {"password": "n3w"}})

    def test_update_password_of_current_user(self) -> None:
        self.client.user_id = "me"
        self.stub_url("POST", ["users", "me", "password"], status_code=204)
        self.manager.update_password("old", "new")
        self.assertRequestIs("POST", ["users", "me", "password"])
        self.assertRequestBodyIs(json={"user": {"password": "new", "original_password": "old"}})

    def test_update_password_validates_before_sending(self) -> None:
        self.client.user_id = "me"
        for old, new in (("", "new"), ("old", ""), ("same", "same")):
            self.assertRaises(exceptions.ValidationError, self.manager.update_password, old, new)
        self.assertEqual([], self.request_history())

    def test_update_password_without_current_user_says_what_to_do(self) -> None:
        err = self.assertRaises(exceptions.ValidationError, self.manager.update_password, "a", "b")
        self.assertIn("user_id", str(err))
        self.assertEqual([], self.request_history())

    def test_update_password_wrong_old_password(self) -> None:
        self.client.user_id = "me"
        self.stub_url("POST", ["users", "me", "password"], status_code=401, json={"error": {}})
        self.assertRaises(exceptions.Unauthorized, self.manager.update_password, "bad", "new")

    def test_group_membership(self) -> None:
        self.stub_url("PUT", ["groups", "g1", "users", "u1"], status_code=204)
        self.assertIsNone(self.manager.add_to_group("u1", "g1"))
        self.assertRequestIs("PUT", ["groups", "g1", "users", "u1"])
        self.assertRequestBodyIs()
        self.stub_url("HEAD", ["groups", "g1", "users", "u1"], status_code=204)
        self.assertIs(True, self.manager.check_in_group("u1", "g1"))
        self.stub_url("DELETE", ["groups", "g1", "users", "u1"], status_code=204)
        self.manager.remove_from_group("u1", "g1")
        self.assertRequestIs("DELETE", ["groups", "g1", "users", "u1"])

    def test_check_in_group_not_member_raises_not_found(self) -> None:
        self.stub_url("HEAD", ["groups", "g1", "users", "u1"], status_code=404)
        self.assertRaises(exceptions.NotFound, self.manager.check_in_group, "u1", "g1")

    def test_membership_needs_both(self) -> None:
        for method in ("add_to_group", "check_in_group", "remove_from_group"):
            fn = getattr(self.manager, method)
            self.assertRaises(exceptions.ValidationError, fn, None, "g1")
            self.assertRaises(exceptions.ValidationError, fn, "u1", None)
        self.assertEqual([], self.request_history())

    def test_ids_are_escaped_in_paths(self) -> None:
        self.stub_url("GET", ["users", "a%2Fb"], json={"user": {"id": "a/b"}})
        self.assertEqual("a/b", self.manager.get("a/b").id)
        self.assertTrue(self.last_request.url.endswith("/users/a%2Fb"))

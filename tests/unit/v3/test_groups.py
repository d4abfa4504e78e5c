"""Wire tests for stackclient.v3.groups."""

from __future__ import annotations

from stackclient.apiclient import exceptions
from stackclient.v3 import groups
from tests.unit.v3 import utils


class GroupTests(utils.CrudTests, utils.TestCase):
    key = "group"
    collection_key = "groups"
    model = groups.Group

    def setUp(self) -> None:
        super().setUp()
        self.manager = groups.GroupManager(self.client)

    def new_ref(self, **kwargs):
        kwargs.setdefault("domain_id", utils.new_id())
        kwargs.setdefault("description", "a group")
        return super().new_ref(**kwargs)

    def update_ref(self):
        # A group cannot move to another domain: update takes no domain.
        return utils.CrudTests.new_ref(self, description="new")

    def test_list_groups_of_user(self) -> None:
        self.stub_url("GET", ["users", "u1", "groups"], json={"groups": [self.new_ref()]})
        listed = self.manager.list(user="u1", name="x")
        self.assertRequestIs("GET", ["users", "u1", "groups"], "name=x")
        self.assertIsInstance(listed[0], groups.Group)

    def test_list_by_domain(self) -> None:
        self.stub_url("GET", ["groups"], json={"groups": []})
        self.manager.list(domain=groups.Group(None, {"id": "d1"}))
        self.assertQueryStringIs("domain_id=d1")

    def test_iterate_for_user(self) -> None:
        self.stub_url("GET", ["users", "u1", "groups"], json={"groups": [self.new_ref()]})
        self.assertEqual(1, len(list(self.manager.iterate(user="u1"))))
        self.assertRequestPathIs(["users", "u1", "groups"])

    def test_resource_update(self) -> None:
        ref = self.new_ref()
        group = groups.Group(self.manager, dict(ref))
        self.stub_url("PATCH", ["groups", ref["id"]], json={"group": dict(ref, description="d")})
        self.assertIs(group, group.update(description="d"))
        self.assertRequestBodyIs(json={"group": {"description": "d"}})
        self.assertEqual("d", group.description)

    def test_resource_update_raises(self) -> None:
        group = groups.Group(self.manager, {"id": "g1"})
        self.stub_url("PATCH", ["groups", "g1"], status_code=404, json={"error": {}})
        self.assertRaises(exceptions.NotFound, group.update, name="x")

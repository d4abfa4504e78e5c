"""Wire tests for stackclient.v3.projects."""

from __future__ import annotations

from stackclient.apiclient import exceptions
from stackclient.v3 import projects
from tests.unit.v3 import utils


class ProjectTests(utils.CrudTests, utils.TestCase):
    key = "project"
    collection_key = "projects"
    model = projects.Project

    def setUp(self) -> None:
        super().setUp()
        self.manager = projects.ProjectManager(self.client)

    def new_ref(self, **kwargs):
        kwargs.setdefault("domain_id", utils.new_id())
        kwargs.setdefault("enabled", True)
        kwargs.setdefault("description", "a project")
        return super().new_ref(**kwargs)

    def test_create_with_parent(self) -> None:
        parent = projects.Project(self.manager, {"id": "p0"})
        ref = self.new_ref(parent_id="p0")
        self.stub_url("POST", ["projects"], json={"project": ref}, status_code=201)
        self.manager.create(ref["name"], ref["domain_id"], parent=parent)
        self.assertRequestBodyIs(
            json={
                "project": {
                    "name": ref["name"],
                    "domain_id": ref["domain_id"],
                    "enabled": True,
                    "parent_id": "p0",
                }
            }
        )

    def test_create_accepts_a_domain_resource(self) -> None:
        from stackclient.v3 import domains

        dom = domains.Domain(None, {"id": "d9"})
        self.stub_url("POST", ["projects"], json={"project": self.new_ref()}, status_code=201)
        self.manager.create("p", dom)
        self.assertEqual("d9", self.last_request.json()["project"]["domain_id"])

    def test_list_filters(self) -> None:
        self.stub_url("GET", ["projects"], json={"projects": [self.new_ref()]})
        listed = self.manager.list(domain="d1", parent="p1", tags="a,b")
        self.assertQueryStringIs({"domain_id": "d1", "parent_id": "p1", "tags": "a,b"})
        self.assertEqual([], listed[0].tags)

    def test_tag_filters_use_keystone_query_names(self) -> None:
        self.stub_url("GET", ["projects"], json={"projects": []})
        filters = {"tags_any": ["a", "b"], "not_tags": "c", "not_tags_any": ("d", "e")}
        self.manager.list(tags=["x", "y"], **filters)
        self.assertQueryStringIs(
            {"tags": "x,y", "tags-any": "a,b", "not-tags": "c", "not-tags-any": "d,e"}
        )
        self.assertEqual(
            {"tags_any": ["a", "b"], "not_tags": "c", "not_tags_any": ("d", "e")}, filters
        )

    def test_list_for_user(self) -> None:
        self.stub_url("GET", ["users", "u1", "projects"], json={"projects": []})
        self.assertEqual([], self.manager.list(user="u1"))
        self.assertRequestIs("GET", ["users", "u1", "projects"])

    def test_tags_default_to_empty_list_without_request(self) -> None:
        ref = self.new_ref()
        self.stub_url("GET", ["projects", ref["id"]], json={"project": ref})
        project = self.manager.get(ref["id"])
        self.assertEqual([], project.tags)
        self.assertEqual(1, len(self.request_history()))

    def test_get_with_hierarchy_flags(self) -> None:
        ref = self.new_ref(subtree={"c1": None}, parents={"p0": None})
        self.stub_url("GET", ["projects", ref["id"]], json={"project": ref})
        project = self.manager.get(ref["id"], subtree_as_ids=True, parents_as_ids=True)
        self.assertEqual({"c1": None}, project.subtree)
        self.assertTrue(self.last_request.url.endswith("?subtree_as_ids&parents_as_ids"))

    def test_get_as_list_flags(self) -> None:
        ref = self.new_ref(parents=[{"project": {"id": "p0"}}])
        self.stub_url("GET", ["projects", ref["id"]], json={"project": ref})
        self.manager.get(ref["id"], subtree_as_list=True, parents_as_list=True)
        self.assertTrue(self.last_request.url.endswith("?subtree_as_list&parents_as_list"))

    def test_get_both_forms_of_one_side_is_refused(self) -> None:
        self.assertRaises(
            exceptions.ValidationError,
            self.manager.get,
            "p1",
            parents_as_list=True,
            parents_as_ids=True,
        )
        self.assertRaises(
            exceptions.ValidationError,
            self.manager.get,
            "p1",
            subtree_as_list=True,
            subtree_as_ids=True,
        )
        self.assertEqual([], self.request_history())

    def test_add_tag_quotes_the_tag(self) -> None:
        self.stub_url("PUT", ["projects", "p1", "tags", "a%20b%3Fc"], status_code=201, text="")
        self.assertIsNone(self.manager.add_tag("p1", "a b?c"))
        self.assertRequestMethodIs("PUT")
        self.assertTrue(self.last_request.url.endswith("/projects/p1/tags/a%20b%3Fc"))

    def test_tags_keystone_forbids_are_refused_before_sending(self) -> None:
        for tag in ("", "a/b", "a,b", None):
            for method in (self.manager.add_tag, self.manager.check_tag, self.manager.delete_tag):
                self.assertRaises(exceptions.ValidationError, method, "p1", tag)
        self.assertEqual([], self.request_history())

    def test_update_tags(self) -> None:
        self.stub_url("PUT", ["projects", "p1", "tags"], json={"tags": ["a", "b"], "links": {}})
        self.assertEqual(["a", "b"], self.manager.update_tags("p1", ("a", "b")))
        self.assertRequestBodyIs(json={"tags": ["a", "b"]})

    def test_list_tags(self) -> None:
        self.stub_url("GET", ["projects", "p1", "tags"], json={"tags": ["x"]})
        self.assertEqual(["x"], self.manager.list_tags("p1"))

    def test_list_tags_bad_body(self) -> None:
        self.stub_url("GET", ["projects", "p1", "tags"], json={"tags": "x"})
        self.assertRaises(exceptions.InvalidResponse, self.manager.list_tags, "p1")
        self.stub_url("GET", ["projects", "p1", "tags"], json={"nope": []})
        self.assertRaises(exceptions.InvalidResponse, self.manager.list_tags, "p1")

    def test_check_tag(self) -> None:
        self.stub_url("HEAD", ["projects", "p1", "tags", "yes"], status_code=204)
        self.stub_url("HEAD", ["projects", "p1", "tags", "no"], status_code=404)
        self.assertIs(True, self.manager.check_tag("p1", "yes"))
        self.assertIs(False, self.manager.check_tag("p1", "no"))

    def test_check_tag_raises_other_errors(self) -> None:
        self.stub_url("HEAD", ["projects", "p1", "tags", "t"], status_code=403)
        self.assertRaises(exceptions.Forbidden, self.manager.check_tag, "p1", "t")

    def test_delete_tag_and_all_tags(self) -> None:
        self.stub_url("DELETE", ["projects", "p1", "tags", "t"], status_code=204)
        self.manager.delete_tag("p1", "t")
        self.assertRequestIs("DELETE", ["projects", "p1", "tags", "t"])
        self.stub_url("DELETE", ["projects", "p1", "tags"], status_code=204)
        self.manager.delete_tags("p1")
        self.assertRequestIs("DELETE", ["projects", "p1", "tags"])

    def test_resource_tag_helpers(self) -> None:
        project = projects.Project(self.manager, {"id": "p1", "tags": ["a"]})
        self.stub_url("PUT", ["projects", "p1", "tags", "b"], status_code=201)
        project.add_tag("b")
        self.stub_url("HEAD", ["projects", "p1", "tags", "b"], status_code=204)
        self.assertTrue(project.check_tag("b"))
        self.stub_url("GET", ["projects", "p1", "tags"], json={"tags": ["a", "b"]})
        self.assertEqual(["a", "b"], project.list_tags())
        self.stub_url("PUT", ["projects", "p1", "tags"], json={"tags": ["c"]})
        self.assertEqual(["c"], project.update_tags(["c"]))
        self.stub_url("DELETE", ["projects", "p1", "tags", "c"], status_code=204)
        project.delete_tag("c")
        self.stub_url("PUT", ["projects", "p1", "tags"], json={"tags": []})
        self.assertEqual([], project.delete_all_tags())
        self.assertRequestBodyIs(json={"tags": []})

    def test_resource_update_sends_only_given_fields_and_refreshes(self) -> None:
        ref = self.new_ref()
        project = projects.Project(self.manager, dict(ref))
        self.stub_url("PATCH", ["projects", ref["id"]], json={"project": dict(ref, name="new")})
        self.assertIs(project, project.update(name="new"))
        self.assertRequestBodyIs(json={"project": {"name": "new"}})
        self.assertEqual("new", project.name)

    def test_resource_update_raises_errors(self) -> None:
        project = projects.Project(self.manager, {"id": "p1"})
        self.stub_url("PATCH", ["projects", "p1"], status_code=409, json={"error": {}})
        self.assertRaises(exceptions.Conflict, project.update, name="dup")

    def test_resource_update_with_nothing_sends_nothing(self) -> None:
        project = projects.Project(self.manager, {"id": "p1"})
        self.assertIs(project, project.update())
        self.assertEqual([], self.request_history())

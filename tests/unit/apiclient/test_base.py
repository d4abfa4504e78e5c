"""Managers on the wire: BaseManager, ManagerWithFind, CrudManager, hooks, Extension."""

from __future__ import annotations

import types

import testtools

from stackclient.apiclient import base, exceptions
from tests.unit.apiclient import _standin
from tests.unit.apiclient._standin import ENDPOINT, Project, ProjectManager

P1 = {"id": "p1", "name": "alpha", "domain_id": "d1"}
P2 = {"id": "p2", "name": "beta", "domain_id": "d1"}


class BaseManagerListTest(_standin.WireTestCase):
    def test_list_gets_and_builds_loaded_resources(self):
        self.stub("GET", "/projects", json={"projects": [P1, {}, P2]})
        got = self.manager._list("/projects", "projects")
        self.assertSent("GET", "/projects", json=None)
        self.assertEqual(["p1", "p2"], [p.id for p in got])  # the empty item is skipped
        self.assertTrue(all(type(p) is Project and p.is_loaded() for p in got))
        self.assertIs(self.manager, got[0].manager)

    def test_list_with_body_posts_it(self):
        self.stub("POST", "/projects/search", json={"projects": [P1]})
        got = self.manager._list("/projects/search", "projects", body={"q": "a"})
        self.assertSent("POST", "/projects/search", json={"q": "a"})
        self.assertEqual(["p1"], [p.id for p in got])

    def test_list_accepts_a_bare_list_and_the_values_wrapper(self):
        self.stub("GET", "/bare", json=[P1])
        self.stub("GET", "/wrapped", json={"projects": {"values": [P2]}})
        self.assertEqual(["p1"], [p.id for p in self.manager._list("/bare")])
        self.assertEqual(["p2"], [p.id for p in self.manager._list("/wrapped", "projects")])

    def test_list_uses_obj_class_and_passes_request_options(self):
        class Other(base.Resource):
            pass

        self.stub("GET", "/projects", json={"projects": [P1]})
        got = self.manager._list("/projects", "projects", Other, headers={"X-Trace": "t1"})
        self.assertIs(Other, type(got[0]))
        self.assertEqual("t1", self.requests_mock.last_request.headers["X-Trace"])

    def test_missing_key_names_url_and_key(self):
        self.stub("GET", "/projects", json={"users": []})
        error = self.assertRaises(
            exceptions.InvalidResponse, self.manager._list, "/projects", "projects"
        )
        self.assertIn("'projects'", str(error))
        self.assertIn(ENDPOINT + "/projects", str(error))
        self.assertIn("users", str(error))  # what was there instead

    def test_not_a_list_and_not_json_raise_invalid_response(self):
        self.stub("GET", "/projects", json={"projects": {"id": "p1"}})
        self.stub("GET", "/html", text="<html>proxy</html>")
        error = self.assertRaises(
            exceptions.InvalidResponse, self.manager._list, "/projects", "projects"
        )
        self.assertIn("list", str(error))
        self.assertRaises(exceptions.InvalidResponse, self.manager._list, "/html", "projects")

    def test_http_errors_come_from_the_client(self):
        self.stub("GET", "/projects", status_code=404, json={"error": {"message": "gone"}})
        self.assertRaises(exceptions.NotFound, self.manager._list, "/projects", "projects")


class BaseManagerOneTest(_standin.WireTestCase):
    def test_get(self):
        self.stub("GET", "/projects/p1", json={"project": P1})
        got = self.manager._get("/projects/p1", "project")
        self.assertSent("GET", "/projects/p1", json=None)
        self.assertEqual(("p1", "alpha", True), (got.id, got.name, got.is_loaded()))

    def test_get_without_key_uses_the_body(self):
        self.stub("GET", "/projects/p1", json=P1)
        self.assertEqual("alpha", self.manager._get("/projects/p1").name)

    def test_get_with_wrong_shapes(self):
        self.stub("GET", "/a", json={"other": P1})
        self.stub("GET", "/b", json={"project": None})
        self.stub("GET", "/c", status_code=200, text="")
        for path in ("/a", "/b", "/c"):
            error = self.assertRaises(
                exceptions.InvalidResponse, self.manager._get, path, "project"
            )
            self.assertIn(ENDPOINT + path, str(error))

    def test_wrong_shape_message_keeps_a_token_in_the_url_out(self):
        self.stub("GET", "/tokens/tok-secret?password=pw", json={"other": P1})
        error = self.assertRaises(
            exceptions.InvalidResponse,
            self.manager._get,
            "/tokens/tok-secret?password=pw",
            "access",
        )
        self.assertSent("GET", "/tokens/tok-secret?password=pw")
        self.assertNotIn("tok-secret", str(error))
        self.assertNotIn("=pw", str(error))
        self.assertIn(ENDPOINT + "/tokens/{SHA256}", str(error))

    def test_head_is_true_for_any_2xx_and_raises_for_404(self):
        self.stub("HEAD", "/projects/p1", status_code=204)
        self.stub("HEAD", "/projects/p2", status_code=200)
        self.stub("HEAD", "/projects/p3", status_code=404)
        self.assertTrue(self.manager._head("/projects/p1"))
        self.assertTrue(self.manager._head("/projects/p2"))
        self.assertSent("HEAD", "/projects/p2")
        self.assertRaises(exceptions.NotFound, self.manager._head, "/projects/p3")

    def test_post(self):
        self.stub("POST", "/projects", status_code=201, json={"project": P1})
        got = self.manager._post("/projects", {"project": {"name": "alpha"}}, "project")
        self.assertSent("POST", "/projects", json={"project": {"name": "alpha"}})
        self.assertEqual("p1", got.id)
        self.assertFalse(got.is_loaded())
        self.assertIs(base.BaseManager._post, base.BaseManager._create)

    def test_post_return_raw(self):
        self.stub("POST", "/tokens", json={"access": {"token": {"id": "t"}}})
        raw = self.manager._post("/tokens", {"auth": {}}, "access", return_raw=True)
        self.assertEqual({"token": {"id": "t"}}, raw)

    def test_put_without_body_sends_none_and_may_return_none(self):
        self.stub("PUT", "/projects/p1/tags/x", status_code=204)
        self.assertIsNone(self.manager._put("/projects/p1/tags/x"))
        self.assertSent("PUT", "/projects/p1/tags/x", json=None)

    def test_put_and_patch_with_body(self):
        self.stub("PUT", "/projects/p1", json={"project": P1})
        self.stub("PATCH", "/projects/p1", json=P2)
        got = self.manager._put("/projects/p1", {"project": {"n": 1}}, "project")
        self.assertSent("PUT", "/projects/p1", json={"project": {"n": 1}})
        self.assertEqual("p1", got.id)
        self.assertEqual("p2", self.manager._patch("/projects/p1", {"x": 1}).id)
        self.assertSent("PATCH", "/projects/p1", json={"x": 1})

    def test_update_methods(self):
        self.stub("POST", "/projects/p1", json={"project": P1})
        got = self.manager._update("/projects/p1", {"a": 1}, "project", method="POST")
        self.assertSent("POST", "/projects/p1", json={"a": 1})
        self.assertEqual("p1", got.id)

    def test_update_with_an_unknown_method_sends_nothing(self):
        error = self.assertRaises(
            exceptions.ValidationError, self.manager._update, "/p", {}, method="GET"
        )
        self.assertIn("GET", str(error))
        self.assertFalse(self.requests_mock.called)

    def test_delete_returns_the_response(self):
        self.stub("DELETE", "/projects/p1", status_code=204)
        self.assertEqual(204, self.manager._delete("/projects/p1").status_code)
        self.assertSent("DELETE", "/projects/p1", json=None)

    def test_without_resource_class_builds_plain_resources(self):
        self.stub("GET", "/x", json={"x": P1})
        self.assertIs(base.Resource, type(base.BaseManager(self.client)._get("/x", "x")))


class _FindManager(base.ManagerWithFind):
    resource_class = Project

    def list(self):
        return self._list("/projects", "projects")


class ManagerWithFindTest(_standin.WireTestCase):
    def setUp(self):
        super().setUp()
        self.stub("GET", "/projects", json={"projects": [P1, P2, {"id": "p3"}]})
        self.finder = _FindManager(self.client)

    def test_list_is_abstract(self):
        self.assertRaises(TypeError, base.ManagerWithFind, self.client)

    def test_find_and_findall(self):
        self.assertEqual("p2", self.finder.find(name="beta").id)
        self.assertEqual(["p1", "p2"], [p.id for p in self.finder.findall(domain_id="d1")])
        self.assertEqual([], self.finder.findall(name="nope"))  # p3 has no name: skipped

    def test_find_none_or_several(self):
        error = self.assertRaises(exceptions.NotFound, self.finder.find, name="gamma")
        self.assertIn("No Project matching name='gamma'", str(error))
        error = self.assertRaises(exceptions.NoUniqueMatch, self.finder.find, domain_id="d1")
        self.assertIn("2 Project objects match domain_id='d1'", str(error))

    def test_list_arguments_are_taken_from_find(self):
        class PerUser(base.ManagerWithFind):
            def list(self, user_id):
                return self._list("/users/%s/projects" % user_id, "projects")

        self.stub("GET", "/users/u1/projects", json={"projects": [P1, P2]})
        finder = PerUser(self.client)
        self.assertEqual("p2", finder.find(user_id="u1", name="beta").id)
        error = self.assertRaises(exceptions.ValidationError, finder.find, name="beta")
        self.assertIn("user_id", str(error))


class BuildUrlTest(testtools.TestCase):
    def setUp(self):
        super().setUp()
        self.manager = ProjectManager(None)

    def test_collection_and_member(self):
        self.assertEqual("/projects", self.manager.build_url())
        self.assertEqual("/projects/p1", self.manager.build_url(project_id="p1"))
        self.assertEqual("/projects/p1", self.manager.build_url({"project_id": "p1"}))

    def test_base_url_as_keyword_mapping_string_or_class_attribute(self):
        self.assertEqual("/d/x/projects", self.manager.build_url(base_url="/d/x"))
        self.assertEqual("/d/x/projects", self.manager.build_url({"base_url": "/d/x"}))
        self.assertEqual("/d/x/projects/p", self.manager.build_url("/d/x", project_id="p"))
        self.manager.base_url = "/OS-X"
        self.assertEqual("/OS-X/projects", self.manager.build_url())

    def test_tail_resource_id_and_escaping(self):
        self.assertEqual(
            "/projects/p1/tags", self.manager.build_url(project_id="p1", tail="/tags")
        )
        res = Project(None, {"id": "p9"})
        self.assertEqual("/projects/p9", self.manager.build_url(project_id=res))
        self.assertEqual("/projects/a%2Fb%20c%3F", self.manager.build_url(project_id="a/b c?"))

    def test_callers_arguments_are_not_changed(self):
        args = {"base_url": "/b", "project_id": "p1", "name": "x"}
        before = dict(args)
        self.manager.build_url(args)
        self.manager.build_url(**args)
        self.assertEqual(before, args)

    def test_build_query(self):
        query = self.manager._build_query({"name": "a b&c", "enabled": True, "x": None})
        self.assertEqual("?enabled=True&name=a+b%26c", query)
        self.assertEqual("?tag=a&tag=b", self.manager._build_query({"tag": ["a", "b"]}))
        self.assertEqual("", self.manager._build_query({"x": None}))
        self.assertEqual("?a&b", self.manager.build_key_only_query(["a", "b"]))
        self.assertEqual("", self.manager.build_key_only_query([]))

    def test_filter_kwargs(self):
        domain = base.Resource(None, {"id": "d1"})
        given = {"domain": domain, "parent_id": domain, "name": "x", "gone": None}
        self.assertEqual(
            {"domain_id": "d1", "parent_id": "d1", "name": "x"},
            self.manager._filter_kwargs(given),
        )
        self.assertIn("domain", given)  # the caller's mapping is untouched


class CrudManagerTest(_standin.WireTestCase):
    def test_create(self):
        self.stub("POST", "/projects", status_code=201, json={"project": P1})
        domain = base.Resource(None, {"id": "d1"})
        got = self.manager.create(name="alpha", domain=domain, description=None)
        self.assertSent(
            "POST", "/projects", json={"project": {"name": "alpha", "domain_id": "d1"}}
        )
        self.assertEqual(("p1", Project), (got.id, type(got)))

    def test_create_under_base_url(self):
        self.stub("POST", "/domains/d1/projects", json={"project": P1})
        self.manager.create(base_url="/domains/d1", name="alpha")
        self.assertSent("POST", "/domains/d1/projects", json={"project": {"name": "alpha"}})

    def test_get_head_delete_put(self):
        self.stub("GET", "/projects/p1", json={"project": P1})
        self.stub("HEAD", "/projects/p1", status_code=200)
        self.stub("DELETE", "/projects/p1", status_code=204)
        self.stub("PUT", "/projects/p1", status_code=204)
        self.assertEqual("alpha", self.manager.get(project_id="p1").name)
        self.assertSent("GET", "/projects/p1")
        self.assertTrue(self.manager.head(project=Project(None, {"id": "p1"})))
        self.assertSent("HEAD", "/projects/p1")
        self.assertEqual(204, self.manager.delete(project_id="p1").status_code)
        self.assertSent("DELETE", "/projects/p1")
        self.assertIsNone(self.manager.put(project_id="p1"))
        self.assertSent("PUT", "/projects/p1", json=None)

    def test_update_patches_everything_but_the_id(self):
        self.stub("PATCH", "/projects/p1", json={"project": dict(P1, name="new")})
        got = self.manager.update(project_id="p1", name="new", enabled=None)
        self.assertSent("PATCH", "/projects/p1", json={"project": {"name": "new"}})
        self.assertEqual("new", got.name)

    def test_list_sends_filters_as_the_query(self):
        self.stub("GET", "/projects", json={"projects": [P1, P2]})
        domain = base.Resource(None, {"id": "d1"})
        got = self.manager.list(domain=domain, name="a b", enabled=True, parent_id=None)
        self.assertSent("GET", "/projects?domain_id=d1&enabled=True&name=a+b")
        self.assertEqual(["p1", "p2"], [p.id for p in got])
        self.assertEqual(1, self.requests_mock.call_count)

    def test_list_under_base_url(self):
        self.stub("GET", "/users/u1/projects", json={"projects": []})
        self.assertEqual([], self.manager.list(base_url="/users/u1"))
        self.assertSent("GET", "/users/u1/projects")

    def test_list_refuses_id(self):
        error = self.assertRaises(exceptions.ValidationError, self.manager.list, id="p1")
        self.assertIn("get(project_id=", str(error))
        self.assertFalse(self.requests_mock.called)

    def test_list_falls_back_to_the_auth_endpoint_only_when_asked(self):
        self.manager = ProjectManager(_standin.StandInClient(has_service=False))
        self.assertRaises(exceptions.EndpointNotFound, self.manager.list)
        self.stub("GET", _standin.AUTH_ENDPOINT + "/projects", json={"projects": [P1]})
        got = self.manager.list(fallback_to_auth=True)
        self.assertEqual(["p1"], [p.id for p in got])
        self.assertSent("GET", _standin.AUTH_ENDPOINT + "/projects")

    def test_find(self):
        self.stub("GET", "/projects?name=alpha", json={"projects": [P1]}, complete_qs=True)
        self.stub("GET", "/projects?name=none", json={"projects": []}, complete_qs=True)
        self.stub("GET", "/projects?domain_id=d1", json={"projects": [P1, P2]}, complete_qs=True)
        self.assertEqual("p1", self.manager.find(name="alpha").id)
        self.assertSent("GET", "/projects?name=alpha")
        error = self.assertRaises(exceptions.NotFound, self.manager.find, name="none")
        self.assertIn("No Project matching name='none'", str(error))
        self.assertRaises(exceptions.NoUniqueMatch, self.manager.find, domain_id="d1")

    def test_find_message_masks_secrets_and_leaves_out_base_url(self):
        self.stub("GET", "/users/u1/projects?secret=s3cr3t-value", json={"projects": []})
        error = self.assertRaises(
            exceptions.NotFound, self.manager.find, base_url="/users/u1", secret="s3cr3t-value"
        )
        self.assertSent("GET", "/users/u1/projects?secret=s3cr3t-value")
        self.assertNotIn("s3cr3t-value", str(error))
        self.assertNotIn("base_url", str(error))
        self.assertIn("secret=***", str(error))

    def test_a_keystoneclient_style_build_url_override_consumes_its_keys(self):
        class UserProjects(ProjectManager):
            def build_url(self, dict_args_in_out=None):
                user = dict_args_in_out.pop("user_id")
                return super().build_url(dict_args_in_out, base_url="/users/%s" % user)

        self.stub("POST", "/users/u1/projects", json={"project": P1})
        UserProjects(self.client).create(user=base.Resource(None, {"id": "u1"}), name="alpha")
        self.assertSent("POST", "/users/u1/projects", json={"project": {"name": "alpha"}})


class ResourceRefreshTest(_standin.WireTestCase):
    def test_get_refreshes_through_the_manager(self):
        class Projects(ProjectManager):
            def get(self, project):
                return super().get(project_id=base.getid(project))

        self.stub("GET", "/projects/p1", json={"project": dict(P1, name="renamed")})
        info = {"id": "p1", "name": "alpha"}
        project = Project(Projects(self.client), info)
        self.assertIs(project, project.get())
        self.assertSent("GET", "/projects/p1")
        self.assertEqual(("renamed", "d1"), (project.name, project.domain_id))
        self.assertTrue(project.is_loaded())
        self.assertEqual("alpha", info["name"])  # the dict it was built from is untouched


class HookableMixinTest(testtools.TestCase):
    def test_hooks_are_per_class(self):
        class Parent(base.HookableMixin):
            pass

        class Child(Parent):
            pass

        class Sibling(Parent):
            pass

        calls = []
        Parent.add_hook("h", lambda *a, **k: calls.append(("parent", a, k)))
        Child.add_hook("h", lambda *a, **k: calls.append(("child", a, k)))
        Sibling.run_hooks("h", 1)
        self.assertEqual([("parent", (1,), {})], calls)
        del calls[:]
        Parent.run_hooks("h")
        self.assertEqual(["parent"], [c[0] for c in calls])
        del calls[:]
        Child.run_hooks("h", 2, x=3)
        self.assertEqual([("parent", (2,), {"x": 3}), ("child", (2,), {"x": 3})], calls)
        self.assertNotIn("_hooks_map", vars(base.HookableMixin))

    def test_hooks_added_on_an_object_stay_on_it(self):
        class Thing(base.HookableMixin):
            pass

        calls = []
        one, two = Thing(), Thing()
        one.add_hook("h", lambda: calls.append("one"))
        Thing.add_hook("h", lambda: calls.append("class"))
        one.run_hooks("h")
        two.run_hooks("h")
        self.assertEqual(["class", "one", "class"], calls)


def _extension_module(name, **attrs):
    module = types.ModuleType(name)
    module.__dict__.update(attrs)
    return module


class ExtensionTest(testtools.TestCase):
    def test_manager_class_and_hooks_come_from_the_module(self):
        calls = []
        Own = type("OwnManager", (base.CrudManager,), {"__module__": "ext_a"})
        module = _extension_module(
            "ext_a",
            CrudManager=base.CrudManager,
            Imported=ProjectManager,
            OwnManager=Own,
            __pre_parse_args__=lambda *a: calls.append(("pre", a)),
            __post_parse_args__=lambda *a: calls.append(("post", a)),
            helper=lambda: None,
        )
        ext = base.Extension("ext_a", module)
        self.assertIs(Own, ext.manager_class)
        self.assertEqual("<Extension 'ext_a'>", repr(ext))
        ext.run_hooks("__pre_parse_args__", "args")
        self.assertEqual([("pre", ("args",))], calls)

    def test_extensions_do_not_share_hooks(self):
        calls = []
        first = base.Extension(
            "a", _extension_module("a", __pre_parse_args__=lambda: calls.append("a"))
        )
        second = base.Extension(
            "b", _extension_module("b", __pre_parse_args__=lambda: calls.append("b"))
        )
        first.run_hooks("__pre_parse_args__")
        second.run_hooks("__pre_parse_args__")
        self.assertEqual(["a", "b"], calls)
        self.assertIsNone(first.manager_class)
        self.assertEqual(
            ProjectManager,
            base.Extension("c", _extension_module("c", M=ProjectManager)).manager_class,
        )

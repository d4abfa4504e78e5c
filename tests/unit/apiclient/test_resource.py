"""Resource: attributes, no hidden HTTP, equality, copy, pickle, and getid."""

from __future__ import annotations

import copy
import pickle
import threading

import testtools

from stackclient.apiclient import _resource, base, exceptions


class Project(base.Resource):
    pass


class Server(base.Resource):
    HUMAN_ID = True


class _Manager:
    """A manager that holds something unpicklable and counts get() calls."""

    def __init__(self, fresh=None):
        self.lock = threading.Lock()
        self.fresh = fresh
        self.got = []
        self.deleted = []

    def get(self, ident):
        self.got.append(ident)
        return self.fresh

    def delete(self, resource):
        self.deleted.append(resource)
        return "deleted"


class _RecordingDict(dict):
    """A dict that records every read of its keys or values."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.reads = []

    def __getitem__(self, key):
        self.reads.append(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self.reads.append(key)
        return super().get(key, default)

    def __iter__(self):
        self.reads.append("<iter>")
        return super().__iter__()

    def items(self):
        self.reads.append("<items>")
        return super().items()

    def __contains__(self, key):
        self.reads.append(key)
        return super().__contains__(key)


def _project(**extra):
    info = {"id": "p1", "name": "alpha", "tags": ["a"], "options": {"x": {"y": 1}}}
    info.update(extra)
    return Project(_Manager(), info)


class AttributeTest(testtools.TestCase):
    def test_fields_read_as_attributes(self):
        manager = _Manager()
        info = {"id": "p1", "name": "alpha"}
        project = Project(manager, info)
        self.assertEqual(("p1", "alpha"), (project.id, project.name))
        self.assertIs(info, project._info)
        self.assertIs(manager, project.manager)
        self.assertIn("name", dir(project))

    def test_missing_field_raises_at_once_without_a_request(self):
        project = _project()
        self.assertFalse(project.is_loaded())
        error = self.assertRaises(AttributeError, getattr, project, "description")
        self.assertIn("description", str(error))
        self.assertFalse(hasattr(project, "enabled"))
        self.assertEqual([], project.manager.got)

    def test_construction_reads_no_field(self):
        info = _RecordingDict(id="p1", name="alpha")
        project = Project(None, info, loaded=True)
        self.assertEqual([], info.reads)
        self.assertTrue(project.is_loaded())
        project.set_loaded(False)
        self.assertFalse(project.is_loaded())

    def test_to_dict_is_a_deep_copy(self):
        project = _project()
        data = project.to_dict()
        self.assertEqual(project._info, data)
        data["options"]["x"]["y"] = 2
        data["tags"].append("b")
        self.assertEqual({"x": {"y": 1}}, project.options)
        self.assertEqual(["a"], project.tags)

    def test_add_details_merges_and_beats_hand_set_values(self):
        info = {"id": "p1", "name": "alpha"}
        manager = _Manager()
        project = Project(manager, info)
        project.name = "set by hand"
        project._add_details({"name": "fresh", "enabled": True, "manager": "not a manager"})
        self.assertEqual(("fresh", True), (project.name, project.enabled))
        self.assertIs(manager, project.manager)
        self.assertEqual({"id": "p1", "name": "alpha"}, info)

    def test_half_built_object_does_not_recurse(self):
        bare = Project.__new__(Project)
        self.assertRaises(AttributeError, getattr, bare, "name")
        self.assertRaises(AttributeError, getattr, bare, "manager")

    def test_the_fields_are_the_attribute_dict_not_a_copy(self):
        info = {"id": "p1", "name": "alpha"}
        project = Project(None, info)
        self.assertIs(info, project.__dict__)
        self.assertIs(info, project._info)

    def test_assignment_copies_the_given_dict_once(self):
        info = {"id": "p1", "name": "alpha"}
        project = Project(None, info)
        project.name = "beta"
        project.enabled = True
        del project.id
        self.assertEqual({"id": "p1", "name": "alpha"}, info)
        self.assertEqual({"name": "beta", "enabled": True}, project.to_dict())
        fields = project._info
        project.description = "d"
        self.assertIs(fields, project._info)

    def test_fields_never_replace_own_attributes_or_properties(self):
        manager = _Manager()
        project = Project(manager, {"id": "p1", "manager": "m", "_info": 1, "_loaded": 2})
        self.assertIs(manager, project.manager)
        self.assertEqual("m", project._info["manager"])
        self.assertFalse(project.is_loaded())
        server = Server(None, {"name": "A b", "human_id": "ignored"})
        self.assertEqual("a-b", server.human_id)

    def test_a_field_named_like_a_method_hides_it_as_in_keystoneclient(self):
        project = Project(_Manager(), {"id": "p1", "delete": "soon", "__weird__": 1})
        self.assertEqual(("soon", 1), (project.delete, project.__weird__))
        self.assertEqual("deleted", Project.delete(project))

    def test_fields_named_like_copy_and_pickle_hooks_do_not_break_them(self):
        hooks = {"__deepcopy__": 1, "__reduce_ex__": 2, "__getstate__": 3, "__copy__": 4}
        project = Project(None, dict(hooks, id="p1"))
        for dup in (
            copy.copy(project),
            copy.deepcopy(project),
            pickle.loads(pickle.dumps(project)),
        ):
            self.assertEqual(dict(hooks, id="p1"), dup.to_dict())


class RefreshTest(testtools.TestCase):
    def test_get_updates_fields_and_marks_loaded(self):
        manager = _Manager(fresh=Project(None, {"id": "p1", "name": "new", "enabled": False}))
        project = Project(manager, {"id": "p1", "name": "old"})
        self.assertIs(project, project.get())
        self.assertEqual(["p1"], manager.got)
        self.assertEqual(
            ("new", False, True), (project.name, project.enabled, project.is_loaded())
        )

    def test_get_needs_a_manager_with_get_and_an_id(self):
        error = self.assertRaises(exceptions.ClientException, Project(None, {"id": "p"}).get)
        self.assertIn("no manager", str(error))
        error = self.assertRaises(exceptions.ClientException, Project(object(), {"id": "p"}).get)
        self.assertIn("no get()", str(error))
        error = self.assertRaises(exceptions.ClientException, Project(_Manager(), {}).get)
        self.assertIn("no id", str(error))

    def test_delete_goes_through_the_manager(self):
        project = _project()
        self.assertEqual("deleted", project.delete())
        self.assertEqual([project], project.manager.deleted)
        self.assertRaises(exceptions.ClientException, Project(None, {"id": "p"}).delete)


class IdentityTest(testtools.TestCase):
    def test_equal_by_type_and_id(self):
        self.assertEqual(Project(None, {"id": "p1", "name": "a"}), Project(None, {"id": "p1"}))
        self.assertNotEqual(Project(None, {"id": "p1"}), Project(None, {"id": "p2"}))
        self.assertNotEqual(Project(None, {"id": "p1"}), Server(None, {"id": "p1"}))
        self.assertNotEqual(Project(None, {"id": "p1"}), {"id": "p1"})

    def test_without_ids_equal_by_fields(self):
        self.assertEqual(Project(None, {"name": "a"}), Project(None, {"name": "a"}))
        self.assertNotEqual(Project(None, {"name": "a"}), Project(None, {"name": "b"}))

    def test_hash_follows_equality(self):
        projects = {Project(None, {"id": "p1", "name": "a"}), Project(None, {"id": "p1"})}
        self.assertEqual(1, len(projects))
        self.assertEqual(2, len({Project(None, {"id": "p1"}), Server(None, {"id": "p1"})}))
        self.assertEqual(hash(Project(None, {"x": 1})), hash(Project(None, {"x": 1})))

    def test_repr_shows_class_id_and_name_only(self):
        project = Project(None, {"id": "p1", "name": "alpha", "secret": "s3cr3t"})
        self.assertEqual("<Project id='p1' name='alpha'>", repr(project))
        self.assertEqual("<Project>", repr(Project(None, {"secret": "s3cr3t"})))

    def test_human_id_is_a_slug_computed_on_access(self):
        self.assertIsNone(Project(None, {"name": "My Project"}).human_id)
        server = Server(None, {"name": "My Server!"})
        self.assertEqual("my-server", server.human_id)
        server._info["name"] = "Other"
        self.assertEqual("other", server.human_id)
        self.assertIsNone(Server(None, {"id": "s1"}).human_id)


class CopyPickleTest(testtools.TestCase):
    def test_copy_keeps_the_manager_and_copies_the_fields(self):
        project = _project()
        dup = copy.copy(project)
        self.assertEqual(project, dup)
        self.assertIs(project.manager, dup.manager)
        self.assertIsNot(project._info, dup._info)
        dup._info["name"] = "changed"
        self.assertEqual("alpha", project.name)

    def test_deepcopy_keeps_the_manager_and_copies_nested_fields(self):
        project = _project()
        dup = copy.deepcopy(project)
        self.assertIs(project.manager, dup.manager)
        dup.options["x"]["y"] = 5
        self.assertEqual({"x": {"y": 1}}, project.options)
        self.assertEqual(project.to_dict(), _project().to_dict())

    def test_pickle_drops_the_manager(self):
        project = Server(_Manager(), {"id": "s1", "name": "Web 1"}, loaded=True)
        for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
            back = pickle.loads(pickle.dumps(project, protocol))
            self.assertEqual(project, back)
            self.assertIs(Server, type(back))
            self.assertIsNone(back.manager)
            self.assertEqual(
                ("Web 1", "web-1", True), (back.name, back.human_id, back.is_loaded())
            )
            error = self.assertRaises(exceptions.ClientException, back.get)
            self.assertIn("pickled", str(error))

    def test_unpickles_the_state_of_earlier_versions(self):
        back = Project.__new__(Project)
        back.__setstate__({"_info": {"id": "p1", "name": "a"}, "_loaded": True, "name": "by hand"})
        self.assertEqual(("p1", "by hand", True), (back.id, back.name, back.is_loaded()))
        self.assertIsNone(back.manager)


class GetIdTest(testtools.TestCase):
    def test_getid(self):
        self.assertEqual("p1", base.getid(Project(None, {"id": "p1"})))
        self.assertEqual("p1", base.getid("p1"))
        self.assertEqual(7, base.getid(7))
        no_id = Project(None, {"name": "x"})
        self.assertIs(no_id, base.getid(no_id))

        class HasId:
            id = "h1"

        self.assertEqual("h1", base.getid(HasId()))


class NotAnObjectTest(testtools.TestCase):
    """Finding 1, at the deepest shared point: any manager, its own paging included."""

    def test_a_resource_is_built_from_an_object_only(self):

        for info in (5, "abc", 2.5, True, [1, 2], [[1, 2]], ["abc"]):
            error = self.assertRaises(exceptions.InvalidResponse, base.Resource, None, info)
            self.assertIn("JSON", str(error))
        self.assertEqual("x", base.Resource(None, [("id", "x")]).id)  # pairs, as before


class BuildManyTest(testtools.TestCase):
    """build_many() makes the same objects as calling the class, item by item."""

    def test_same_objects_as_the_class_call(self):
        manager = _Manager()
        items = [{"id": "a", "name": "one"}, {}, None, {"id": "b", "name": "two"}]
        built = _resource.build_many(Project, manager, items)
        expected = [Project(manager, item, True) for item in items if item]
        self.assertEqual(expected, built)
        for made, item in zip(built, [items[0], items[3]]):
            self.assertIs(Project, type(made))
            self.assertIs(item, made._info)
            self.assertIs(manager, made.manager)
            self.assertTrue(made.is_loaded())
            self.assertEqual(item, made.to_dict())
            self.assertEqual(repr(Project(manager, item, True)), repr(made))
        self.assertFalse(
            _resource.build_many(Project, manager, [{"id": "c"}], False)[0].is_loaded()
        )

    def test_built_objects_copy_on_change_pickle_and_copy_like_the_others(self):
        item = {"id": "a", "name": "one", "tags": ["x"]}
        made = _resource.build_many(Project, _Manager(), [item])[0]
        made.name = "changed"
        self.assertEqual("one", item["name"])
        self.assertEqual("changed", copy.copy(made).name)
        self.assertEqual(["x"], copy.deepcopy(made).tags)
        restored = pickle.loads(pickle.dumps(made))
        self.assertEqual(made, restored)
        self.assertIsNone(restored.manager)

    def test_the_loaded_flag_of_listed_objects_survives_copy_pickle_and_assignment(self):
        listed = _resource.build_many(Project, _Manager(), [{"id": "a", "_loaded": False}])[0]
        partial = _resource.build_many(Project, _Manager(), [{"id": "b"}], False)[0]
        self.assertIs(True, listed._loaded)  # a field of that name does not win
        self.assertIs(False, partial._loaded)
        for made, loaded in ((listed, True), (partial, False)):
            self.assertIs(loaded, copy.copy(made).is_loaded())
            self.assertIs(loaded, copy.deepcopy(made).is_loaded())
            self.assertIs(loaded, pickle.loads(pickle.dumps(made)).is_loaded())
        listed.set_loaded(False)
        partial._loaded = True
        self.assertEqual((False, True), (listed.is_loaded(), partial.is_loaded()))
        self.assertEqual({"id": "a", "_loaded": False}, listed.to_dict())

    def test_a_class_with_its_own_init_and_items_that_are_not_dicts_use_the_call(self):
        calls = []

        class Counted(base.Resource):
            def __init__(self, manager, info, loaded=False):
                calls.append(info)
                super().__init__(manager, info, loaded)

        built = _resource.build_many(Counted, None, [{"id": "a"}, {"id": "b"}])
        self.assertEqual([{"id": "a"}, {"id": "b"}], calls)
        self.assertEqual(["a", "b"], [made.id for made in built])
        pairs = _resource.build_many(Project, None, [[("id", "c")]])
        self.assertEqual("c", pairs[0].id)
        self.assertTrue(pairs[0].is_loaded())

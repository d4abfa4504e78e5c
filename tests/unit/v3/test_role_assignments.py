"""Wire tests for stackclient.v3.role_assignments."""

from __future__ import annotations

from stackclient.apiclient import exceptions
from stackclient.v3 import role_assignments, roles
from tests.unit.v3 import utils

_ASSIGNMENT = {
    "role": {"id": "r1"},
    "user": {"id": "u1"},
    "scope": {"project": {"id": "p1"}},
    "links": {"assignment": "http://keystone.test/v3/projects/p1/users/u1/roles/r1"},
}


class RoleAssignmentTests(utils.TestCase):
    def setUp(self) -> None:
        super().setUp()
        self.manager = role_assignments.RoleAssignmentManager(self.client)
        self.stub_url("GET", ["role_assignments"], json={"role_assignments": [_ASSIGNMENT]})

    def test_list_all(self) -> None:
        listed = self.manager.list()
        self.assertRequestIs("GET", ["role_assignments"])
        self.assertIsInstance(listed[0], role_assignments.RoleAssignment)
        self.assertEqual({"id": "r1"}, listed[0].role)
        self.assertIn("r1", repr(listed[0]))

    def test_filters(self) -> None:
        cases = [
            ({"user": "u1"}, {"user.id": "u1"}),
            ({"group": roles.Role(None, {"id": "g1"})}, {"group.id": "g1"}),
            ({"project": "p1"}, {"scope.project.id": "p1"}),
            ({"domain": "d1"}, {"scope.domain.id": "d1"}),
            ({"system": "all"}, {"scope.system": "all"}),
            ({"role": "r1"}, {"role.id": "r1"}),
            ({"effective": True}, {"effective": "True"}),
            ({"include_names": True}, {"include_names": "True"}),
            (
                {"project": "p1", "include_subtree": True},
                {"scope.project.id": "p1", "include_subtree": "True"},
            ),
            (
                {"os_inherit_extension_inherited_to": "projects"},
                {"scope.OS-INHERIT:inherited_to": "projects"},
            ),
            (
                {"os_inherit_extension_inherited": True},
                {"scope.OS-INHERIT:inherited_to": "projects"},
            ),
        ]
        for kwargs, query in cases:
            self.manager.list(**kwargs)
            self.assertQueryStringIs(query)

    def test_false_flags_are_not_sent(self) -> None:
        # Keystone reads "?effective=False" as true: false flags must be absent.
        self.manager.list(effective=False, include_names=False, include_subtree=False)
        self.assertQueryStringIs("")

    def test_invalid_combinations_send_nothing(self) -> None:
        bad = [
            {"user": "u1", "group": "g1"},
            {"domain": "d1", "project": "p1"},
            {"system": "all", "domain": "d1"},
            {"system": "all", "project": "p1"},
            {"system": "some"},
            {"os_inherit_extension_inherited_to": "domains"},
        ]
        before = len(self.request_history())
        for kwargs in bad:
            self.assertRaises(exceptions.ValidationError, self.manager.list, **kwargs)
        self.assertEqual(before, len(self.request_history()))

    def test_iterate(self) -> None:
        got = list(self.manager.iterate(user="u1"))
        self.assertEqual(1, len(got))
        self.assertQueryStringIs({"user.id": "u1"})

    def test_write_operations_are_refused(self) -> None:
        for name in ("create", "update", "get", "find", "put", "delete"):
            self.assertRaises(exceptions.MethodNotImplemented, getattr(self.manager, name), id="x")
        self.assertEqual([], self.request_history())

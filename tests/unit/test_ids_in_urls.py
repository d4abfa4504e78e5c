"""Finding 7: an id that would address another resource is refused before sending.

``users.get('..')`` went out as ``GET /v3/``, ``users.delete('.')`` as
``DELETE /v3/users/`` and ``users.delete(None)`` as ``DELETE /v3/users``
(the whole collection). Every manager builds member URLs through
``apiclient._ids.path_segment`` (``CrudManager.build_url`` included), so
every verb of every identity manager that takes an id refuses such values
with a ValidationError naming the argument, and sends nothing.
"""

from __future__ import annotations

import inspect

import requests_mock
import testtools
from requests_mock.contrib import fixture as rm_fixture

from stackclient.apiclient import base, exceptions
from stackclient.v2_0 import client as v2_client
from stackclient.v3 import client as v3_client

V3 = "http://keystone.test/v3"
V2 = "http://keystone.test/v2.0"

#: Values that are not ids of one resource.
BAD_IDS = (None, "", " ", ".", "..", 1.5, True, ["a"], {"id": "x"}, base.Resource(None, {}))

#: Manager methods whose first argument is put into the URL path.
VERBS = (
    "get",
    "delete",
    "update",
    "check",
    "list_users",
    "roles_for_user",
    "add_user_role",
    "remove_user_role",
    "update_enabled",
    "update_password",
    "update_tenant",
    "list_roles",
    "endpoints",
)


def _managers(client):
    for name in sorted(dir(client)):
        if name.startswith("_"):
            continue
        manager = getattr(client, name, None)
        if isinstance(manager, base.BaseManager):
            yield name, manager


def _arguments(method, bad):
    params = [
        p
        for p in inspect.signature(method).parameters.values()
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
    ]
    if not params:
        return []
    required = [p for p in params if p.default is p.empty]
    return [bad] + ["x1"] * (max(len(required), 1) - 1)


class EveryManagerTest(testtools.TestCase):
    def setUp(self):
        super().setUp()
        self.mock = self.useFixture(rm_fixture.Fixture())
        self.mock.register_uri(requests_mock.ANY, requests_mock.ANY, json={})

    def check_client(self, client):
        checked = 0
        for name, manager in _managers(client):
            for verb in VERBS:
                method = getattr(manager, verb, None)
                if method is None or (name == "tokens" and verb != "endpoints"):
                    continue  # v3 tokens go in a header, not the URL
                if not _arguments(method, None):
                    continue  # takes no id (inference_rules.update is not an API)
                for bad in BAD_IDS:
                    where = "%s.%s(%r)" % (name, verb, bad)
                    refused = (exceptions.ValidationError, exceptions.MethodNotImplemented)
                    self.assertRaises(refused, method, *_arguments(method, bad))
                    self.assertEqual([], self.mock.request_history, where)
                    checked += 1
        return checked

    def test_v3(self):
        self.assertGreater(self.check_client(v3_client.Client(token="t", endpoint=V3)), 400)

    def test_v2(self):
        self.assertGreater(self.check_client(v2_client.Client(token="t", endpoint=V2)), 150)


class FindingTest(testtools.TestCase):
    def setUp(self):
        super().setUp()
        self.mock = self.useFixture(rm_fixture.Fixture())
        self.mock.register_uri(requests_mock.ANY, requests_mock.ANY, json={"user": {"id": "u"}})
        self.keystone = v3_client.Client(token="t", endpoint=V3)

    def test_the_reported_calls_send_nothing(self):
        calls = [
            (self.keystone.users.get, ".."),
            (self.keystone.users.delete, "."),
            (self.keystone.users.delete, None),
            (self.keystone.users.delete, ""),
        ]
        for method, value in calls:
            error = self.assertRaises(exceptions.ValidationError, method, value)
            self.assertIn("user", str(error))
        self.assertEqual([], self.mock.request_history)

    def test_good_ids_are_one_escaped_segment(self):
        self.keystone.users.get("a/b c")
        self.keystone.users.get(7)
        self.keystone.users.get(base.Resource(None, {"id": "u1"}))
        self.assertEqual(
            [V3 + "/users/a%2Fb%20c", V3 + "/users/7", V3 + "/users/u1"],
            [r.url for r in self.mock.request_history],
        )

    def test_build_url_of_any_crud_manager(self):
        class Things(base.CrudManager):
            collection_key = "things"
            key = "thing"

        things = Things(None)
        self.assertEqual("/things", things.build_url())
        self.assertEqual("/things/t%2F1", things.build_url(thing_id="t/1"))
        for bad in ("", ".", "..", 2.5, ["t"]):
            error = self.assertRaises(exceptions.ValidationError, things.build_url, thing_id=bad)
            self.assertIn("thing", str(error))

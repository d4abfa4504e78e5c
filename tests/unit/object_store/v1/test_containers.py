"""Containers on the wire: listing pages, settings headers, delete (and emptying first)."""

from __future__ import annotations

import json

from stackclient.apiclient import exceptions
from tests.unit.object_store.v1 import utils


class ListTest(utils.ObjectStoreTestCase):
    def test_list_asks_for_json_with_the_filters_given(self):
        self.stub("GET", "", json=[])
        self.client.containers.list(prefix="b", end_marker="z", reverse=True)
        self.assertRequest(
            "GET",
            "",
            query={"format": ["json"], "prefix": ["b"], "end_marker": ["z"], "reverse": ["true"]},
        )

    def test_pages_follow_the_last_name_and_stop_on_an_empty_page(self):
        for name in ("a", "b", "c"):
            self.client.containers.create(name)
        found = [c.name for c in self.client.containers()]
        self.assertEqual(["a", "b", "c"], found)
        gets = self.sent("GET")
        self.assertEqual(2, len(gets))
        self.assertEqual(["c"], self.query_of(gets[1])["marker"])

    def test_a_short_page_ends_the_walk_when_a_limit_is_given(self):
        for name in ("a", "b", "c"):
            self.client.containers.create(name)
        found = [c.name for c in self.client.containers.iterate(limit=2)]
        self.assertEqual(["a", "b", "c"], found)
        queries = [self.query_of(r) for r in self.sent("GET")]
        self.assertEqual([None, ["b"]], [q.get("marker") for q in queries])
        self.assertEqual(2, len(queries))

    def test_a_server_repeating_a_page_does_not_loop(self):
        self.stub("GET", "", json=[{"name": "a"}, {"name": "b"}])
        found = [c.name for c in self.client.containers.iterate(limit=2)]
        self.assertEqual(["a", "b", "a", "b"], found)
        self.assertEqual(2, len(self.sent("GET")))

    def test_a_delimiter_rolls_names_up(self):
        self.stub("GET", "", json=[{"subdir": "logs-"}, {"name": "other", "count": 1, "bytes": 2}])
        found = [c.name for c in self.client.containers(prefix="", delimiter="-", limit=5)]
        self.assertEqual(["logs-", "other"], found)
        self.assertRequest(
            "GET",
            "",
            query={"format": ["json"], "prefix": [""], "delimiter": ["-"], "limit": ["5"]},
        )

    def test_listing_entries_are_resources(self):
        self.client.containers.create("c")
        (entry,) = self.client.containers.list()
        self.assertEqual(("c", "c", 0, 0), (entry.id, entry.name, entry.count, entry.bytes))


class SettingsTest(utils.ObjectStoreTestCase):
    def test_create_sends_acls_quotas_versioning_and_metadata(self):
        created = self.client.containers.create(
            "c", metadata={"owner": "ops"}, read_acl=".r:*", write_acl="p:u", quota_bytes=10,
            quota_count=2, versions=True, storage_policy="gold", headers={"X-Custom": "1"},
        )  # fmt: skip
        self.assertTrue(created.created)
        request = self.assertRequest("PUT", "/c", json=None)
        expected = {
            "X-Container-Meta-owner": "ops",
            "X-Container-Read": ".r:*",
            "X-Container-Write": "p:u",
            "X-Container-Meta-Quota-Bytes": "10",
            "X-Container-Meta-Quota-Count": "2",
            "X-Versions-Enabled": "true",
            "X-Storage-Policy": "gold",
            "X-Custom": "1",
        }
        self.assertEqual(expected, {k: request.headers[k] for k in expected})
        self.assertFalse(self.client.containers.create("c").created)

    def test_get_reads_every_setting_back(self):
        self.client.containers.create(
            "c", metadata={"Owner": "ops"}, read_acl=".r:*", quota_bytes=10, versions=True
        )
        self.client.objects.upload("c", "o", b"abc")
        got = self.client.containers.get("c")
        self.assertEqual(
            (1, 3, {"owner": "ops", "quota-bytes": "10"}, ".r:*", None, 10, True),
            (
                got.count,
                got.bytes,
                got.metadata,
                got.read_acl,
                got.write_acl,
                got.quota_bytes,
                got.versions_enabled,
            ),
        )
        self.assertEqual("HEAD", self.requests_mock.last_request.method)

    def test_an_empty_string_removes_a_setting_and_none_leaves_it(self):
        self.client.containers.create("c")
        self.client.containers.update("c", read_acl="", quota_bytes="", metadata={"gone": None})
        request = self.assertRequest("POST", "/c")
        self.assertEqual("x", request.headers["X-Remove-Container-Read"])
        self.assertEqual("x", request.headers["X-Remove-Container-Meta-Quota-Bytes"])
        self.assertEqual("x", request.headers["X-Remove-Container-Meta-gone"])
        self.assertNotIn("X-Container-Write", request.headers)

    def test_helpers(self):
        self.client.containers.create("c")
        self.client.containers.set_acl("c", read=".r:*")
        self.client.containers.set_quota("c", count=5)
        self.client.containers.set_versioning("c", False)
        self.client.containers.set_metadata("c", {"k": "v"})
        self.client.containers.delete_metadata("c", ["k"])
        posts = [r.headers for r in self.sent("POST")]
        self.assertEqual(".r:*", posts[0]["X-Container-Read"])
        self.assertEqual("5", posts[1]["X-Container-Meta-Quota-Count"])
        self.assertEqual("false", posts[2]["X-Versions-Enabled"])
        self.assertEqual(
            ("v", "x"), (posts[3]["X-Container-Meta-k"], posts[4]["X-Remove-Container-Meta-k"])
        )

    def test_refresh_and_exists(self):
        container = self.client.containers.create("c")
        self.client.objects.upload("c", "o", b"x")
        self.assertEqual(1, container.get().count)
        self.assertTrue(self.client.containers.exists("c"))
        self.assertFalse(self.client.containers.exists("nope"))


class DeleteTest(utils.ObjectStoreTestCase):
    def test_missing_container_is_notfound_naming_it(self):
        error = self.assertRaises(exceptions.NotFound, self.client.containers.get, "nope")
        self.assertIn("Container 'nope' does not exist", str(error))
        self.assertNotIn("<html>", str(error))
        self.client.containers.delete("nope", ignore_missing=True)

    def test_a_container_with_objects_says_how_to_delete_it(self):
        self.client.containers.create("c")
        self.client.objects.upload("c", "o", b"x")
        error = self.assertRaises(exceptions.Conflict, self.client.containers.delete, "c")
        self.assertIn("is not empty", str(error))
        self.assertIn("empty=True", str(error))

    def test_empty_bulk_deletes_the_objects_then_the_container(self):
        self.client.containers.create("c")
        for name in ("a", "b/c"):
            self.client.objects.upload("c", name, b"x")
        self.client.containers.delete("c", empty=True)
        bulk = [r for r in self.sent("POST") if "bulk-delete" in r.url]
        self.assertEqual([b"/c/a\n/c/b/c"], [r.body for r in bulk])
        self.assertEqual("DELETE", self.requests_mock.last_request.method)
        self.assertNotIn("c", self.swift.containers)

    def test_empty_deletes_every_version_of_a_versioned_container(self):
        self.client.containers.create("v", versions=True)
        listing = [
            {"name": "o", "version_id": "2", "is_latest": True, "bytes": 1, "hash": "h"},
            {"name": "o", "version_id": "1", "is_latest": False, "bytes": 1, "hash": "h"},
        ]

        def versions(request, context):
            return json.dumps(listing if "marker" not in request.qs else []).encode()

        self.requests_mock.get(self.endpoint + "/v?format=json&versions", content=versions)
        self.stub("DELETE", "/v/o", status=204)
        self.stub("DELETE", "/v", status=204)
        self.client.containers.delete("v", empty=True)
        deletes = [self.query_of(r).get("version-id") for r in self.sent("DELETE", "/v/o")]
        self.assertEqual([["2"], ["1"]], deletes)
        self.assertEqual(
            "false",
            [r for r in self.sent("POST") if "bulk" not in r.url][-1].headers[
                "X-Versions-Enabled"
            ],
        )

    def test_versions_listing_continues_with_version_marker(self):
        pages = [
            [{"name": "a", "version_id": "2"}, {"name": "a", "version_id": "1"}],
            [{"name": "b", "version_id": "3"}],
        ]

        def answer(request, context):
            return json.dumps(pages.pop(0) if pages else []).encode()

        self.client.containers.create("v")
        self.requests_mock.get(self.endpoint + "/v", content=answer)
        found = [(o.name, o.version_id) for o in self.client.containers.versions("v", limit=2)]
        self.assertEqual([("a", "2"), ("a", "1"), ("b", "3")], found)
        second = self.query_of(self.sent("GET", "/v")[1])
        self.assertEqual(
            (["a"], ["1"], [""]), (second["marker"], second["version_marker"], second["versions"])
        )

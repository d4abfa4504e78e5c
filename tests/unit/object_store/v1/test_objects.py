"""Objects on the wire: listing, HEAD, metadata, copy, symlinks, delete."""

from __future__ import annotations

from stackclient.apiclient import exceptions
from tests.unit.object_store.v1 import utils


class ObjectsTestCase(utils.ObjectStoreTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.client.containers.create("c")
        self.forget()


class ListTest(ObjectsTestCase):
    def test_listing_with_every_filter(self):
        self.stub("GET", "/c", json=[])
        self.client.objects.list(
            "c", prefix="a/", delimiter="/", limit=5, marker="a/0", end_marker="a/9", reverse=True
        )
        query = {
            "format": ["json"], "prefix": ["a/"], "delimiter": ["/"], "limit": ["5"],
            "marker": ["a/0"], "end_marker": ["a/9"], "reverse": ["true"],
        }  # fmt: skip
        self.assertRequest("GET", "/c", query=query)

    def test_entries_that_are_not_objects_are_an_invalid_response(self):
        for listed in ([1], ["abc"], [None], [[1, 2]], [{"name": "a"}, 5]):
            self.stub("GET", "/c", json=listed)
            error = self.assertRaises(exceptions.InvalidResponse, self.client.objects.list, "c")
            self.assertIn("Expected a list of JSON objects", str(error))
            self.assertIn("/c?format=json", str(error))
            self.stub("GET", "", json=listed)
            self.assertRaises(exceptions.InvalidResponse, self.client.containers.list)

    def test_entries_know_their_container_and_pseudo_directories_get_a_name(self):
        for name in ("a/1", "a/2", "b"):
            self.client.objects.upload("c", name, b"x")
        found = [
            (o.container, o.name, getattr(o, "subdir", None))
            for o in self.client.objects("c", delimiter="/")
        ]
        self.assertEqual([("c", "a/", "a/"), ("c", "b", None)], found)
        plain = self.client.objects.list("c")
        self.assertEqual(["a/1", "a/2", "b"], [o.id for o in plain])
        self.assertEqual(("9dd4e461268c8034f5c8564e155c67a6", 1), (plain[0].hash, plain[0].bytes))

    def test_a_missing_container_is_notfound(self):
        error = self.assertRaises(exceptions.NotFound, self.client.objects.list, "nope")
        self.assertIn("Container 'nope'", str(error))

    def test_names_are_checked_before_anything_is_sent(self):
        self.assertRaises(exceptions.ValidationError, self.client.objects.list, "a/b")
        self.assertRaises(exceptions.ValidationError, self.client.objects.get, "c", "")
        self.assertRaises(
            exceptions.ValidationError, self.client.objects.upload, "c", "x\x00", b""
        )
        self.assertEqual([], self.sent())


class HeadTest(ObjectsTestCase):
    def test_get_is_a_head_read_into_fields(self):
        self.client.objects.upload(
            "c", "o", b"abc", content_type="text/x", metadata={"k": "ü"}, delete_at=2000000000
        )
        got = self.client.objects.get("c", "o")
        self.assertEqual("HEAD", self.requests_mock.last_request.method)
        self.assertEqual(
            (
                "c",
                "o",
                3,
                "900150983cd24fb0d6963f7d28e17f72",
                "text/x",
                {"k": "ü"},
                2000000000,
                False,
            ),
            (
                got.container,
                got.name,
                got.bytes,
                got.hash,
                got.content_type,
                got.metadata,
                got.delete_at,
                got.is_static_large_object,
            ),
        )
        self.assertTrue(self.client.objects.exists("c", "o"))
        self.assertFalse(self.client.objects.exists("c", "nope"))

    def test_version_and_symlink_queries(self):
        self.stub("HEAD", "/c/o", headers={"X-Symlink-Target": "c/t", "Content-Length": "0"})
        got = self.client.objects.get("c", "o", version_id="17.5", symlink=True)
        self.assertRequest("HEAD", "/c/o", query={"version-id": ["17.5"], "symlink": ["get"]})
        self.assertEqual("c/t", got.symlink_target)

    def test_missing_object_names_it(self):
        error = self.assertRaises(exceptions.NotFound, self.client.objects.get, "c", "nope")
        self.assertIn("Object c/nope does not exist", str(error))

    def test_refresh_and_delete_through_the_resource(self):
        obj = self.client.objects.upload("c", "o", b"abc")
        self.assertEqual({}, obj.get().metadata)
        obj.delete()
        self.assertEqual("DELETE", self.requests_mock.last_request.method)


class MetadataTest(ObjectsTestCase):
    def test_update_keeps_existing_metadata_and_expiry(self):
        self.client.objects.upload(
            "c", "o", b"x", metadata={"a": "1", "b": "2"}, delete_at=2000000000
        )
        self.client.objects.set_metadata("c", "o", {"c": "3"})
        request = self.assertRequest("POST", "/c/o")
        self.assertEqual(
            ("1", "2", "3", "2000000000"),
            tuple(
                request.headers[k]
                for k in ("X-Object-Meta-a", "X-Object-Meta-b", "X-Object-Meta-c", "X-Delete-At")
            ),
        )
        self.client.objects.delete_metadata("c", "o", ["a"])
        self.assertEqual({"b": "2", "c": "3"}, self.client.objects.get("c", "o").metadata)

    def test_replace_sends_only_what_is_given(self):
        self.client.objects.upload("c", "o", b"x", metadata={"a": "1"})
        self.forget()
        self.client.objects.update(
            "c", "o", metadata={"z": "9"}, content_type="text/y", delete_after=60, replace=True
        )
        (request,) = self.sent()
        self.assertEqual(
            ("POST", "9", "text/y", "60"),
            (
                request.method,
                request.headers["X-Object-Meta-z"],
                request.headers["Content-Type"],
                request.headers["X-Delete-After"],
            ),
        )
        self.assertNotIn("X-Object-Meta-a", request.headers)


class ServerSideTest(ObjectsTestCase):
    def test_copy_is_a_put_with_x_copy_from(self):
        self.client.objects.upload("c", "a b", b"data", metadata={"k": "v"})
        copied = self.client.objects.copy("c", "a b", "c", "copy", metadata={"n": "1"})
        request = self.assertRequest("PUT", "/c/copy")
        self.assertEqual(
            ("/c/a%20b", "0", "1"),
            (
                request.headers["X-Copy-From"],
                request.headers["Content-Length"],
                request.headers["X-Object-Meta-n"],
            ),
        )
        self.assertEqual("8d777f385d3dfec8815d20f7496026dc", copied.hash)
        self.assertEqual({"k": "v", "n": "1"}, self.client.objects.get("c", "copy").metadata)

    def test_fresh_copy_drops_the_source_metadata(self):
        self.client.objects.upload("c", "a", b"data", metadata={"k": "v"})
        self.client.objects.copy("c", "a", "c", "b", fresh_metadata=True)
        self.assertEqual("true", self.requests_mock.last_request.headers["X-Fresh-Metadata"])
        self.assertEqual({}, self.client.objects.get("c", "b").metadata)

    def test_copy_keeps_the_name_by_default(self):
        self.client.containers.create("d")
        self.client.objects.upload("c", "a", b"data")
        self.client.objects.copy("c", "a", "d")
        self.assertRequest("PUT", "/d/a")

    def test_symlink(self):
        self.client.objects.create_symlink(
            "c", "link", "c", "t/ü", target_etag="abc", target_account="AUTH_o"
        )
        request = self.assertRequest("PUT", "/c/link")
        self.assertEqual(
            ("c/t/%C3%BC", "abc", "AUTH_o", ""),
            (request.headers["X-Symlink-Target"], request.headers["X-Symlink-Target-Etag"],
             request.headers["X-Symlink-Target-Account"], request.body.decode() if request.body else ""),
        )  # fmt: skip


class DeleteTest(ObjectsTestCase):
    def test_delete_and_ignore_missing(self):
        self.client.objects.upload("c", "o", b"x")
        self.client.objects.delete("c", "o")
        self.assertRequest("DELETE", "/c/o", query={})
        self.assertRaises(exceptions.NotFound, self.client.objects.delete, "c", "o")
        self.client.objects.delete("c", "o", ignore_missing=True)

    def test_delete_one_version(self):
        self.stub("DELETE", "/c/o", status=204)
        self.client.objects.delete("c", "o", version_id="1.5")
        self.assertRequest("DELETE", "/c/o", query={"version-id": ["1.5"]})

"""Downloads on the wire: verified streams, parallel Range requests, resume, DLO."""

from __future__ import annotations

import io
import json
import os

import fixtures

from stackclient.apiclient import exceptions
from tests.unit.object_store.v1 import utils

DATA, md5 = utils.DATA, utils.md5


class DownloadTestCase(utils.ObjectStoreTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.client.containers.create("c")
        self.dir = self.useFixture(fixtures.TempDir()).path
        self.target = os.path.join(self.dir, "out.bin")
        self.client.objects.upload("c", "plain", DATA)
        self.client.objects.upload("c", "large", DATA, segment_size=4096)
        self.forget()

    def gets(self, name: str) -> list[object]:
        return self.sent("GET", "/c/" + name)

    def ranges(self, name: str) -> list[str | None]:
        return [
            r.headers.get("Range") for r in self.gets(name) if "multipart-manifest" not in r.url
        ]

    def read_target(self) -> bytes:
        with open(self.target, "rb") as handle:
            return handle.read()


class PlainTest(DownloadTestCase):
    def test_to_a_path_through_a_part_file(self):
        head = self.client.objects.download("c", "plain", self.target)
        self.assertEqual(DATA, self.read_target())
        self.assertEqual(["out.bin"], os.listdir(self.dir))
        self.assertEqual((md5(DATA), len(DATA)), (head.hash, head.bytes))
        (get,) = self.gets("plain")
        self.assertEqual('"%s"' % md5(DATA), get.headers["If-Match"])
        self.assertNotIn("Range", get.headers)
        self.assertEqual("HEAD", self.sent()[0].method)

    def test_to_a_file_object(self):
        out = io.BytesIO()
        self.client.objects.download("c", "plain", out)
        self.assertEqual(DATA, out.getvalue())

    def test_read_and_stream(self):
        self.assertEqual(DATA, self.client.objects.read("c", "plain"))
        seen = []
        self.assertEqual(
            DATA, b"".join(self.client.objects.stream("c", "plain", progress=seen.append))
        )
        self.assertEqual(
            (len(DATA), 1, 1), (seen[-1].bytes_done, seen[-1].parts_done, seen[-1].objects_done)
        )

    def test_corrupted_bytes_raise_and_nothing_is_presented_as_complete(self):
        self.swift.corrupt_reads.add("c/plain")
        error = self.assertRaises(
            exceptions.ChecksumMismatch, self.client.objects.download, "c", "plain", self.target
        )
        self.assertEqual(("c/plain", md5(DATA)), (error.name, error.expected))
        self.assertFalse(os.path.exists(self.target))
        self.assertRaises(exceptions.ChecksumMismatch, self.client.objects.read, "c", "plain")

    def test_checksum_false_to_a_path_and_a_file_object(self):
        self.swift.corrupt_reads.add("c/plain")
        self.client.objects.download("c", "plain", self.target, checksum=False)
        self.assertEqual(len(DATA), len(self.read_target()))
        out = io.BytesIO()
        self.client.objects.download("c", "plain", out, checksum=False)
        self.assertEqual(len(DATA), len(out.getvalue()))

    def test_an_interrupted_download_resumes_with_a_range(self):
        self.swift.cut_reads.add("c/plain")
        self.assertRaises(
            exceptions.TransportError, self.client.objects.download, "c", "plain", self.target
        )
        self.assertFalse(os.path.exists(self.target))
        have = os.path.getsize(self.target + ".part")
        self.assertTrue(0 < have < len(DATA))
        self.swift.cut_reads.clear()
        self.forget()
        self.client.objects.download("c", "plain", self.target)
        self.assertEqual(DATA, self.read_target())
        self.assertEqual(["bytes=%d-%d" % (have, len(DATA) - 1)], self.ranges("plain"))
        self.assertEqual(["out.bin"], os.listdir(self.dir))

    def test_a_part_file_of_another_version_is_not_reused(self):
        with open(self.target + ".part", "wb") as handle:
            handle.write(b"junk")
        with open(self.target + ".part.json", "w") as handle:
            json.dump({"etag": "old", "size": len(DATA), "done": []}, handle)
        self.client.objects.download("c", "plain", self.target)
        self.assertEqual(DATA, self.read_target())
        self.assertEqual([None], self.ranges("plain"))

    def test_an_object_changed_meanwhile_is_412_explained(self):
        self.stub("GET", "/c/plain", status=412)
        error = self.assertRaises(
            exceptions.PreconditionFailed, self.client.objects.download, "c", "plain", self.target
        )
        self.assertIn("changed while it was being downloaded", str(error))

    def test_versions_and_empty_objects(self):
        self.client.objects.upload("c", "empty", b"")
        self.client.objects.download("c", "empty", self.target)
        self.assertEqual(b"", self.read_target())
        self.assertEqual([], self.gets("empty"))
        self.stub("HEAD", "/c/v", headers={"Etag": md5(b"old"), "Content-Length": "3"})
        self.stub("GET", "/c/v", content=b"old", headers={"Etag": md5(b"old")})
        self.assertEqual(b"old", self.client.objects.read("c", "v", version_id="7"))
        self.assertEqual({"version-id": ["7"]}, self.query_of(self.gets("v")[0]))

    def test_progress(self):
        seen = []
        self.client.objects.download("c", "plain", self.target, progress=seen.append)
        self.assertEqual(
            (len(DATA), len(DATA), 1, 1),
            (
                seen[-1].bytes_done,
                seen[-1].bytes_total,
                seen[-1].parts_done,
                seen[-1].objects_done,
            ),
        )

    def test_a_bad_destination(self):
        self.assertRaises(
            exceptions.ValidationError, self.client.objects.download, "c", "plain", 42
        )
        self.assertRaises(
            exceptions.ValidationError,
            self.client.objects.download,
            "c",
            "plain",
            self.target,
            threads=0,
        )


class LargeTest(DownloadTestCase):
    def finished_part_file(self, done: list[int]) -> None:
        """Leave ``<target>.part`` as a finished download whose first byte was changed
        since, its state recording ``done`` parts as fetched."""
        self.client.objects.download("c", "large", self.target)
        os.rename(self.target, self.target + ".part")
        with open(self.target + ".part", "r+b") as handle:
            handle.write(b"X")
        with open(self.target + ".part.json", "w") as handle:
            etag = self.client.objects.get("c", "large").hash
            json.dump({"etag": etag, "size": len(DATA), "done": done}, handle)
        self.forget()

    def test_one_range_request_per_segment_in_parallel(self):
        head = self.client.objects.download("c", "large", self.target, threads=3)
        self.assertEqual(DATA, self.read_target())
        self.assertTrue(head.is_static_large_object)
        self.assertEqual(
            ["bytes=0-4095", "bytes=4096-8191", "bytes=8192-10239"], sorted(self.ranges("large"))
        )
        manifest = [r for r in self.gets("large") if "multipart-manifest" in r.url]
        self.assertEqual({"multipart-manifest": ["get"]}, self.query_of(manifest[0]))

    def test_a_corrupted_segment_is_caught(self):
        segment = self.client.objects.list("c_segments")[1].name
        self.swift.corrupt_reads.add("c/large")  # the first byte of every range
        error = self.assertRaises(
            exceptions.ChecksumMismatch,
            self.client.objects.download,
            "c",
            "large",
            self.target,
            threads=1,
        )
        self.assertIn("Bytes 0-4095 of c/large", str(error))
        self.assertFalse(os.path.exists(self.target))
        self.assertTrue(segment)

    def test_checksum_false_does_not_hash_but_still_checks_sizes(self):
        self.swift.corrupt_reads.add("c/large")  # the first byte of every range changed
        self.client.objects.download("c", "large", self.target, threads=2, checksum=False)
        got = self.read_target()
        self.assertEqual(len(DATA), len(got))
        self.assertNotEqual(DATA, got)
        self.assertEqual(3, len(self.ranges("large")))
        self.swift.corrupt_reads.clear()
        self.swift.cut_reads.add("c/large")
        self.assertRaises(
            exceptions.TransportError,
            self.client.objects.download,
            "c",
            "large",
            self.target + "2",
            threads=1,
            checksum=False,
        )
        self.assertFalse(os.path.exists(self.target + "2"))

    def test_checksum_false_resume_keeps_done_parts_unread(self):
        self.finished_part_file(done=[0, 2])
        self.client.objects.download("c", "large", self.target, checksum=False)
        # part 0 was not read again: its changed first byte is kept
        self.assertEqual(b"X" + DATA[1:], self.read_target())
        self.assertEqual(["bytes=4096-8191"], self.ranges("large"))

    def test_a_manifest_that_does_not_add_up_is_refused_before_reading(self):
        stored = self.swift.containers["c"]["large"]
        self.swift.containers["c"]["large"] = stored._replace(
            headers=dict(stored.headers, Etag='"%s"' % ("0" * 32))
        )
        error = self.assertRaises(
            exceptions.ChecksumMismatch, self.client.objects.download, "c", "large", self.target
        )
        self.assertIn("do not add up", str(error))
        self.assertEqual([], self.ranges("large"))

    def test_resume_fetches_only_the_parts_not_done(self):
        self.swift.corrupt_reads.add("c/large")
        self.assertRaises(
            exceptions.ChecksumMismatch,
            self.client.objects.download,
            "c",
            "large",
            self.target,
            threads=1,
        )
        state = self.target + ".part.json"
        with open(state) as handle:
            saved = json.load(handle)
        self.assertEqual([], saved["done"])
        # pretend parts 0 and 2 were fetched by an earlier attempt
        with open(self.target + ".part", "r+b") as handle:
            handle.seek(0)
            handle.write(DATA[:4096])
            handle.seek(8192)
            handle.write(DATA[8192:])
        saved["done"] = [0, 2]
        with open(state, "w") as handle:
            json.dump(saved, handle)
        self.swift.corrupt_reads.clear()
        self.forget()
        seen = []
        self.client.objects.download("c", "large", self.target, progress=seen.append)
        self.assertEqual(DATA, self.read_target())
        self.assertEqual(["bytes=4096-8191"], self.ranges("large"))
        self.assertEqual((2, len(DATA)), (seen[-1].parts_skipped, seen[-1].bytes_done))
        self.assertEqual(["out.bin"], os.listdir(self.dir))

    def test_a_done_part_that_no_longer_matches_is_fetched_again(self):
        self.finished_part_file(done=[0, 1, 2])
        self.client.objects.download("c", "large", self.target)
        self.assertEqual(DATA, self.read_target())
        self.assertEqual(["bytes=0-4095"], self.ranges("large"))

    def test_resume_false_starts_over(self):
        self.client.objects.download("c", "large", self.target)
        os.rename(self.target, self.target + ".part")
        self.forget()
        self.client.objects.download("c", "large", self.target, resume=False)
        self.assertEqual(3, len(self.ranges("large")))

    def test_stream_checks_each_segment(self):
        self.assertEqual(DATA, self.client.objects.read("c", "large"))
        self.swift.corrupt_reads.add("c/large")
        self.assertRaises(exceptions.ChecksumMismatch, self.client.objects.read, "c", "large")

    def test_to_a_file_object_one_range_after_the_other(self):
        out = io.BytesIO()
        self.client.objects.download("c", "large", out, threads=4)
        self.assertEqual(DATA, out.getvalue())
        self.assertEqual(
            ["bytes=0-4095", "bytes=4096-8191", "bytes=8192-10239"], self.ranges("large")
        )


class DynamicTest(DownloadTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.client.containers.create("segs")
        for index, start in enumerate(range(0, len(DATA), 3000)):
            self.client.objects.upload("segs", "d/%02d" % index, DATA[start : start + 3000])
        self.client.objects.upload("c", "dlo", b"", headers={"X-Object-Manifest": "segs/d/"})
        self.forget()

    def test_parts_come_from_the_prefix_listing(self):
        self.client.objects.download("c", "dlo", self.target, threads=2)
        self.assertEqual(DATA, self.read_target())
        self.assertEqual(4, len(self.ranges("dlo")))
        self.assertEqual(DATA, self.client.objects.read("c", "dlo"))

    def test_a_segment_changed_after_the_listing_is_caught(self):
        self.swift.corrupt_reads.add("c/dlo")
        self.assertRaises(exceptions.ChecksumMismatch, self.client.objects.read, "c", "dlo")


class LocalErrorsTest(DownloadTestCase):
    def test_an_unwritable_destination_is_a_client_exception(self):
        missing = os.path.join(self.dir, "no", "such", "dir", "out.bin")
        error = self.assertRaises(
            exceptions.ClientException, self.client.objects.download, "c", "plain", missing
        )
        self.assertIn("Cannot write the download to", str(error))
        self.assertIsInstance(error.__cause__, OSError)

    def test_a_failing_file_object(self):
        class Full(io.RawIOBase):
            def write(self, data):
                raise OSError(28, "No space left on device")

        error = self.assertRaises(
            exceptions.ClientException, self.client.objects.download, "c", "plain", Full()
        )
        self.assertIn("No space left on device", str(error))

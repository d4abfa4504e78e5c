"""Uploads on the wire: one PUT, segmented SLOs, resume, checksums, progress."""

from __future__ import annotations

import io
import json
import os

import fixtures

from stackclient.apiclient import exceptions
from tests.unit.object_store.v1 import utils

DATA, md5 = utils.DATA, utils.md5


class UploadTestCase(utils.ObjectStoreTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.client.containers.create("c")
        directory = self.useFixture(fixtures.TempDir()).path
        self.path = os.path.join(directory, "data.bin")
        with open(self.path, "wb") as handle:
            handle.write(DATA)
        self.client.info()
        self.forget()

    def stored(self, name: str, container: str = "c") -> bytes:
        return self.swift._data(self.swift.containers[container][name])

    def puts(self, prefix: str = "") -> list[str]:
        account = self.swift.account_path
        return [
            r.path[len(account.lower()) :]
            for r in self.sent("PUT")
            if r.path[len(account) :].startswith(prefix)
        ]


class SinglePutTest(UploadTestCase):
    def test_bytes_are_hashed_first_and_sent_with_their_etag(self):
        obj = self.client.objects.upload(
            "c", "o", b"hello", content_type="text/plain", metadata={"k": "v"}, delete_after=60
        )
        request = self.assertRequest("PUT", "/c/o")
        expected = {
            "ETag": md5(b"hello"),
            "Content-Length": "5",
            "Content-Type": "text/plain",
            "X-Object-Meta-k": "v",
            "X-Delete-After": "60",
        }
        self.assertEqual(expected, {k: request.headers[k] for k in expected})
        self.assertEqual(
            (md5(b"hello"), 5, "c", "o"), (obj.hash, obj.bytes, obj.container, obj.name)
        )

    def test_a_path_is_streamed_with_its_length_and_checked_after(self):
        obj = self.client.objects.upload("c", "o", self.path)
        request = self.assertRequest("PUT", "/c/o")
        self.assertEqual(str(len(DATA)), request.headers["Content-Length"])
        self.assertNotIn("ETag", request.headers)
        self.assertEqual((md5(DATA), DATA), (obj.hash, self.stored("o")))

    def test_a_file_object_from_its_position(self):
        with open(self.path, "rb") as handle:
            handle.seek(240)
            self.client.objects.upload("c", "o", handle)
        self.assertEqual(DATA[240:], self.stored("o"))
        self.client.objects.upload("c", "b", io.BytesIO(DATA))
        self.assertEqual(DATA, self.stored("b"))

    def test_an_iterator_goes_chunked(self):
        obj = self.client.objects.upload("c", "o", iter([b"ab", b"", bytearray(b"cd")]))
        request = self.assertRequest("PUT", "/c/o")
        self.assertEqual("chunked", request.headers["Transfer-Encoding"])
        self.assertEqual((b"abcd", md5(b"abcd"), 4), (self.stored("o"), obj.hash, obj.bytes))

    def test_a_wrong_etag_from_the_caller_is_swifts_422_as_checksum_mismatch(self):
        error = self.assertRaises(
            exceptions.ChecksumMismatch,
            self.client.objects.upload,
            "c",
            "o",
            b"abc",
            etag="0" * 32,
        )
        self.assertIn("c/o", str(error))
        self.assertIn("HTTP 422", str(error))
        self.assertIsInstance(error.__cause__, exceptions.UnprocessableEntity)
        self.assertNotIn("o", self.swift.containers["c"])

    def test_data_stored_differently_is_deleted_and_reported(self):
        self.swift.corrupt_etags.add("c/o")
        error = self.assertRaises(
            exceptions.ChecksumMismatch, self.client.objects.upload, "c", "o", self.path
        )
        self.assertEqual((md5(DATA), "c/o"), (error.expected, error.name))
        self.assertEqual("DELETE", self.requests_mock.last_request.method)
        self.assertNotIn("o", self.swift.containers["c"])

    def test_over_quota_is_413_with_swifts_text(self):
        self.stub(
            "PUT",
            "/c/o",
            status=413,
            text="Upload exceeds quota.",
            headers={"Content-Type": "text/html"},
        )
        error = self.assertRaises(
            exceptions.RequestEntityTooLarge, self.client.objects.upload, "c", "o", b"x"
        )
        self.assertIn("Upload exceeds quota", str(error))
        self.assertIn("c/o", str(error))

    def test_missing_container(self):
        error = self.assertRaises(
            exceptions.NotFound, self.client.objects.upload, "nope", "o", b"x"
        )
        self.assertIn("Object nope/o: its container does not exist", str(error))

    def test_what_cannot_be_sent(self):
        for data, says in (
            (12, "int"),
            (io.StringIO("x"), "text mode"),
            ("/no/such/file", "Cannot read"),
        ):
            error = self.assertRaises(
                exceptions.ValidationError, self.client.objects.upload, "c", "o", data
            )
            self.assertIn(says, str(error))
        self.assertEqual([], self.sent("PUT"))
        error = self.assertRaises(
            exceptions.ValidationError, self.client.objects.upload, "c", "o", iter(["text"])
        )
        self.assertIn("encode", str(error))

    def test_progress_of_one_put(self):
        seen = []
        self.client.objects.upload("c", "o", self.path, progress=seen.append)
        last = seen[-1]
        self.assertEqual(
            (len(DATA), len(DATA), 1, 1, 1, 1),
            (
                last.bytes_done,
                last.bytes_total,
                last.objects_done,
                last.objects_total,
                last.parts_done,
                last.parts_total,
            ),
        )
        self.assertEqual("c/o", last.name)


class SegmentedTest(UploadTestCase):
    def test_above_the_segment_size_an_slo_is_built(self):
        obj = self.client.objects.upload("c", "big", self.path, segment_size=4096, threads=3)
        mtime = "%.6f" % os.stat(self.path).st_mtime
        prefix = "big/slo/%s/%d/4096/" % (mtime, len(DATA))
        segment_puts = sorted(p for p in self.puts() if p.startswith("/c_segments/"))
        self.assertEqual(["/c_segments/%s%08d" % (prefix, i) for i in range(3)], segment_puts)
        manifest = [r for r in self.sent("PUT", "/c/big")][-1]
        self.assertEqual(
            {"multipart-manifest": ["put"], "heartbeat": ["on"]}, self.query_of(manifest)
        )
        entries = json.loads(manifest.body)
        sizes = [4096, 4096, len(DATA) - 8192]
        pieces = [DATA[0:4096], DATA[4096:8192], DATA[8192:]]
        self.assertEqual(
            [
                {"path": "/c_segments/%s%08d" % (prefix, i), "etag": md5(p), "size_bytes": s}
                for i, (p, s) in enumerate(zip(pieces, sizes))
            ],
            entries,
        )
        slo_etag = md5("".join(md5(p) for p in pieces).encode())
        self.assertEqual(slo_etag, manifest.headers["ETag"])
        self.assertEqual("application/octet-stream", manifest.headers["Content-Type"])
        self.assertEqual(
            (slo_etag, len(DATA), True, 3, 3, 0),
            (
                obj.hash,
                obj.bytes,
                obj.is_static_large_object,
                obj.segments,
                obj.segments_sent,
                obj.segments_skipped,
            ),
        )
        self.assertEqual(DATA, self.stored("big"))

    def test_metadata_and_content_type_go_on_the_manifest(self):
        self.client.objects.upload(
            "c", "big.txt", DATA, segment_size=5000, metadata={"k": "v"}, segment_container="segs"
        )
        manifest = self.sent("PUT", "/c/big.txt")[-1]
        self.assertEqual(
            ("v", "text/plain"),
            (manifest.headers["X-Object-Meta-k"], manifest.headers["Content-Type"]),
        )
        self.assertIn("segs", self.swift.containers)
        segment = [r for r in self.sent("PUT") if "/segs/" in r.url][0]
        self.assertNotIn("X-Object-Meta-k", segment.headers)

    def test_the_threshold_defaults_to_the_clusters_largest_object(self):
        self.swift.info = dict(self.swift.info, swift={"max_file_size": 6000})
        self.client.info(refresh=True)
        obj = self.client.objects.upload("c", "big", self.path)
        self.assertEqual(2, obj.segments)  # min(threshold, 1 GiB) = 6,000-byte segments
        self.assertEqual(DATA, self.stored("big"))

    def test_a_threshold_above_the_size_keeps_one_put(self):
        obj = self.client.objects.upload(
            "c", "o", self.path, segment_size=1000, threshold=len(DATA)
        )
        self.assertFalse(getattr(obj, "is_static_large_object", False))
        self.assertEqual(["/c/o"], self.puts())

    def test_too_many_segments_is_refused_before_sending(self):
        self.swift.info = dict(self.swift.info, slo={"max_manifest_segments": 2})
        self.client.info(refresh=True)
        error = self.assertRaises(
            exceptions.ValidationError,
            self.client.objects.upload,
            "c",
            "o",
            self.path,
            segment_size=1000,
        )
        self.assertIn("segment_size >= 5120", str(error))
        self.assertEqual([], self.puts())

    def test_without_a_segment_size_enough_segments_are_made(self):
        self.swift.info = dict(
            self.swift.info, swift={"max_file_size": 3000}, slo={"max_manifest_segments": 4}
        )
        self.client.info(refresh=True)
        obj = self.client.objects.upload("c", "o", self.path)
        self.assertEqual(4, obj.segments)

    def test_etag_cannot_check_a_large_object(self):
        error = self.assertRaises(
            exceptions.ValidationError,
            self.client.objects.upload,
            "c",
            "o",
            DATA,
            segment_size=5000,
            etag=md5(DATA),
        )
        self.assertIn("segment by segment", str(error))

    def test_a_segment_stored_wrong_stops_before_the_manifest(self):
        self.swift.corrupt_etags.add("c_segments/" + self._segment_name(1))
        error = self.assertRaises(
            exceptions.ChecksumMismatch,
            self.client.objects.upload,
            "c",
            "big",
            self.path,
            segment_size=4096,
            threads=1,
        )
        self.assertIn("segment 1 of c/big", str(error))
        self.assertNotIn("big", self.swift.containers["c"])
        self.assertEqual([], self.sent("PUT", "/c/big"))

    def test_a_segment_answered_503_is_sent_again(self):
        self.swift.fail_puts["c_segments/" + self._segment_name(2)] = 1
        obj = self.client.objects.upload("c", "big", self.path, segment_size=4096)
        self.assertEqual(4, len([p for p in self.puts() if p.startswith("/c_segments/")]))
        self.assertEqual(DATA, self.stored("big"))
        self.assertEqual(3, obj.segments_sent)

    def test_a_segment_failing_every_time_fails_the_upload(self):
        self.swift.fail_puts["c_segments/" + self._segment_name(0)] = 10
        self.assertRaises(
            exceptions.ServiceUnavailable,
            self.client.objects.upload,
            "c",
            "big",
            self.path,
            segment_size=4096,
            threads=2,
        )
        self.assertNotIn("big", self.swift.containers["c"])

    def test_a_manifest_refused_in_the_heartbeat_body_raises(self):
        def refuse(request, context):
            context.status_code = 202
            return b' \n{"Response Status": "400 Bad Request", "Errors": [["/c_segments/x", "Etag Mismatch"]]}'

        self.requests_mock.put(self.endpoint + "/c/big?multipart-manifest=put", content=refuse)
        error = self.assertRaises(
            exceptions.ChecksumMismatch,
            self.client.objects.upload,
            "c",
            "big",
            DATA,
            segment_size=6000,
        )
        self.assertIn("/c_segments/x", str(error))

        def missing(request, context):
            context.status_code = 202
            return b'{"Response Status": "400 Bad Request", "Errors": [["/c_segments/y", "404 Not Found"]]}'

        self.requests_mock.put(self.endpoint + "/c/big?multipart-manifest=put", content=missing)
        error = self.assertRaises(
            exceptions.BadRequest, self.client.objects.upload, "c", "big", DATA, segment_size=6000
        )
        self.assertIn("/c_segments/y: 404 Not Found", str(error))

    def test_a_manifest_answered_with_another_etag_raises(self):
        self.stub("PUT", "/c/big", status=201, headers={"Etag": '"%s"' % ("f" * 32)})
        error = self.assertRaises(
            exceptions.ChecksumMismatch,
            self.client.objects.upload,
            "c",
            "big",
            DATA,
            segment_size=6000,
        )
        self.assertEqual("f" * 32, error.actual)

    def test_progress_counts_parts_and_bytes(self):
        seen = []
        self.client.objects.upload("c", "big", self.path, segment_size=4096, progress=seen.append)
        last = seen[-1]
        self.assertEqual(
            (len(DATA), 3, 3, 1),
            (last.bytes_done, last.parts_done, last.parts_total, last.objects_done),
        )
        self.assertEqual(sorted(p.bytes_done for p in seen), [p.bytes_done for p in seen])

    def test_an_iterator_with_a_segment_size_is_segmented_in_order(self):
        chunks = [DATA[i : i + 1000] for i in range(0, len(DATA), 1000)]
        obj = self.client.objects.upload("c", "s", iter(chunks), segment_size=4096)
        self.assertEqual((3, len(DATA)), (obj.segments, obj.bytes))
        self.assertEqual(DATA, self.stored("s"))
        entries = json.loads(self.sent("PUT", "/c/s")[-1].body)
        self.assertEqual([4096, 4096, len(DATA) - 8192], [e["size_bytes"] for e in entries])
        self.assertTrue(all("/slo/stream/" in e["path"] for e in entries))

    def test_an_iterator_that_fits_in_one_segment_boundary(self):
        obj = self.client.objects.upload("c", "s", iter([DATA[:4096]]), segment_size=4096)
        self.assertEqual(1, obj.segments)
        empty = self.client.objects.upload("c", "e", iter([]), segment_size=4096)
        self.assertEqual((0, md5(b"")), (empty.bytes, empty.hash))

    def _segment_name(self, index: int) -> str:
        mtime = "%.6f" % os.stat(self.path).st_mtime
        return "big/slo/%s/%d/4096/%08d" % (mtime, len(DATA), index)


class ResumeTest(UploadTestCase):
    def _interrupted(self) -> None:
        """An upload that stopped after segments 0 and 1 of 3 (the manifest never went up)."""
        self.swift.fail_puts["c_segments/" + SegmentedTest._segment_name(self, 2)] = 10
        self.assertRaises(
            exceptions.ServiceUnavailable,
            self.client.objects.upload,
            "c",
            "big",
            self.path,
            segment_size=4096,
            threads=1,
        )
        self.swift.fail_puts.clear()
        self.forget()

    def test_only_missing_segments_are_sent_again(self):
        self.client.objects.upload("c", "big", self.path, segment_size=4096, threads=1)
        del self.swift.containers["c"]["big"]
        del self.swift.containers["c_segments"][SegmentedTest._segment_name(self, 1)]
        self.forget()
        seen = []
        obj = self.client.objects.upload(
            "c", "big", self.path, segment_size=4096, progress=seen.append
        )
        segment_puts = [p for p in self.puts() if p.startswith("/c_segments/")]
        self.assertEqual(["/c_segments/" + SegmentedTest._segment_name(self, 1)], segment_puts)
        self.assertEqual((1, 2), (obj.segments_sent, obj.segments_skipped))
        self.assertEqual((2, len(DATA)), (seen[-1].parts_skipped, seen[-1].bytes_done))
        self.assertEqual(DATA, self.stored("big"))
        listing = [r for r in self.sent("GET") if "/c_segments" in r.url]
        self.assertEqual(["big/slo/"], [self.query_of(r)["prefix"][0][:8] for r in listing])

    def test_after_a_failed_upload(self):
        self._interrupted()
        obj = self.client.objects.upload("c", "big", self.path, segment_size=4096)
        self.assertEqual((1, 2), (obj.segments_sent, obj.segments_skipped))
        self.assertEqual(DATA, self.stored("big"))

    def test_a_segment_that_differs_is_sent_again(self):
        self._interrupted()
        name = SegmentedTest._segment_name(self, 1)
        stale = self.swift.containers["c_segments"][name]
        self.swift.containers["c_segments"][name] = stale._replace(
            data=b"x" * len(stale.data),
            headers=dict(stale.headers, Etag=md5(b"x" * len(stale.data))),
        )
        obj = self.client.objects.upload("c", "big", self.path, segment_size=4096)
        self.assertEqual((2, 1), (obj.segments_sent, obj.segments_skipped))
        self.assertEqual(DATA, self.stored("big"))

    def test_resume_false_sends_everything(self):
        self._interrupted()
        obj = self.client.objects.upload("c", "big", self.path, segment_size=4096, resume=False)
        self.assertEqual((3, 0), (obj.segments_sent, obj.segments_skipped))
        self.assertEqual([], [r for r in self.sent("GET") if "/c_segments" in r.url])


class LocalErrorsTest(UploadTestCase):
    def test_a_source_that_fails_to_read_is_a_client_exception_not_a_connection_error(self):
        class Broken(io.RawIOBase):
            def readable(self):
                return True

            def seekable(self):
                return True

            def seek(self, offset, whence=0):
                return 0 if whence == 0 else 100

            def tell(self):
                return 0

            def read(self, size=-1):
                raise OSError(5, "Input/output error")

        error = self.assertRaises(
            exceptions.ClientException, self.client.objects.upload, "c", "o", Broken()
        )
        self.assertIn("Input/output error", str(error))
        self.assertNotIsInstance(error, exceptions.TransportError)

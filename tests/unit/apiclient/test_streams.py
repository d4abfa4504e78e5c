"""Streamed bodies: read once, hashed in one pass, progress, resend, interrupted reads."""

from __future__ import annotations

import hashlib
import io
import os
import tempfile

import requests
import testtools
from requests_mock.contrib import fixture as rm_fixture

from stackclient.apiclient import exceptions, streams

DATA = os.urandom(3 * 1024 * 1024 + 123)


def _digests(data: bytes) -> dict[str, str]:
    return {"md5": hashlib.md5(data).hexdigest(), "sha512": hashlib.sha512(data).hexdigest()}


class CountingFile(io.BytesIO):
    """A file object that counts the bytes read from it."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.bytes_read = 0

    def read(self, size: int | None = -1) -> bytes:
        chunk = super().read(size)
        self.bytes_read += len(chunk)
        return chunk


class TestDigests(testtools.TestCase):
    def test_several_algorithms_over_many_chunks_match_hashlib(self):
        digests = streams.Digests(("md5", "sha512"))
        for start in range(0, len(DATA), 100_000):
            digests.update(DATA[start : start + 100_000])
        self.assertEqual(_digests(DATA), digests.hexdigests())
        self.assertEqual(len(DATA), digests.size)

    def test_one_chunk_is_hashed_without_threads(self):
        digests = streams.Digests(("sha256",))
        digests.update(b"abc")
        self.assertEqual([], digests._threads)
        self.assertEqual(hashlib.sha256(b"abc").hexdigest(), digests.hexdigests()["sha256"])

    def test_reset_starts_over(self):
        digests = streams.Digests(("md5",))
        digests.update(b"junk")
        digests.update(b"more junk")
        digests.reset()
        digests.update(b"abc")
        self.assertEqual(hashlib.md5(b"abc").hexdigest(), digests.hexdigests()["md5"])
        self.assertEqual(3, digests.size)

    def test_an_unknown_algorithm_is_a_validation_error(self):
        error = self.assertRaises(exceptions.ValidationError, streams.Digests, ("nope",))
        self.assertIn("'nope'", str(error))


class TestUploadBody(testtools.TestCase):
    def setUp(self):
        super().setUp()
        self.requests_mock = self.useFixture(rm_fixture.Fixture())
        self.received: list[bytes] = []

        def _take(request, context):
            body = request.body
            self.received.append(b"".join(body) if not isinstance(body, bytes) else body)
            return ""

        self.requests_mock.put("http://store.test/data", text=_take, status_code=204)

    def _send(self, body):
        return requests.put("http://store.test/data", data=body)

    def test_a_file_object_is_read_once_hashed_and_measured(self):
        source = CountingFile(DATA)
        seen = []
        body = streams.UploadBody(
            source, algorithms=("md5", "sha512"), progress=lambda d, t: seen.append((d, t))
        )
        self.assertEqual(len(DATA), len(body))
        self._send(body)
        self.assertEqual([DATA], self.received)
        self.assertEqual(len(DATA), source.bytes_read)
        self.assertEqual(_digests(DATA), body.hexdigests())
        self.assertEqual((len(DATA), len(DATA)), seen[-1])
        self.assertEqual(4, len(seen))  # 1 MiB chunks

    def test_content_length_is_sent_when_the_size_is_known(self):
        self._send(streams.UploadBody(io.BytesIO(b"abc")))
        self.assertEqual("3", self.requests_mock.last_request.headers["Content-Length"])

    def test_an_iterator_goes_chunked_and_is_hashed(self):
        body = streams.UploadBody(iter([b"ab", b"", b"c"]), algorithms=("md5",))
        self.assertRaises(TypeError, len, body)
        self._send(body)
        self.assertEqual([b"abc"], self.received)
        self.assertEqual("chunked", self.requests_mock.last_request.headers["Transfer-Encoding"])
        self.assertEqual(hashlib.md5(b"abc").hexdigest(), body.hexdigests()["md5"])

    def test_a_path_is_read_from_its_start_each_time_it_is_sent(self):
        with tempfile.NamedTemporaryFile(delete=False) as handle:
            handle.write(b"0123456789")
        self.addCleanup(os.remove, handle.name)
        body = streams.UploadBody(handle.name, algorithms=("md5",))
        self.assertEqual(b"0123456789", b"".join(body))
        self.assertEqual(b"0123456789", b"".join(body))
        self.assertEqual(10, body.size)
        self.assertEqual(hashlib.md5(b"0123456789").hexdigest(), body.hexdigests()["md5"])

    def test_a_seekable_file_restarts_where_it_was_given(self):
        source = io.BytesIO(b"skip-data")
        source.seek(5)
        body = streams.UploadBody(source)
        self.assertEqual(4, body.total)
        self.assertEqual(b"data", b"".join(body))
        self.assertEqual(b"data", b"".join(body))

    def test_an_iterator_cannot_be_sent_twice(self):
        body = streams.UploadBody(iter([b"abc"]))
        self.assertEqual(b"abc", b"".join(body))
        error = self.assertRaises(exceptions.ClientException, lambda: b"".join(body))
        self.assertIn("cannot be read twice", str(error))

    def test_a_missing_path_fails_before_anything_is_sent(self):
        error = self.assertRaises(
            exceptions.ValidationError, streams.UploadBody, "/no/such/dir/disk.img"
        )
        self.assertIn("/no/such/dir/disk.img", str(error))
        self.assertIn("Nothing was sent", str(error))
        self.assertEqual([], self.requests_mock.request_history)

    def test_an_iterator_of_text_is_refused(self):
        body = streams.UploadBody(iter(["text"]))
        self.assertRaises(exceptions.ValidationError, lambda: b"".join(body))

    def test_bytes_are_sent_in_chunks(self):
        body = streams.UploadBody(DATA, chunk_size=1 << 20)
        self.assertEqual(4, len(list(body)))
        self.assertEqual(len(DATA), body.size)

    def test_an_iterator_shorter_than_its_size_stops_the_upload(self):
        body = streams.UploadBody(iter([b"abc"]), size=5)
        self.assertEqual(5, len(body))
        error = self.assertRaises(exceptions.ClientException, lambda: b"".join(body))
        self.assertIn("only 3 of the 5 bytes announced", str(error))

    def test_an_iterator_longer_than_its_size_stops_before_sending_more(self):
        body = streams.UploadBody(iter([b"ab", b"cdef"]), size=3)
        sent = []
        error = self.assertRaises(exceptions.ClientException, lambda: sent.extend(body))
        self.assertIn("more than the 3 bytes announced", str(error))
        self.assertEqual([b"ab"], sent)

    def test_a_string_is_not_data(self):
        self.assertRaises(exceptions.ValidationError, streams.check_source, 42)


class _BrokenRaw(io.RawIOBase):
    """A response body that breaks after ``good`` bytes."""

    def __init__(self, good: bytes) -> None:
        self._good = io.BytesIO(good)

    def readable(self):
        return True

    def readinto(self, buffer):
        chunk = self._good.read(len(buffer))
        if not chunk:
            raise requests.exceptions.ChunkedEncodingError("connection broken")
        buffer[: len(chunk)] = chunk
        return len(chunk)


def _response(raw) -> requests.Response:
    resp = requests.Response()
    resp.status_code = 200
    resp.raw = raw
    return resp


class TestCopyResponse(testtools.TestCase):
    def test_copies_hashes_and_reports_progress_from_an_offset(self):
        out = io.BytesIO()
        digests = streams.Digests(("sha512",))
        seen = []
        written = streams.copy_response(
            _response(io.BytesIO(DATA)),
            out.write,
            digests=digests,
            progress=lambda d, t: seen.append((d, t)),
            total=len(DATA) + 10,
            done=10,
        )
        self.assertEqual(len(DATA), written)
        self.assertEqual(DATA, out.getvalue())
        self.assertEqual(hashlib.sha512(DATA).hexdigest(), digests.hexdigests()["sha512"])
        self.assertEqual((len(DATA) + 10, len(DATA) + 10), seen[-1])

    def test_a_broken_connection_says_how_far_it_got(self):
        out = io.BytesIO()
        error = self.assertRaises(
            exceptions.TransportError,
            streams.copy_response,
            _response(_BrokenRaw(b"x" * 1000)),
            out.write,
            total=5000,
            what="the download of image i1",
        )
        self.assertIn(
            "The download of image i1 was interrupted after 1000 of 5000 bytes", str(error)
        )

    def test_a_failed_write_is_not_a_transport_error(self):
        def full(chunk):
            raise OSError(28, "No space left on device")

        error = self.assertRaises(
            exceptions.ClientException, streams.copy_response, _response(io.BytesIO(b"abc")), full
        )
        self.assertNotIsInstance(error, exceptions.TransportError)
        self.assertIn("No space left", str(error))


class TestPartFile(testtools.TestCase):
    def setUp(self):
        super().setUp()
        self.dir = tempfile.mkdtemp()
        self.path = os.path.join(self.dir, "disk.img")

    def test_commit_renames_into_place(self):
        part = streams.PartFile(self.path)
        part.write(b"abc")
        self.assertFalse(os.path.exists(self.path))
        part.commit()
        with open(self.path, "rb") as handle:
            self.assertEqual(b"abc", handle.read())
        self.assertFalse(os.path.exists(self.path + ".part"))

    def test_resume_keeps_and_hashes_what_is_there(self):
        with open(self.path + ".part", "wb") as handle:
            handle.write(b"abc")
        part = streams.PartFile(self.path, resume=True)
        self.assertEqual(3, part.offset)
        digests = streams.Digests(("md5",))
        part.read_existing(digests)
        part.write(b"def")
        part.commit()
        with open(self.path, "rb") as handle:
            self.assertEqual(b"abcdef", handle.read())
        self.assertEqual(hashlib.md5(b"abc").hexdigest(), digests.hexdigests()["md5"])

    def test_without_resume_a_partial_file_is_truncated(self):
        with open(self.path + ".part", "wb") as handle:
            handle.write(b"old")
        part = streams.PartFile(self.path)
        self.assertEqual(0, part.offset)
        part.discard()
        self.assertFalse(os.path.exists(self.path + ".part"))

    def test_a_missing_directory_is_refused(self):
        error = self.assertRaises(
            exceptions.ValidationError, streams.PartFile, os.path.join(self.dir, "no", "x.img")
        )
        self.assertIn("does not exist", str(error))

    def test_a_directory_as_the_target_is_refused_before_anything_is_written(self):
        error = self.assertRaises(exceptions.ValidationError, streams.PartFile, self.dir)
        self.assertIn("it is a directory", str(error))
        self.assertFalse(os.path.exists(self.dir + ".part"))

    def test_a_rename_that_fails_keeps_the_verified_data_and_says_where(self):
        part = streams.PartFile(self.path)
        part.write(b"abc")
        os.mkdir(self.path)  # the target became a directory meanwhile
        error = self.assertRaises(exceptions.ValidationError, part.commit)
        self.assertIn(self.path + ".part", str(error))
        with open(self.path + ".part", "rb") as handle:
            self.assertEqual(b"abc", handle.read())

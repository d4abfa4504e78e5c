"""Image data on the wire: upload, stage and download, hashed, verified, resumed."""

from __future__ import annotations

import hashlib
import http.client
import io
import os
import tempfile

from stackclient.apiclient import exceptions
from stackclient.image.v2 import client
from tests.unit import service_utils

ID = "0b3e8b7e-3c9f-4a53-8a5e-2f1e7c1d9a01"
DATA = os.urandom(2 * 1024 * 1024 + 77)
MD5 = hashlib.md5(DATA).hexdigest()
SHA512 = hashlib.sha512(DATA).hexdigest()
ACTIVE = {
    "id": ID,
    "name": "cirros",
    "status": "active",
    "size": len(DATA),
    "checksum": MD5,
    "os_hash_algo": "sha512",
    "os_hash_value": SHA512,
}
FILE = "/images/%s/file" % ID


class _Broken(io.RawIOBase):
    """A response body whose connection breaks after ``good``."""

    def __init__(self, good: bytes) -> None:
        self._good = io.BytesIO(good)

    def readable(self):
        return True

    def readinto(self, buffer):
        chunk = self._good.read(len(buffer))
        if not chunk:
            raise http.client.IncompleteRead(b"")
        buffer[: len(chunk)] = chunk
        return len(chunk)


class TransferTestCase(service_utils.ServiceTestCase):
    client_class = client.Client

    def setUp(self):
        super().setUp()
        self.dir = tempfile.mkdtemp()
        self.addCleanup(
            lambda: [os.remove(os.path.join(self.dir, n)) for n in os.listdir(self.dir)]
        )

    def stub_put(self, path: str, status: int = 204, **kwargs):
        """Answer PUT ``path``, reading the streamed body as a server would (into self.sent)."""
        self.sent: list[bytes] = []

        def _read(request, context):
            body = request.body
            self.sent.append(body if isinstance(body, bytes) else b"".join(body))
            return kwargs.get("text", "")

        return self.stub("PUT", path, status=status, text=_read)

    def path(self, name: str, data: bytes | None = None) -> str:
        path = os.path.join(self.dir, name)
        if data is not None:
            with open(path, "wb") as handle:
                handle.write(data)
        return path


class TestUpload(TransferTestCase):
    def setUp(self):
        super().setUp()
        self.put = self.stub_put(FILE)

    def test_upload_from_a_path_streams_octets_and_verifies_what_glance_recorded(self):
        self.stub("GET", "/images/" + ID, json=ACTIVE)
        seen = []
        result = self.client.images.upload(
            ID, self.path("disk.img", DATA), progress=lambda d, t: seen.append((d, t))
        )
        request = self.put.last_request
        self.assertEqual("application/octet-stream", request.headers["Content-Type"])
        self.assertEqual(str(len(DATA)), request.headers["Content-Length"])
        self.assertEqual([DATA], self.sent)
        self.assertEqual("sha512", result.verified_with)
        self.assertEqual({"md5": MD5, "sha512": SHA512}, result.hexdigests)
        self.assertEqual((len(DATA), len(DATA)), seen[-1])
        self.assertRequest("GET", "/images/" + ID)

    def _new_token_on_reauth(self):
        self.client.endpoint  # noqa: B018 - authenticate with the first token
        self.requests_mock.post(
            service_utils.AUTH_URL + "/auth/tokens",
            json=service_utils.token_body(),
            status_code=201,
            headers={"X-Subject-Token": "second-token"},
        )

    def test_a_401_re_sends_a_path_from_its_start_with_fresh_hashes(self):
        self.stub("GET", "/images/" + ID, json=ACTIVE)
        self._new_token_on_reauth()
        answers = iter([401, 204])
        self.sent = []

        def _read(request, context):
            self.sent.append(b"".join(request.body))
            context.status_code = next(answers)
            return ""

        self.stub("PUT", FILE, text=_read)
        result = self.client.images.upload(ID, self.path("disk.img", DATA))
        self.assertEqual([DATA, DATA], self.sent)
        self.assertEqual("second-token", self.requests_mock.last_request.headers["X-Auth-Token"])
        self.assertEqual(("sha512", len(DATA)), (result.verified_with, result.size))

    def test_a_401_cannot_re_send_an_iterator(self):
        self._new_token_on_reauth()
        self.stub("PUT", FILE, status=401, text=lambda r, c: b"".join(r.body) and "")
        error = self.assertRaises(
            exceptions.ClientException, self.client.images.upload, ID, iter([b"abc"])
        )
        self.assertIn("cannot be read twice", str(error))

    def test_upload_from_an_iterator_goes_chunked(self):
        self.stub("GET", "/images/" + ID, json=ACTIVE)
        chunks = (DATA[i : i + 500_000] for i in range(0, len(DATA), 500_000))
        result = self.client.upload_image(ID, chunks)
        self.assertEqual("chunked", self.put.last_request.headers["Transfer-Encoding"])
        self.assertEqual(len(DATA), result.size)

    def test_a_different_hash_raises_checksum_mismatch(self):
        self.stub("GET", "/images/" + ID, json=dict(ACTIVE, os_hash_value="0" * 128))
        error = self.assertRaises(
            exceptions.ChecksumMismatch, self.client.images.upload, ID, io.BytesIO(DATA)
        )
        self.assertIsInstance(error, exceptions.ClientException)
        self.assertEqual(
            ("sha512", "0" * 128, SHA512), (error.algorithm, error.expected, error.actual)
        )
        self.assertIn(ID, str(error))

    def test_a_different_md5_checksum_raises_too(self):
        self.stub("GET", "/images/" + ID, json=dict(ACTIVE, checksum="f" * 32))
        error = self.assertRaises(exceptions.ChecksumMismatch, self.client.images.upload, ID, DATA)
        self.assertEqual("md5", error.algorithm)

    def test_a_different_size_raises(self):
        self.stub("GET", "/images/" + ID, json=dict(ACTIVE, size=1))
        error = self.assertRaises(exceptions.ChecksumMismatch, self.client.images.upload, ID, DATA)
        self.assertEqual("size", error.algorithm)

    def test_another_server_algorithm_is_remembered_for_the_next_upload(self):
        sha256 = hashlib.sha256(DATA).hexdigest()
        self.stub("GET", "/images/" + ID, json=dict(ACTIVE, os_hash_algo="sha256",
                                                    os_hash_value=sha256))  # fmt: skip
        first = self.client.images.upload(ID, DATA)
        self.assertEqual("md5", first.verified_with)
        second = self.client.images.upload(ID, DATA)
        self.assertEqual("sha256", second.verified_with)
        self.assertEqual(sha256, second.hexdigests["sha256"])

    def test_an_active_image_gives_conflict(self):
        self.stub_put(
            FILE, 409, text="Image status transition from active to saving is not allowed"
        )
        error = self.assertRaises(exceptions.Conflict, self.client.images.upload, ID, b"x")
        self.assertIn("not allowed", str(error))

    def test_a_missing_file_fails_before_any_request(self):
        before = len(self.requests_mock.request_history)
        error = self.assertRaises(
            exceptions.ValidationError, self.client.images.upload, ID, "/no/such/disk.img"
        )
        self.assertIn("/no/such/disk.img", str(error))
        self.assertEqual(before, len(self.requests_mock.request_history))

    def test_create_image_with_a_missing_file_creates_nothing(self):
        self.assertRaises(
            exceptions.ValidationError, self.client.create_image, "x", filename="/no/such/disk"
        )
        self.assertEqual([], self.requests_to("POST"))

    def test_create_image_creates_uploads_and_returns_the_active_image(self):
        self.stub("POST", "/images", json=dict(ACTIVE, status="queued"), status=201)
        self.stub("GET", "/images/" + ID, json=ACTIVE)
        image = self.client.create_image("cirros", data=DATA, disk_format="raw",
                                         container_format="bare")  # fmt: skip
        self.assertEqual("active", image.status)
        self.assertEqual(
            {"name": "cirros", "disk_format": "raw", "container_format": "bare"},
            self.requests_to("POST", "/images")[0].json(),
        )

    def test_upload_without_verify_does_not_read_the_image_back(self):
        result = self.client.images.upload(ID, DATA, verify=False)
        self.assertIsNone(result.verified_with)
        self.assertEqual([], self.requests_to("GET", "/images/"))


class TestStage(TransferTestCase):
    def test_stage_puts_to_stage_and_returns_the_hashes(self):
        stage = self.stub_put("/images/%s/stage" % ID)
        result = self.client.stage_image(ID, io.BytesIO(DATA))
        self.assertEqual([DATA], self.sent)
        self.assertEqual("application/octet-stream", stage.last_request.headers["Content-Type"])
        self.assertEqual(SHA512, result.hexdigests["sha512"])
        self.assertIsNone(result.verified_with)


class TestDownload(TransferTestCase):
    def setUp(self):
        super().setUp()
        self.stub("GET", "/images/" + ID, json=ACTIVE)

    def test_download_to_a_path_verifies_sha512_and_renames_into_place(self):
        self.stub("GET", FILE, content=DATA)
        target = self.path("out.img")
        seen = []
        result = self.client.download_image(ID, target, progress=lambda d, t: seen.append((d, t)))
        with open(target, "rb") as handle:
            self.assertEqual(DATA, handle.read())
        self.assertFalse(os.path.exists(target + ".part"))
        self.assertEqual(
            ("sha512", len(DATA), target), (result.verified_with, result.size, result.path)
        )
        self.assertEqual((len(DATA), len(DATA)), seen[-1])
        self.assertNotIn("Range", self.requests_mock.last_request.headers)

    def test_md5_is_the_fall_back_and_says_so(self):
        self.stub("GET", "/images/" + ID, json=dict(ACTIVE, os_hash_algo=None, os_hash_value=None))
        self.stub("GET", FILE, content=DATA)
        out = io.BytesIO()
        result = self.client.images.download(ID, out)
        self.assertEqual("md5", result.verified_with)
        self.assertEqual(DATA, out.getvalue())

    def test_a_corrupted_download_raises_and_leaves_no_file(self):
        bad = bytearray(DATA)
        bad[1000] ^= 0x01
        self.stub("GET", FILE, content=bytes(bad))
        target = self.path("out.img")
        error = self.assertRaises(
            exceptions.ChecksumMismatch, self.client.images.download, ID, target
        )
        self.assertEqual("sha512", error.algorithm)
        self.assertEqual([], os.listdir(self.dir))

    def test_an_interrupted_download_keeps_the_part_and_resumes_with_range(self):
        half = 1024 * 1024
        self.stub("GET", FILE, body=_Broken(DATA[:half]),
                  headers={"Content-Length": str(len(DATA))})  # fmt: skip
        target = self.path("out.img")
        error = self.assertRaises(
            exceptions.TransportError, self.client.images.download, ID, target
        )
        self.assertIn("interrupted after %d of %d bytes" % (half, len(DATA)), str(error))
        self.assertIn("resume=True", str(error))
        self.assertFalse(os.path.exists(target))
        self.assertEqual(half, os.path.getsize(target + ".part"))

        self.stub("GET", FILE, content=DATA[half:], status=206,
                  headers={"Content-Range": "bytes %d-%d/%d" % (half, len(DATA) - 1, len(DATA))})  # fmt: skip
        result = self.client.images.download(ID, target, resume=True)
        self.assertRequest("GET", FILE, headers={"Range": "bytes=%d-" % half})
        self.assertEqual((half, "sha512"), (result.resumed_from, result.verified_with))
        with open(target, "rb") as handle:
            self.assertEqual(DATA, handle.read())

    def test_resume_from_a_corrupted_part_is_caught_end_to_end(self):
        target = self.path("out.img")
        self.path("out.img.part", b"X" + DATA[1:100])
        self.stub("GET", FILE, content=DATA[100:], status=206,
                  headers={"Content-Range": "bytes 100-%d/%d" % (len(DATA) - 1, len(DATA))})  # fmt: skip
        self.assertRaises(exceptions.ChecksumMismatch, self.client.images.download, ID, target,
                          resume=True)  # fmt: skip
        self.assertEqual([], os.listdir(self.dir))

    def test_a_server_ignoring_range_restarts_from_zero(self):
        target = self.path("out.img")
        self.path("out.img.part", DATA[:100])
        self.stub("GET", FILE, content=DATA)
        result = self.client.images.download(ID, target, resume=True)
        self.assertEqual(0, result.resumed_from)
        with open(target, "rb") as handle:
            self.assertEqual(DATA, handle.read())

    def test_a_complete_part_is_verified_without_downloading(self):
        target = self.path("out.img")
        self.path("out.img.part", DATA)
        result = self.client.images.download(ID, target, resume=True)
        self.assertEqual(len(DATA), result.resumed_from)
        self.assertEqual([], self.requests_to("GET", FILE))

    def test_a_short_body_is_a_size_mismatch(self):
        self.stub("GET", FILE, content=DATA[:10])
        error = self.assertRaises(exceptions.ChecksumMismatch, self.client.images.download, ID,
                                  io.BytesIO())  # fmt: skip
        self.assertEqual("size", error.algorithm)

    def test_an_image_without_data_is_refused_before_downloading(self):
        self.stub("GET", "/images/" + ID, json=dict(ACTIVE, status="queued", size=None))
        error = self.assertRaises(exceptions.ClientException, self.client.images.download, ID,
                                  io.BytesIO())  # fmt: skip
        self.assertIn("status is queued", str(error))
        self.assertEqual([], self.requests_to("GET", FILE))

    def test_a_bad_target_is_refused(self):
        self.assertRaises(exceptions.ValidationError, self.client.images.download, ID, 42)

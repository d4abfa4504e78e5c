"""Interoperable import on the wire: discovery, stage, import bodies, waiting store by store."""

from __future__ import annotations

import hashlib

from stackclient.apiclient import exceptions
from stackclient.image.v2 import _imports, client
from stackclient.image.v2._transfer import Transfer
from tests.unit import service_utils

ID = "0b3e8b7e-3c9f-4a53-8a5e-2f1e7c1d9a01"
IMPORT = "/images/%s/import" % ID


def image(**fields):
    base = {"id": ID, "status": "importing", "os_glance_import_task": "t1",
            "os_glance_importing_to_stores": "", "os_glance_failed_import": "", "stores": ""}  # fmt: skip
    base.update(fields)
    return base


class _Clock:
    def __init__(self):
        self.now = 0.0

    def time(self):
        return self.now

    def sleep(self, seconds):
        self.now += seconds


class ImportTestCase(service_utils.ServiceTestCase):
    client_class = client.Client


class TestDiscovery(ImportTestCase):
    def test_import_methods(self):
        self.stub("GET", "/info/import", json={"import-methods": {
            "description": "Import methods available.", "type": "array",
            "value": ["glance-direct", "web-download", "copy-image"]}})  # fmt: skip
        self.assertEqual(
            ["glance-direct", "web-download", "copy-image"], self.client.get_import_info()
        )
        self.assertRequest("GET", "/info/import")

    def test_stores(self):
        self.stub("GET", "/info/stores", json={"stores": [
            {"id": "fs1", "description": "first", "default": True}, {"id": "fs2"}]})  # fmt: skip
        stores = self.client.stores()
        self.assertEqual(["fs1", "fs2"], [s.id for s in stores])
        self.assertEqual([True, False], [s.is_default for s in stores])
        self.assertRequest("GET", "/info/stores")

    def test_a_malformed_answer_is_an_invalid_response(self):
        self.stub("GET", "/info/import", json={"nothing": 1})
        self.assertRaises(exceptions.InvalidResponse, self.client.get_import_info)


class TestStartImport(ImportTestCase):
    def setUp(self):
        super().setUp()
        self.stub("POST", IMPORT, status=202)

    def test_glance_direct(self):
        self.client.import_image(ID)
        self.assertRequest("POST", IMPORT, json={"method": {"name": "glance-direct"}})

    def test_web_download_to_stores(self):
        self.client.images.import_image(
            ID, "web-download", uri="http://127.0.0.1:8000/x.img", stores=["fs1", "fs2"],
            all_stores_must_succeed=False,
        )  # fmt: skip
        self.assertRequest(
            "POST",
            IMPORT,
            json={
                "method": {"name": "web-download", "uri": "http://127.0.0.1:8000/x.img"},
                "stores": ["fs1", "fs2"],
                "all_stores_must_succeed": False,
            },  # fmt: skip
        )

    def test_copy_image_to_all_stores(self):
        self.client.images.import_image(ID, "copy-image", all_stores=True)
        self.assertRequest(
            "POST", IMPORT, json={"method": {"name": "copy-image"}, "all_stores": True}
        )

    def test_web_download_needs_a_uri(self):
        self.assertRaises(exceptions.ValidationError, self.client.import_image, ID, "web-download")
        self.assertEqual([], self.requests_to("POST", IMPORT))


class TestWaitForImport(ImportTestCase):
    def wait(self, states, **kwargs):
        self.requests_mock.get(self.endpoint + "/images/" + ID, [{"json": s} for s in states])
        clock = _Clock()
        seen = []
        result = _imports.wait(
            self.client.images, ID, kwargs.pop("stores", None), 1.0, kwargs.pop("timeout", 60),
            seen.append, kwargs.pop("verify", None), _clock=(clock.time, clock.sleep),
        )  # fmt: skip
        return result, seen

    def test_reports_each_store_until_the_lock_is_released(self):
        result, seen = self.wait([
            image(os_glance_importing_to_stores="fs1,fs2"),
            image(os_glance_importing_to_stores="fs2", stores="fs1"),
            image(status="active", stores="fs1,fs2", os_glance_import_task=None),
        ])  # fmt: skip
        self.assertEqual("active", result.status)
        self.assertEqual(
            [(("fs1", "fs2"), ()), (("fs2",), ("fs1",)), ((), ("fs1", "fs2"))],
            [(p.importing, p.stores) for p in seen],
        )
        self.assertEqual([0.0, 1.0, 2.0], [p.elapsed for p in seen])

    def test_copy_image_waits_for_the_target_store_while_the_image_is_active(self):
        result, seen = self.wait([
            image(status="active", stores="fs1", os_glance_import_task=None),
            image(status="active", stores="fs1,fs2", os_glance_import_task=None),
        ], stores=["fs2"])  # fmt: skip
        self.assertEqual(2, len(seen))

    def test_a_failed_store_fails_at_once(self):
        error = self.assertRaises(exceptions.ResourceFailure, self.wait, [
            image(os_glance_importing_to_stores="fs2", os_glance_failed_import="fs1"),
            image(status="active"),
        ])  # fmt: skip
        self.assertIn("failed in store(s) fs1", str(error))
        self.assertIn("importing to fs2", str(error))
        self.assertEqual(1, len(self.requests_to("GET", "/images/" + ID)))

    def test_an_import_that_ends_without_data_fails(self):
        error = self.assertRaises(exceptions.ResourceFailure, self.wait, [
            image(status="queued", os_glance_import_task=None)])  # fmt: skip
        self.assertIn("image is queued", str(error))

    def test_a_deadline_raises_wait_timeout(self):
        error = self.assertRaises(exceptions.WaitTimeout, self.wait, [image()] * 5, timeout=2)
        self.assertIn("Timed out after 2 s", str(error))

    def test_staged_hashes_are_checked_when_the_import_is_done(self):
        data = b"staged data"
        sent = Transfer(ID, len(data), {"md5": hashlib.md5(data).hexdigest(),
                                        "sha512": hashlib.sha512(data).hexdigest()})  # fmt: skip
        done = image(status="active", os_glance_import_task=None, size=len(data),
                     checksum=hashlib.md5(b"other").hexdigest())  # fmt: skip
        error = self.assertRaises(exceptions.ChecksumMismatch, self.wait, [done], verify=sent)
        self.assertEqual("md5", error.algorithm)

    def test_the_public_wait_passes_its_options(self):
        self.stub("GET", "/images/" + ID, json=image(status="active", os_glance_import_task=None))
        self.assertEqual(ID, self.client.wait_for_import(ID, timeout=5).id)

"""The client: its endpoint, /info, and the account."""

from __future__ import annotations

from stackclient.apiclient import exceptions
from stackclient.object_store.v1 import capabilities, client
from tests.unit import service_utils
from tests.unit.object_store.v1 import utils

ACCOUNT = service_utils.ENDPOINTS["object-store"]


class EndpointTest(utils.ObjectStoreTestCase):
    def test_the_catalog_account_url_is_used_without_discovery(self):
        self.assertEqual(ACCOUNT, self.client.endpoint)
        self.assertEqual([], self.sent())
        self.assertEqual("/v1/AUTH_" + service_utils.PROJECT_ID, self.client.account_path)

    def test_root_url(self):
        self.assertEqual("http://h:1", capabilities.root_url("http://h:1/v1/AUTH_x"))
        self.assertEqual("https://h/swift", capabilities.root_url("https://h/swift/v1/AUTH_x/"))
        self.assertEqual("http://h", capabilities.root_url("http://h/other"))

    def test_an_endpoint_without_an_account_path_is_refused_for_temp_urls(self):
        swift = client.Client(session=self.session, endpoint_override="http://h:8080/")
        self.assertRaises(exceptions.EndpointException, lambda: swift.account_path)

    def test_api_version_other_than_1_is_refused(self):
        self.assertRaises(
            exceptions.UnsupportedVersion, client.Client, session=self.session, api_version="2"
        )


class InfoTest(utils.ObjectStoreTestCase):
    def test_info_is_fetched_once_without_a_token(self):
        caps = self.client.info()
        self.client.info()
        (request,) = self.sent("GET")
        self.assertEqual("http://swift.test:8080/info", request.url)
        self.assertNotIn("X-Auth-Token", request.headers)
        self.assertEqual(
            (5368709122, 1000, 10000, ["sha256", "sha512"]),
            (
                caps.max_file_size,
                caps.max_manifest_segments,
                caps.max_deletes_per_request,
                caps.tempurl_digests,
            ),
        )
        self.assertIn("slo", caps.middleware)

    def test_refresh_asks_again(self):
        self.client.info()
        self.client.info(refresh=True)
        self.assertEqual(2, len(self.sent("GET")))

    def test_a_cluster_that_hides_info_gives_swifts_defaults(self):
        self.stub("GET", "http://swift.test:8080/info", status=404, text="nope")
        caps = self.client.info()
        self.assertEqual(
            (5368709122, 1000, 10000, []),
            (
                caps.max_file_size,
                caps.max_manifest_segments,
                caps.container_listing_limit,
                caps.tempurl_digests,
            ),
        )


class AccountTest(utils.ObjectStoreTestCase):
    def test_get_reads_totals_and_metadata_from_a_head(self):
        self.client.containers.create("a")
        self.client.objects.upload("a", "o", b"12345")
        self.client.account.set_metadata({"team": "Zoë"})
        account = self.client.account.get()
        self.assertEqual(
            (1, 1, 5), (account.container_count, account.object_count, account.bytes_used)
        )
        self.assertEqual({"team": "Zoë"}, account.metadata)
        self.assertEqual("HEAD", self.requests_mock.last_request.method)
        self.assertEqual(ACCOUNT, self.requests_mock.last_request.url)

    def test_metadata_post_sets_and_removes(self):
        self.client.account.update(
            metadata={"a": "1", "b": None}, headers={"X-Account-Meta-Quota-Bytes": 5}
        )
        request = self.sent("POST")[-1]
        self.assertEqual(
            ("1", "x", "5"),
            (
                request.headers["X-Account-Meta-a"],
                request.headers["X-Remove-Account-Meta-b"],
                request.headers["X-Account-Meta-Quota-Bytes"],
            ),
        )

    def test_temp_url_keys(self):
        self.client.account.set_temp_url_key("one")
        self.client.account.set_temp_url_key("two", second=True)
        self.assertEqual(["one", "two"], self.client.account.temp_url_keys())
        self.client.account.set_temp_url_key(None)
        self.assertEqual("x", self.sent("POST")[-1].headers["X-Remove-Account-Meta-temp-url-key"])

    def test_refresh(self):
        account = self.client.account.get()
        self.client.containers.create("a")
        self.assertEqual(1, account.get().container_count)


class BulkDeleteTest(utils.ObjectStoreTestCase):
    def test_one_post_with_quoted_paths(self):
        self.client.containers.create("c")
        for name in ("a b", "ü"):
            self.client.objects.upload("c", name, b"x")
        result = self.client.objects.bulk_delete("c", ["a b", "ü", "missing"])
        self.assertEqual((2, 1, []), tuple(result))
        request = self.sent("POST")[-1]
        self.assertEqual({"bulk-delete": [""]}, self.query_of(request))
        self.assertEqual(b"/c/a%20b\n/c/%C3%BC\n/c/missing", request.body)
        self.assertEqual("text/plain", request.headers["Content-Type"])

    def test_batches_follow_the_cluster_limit(self):
        self.swift.info = dict(self.swift.info, bulk_delete={"max_deletes_per_request": 2})
        self.client.containers.create("c")
        result = self.client.objects.bulk_delete("c", ["a", "b", "c", "d", "e"])
        self.assertEqual(5, result.not_found)
        self.assertEqual(3, len(self.sent("POST")))

    def test_failures_raise_the_status_with_the_names(self):
        self.client.containers.create("full")
        self.client.objects.upload("full", "o", b"x")
        error = self.assertRaises(exceptions.BadRequest, self.client.bulk_delete, ["full"])
        self.assertIn("/full: 409 Conflict", str(error))
        self.assertEqual([("/full", "409 Conflict")], error.bulk_errors)

    def test_client_paths_are_checked_before_sending(self):
        self.assertRaises(exceptions.ValidationError, self.client.bulk_delete, ["c/a\x00"])
        self.assertEqual([], self.sent("POST"))

    def test_without_the_middleware_objects_are_deleted_one_by_one(self):
        self.swift.info = {"swift": {}}
        self.client.containers.create("c")
        for name in "abc":
            self.client.objects.upload("c", name, b"x")
        seen = []
        result = self.client.objects.bulk_delete("c", ["a", "b", "c", "zz"], progress=seen.append)
        self.assertEqual((3, 1), (result.deleted, result.not_found))
        self.assertEqual(4, len(self.sent("DELETE")))
        self.assertEqual(4, seen[-1].objects_done)

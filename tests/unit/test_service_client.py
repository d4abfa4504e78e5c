"""ServiceClient and ServiceManager: the pieces every service client is built from.

A made-up "widget" collection on the network endpoint and one on the compute
endpoint stand in for the real services, so that what is shared is tested
once, on the wire.
"""

from __future__ import annotations

import threading

import fixtures

from stackclient import discover, service_client
from stackclient.apiclient import exceptions, service
from tests.unit import service_utils


class Widget(service.ServiceResource):
    pass


class WidgetManager(service.ServiceManager):
    resource_class = Widget
    collection_key = "widgets"
    key = "widget"


class RegexWidgetManager(WidgetManager):
    name_filter_regex = True


class NetClient(service_client.ServiceClient):
    service_type = "network"
    api_major = (2, 0)
    widgets = service_client.LazyManager(__name__, "WidgetManager")
    regex_widgets = service_client.LazyManager(__name__, "RegexWidgetManager")
    sdk_resources = {"widget": "widgets"}


class ComputeClient(service_client.ServiceClient):
    service_type = "compute"
    api_major = (2, 1)
    microversion_type = "compute"
    legacy_microversion_header = "X-OpenStack-Nova-API-Version"
    microversion_range = ("2.1", "2.90")
    widgets = service_client.LazyManager(__name__, "WidgetManager")


class VolumeClient(service_client.ServiceClient):
    service_type = "block-storage"
    api_major = (3, 0)
    microversion_type = "volume"
    microversion_range = ("3.0", "3.80")
    widgets = service_client.LazyManager(__name__, "WidgetManager")


NET = "http://neutron.test:9696/v2.0"
W1 = {"id": "8d4d3ee0-6a46-4a6b-9e6f-1b2a3c4d5e6f", "name": "zuul", "project_id": "p1"}
W2 = {"id": "9e5e4ff1-7b57-4b7c-8f70-2c3b4d5e6f70", "name": "zuul", "project_id": "p2"}


class TestDiscoveryThroughTheClient(service_utils.ServiceTestCase):
    client_class = NetClient

    def test_an_unversioned_catalog_url_is_discovered_once_per_session(self):
        self.stub("GET", "/widgets", json={"widgets": [W1]})
        self.client.widgets.list()
        NetClient(session=self.session).widgets.list()
        roots = [r for r in self.requests_mock.request_history if r.path in ("", "/")]
        self.assertEqual(1, len(roots))
        self.assertEqual(NET, self.client.endpoint)
        self.assertRequest("GET", NET + "/widgets", query={})

    def test_get_endpoint_answers_as_an_sdk_proxy_does(self):
        self.assertEqual(NET, self.client.get_endpoint())
        catalog_url = self.client.get_endpoint(interface="public")
        self.assertEqual(self.client.adapter.get_endpoint(interface="public"), catalog_url)
        self.assertTrue(catalog_url)

    def test_endpoint_override_with_a_version_needs_no_discovery(self):
        client = NetClient(session=self.session, endpoint_override="http://other.test:9696/v2.0/")
        self.requests_mock.get("http://other.test:9696/v2.0/widgets", json={"widgets": []})
        self.assertEqual([], client.widgets.list())
        self.assertEqual(["/v3/auth/tokens", "/v2.0/widgets"],
                         [r.path for r in self.requests_mock.request_history])  # fmt: skip

    def test_a_wrong_major_version_is_refused_when_the_client_is_built(self):
        self.assertRaises(exceptions.UnsupportedVersion, NetClient, self.session, api_version="3")

    def test_no_microversion_header_for_a_service_without_microversions(self):
        self.stub("GET", "/widgets", json={"widgets": []})
        self.client.widgets.list()
        self.assertNotIn("OpenStack-API-Version", self.requests_mock.last_request.headers)
        self.assertIsNone(self.client.microversion)

    def test_the_request_id_of_the_last_response_is_kept(self):
        self.stub(
            "GET", "/widgets", json={"widgets": []}, headers={"x-openstack-request-id": "req-1"}
        )
        self.client.widgets.list()
        self.assertEqual("req-1", self.client.last_request_id)
        self.stub("GET", "/widgets/x", status=404, json={"NeutronError": {"message": "gone"}},
                  headers={"x-openstack-request-id": "req-2"})  # fmt: skip
        self.assertRaises(exceptions.NotFound, self.client.widgets.get, "x")
        self.assertEqual("req-2", self.client.last_request_id)


class TestMicroversions(service_utils.ServiceTestCase):
    def test_default_is_the_newest_both_sides_know(self):
        client = ComputeClient(session=self.session)
        self.stub_compute(client)
        client.widgets.list()
        self.assertRequest("GET", "http://nova.test:8774/v2.1/widgets", headers={
            "OpenStack-API-Version": "compute 2.90", "X-OpenStack-Nova-API-Version": "2.90"})  # fmt: skip
        self.assertEqual("2.90", client.microversion)

    def test_latest_is_the_servers_newest(self):
        client = ComputeClient(session=self.session, api_version="latest")
        self.assertEqual("2.100", client.microversion)

    def test_a_pin_the_server_cannot_serve_fails_before_any_other_request(self):
        client = ComputeClient(session=self.session, api_version="2.200")
        error = self.assertRaises(exceptions.UnsupportedVersion, client.widgets.list)
        self.assertIn("2.1 to 2.100", str(error))
        self.assertIn("2.1 to 2.90", str(error))
        self.assertEqual(
            [], [r for r in self.requests_mock.request_history if "widgets" in r.path]
        )

    def test_a_pin_is_sent_and_the_answer_recorded_on_the_resources(self):
        client = ComputeClient(session=self.session, api_version="2.47")
        self.stub_compute(client, headers={"OpenStack-API-Version": "compute 2.47"})
        widget = client.widgets.list()[0]
        self.assertEqual(
            "compute 2.47", self.requests_mock.last_request.headers["OpenStack-API-Version"]
        )
        self.assertEqual("2.47", widget.microversion)

    def test_one_call_may_ask_for_another_microversion(self):
        client = ComputeClient(session=self.session)
        self.stub_compute(client)
        client.get("/widgets", microversion="2.10")
        self.assertEqual(
            "2.10", self.requests_mock.last_request.headers["X-OpenStack-Nova-API-Version"]
        )

    def test_block_storage_is_found_under_its_volumev3_alias_with_the_project(self):
        client = VolumeClient(session=self.session)
        self.assertEqual(
            "http://cinder.test:8776/v3/%s" % service_utils.PROJECT_ID, client.endpoint
        )
        self.assertEqual("3.71", client.microversion)
        self.requests_mock.get(client.endpoint + "/widgets", json={"widgets": []})
        client.widgets.list()
        self.assertEqual(
            "volume 3.71", self.requests_mock.last_request.headers["OpenStack-API-Version"]
        )

    def test_a_feature_newer_than_the_negotiated_version_is_refused_before_sending(self):
        client = VolumeClient(session=self.session, api_version="3.20")
        error = self.assertRaises(
            exceptions.UnsupportedVersion, client.require_microversion, "3.27", "Attachments"
        )
        for text in ("Attachments", "3.27", "3.20", "3.0 to 3.71"):
            self.assertIn(text, str(error))
        self.assertEqual("3.71", VolumeClient(session=self.session).require_microversion(
            "3.27", "Attachments"))  # fmt: skip

    def test_a_feature_the_server_lacks_is_refused_and_an_unread_range_sends_the_minimum(self):
        client = VolumeClient(session=self.session)
        error = self.assertRaises(
            exceptions.UnsupportedVersion, client.require_microversion, "3.90", "Teleport"
        )
        self.assertIn("offers 3.0 to 3.71", str(error))
        bare = VolumeClient(session=self.session, endpoint_override="http://bare.test/v3")
        for url in ("http://bare.test/v3", "http://bare.test"):
            self.requests_mock.get(url, status_code=404)
        self.assertEqual("3.27", bare.require_microversion("3.27", "Attachments"))
        net = NetClient(session=self.session)
        self.assertRaises(exceptions.UnsupportedVersion, net.require_microversion, "2.1", "X")

    def test_threads_discover_an_endpoint_once(self):
        client = ComputeClient(session=self.session)
        self.stub_compute(client)
        threads = [threading.Thread(target=client.widgets.list) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        docs = [r for r in self.requests_mock.request_history if r.path.rstrip("/") == "/v2.1"]
        self.assertEqual(1, len(docs))

    def stub_compute(self, client, headers=None):
        self.requests_mock.get("http://nova.test:8774/v2.1/widgets", json={"widgets": [W1]},
                               headers=headers or {})  # fmt: skip


class TestManagerVerbs(service_utils.ServiceTestCase):
    client_class = NetClient

    def test_create_sends_the_fields_under_the_key(self):
        self.stub("POST", "/widgets", json={"widget": W1}, status=201)
        widget = self.client.widgets.create(name="zuul", admin_state_up=True)
        self.assertRequest(
            "POST", "/widgets", json={"widget": {"name": "zuul", "admin_state_up": True}}
        )
        self.assertEqual(W1["id"], widget.id)

    def test_a_wait_rereads_a_resource_of_another_client_through_this_one(self):
        other = NetClient(session=self.session, endpoint_override="http://other.test:9696/v2.0")
        foreign = other.widgets._bound(W1["id"])
        self.stub("GET", "/widgets/" + W1["id"], json={"widget": dict(W1, status="ACTIVE")})
        found = self.client.widgets.wait_for_status(foreign, "ACTIVE", interval=0)
        self.assertIs(self.client.widgets, found.manager)
        self.assertRequest("GET", "/widgets/" + W1["id"])

    def test_list_filters_repeat_lists_and_spell_bools_in_lowercase(self):
        self.stub("GET", "/widgets", json={"widgets": [W1]})
        self.client.widgets.list(fields=["id", "name"], shared=False, name=None)
        self.assertRequest(
            "GET", "/widgets", query={"fields": ["id", "name"], "shared": ["false"]}
        )

    def test_iterate_follows_neutron_style_links(self):
        page2 = NET + "/widgets?limit=1&marker=" + W1["id"]
        self.stub("GET", "/widgets?limit=1", json={
            "widgets": [W1], "widgets_links": [{"rel": "next", "href": page2}]})  # fmt: skip
        self.requests_mock.get(page2, json={"widgets": [W2]}, complete_qs=True)
        self.requests_mock.get(NET + "/widgets?limit=1", json={
            "widgets": [W1], "widgets_links": [{"rel": "next", "href": page2}]}, complete_qs=True)  # fmt: skip
        self.assertEqual([W1["id"], W2["id"]], [w.id for w in self.client.widgets(limit=1)])

    def test_iterate_follows_a_link_header(self):
        page2 = NET + "/widgets?marker=" + W1["id"]
        self.requests_mock.get(NET + "/widgets", [
            {"json": {"widgets": [W1]}, "headers": {"Link": '<%s>; rel="next"' % page2}},
            {"json": {"widgets": [W2]}},
        ])  # fmt: skip
        self.assertEqual(2, len(self.client.widgets.list()))

    def test_update_puts_and_delete_deletes_the_member(self):
        self.stub("PUT", "/widgets/" + W1["id"], json={"widget": W1})
        self.client.widgets.update(Widget(None, W1), name="x")
        self.assertRequest("PUT", "/widgets/" + W1["id"], json={"widget": {"name": "x"}})
        self.stub("DELETE", "/widgets/" + W1["id"], status=204)
        self.assertIsNone(self.client.widgets.delete(W1["id"]))

    def test_ids_that_would_address_another_resource_are_refused_before_sending(self):
        for bad in (None, "", ".", ".."):
            self.assertRaises(exceptions.ValidationError, self.client.widgets.delete, bad)
        self.assertEqual([], self.requests_to("DELETE", ""))

    def test_delete_of_a_missing_item_raises_unless_told_to_ignore_it(self):
        self.stub("DELETE", "/widgets/nope", status=404, json={"NeutronError": {"message": "x"}})
        self.assertRaises(exceptions.NotFound, self.client.widgets.delete, "nope")
        self.client.widgets.delete("nope", ignore_missing=True)
        self.assertIsNone(self.client.delete_widget("nope"))

    def test_create_many_is_one_post(self):
        self.stub("POST", "/widgets", json={"widgets": [W1, W2]}, status=201)
        made = self.client.widgets.create_many([{"name": "a"}, {"name": "b"}])
        self.assertRequest("POST", "/widgets", json={"widgets": [{"name": "a"}, {"name": "b"}]})
        self.assertEqual(2, len(made))

    def test_a_created_item_that_is_not_an_object_is_an_invalid_response(self):
        # Silently dropping it would hide a resource the server may have made.
        self.stub("POST", "/widgets", json={"widgets": [W1, "oops"]}, status=201)
        error = self.assertRaises(
            exceptions.InvalidResponse, self.client.widgets.create_many, [{"name": "a"}, {}]
        )
        self.assertIn("position 1", str(error))
        self.stub("GET", "/widgets", json={"widgets": [W1, 7]})
        error = self.assertRaises(exceptions.InvalidResponse, self.client.widgets.list)
        self.assertIn("/widgets", str(error))


class TestFind(service_utils.ServiceTestCase):
    client_class = NetClient

    def test_a_name_is_found_with_one_filtered_request(self):
        self.stub("GET", "/widgets", json={"widgets": [W1]})
        self.assertEqual(W1["id"], self.client.find_widget("zuul").id)
        self.assertEqual(1, len(self.requests_to("GET", "/widgets")))
        self.assertRequest("GET", "/widgets", query={"name": ["zuul"]})

    def test_a_uuid_is_tried_as_an_id_first(self):
        self.stub("GET", "/widgets/" + W1["id"], json={"widget": W1})
        self.assertEqual(W1["id"], self.client.widgets.find(W1["id"]).id)
        self.assertEqual(1, len(self.requests_to("GET", "/widgets")))

    def test_several_matches_raise_with_every_candidate(self):
        self.stub("GET", "/widgets", json={"widgets": [W1, W2]})
        error = self.assertRaises(exceptions.NoUniqueMatch, self.client.find_widget, "zuul")
        for item in (W1, W2):
            self.assertIn("%s (project %s)" % (item["id"], item["project_id"]), str(error))

    def test_candidates_show_an_owner_field_as_their_project(self):
        owned = [{"id": w["id"], "name": "zuul", "owner": w["project_id"]} for w in (W1, W2)]
        self.stub("GET", "/widgets", json={"widgets": owned})
        error = self.assertRaises(exceptions.NoUniqueMatch, self.client.find_widget, "zuul")
        self.assertIn("%s (project p2)" % W2["id"], str(error))

    def test_a_server_side_regex_match_is_not_taken_for_the_name(self):
        self.stub("GET", "/widgets", json={"widgets": [dict(W2, name="zuul-2")]})
        self.stub("GET", "/widgets/zuul", status=404, json={"NeutronError": {"message": "x"}})
        self.assertIsNone(self.client.find_widget("zuul"))
        self.assertRaises(exceptions.NotFound, self.client.widgets.find, "zuul")

    def test_a_regex_name_filter_gets_the_name_escaped_and_anchored(self):
        self.stub("GET", "/widgets", json={"widgets": [dict(W1, name="web.1 (a)")]})
        self.assertEqual(W1["id"], self.client.regex_widgets.find("web.1 (a)").id)
        self.assertRequest("GET", "/widgets", query={"name": [r"^web\.1\ \(a\)$"]})

    def test_project_scope_is_sent_as_a_filter(self):
        self.stub("GET", "/widgets", json={"widgets": [W1]})
        self.client.find_widget("zuul", project_id="p1")
        self.assertRequest("GET", "/widgets", query={"name": ["zuul"], "project_id": ["p1"]})

    def test_find_or_create_converges_on_the_oldest_twin(self):
        mine = dict(W2, created_at="2026-01-02T00:00:00Z")
        theirs = dict(W1, created_at="2026-01-01T00:00:00Z")
        self.requests_mock.get(
            NET + "/widgets", [{"json": {"widgets": []}}, {"json": {"widgets": [mine, theirs]}}]
        )
        self.stub("GET", "/widgets/zuul", status=404, json={"NeutronError": {"message": "x"}})
        self.stub("POST", "/widgets", json={"widget": mine}, status=201)
        self.stub("DELETE", "/widgets/" + mine["id"], status=204)
        self.client.widgets.twin_settle = 0
        self.assertEqual(theirs["id"], self.client.widgets.find_or_create("zuul").id)
        self.assertEqual(1, len(self.requests_to("DELETE", "/widgets/" + mine["id"])))

    def test_find_or_create_looks_for_the_name_within_its_scope(self):
        self.stub("GET", "/widgets", json={"widgets": [W1]})
        manager = ScopedWidgetManager(self.client)
        found = manager.find_or_create("zuul", network_id="n1", project_id="p1", size=3)
        self.assertEqual(W1["id"], found.id)
        self.assertRequest("GET", "/widgets", query={
            "name": ["zuul"], "network_id": ["n1"], "project_id": ["p1"]})  # fmt: skip

    def test_find_or_create_waits_before_it_looks_for_twins(self):
        self.requests_mock.get(NET + "/widgets", json={"widgets": []})
        self.stub("GET", "/widgets/zuul", status=404, json={"NeutronError": {"message": "x"}})
        self.stub("POST", "/widgets", json={"widget": W1}, status=201)
        slept = []
        self.useFixture(fixtures.MonkeyPatch("time.sleep", slept.append))
        self.assertEqual(W1["id"], self.client.widgets.find_or_create("zuul").id)
        self.assertEqual([1.0], slept)

    def test_with_uuid_ids_a_name_that_is_missing_costs_one_request(self):
        self.stub("GET", "/widgets", json={"widgets": []})
        manager = ScopedWidgetManager(self.client)
        self.assertIsNone(manager.find("zuul", ignore_missing=True))
        self.assertEqual(1, len(self.requests_to("GET", "/widgets")))

    def test_a_resource_without_names_is_only_found_by_id(self):
        self.stub(
            "GET", "/widgets/not-a-uuid", status=404, json={"NeutronError": {"message": "x"}}
        )
        self.assertIsNone(NamelessManager(self.client).find("not-a-uuid", ignore_missing=True))
        self.assertEqual(1, len(self.requests_to("GET", "/widgets")))


class ScopedWidgetManager(WidgetManager):
    uuid_ids = True
    find_or_create_scope = ("project_id", "network_id")


class Nameless(service.ServiceResource):
    NAME_ATTR = None


class NamelessManager(WidgetManager):
    resource_class = Nameless
    verbs = frozenset(("get", "list"))


class TestVerbsTheApiLacks(service_utils.ServiceTestCase):
    client_class = NetClient

    def test_are_refused_before_anything_is_sent(self):
        manager = NamelessManager(self.client)
        calls = (
            lambda: manager.create(name="x"),
            lambda: manager.create_many([{"name": "x"}]),
            lambda: manager.update(W1["id"], name="x"),
            lambda: manager.delete(W1["id"]),
        )
        for call in calls:
            error = self.assertRaises(exceptions.MethodNotImplemented, call)
            self.assertIn("get, list", str(error))
        self.assertEqual(
            [], [r for r in self.requests_mock.request_history if "widgets" in r.path]
        )


class TestConstruction(service_utils.ServiceTestCase):
    def test_without_any_way_to_authenticate_the_error_says_what_to_pass(self):
        error = self.assertRaises(exceptions.AuthorizationFailure, NetClient)
        self.assertIn("session=", str(error))

    def test_a_token_and_an_endpoint_need_no_catalog(self):
        client = NetClient(token="tok", endpoint="http://neutron.test:9696/v2.0")
        self.requests_mock.get(NET + "/widgets", json={"widgets": []})
        client.widgets.list()
        self.assertEqual("tok", self.requests_mock.last_request.headers["X-Auth-Token"])

    def test_sdk_verbs_are_generated_with_documentation(self):
        self.assertIn("NoUniqueMatch", NetClient.find_widget.__doc__)
        self.assertEqual("delete_widget", NetClient.delete_widget.__name__)

    def test_an_entry_may_choose_its_verbs_including_bulk_and_find_or_create(self):
        class Picky(service_client.ServiceClient):
            service_type = "network"
            api_major = (2, 0)
            widgets = service_client.LazyManager(__name__, "WidgetManager")
            sdk_resources = {"widget": ("widgets", "get find create_many find_or_create")}

        self.assertFalse(hasattr(Picky, "update_widget"))
        self.assertEqual("create_widgets", Picky.create_widgets.__name__)
        self.client = Picky(session=self.session)
        self.stub("POST", "/widgets", json={"widgets": [W1, W2]}, status=201)
        self.assertEqual(2, len(self.client.create_widgets([{"name": "a"}, {"name": "b"}])))
        self.stub("GET", "/widgets", json={"widgets": [W1]})
        self.assertEqual(W1["id"], self.client.find_or_create_widget("zuul").id)

    def test_an_unknown_verb_in_the_table_is_a_programming_error(self):
        def define():
            class Bad(service_client.ServiceClient):
                sdk_resources = {"widget": ("widgets", "get frobnicate")}

        self.assertRaises(TypeError, define)

    def test_a_missing_endpoint_names_the_service(self):
        client = NetClient(session=self.session, region_name="Mars")
        self.assertRaises(exceptions.EndpointNotFound, client.get, "/widgets")


class TestDiscoverFunction(service_utils.ServiceTestCase):
    def _get(self, url):
        return self.session.get(url, authenticated=False, raise_exc=False)

    def test_root_discovery_keeps_the_catalogs_origin_and_prefix(self):
        self.requests_mock.get("https://cloud.test/network", json={"versions": [
            {"id": "v2.0", "status": "CURRENT",
             "links": [{"rel": "self", "href": "http://10.0.0.5:9696/v2.0/"}]}]})  # fmt: skip
        data = discover.discover(self._get, "https://cloud.test/network", (2, 0))
        self.assertEqual("https://cloud.test/network/v2.0", data.url)

    def test_a_service_without_the_wanted_major_version_is_refused(self):
        self.requests_mock.get(
            "http://old.test/", json={"versions": [{"id": "v1.0", "status": "CURRENT"}]}
        )
        error = self.assertRaises(exceptions.UnsupportedVersion, discover.discover, self._get,
                                  "http://old.test/", (2, 0))  # fmt: skip
        self.assertIn("v1.0", str(error))

    def test_no_version_document_means_the_url_is_used_as_given(self):
        self.requests_mock.get("http://plain.test/api", status_code=404)
        data = discover.discover(self._get, "http://plain.test/api", (1, 0))
        self.assertEqual("http://plain.test/api", data.url)
        self.assertFalse(data.discovered)

    def test_results_survive_a_round_trip_through_json(self):
        cache = discover.DiscoveryCache()
        cache.get_or_discover(self._get, "http://nova.test:8774/v2.1", (2, 1), True)
        other = discover.DiscoveryCache()
        other.load(cache.export() + [{"junk": 1}])
        self.assertEqual(cache.export(), other.export())

    def test_negotiation_of_a_major_only_version_is_no_pin(self):
        data = discover.EndpointData("u", "u", (2, 1), discover.Microversion(2, 1),
                                     discover.Microversion(2, 50), True)  # fmt: skip
        self.assertEqual((2, 50), discover.negotiate("compute", data, ("2.1", "2.90"), "2"))
        self.assertIsNone(discover.negotiate("compute", data, None, None))
        self.assertRaises(
            exceptions.ValidationError, discover.negotiate, "compute", data, None, "2.x"
        )


class TestReserveConnections(service_utils.ServiceTestCase):
    client_class = NetClient

    def test_the_pool_for_the_endpoint_keeps_that_many_connections(self):
        self.client.reserve_connections(24)
        adapter = self.session.session.get_adapter(self.client.endpoint)
        self.assertEqual(24, adapter._pool_maxsize)

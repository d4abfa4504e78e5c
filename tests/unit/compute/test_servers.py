"""Servers on the wire: create, list with Nova's filters and pages, show, update, delete, find."""

from __future__ import annotations

import base64
import datetime

from stackclient.apiclient import exceptions, service
from tests.unit.compute import utils

S1 = utils.uuid(1)
IMAGE = utils.uuid(900)
NET = utils.uuid(500)
PORT = utils.uuid(501)
CREATED = {"server": {"id": S1, "adminPass": "s3cr3t", "links": [], "OS-DCF:diskConfig": "MANUAL"}}


class _Port(service.ServiceResource):
    """Stands in for a network client's port: it has a MAC address."""


class TestCreate(utils.ComputeTestCase):
    def setUp(self):
        super().setUp()
        self.stub("POST", "/servers", json=CREATED, status=202, headers=self.nova_headers())

    def test_a_minimal_boot(self):
        server = self.client.servers.create("vm", IMAGE, "1", networks="none")
        self.assertRequest("POST", "/servers", json={"server": {
            "name": "vm", "imageRef": IMAGE, "flavorRef": "1", "networks": "none"}})  # fmt: skip
        self.assertEqual(S1, server.id)
        self.assertEqual("2.100", server.microversion)

    def test_every_option_goes_where_nova_wants_it(self):
        group = service.ServiceResource(None, {"id": utils.uuid(600), "name": "grp"})
        keypair = service.ServiceResource(None, {"name": "ci", "id": "ci"})
        port = _Port(None, {"id": PORT, "mac_address": "fa:16:3e:00:00:01"})
        bdm = [
            {
                "boot_index": 0,
                "uuid": IMAGE,
                "source_type": "image",
                "destination_type": "volume",
                "volume_size": 1,
                "delete_on_termination": True,
            }
        ]
        self.client.servers.create(
            "vm", IMAGE, service.ServiceResource(None, {"id": "2"}),
            networks=[NET, {"net_id": NET, "fixed_ip": "198.51.100.7", "tag": "data"}, port,
                      {"port_id": PORT}],
            block_device_mapping=bdm, key_name=keypair, user_data="#!/bin/sh\necho hi\n",
            config_drive=True, metadata={"role": "web"}, tags=["ci", "web"],
            security_groups=["default", service.ServiceResource(None, {"id": "x", "name": "web"})],
            availability_zone="nova", scheduler_hints={"group": group, "same_host": [S1]},
            min_count=1, max_count=2, description="a test", admin_pass="pw",
            access_ipv4="203.0.113.9", disk_config="AUTO", hostname="web-1",
        )  # fmt: skip
        self.assertRequest("POST", "/servers", json={
            "server": {
                "name": "vm", "imageRef": IMAGE, "flavorRef": "2",
                "networks": [{"uuid": NET}, {"uuid": NET, "fixed_ip": "198.51.100.7", "tag": "data"},
                             {"port": PORT}, {"port": PORT}],
                "block_device_mapping_v2": bdm, "key_name": "ci",
                "user_data": base64.b64encode(b"#!/bin/sh\necho hi\n").decode(),
                "config_drive": True, "metadata": {"role": "web"}, "tags": ["ci", "web"],
                "security_groups": [{"name": "default"}, {"name": "web"}],
                "availability_zone": "nova", "min_count": 1, "max_count": 2,
                "description": "a test", "adminPass": "pw", "accessIPv4": "203.0.113.9",
                "OS-DCF:diskConfig": "AUTO", "hostname": "web-1",
            },
            "OS-SCH-HNT:scheduler_hints": {"group": utils.uuid(600), "same_host": [S1]},
        })  # fmt: skip

    def test_user_data_bytes_are_encoded_as_they_are(self):
        self.client.servers.create("vm", IMAGE, "1", networks="auto", user_data=b"\x00\xff")
        self.assertEqual("AP8=", self.requests_mock.last_request.json()["server"]["user_data"])

    def test_boot_from_volume_has_no_image(self):
        self.client.servers.create("vm", flavor="1", networks="none",
                                   block_device_mapping=[{"uuid": utils.uuid(7), "boot_index": 0,
                                                          "source_type": "volume",
                                                          "destination_type": "volume"}])  # fmt: skip
        self.assertNotIn("imageRef", self.requests_mock.last_request.json()["server"])

    def test_sdk_spelling_of_image_and_flavor(self):
        self.client.create_server(
            name="vm", image_id=IMAGE, flavor_id="1", networks=[{"uuid": NET}]
        )
        self.assertRequest("POST", "/servers", json={"server": {
            "name": "vm", "imageRef": IMAGE, "flavorRef": "1", "networks": [{"uuid": NET}]}})  # fmt: skip

    def test_a_reservation_id_comes_back_alone(self):
        self.stub("POST", "/servers", json={"reservation_id": "r-abc"}, status=202)
        server = self.client.servers.create("vm", IMAGE, "1", networks="none", min_count=3,
                                            return_reservation_id=True)  # fmt: skip
        self.assertEqual("r-abc", server.reservation_id)
        self.assertTrue(self.requests_mock.last_request.json()["server"]["return_reservation_id"])

    def test_bad_arguments_are_refused_before_sending(self):
        posts = len(self.requests_to("POST", "/servers"))
        for kwargs in ({"networks": 5}, {"networks": [{"bogus": 1}]}, {"user_data": 5},
                       {"networks": [None]}):  # fmt: skip
            self.assertRaises(exceptions.ValidationError, self.client.servers.create,
                              "vm", IMAGE, "1", **kwargs)  # fmt: skip
        self.assertRaises(exceptions.ValidationError, self.client.servers.create, "vm", IMAGE)
        self.assertEqual(posts, len(self.requests_to("POST", "/servers")))

    def test_fields_newer_than_the_pin_are_refused_before_sending(self):
        from stackclient.compute.v2 import Client

        nova = Client(session=self.session, api_version="2.36")
        for kwargs in ({"tags": ["a"]}, {"networks": "auto"}, {"hostname": "h"}):
            error = self.assertRaises(exceptions.UnsupportedVersion, nova.servers.create,
                                      "vm", IMAGE, "1", **kwargs)  # fmt: skip
            self.assertIn("2.36", str(error))
        self.assertEqual([], self.requests_to("POST", "/servers"))

    def test_nova_errors_keep_its_message_and_request_id(self):
        self.stub("POST", "/servers", status=400, headers=self.nova_headers(), json={
            "badRequest": {"code": 400, "message": "Flavor 99 could not be found."}})  # fmt: skip
        error = self.assertRaises(exceptions.BadRequest, self.client.servers.create,
                                  "vm", IMAGE, "99", networks="none")  # fmt: skip
        self.assertEqual("Flavor 99 could not be found.", error.message)
        self.assertEqual("req-" + utils.uuid(77), error.request_id)

    def test_over_quota_is_forbidden_with_nova_s_numbers(self):
        message = "Quota exceeded for instances: Requested 11, but already used 0 of 10 instances"
        self.stub(
            "POST", "/servers", status=403, json={"forbidden": {"code": 403, "message": message}}
        )
        error = self.assertRaises(exceptions.Forbidden, self.client.servers.create,
                                  "vm", IMAGE, "1", networks="none", min_count=11)  # fmt: skip
        self.assertIn("Requested 11, but already used 0 of 10", str(error))


class TestList(utils.ComputeTestCase):
    def test_list_reads_the_detail_view_with_every_filter(self):
        self.stub("GET", "/servers/detail", json={"servers": [utils.server_body()]})
        since = datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
        self.client.servers.list(
            name="^web", status="ACTIVE", flavor="1", image=IMAGE, host="h1", ip="198.51",
            ip6="2001:db8", changes_since=since, changes_before="2026-02-01T00:00:00Z",
            tags=["a", "b"], tags_any=["c"], not_tags="d", not_tags_any=["e", "f"],
            all_projects=True, locked=False, sort_key=["name", "created_at"], sort_dir="asc",
            limit=50,
        )  # fmt: skip
        self.assertRequest("GET", "/servers/detail", query={
            "name": ["^web"], "status": ["ACTIVE"], "flavor": ["1"], "image": [IMAGE],
            "host": ["h1"], "ip": ["198.51"], "ip6": ["2001:db8"],
            "changes-since": ["2026-01-02T03:04:05Z"], "changes-before": ["2026-02-01T00:00:00Z"],
            "tags": ["a,b"], "tags-any": ["c"], "not-tags": ["d"], "not-tags-any": ["e,f"],
            "all_tenants": ["true"], "locked": ["false"], "sort_key": ["name", "created_at"],
            "sort_dir": ["asc"], "limit": ["50"]})  # fmt: skip

    def test_summaries_and_the_sdk_spelling(self):
        self.stub("GET", "/servers", json={"servers": [{"id": S1, "name": "a", "links": []}]})
        self.assertEqual([S1], [s.id for s in self.client.servers(details=False)])
        self.assertRequest("GET", "/servers", query={})

    def test_pages_are_followed_through_servers_links(self):
        first = {"servers": [utils.server_body(1)], "servers_links": [
            {"rel": "next", "href": utils.NOVA + "/servers/detail?limit=1&marker=" + S1}]}  # fmt: skip
        self.requests_mock.get(utils.NOVA + "/servers/detail", [
            {"json": first}, {"json": {"servers": [utils.server_body(2)]}}])  # fmt: skip
        self.assertEqual([S1, utils.uuid(2)], [s.id for s in self.client.servers(limit=1)])
        self.assertRequest("GET", "/servers/detail", query={"limit": ["1"], "marker": [S1]})

    def test_properties_read_the_body(self):
        body = utils.server_body(fault={"message": "No valid host", "code": 500})
        self.stub("GET", "/servers/detail", json={"servers": [body, utils.server_body(
            2, image="", addresses={})]})  # fmt: skip
        one, two = self.client.servers.list()
        self.assertEqual(IMAGE, one.image_id)
        self.assertEqual("No valid host", one.fault_message)
        self.assertEqual(["198.51.100.1"], one.ip_addresses)
        self.assertIsNone(two.image_id)
        self.assertEqual([], two.ip_addresses)


class TestShowUpdateDelete(utils.ComputeTestCase):
    def test_get_update_delete(self):
        self.stub("GET", "/servers/" + S1, json={"server": utils.server_body()})
        self.stub("PUT", "/servers/" + S1, json={"server": utils.server_body(name="new")})
        self.stub("DELETE", "/servers/" + S1, status=204)
        self.assertEqual("vm-1", self.client.get_server(S1).name)
        updated = self.client.update_server(S1, name="new", description="d", access_ipv6="::1")
        self.assertEqual("new", updated.name)
        self.assertRequest("PUT", "/servers/" + S1, json={"server": {
            "name": "new", "description": "d", "accessIPv6": "::1"}})  # fmt: skip
        self.client.delete_server(S1)
        self.assertRequest("DELETE", "/servers/" + S1)

    def test_force_delete_and_restore_are_actions(self):
        self.stub("POST", "/servers/%s/action" % S1, status=202)
        self.client.delete_server(S1, force=True)
        self.assertEqual({"forceDelete": None}, self.action_body())
        self.client.restore_server(S1)
        self.assertEqual({"restore": None}, self.action_body())

    def test_a_missing_server_is_ignored_only_when_asked(self):
        self.stub("DELETE", "/servers/" + S1, status=404, json={
            "itemNotFound": {"code": 404, "message": "Instance %s could not be found." % S1}})  # fmt: skip
        self.client.delete_server(S1)
        error = self.assertRaises(exceptions.NotFound, self.client.servers.delete, S1)
        self.assertIn("could not be found", str(error))

    def test_ids_that_would_address_another_resource_are_refused(self):
        for bad in (None, "", "..", "."):
            self.assertRaises(exceptions.ValidationError, self.client.servers.get, bad)


class TestFind(utils.ComputeTestCase):
    def test_a_name_is_sent_as_an_anchored_escaped_regex_and_compared_exactly(self):
        self.stub("GET", "/servers/detail", json={"servers": [
            utils.server_body(1, name="web"), utils.server_body(2, name="web-2")]})  # fmt: skip
        self.assertEqual(S1, self.client.find_server("web").id)
        self.assertRequest("GET", "/servers/detail", query={"name": ["^web$"]})

    def test_web_never_finds_web_2(self):
        self.stub("GET", "/servers/detail", json={"servers": [utils.server_body(2, name="web-2")]})
        self.stub("GET", "/servers/web", status=404, json={"itemNotFound": {"message": "nope"}})
        self.assertIsNone(self.client.find_server("web"))
        self.assertRaises(exceptions.NotFound, self.client.servers.find, "web")

    def test_an_id_is_tried_first(self):
        self.stub("GET", "/servers/" + S1, json={"server": utils.server_body()})
        self.assertEqual(S1, self.client.find_server(S1).id)
        self.assertEqual([], self.requests_to("GET", "/servers/detail"))

    def test_two_servers_with_the_name_are_not_a_match(self):
        self.stub("GET", "/servers/detail", json={"servers": [
            utils.server_body(1, name="web"), utils.server_body(2, name="web")]})  # fmt: skip
        error = self.assertRaises(exceptions.NoUniqueMatch, self.client.find_server, "web")
        self.assertIn(S1, str(error))
        self.assertIn(utils.uuid(2), str(error))

    def test_all_projects(self):
        self.stub("GET", "/servers/detail", json={"servers": [utils.server_body(1, name="w.1")]})
        self.client.find_server("w.1", all_projects=True)
        self.assertRequest("GET", "/servers/detail", query={
            "name": [r"^w\.1$"], "all_tenants": ["true"]})  # fmt: skip

"""The compute client: microversion negotiation and headers, discovery, construction."""

from __future__ import annotations

from stackclient import session
from stackclient.apiclient import exceptions
from stackclient.compute.v2 import Client, client
from tests.unit import service_utils
from tests.unit.compute import utils

VERSION_URL = utils.NOVA


class TestMicroversions(utils.ComputeTestCase):
    def test_the_newest_version_both_sides_know_is_sent_in_both_headers(self):
        self.stub("GET", "/flavors/detail", json={"flavors": []})
        self.client.flavors.list()
        self.assertRequest("GET", "/flavors/detail", headers={
            "OpenStack-API-Version": "compute 2.100",
            "X-OpenStack-Nova-API-Version": "2.100"})  # fmt: skip
        self.assertEqual("2.100", self.client.microversion)

    def test_every_call_carries_the_headers(self):
        self.stub("GET", "/servers/detail", json={"servers": []})
        self.stub("POST", "/servers/%s/action" % utils.uuid(1), status=202)
        self.client.servers.list()
        self.client.reboot_server(utils.uuid(1))
        for request in self.requests_mock.request_history[-2:]:
            self.assertEqual("compute 2.100", request.headers["OpenStack-API-Version"])
            self.assertEqual("2.100", request.headers["X-OpenStack-Nova-API-Version"])

    def test_version_negotiation_is_one_request_per_endpoint_per_session(self):
        self.stub("GET", "/flavors/detail", json={"flavors": []})
        self.client.flavors.list()
        self.client.flavors.list()
        second = Client(session=self.session)
        second.flavors.list()
        discovery = [
            r for r in self.requests_mock.request_history if r.url.rstrip("/") == VERSION_URL
        ]
        self.assertEqual(1, len(discovery))

    def test_a_pin_is_sent(self):
        nova = Client(session=self.session, api_version="2.47")
        self.stub("GET", "/flavors/detail", json={"flavors": []})
        nova.flavors.list()
        self.assertRequest("GET", "/flavors/detail", headers={
            "OpenStack-API-Version": "compute 2.47", "X-OpenStack-Nova-API-Version": "2.47"})  # fmt: skip

    def test_latest_is_the_servers_newest(self):
        nova = Client(session=self.session, api_version="latest")
        self.assertEqual("2.100", nova.microversion)

    def test_an_impossible_pin_fails_before_any_other_request_with_both_ranges(self):
        self.stub("GET", "/servers/detail", json={"servers": []})
        nova = Client(session=self.session, api_version="2.200")
        error = self.assertRaises(exceptions.UnsupportedVersion, nova.servers.list)
        self.assertIn("2.1 to 2.100", str(error))
        self.assertIn("2.1 to %s" % client.MAX_MICROVERSION, str(error))
        self.assertEqual([], self.requests_to("GET", "/servers"))

    def test_a_resource_records_the_version_its_fields_came_in(self):
        body = utils.server_body(flavor={"id": "1", "links": []})
        self.stub("GET", "/servers/" + utils.uuid(1), json={"server": body},
                  headers=self.nova_headers("2.46"))  # fmt: skip
        server = self.client.get_server(utils.uuid(1))
        self.assertEqual("2.46", server.microversion)
        self.assertEqual("1", server.flavor_id)
        self.assertIsNone(server.flavor_name)

    def test_a_listed_resource_records_the_version_too(self):
        self.stub("GET", "/servers/detail", json={"servers": [utils.server_body()]},
                  headers=self.nova_headers())  # fmt: skip
        (server,) = self.client.servers.list()
        self.assertEqual("2.100", server.microversion)
        self.assertEqual("m1.tiny", server.flavor_name)
        self.assertIsNone(server.flavor_id)

    def test_a_call_that_needs_a_newer_version_fails_before_sending(self):
        nova = Client(session=self.session, api_version="2.60")
        self.stub("POST", "/servers/%s/action" % utils.uuid(1), status=202)
        error = self.assertRaises(
            exceptions.UnsupportedVersion, nova.lock_server, utils.uuid(1), locked_reason="x"
        )
        self.assertIn("2.73", str(error))
        self.assertIn("2.60", str(error))
        self.assertEqual([], self.requests_to("POST"))

    def test_a_catalog_url_with_the_project_id_keeps_it(self):
        url = "http://nova.test:8774/v2.1/%s" % service_utils.PROJECT_ID
        nova = Client(session=self.session, endpoint_override=url)
        self.stub("GET", url + "/os-keypairs", json={"keypairs": []})
        self.assertEqual([], nova.keypairs.list())
        self.assertEqual("2.100", nova.microversion)


class TestConstruction(utils.ComputeTestCase):
    def test_a_token_and_an_endpoint_need_no_catalog(self):
        self.requests_mock.get("http://nova.example:8774/v2.1", json={"version": {
            "id": "v2.1", "status": "CURRENT", "version": "2.95", "min_version": "2.1"}})  # fmt: skip
        self.requests_mock.get("http://nova.example:8774/v2.1/os-keypairs", json={"keypairs": []})
        nova = Client(token="t0k3n", endpoint="http://nova.example:8774/v2.1")
        nova.keypairs.list()
        request = self.requests_mock.last_request
        self.assertEqual("t0k3n", request.headers["X-Auth-Token"])
        self.assertEqual("compute 2.95", request.headers["OpenStack-API-Version"])

    def test_the_client_is_importable_lazily_from_the_package(self):
        self.assertIs(client.Client, Client)

    def test_the_request_id_of_the_last_call_is_kept(self):
        self.stub("GET", "/os-keypairs", json={"keypairs": []}, headers=self.nova_headers())
        self.client.keypairs.list()
        self.assertEqual("req-" + utils.uuid(77), self.client.last_request_id)

    def test_a_session_of_our_own_works_with_the_auth_plugin(self):
        sess = session.Session(auth=self.session.auth)
        self.stub("GET", "/os-keypairs", json={"keypairs": []})
        self.assertEqual([], Client(session=sess).keypairs.list())

"""The Network client: endpoint discovery, SDK-style verbs, tags through the client."""

from __future__ import annotations

import importlib
import subprocess
import sys

from stackclient.apiclient import exceptions
from stackclient.network.v2_0 import client
from tests.unit.network import utils

N1 = {"id": utils.uuid(1), "name": "zuul", "project_id": "p1", "tags": []}
N2 = {"id": utils.uuid(2), "name": "zuul", "project_id": "p2", "tags": []}


class TestEndpoint(utils.NetworkTestCase):
    def test_a_catalog_url_without_version_is_discovered(self):
        self.assertEqual(utils.NET, self.client.endpoint)

    def test_a_catalog_url_with_the_version_is_used_as_it_is(self):
        neutron = client.Client(session=self.session, endpoint_override=utils.NET + "/")
        self.requests_mock.get(utils.NET + "/networks", json={"networks": []})
        neutron.networks.list()
        self.assertEqual(
            ["/v3/auth/tokens", "/v2.0/networks"],
            [r.path for r in self.requests_mock.request_history],
        )

    def test_api_version_other_than_2_is_refused(self):
        self.assertRaises(exceptions.UnsupportedVersion, client.Client, self.session,
                          api_version="3")  # fmt: skip


class TestSeeds(utils.NetworkTestCase):
    """The seeds' code: find a network by name, create it when there is none."""

    def test_find_network_is_one_request(self):
        self.stub("GET", "/networks", json={"networks": [N1]})
        self.assertEqual(N1["id"], self.client.find_network("zuul").id)
        self.assertEqual(1, len(self.requests_to("GET", "/networks")))
        self.assertRequest("GET", "/networks", query={"name": ["zuul"]})

    def test_a_missing_network_is_none_after_one_request_and_then_created(self):
        self.stub("GET", "/networks", json={"networks": []})
        self.stub("POST", "/networks", json={"network": N1}, status=201)
        network = self.client.find_network("zuul")
        self.assertIsNone(network)
        self.assertEqual(1, len(self.requests_to("GET", "/networks")))
        network = self.client.create_network(name="zuul")
        self.assertRequest("POST", "/networks", json={"network": {"name": "zuul"}})
        self.assertEqual("zuul", network.name)

    def test_networks_is_a_generator_over_every_page(self):
        page2 = utils.NET + "/networks?limit=1&marker=" + N1["id"]
        self.requests_mock.get(utils.NET + "/networks?limit=1", complete_qs=True, json={
            "networks": [N1], "networks_links": [{"rel": "next", "href": page2}]})  # fmt: skip
        self.requests_mock.get(page2, complete_qs=True, json={"networks": [N2]})
        found = self.client.networks(limit=1)
        self.assertEqual([], self.requests_to("GET", "/networks"))  # nothing sent yet
        self.assertEqual([N1["id"], N2["id"]], [n.id for n in found])

    def test_ambiguous_names_list_every_candidate(self):
        self.stub("GET", "/networks", json={"networks": [N1, N2]})
        error = self.assertRaises(exceptions.NoUniqueMatch, self.client.find_network, "zuul")
        self.assertIn("%s (project p1)" % N1["id"], str(error))
        self.assertIn("%s (project p2)" % N2["id"], str(error))

    def test_get_update_delete(self):
        self.stub("GET", "/networks/" + N1["id"], json={"network": N1})
        self.stub("PUT", "/networks/" + N1["id"], json={"network": dict(N1, mtu=1400)})
        self.stub("DELETE", "/networks/" + N1["id"], status=204)
        network = self.client.get_network(N1["id"])
        self.assertEqual(1400, self.client.update_network(network, mtu=1400).mtu)
        self.assertRequest("PUT", "/networks/" + N1["id"], json={"network": {"mtu": 1400}})
        self.assertIsNone(self.client.delete_network(network))
        self.assertRequest("DELETE", "/networks/" + N1["id"], json=None)

    def test_delete_ignores_a_missing_network_unless_told(self):
        self.stub("DELETE", "/networks/" + N1["id"], status=404,
                  json={"NeutronError": {"type": "NetworkNotFound", "message": "nope"}})  # fmt: skip
        self.client.delete_network(N1["id"])
        error = self.assertRaises(exceptions.NotFound, self.client.delete_network, N1["id"],
                                  ignore_missing=False)  # fmt: skip
        self.assertIn("nope", str(error))

    def test_empty_ids_are_refused_before_sending(self):
        for call in (self.client.get_network, self.client.delete_network,
                     self.client.get_port, self.client.update_router):  # fmt: skip
            for bad in (None, "", " "):
                self.assertRaises(exceptions.ValidationError, call, bad)
        self.assertRaises(exceptions.ValidationError, self.client.find_network, None)
        self.assertEqual([], self.requests_mock.request_history)  # not even the token

    def test_bulk_create_is_one_post(self):
        self.stub("POST", "/networks", json={"networks": [N1, N2]}, status=201)
        made = self.client.create_networks([{"name": "a"}, {"name": "b", "shared": True}])
        self.assertRequest("POST", "/networks", json={
            "networks": [{"name": "a"}, {"name": "b", "shared": True}]})  # fmt: skip
        self.assertEqual([N1["id"], N2["id"]], [n.id for n in made])

    def test_an_unknown_attribute_is_a_bad_request_with_neutrons_text(self):
        text = "Unrecognized attribute(s) 'colour'"
        self.stub("POST", "/networks", status=400,
                  json={"NeutronError": {"type": "HTTPBadRequest", "message": text}})  # fmt: skip
        error = self.assertRaises(exceptions.BadRequest, self.client.create_network,
                                  name="x", colour="red")  # fmt: skip
        self.assertIn(text, str(error))

    def test_find_or_create_network_creates_once(self):
        self.requests_mock.get(utils.NET + "/networks", [
            {"json": {"networks": []}}, {"json": {"networks": [N1]}}])  # fmt: skip
        self.stub("POST", "/networks", json={"network": N1}, status=201)
        self.client.networks.twin_settle = 0
        self.assertEqual(N1["id"], self.client.find_or_create_network("zuul", mtu=1400).id)
        self.assertRequest("GET", "/networks", query={"name": ["zuul"]})
        posts = self.requests_to("POST", "/networks")
        self.assertEqual({"network": {"name": "zuul", "mtu": 1400}}, posts[0].json())

    def test_ips_is_the_floating_ip_generator(self):
        self.stub("GET", "/floatingips", json={"floatingips": [{"id": utils.uuid(9)}]})
        self.assertEqual([utils.uuid(9)], [f.id for f in self.client.ips(port_id="x")])
        self.assertRequest("GET", "/floatingips", query={"port_id": ["x"]})

    def test_read_only_collections_have_no_write_verbs(self):
        for name in ("create_extension", "update_extension", "delete_extension",
                     "update_security_group_rule", "create_network_ip_availability"):  # fmt: skip
            self.assertFalse(hasattr(self.client, name), name)
        self.assertRaises(exceptions.MethodNotImplemented,
                          self.client.security_group_rules.update, utils.uuid(1), x=1)  # fmt: skip


class TestTagsThroughTheClient(utils.NetworkTestCase):
    def test_tag_verbs_go_to_the_resources_own_collection(self):
        self.stub("GET", "/ports/" + N1["id"], json={"port": dict(N1, tags=["a"])})
        self.stub("PUT", "/ports/%s/tags/b" % N1["id"], status=201)
        self.stub("PUT", "/ports/%s/tags" % N1["id"], json={"tags": ["x"]})
        self.stub("GET", "/ports/%s/tags/x" % N1["id"], status=204)
        self.stub("GET", "/ports/%s/tags" % N1["id"], json={"tags": ["x"]})
        self.stub("DELETE", "/ports/%s/tags/x" % N1["id"], status=204)
        self.stub("DELETE", "/ports/%s/tags" % N1["id"], status=204)
        port = self.client.get_port(N1["id"])
        self.client.add_tag(port, "b")
        self.assertRequest("PUT", "/ports/%s/tags/b" % N1["id"])
        self.assertEqual(["x"], self.client.set_tags(port, ["x"]))
        self.assertRequest("PUT", "/ports/%s/tags" % N1["id"], json={"tags": ["x"]})
        self.assertTrue(self.client.check_tag(port, "x"))
        self.assertEqual(["x"], self.client.get_tags(port))
        self.client.remove_tag(port, "x")
        self.assertRequest("DELETE", "/ports/%s/tags/x" % N1["id"])
        self.client.remove_all_tags(port)
        self.assertRequest("DELETE", "/ports/%s/tags" % N1["id"])

    def test_an_id_is_refused_with_a_pointer_to_the_manager(self):
        error = self.assertRaises(exceptions.ValidationError, self.client.add_tag, "abc", "t")
        self.assertIn("client.networks.add_tag", str(error))


class TestImports(utils.NetworkTestCase):
    def test_importing_the_client_loads_no_manager_module_nor_heavy_dependencies(self):
        code = (
            "import sys, stackclient.network.v2_0.client as c;"
            "loaded = lambda: sorted(m for m in sys.modules if m.startswith("
            "('stackclient.network.v2_0.', 'stevedore', 'oslo', 'yaml', 'prettytable')));"
            "print(loaded());"
            "c.Client(token='t', endpoint='http://127.0.0.1:1/v2.0').ports;"
            "print(loaded())"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        self.assertEqual(
            [
                "['stackclient.network.v2_0.client']",
                "['stackclient.network.v2_0._base', 'stackclient.network.v2_0.client', "
                "'stackclient.network.v2_0.ports']",
            ],
            result.stdout.split("\n")[:2],
        )

    def test_client_is_importable_from_the_package(self):
        from stackclient.network import v2_0

        self.assertIs(client.Client, v2_0.Client)
        self.assertRaises(AttributeError, getattr, v2_0, "Nope")

    def test_every_public_module_names_its_public_names(self):
        for name in ("networks", "subnets", "ports", "routers", "floating_ips",
                     "security_groups", "security_group_rules", "subnet_pools", "quotas",
                     "extensions", "availability_zones", "network_ip_availability"):  # fmt: skip
            module = importlib.import_module("stackclient.network.v2_0." + name)
            public = {n for n, v in vars(module).items()
                      if not n.startswith("_") and getattr(v, "__module__", None) == module.__name__}  # fmt: skip
            self.assertEqual(public, set(module.__all__), name)

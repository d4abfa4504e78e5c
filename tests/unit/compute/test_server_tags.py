"""Server tags on the wire (the shared tags API, from microversion 2.26)."""

from __future__ import annotations

from stackclient.apiclient import exceptions
from stackclient.compute.v2 import Client
from tests.unit.compute import utils

S1 = utils.uuid(1)
TAGS = "/servers/%s/tags" % S1


class TestTags(utils.ComputeTestCase):
    def test_the_tag_verbs(self):
        self.stub("GET", TAGS, json={"tags": ["a"]})
        self.stub("PUT", TAGS, json={"tags": ["b", "c"]})
        self.stub("DELETE", TAGS, status=204)
        self.stub("PUT", TAGS + "/d", status=201)
        self.stub("GET", TAGS + "/d", status=204)
        self.stub("GET", TAGS + "/z", status=404, json={"itemNotFound": {"message": "no tag"}})
        self.stub("DELETE", TAGS + "/d", status=204)
        self.assertEqual(["a"], self.client.get_tags(S1))
        self.assertEqual(["b", "c"], self.client.set_tags(S1, ["b", "c"]))
        self.assertRequest("PUT", TAGS, json={"tags": ["b", "c"]})
        self.client.add_tag(S1, "d")
        self.assertRequest("PUT", TAGS + "/d", json=None)
        self.assertTrue(self.client.check_tag(S1, "d"))
        self.assertFalse(self.client.check_tag(S1, "z"))
        self.client.remove_tag(S1, "d")
        self.assertRequest("DELETE", TAGS + "/d")
        self.client.remove_all_tags(S1)
        self.assertRequest("DELETE", TAGS)

    def test_a_server_resource_keeps_its_tags_field_current(self):
        self.stub("GET", "/servers/" + S1, json={"server": utils.server_body(tags=["a"])})
        self.stub("PUT", TAGS + "/b", status=201)
        self.stub("DELETE", TAGS + "/a", status=204)
        server = self.client.get_server(S1)
        server.add_tag("b")
        server.remove_tag("a")
        self.assertEqual(["b"], server.tags)

    def test_tags_need_2_26(self):
        nova = Client(session=self.session, api_version="2.25")
        error = self.assertRaises(exceptions.UnsupportedVersion, nova.add_tag, S1, "x")
        self.assertIn("2.26", str(error))
        self.assertEqual([], self.requests_to("PUT"))

    def test_a_string_is_not_a_list_of_tags(self):
        self.assertRaises(exceptions.ValidationError, self.client.set_tags, S1, "abc")


class TestVerbsNovaLacks(utils.ComputeTestCase):
    def test_are_refused_before_sending(self):
        for call, args in (
            (self.client.keypairs.update, ("ci",)),
            (self.client.server_groups.update, (utils.uuid(3),)),
            (self.client.hypervisors.create, ()),
            (self.client.migrations.create, ()),
            (self.client.instance_actions.create, ()),
        ):  # fmt: skip
            self.assertRaises(exceptions.MethodNotImplemented, call, *args)
        self.assertFalse(hasattr(self.client, "update_keypair"))
        self.assertFalse(hasattr(self.client, "create_hypervisor"))
        self.assertEqual([], self.requests_mock.request_history)

"""Flavors (extra specs, access) and key pairs on the wire."""

from __future__ import annotations

from stackclient.apiclient import exceptions
from stackclient.compute.v2 import Client
from tests.unit.compute import utils

TINY = {"id": "1", "name": "m1.tiny", "vcpus": 1, "ram": 512, "disk": 1, "swap": 0,
        "OS-FLV-EXT-DATA:ephemeral": 0, "os-flavor-access:is_public": True}  # fmt: skip
PROJECT = utils.uuid(42)


class TestFlavors(utils.ComputeTestCase):
    def test_list_with_filters(self):
        self.stub("GET", "/flavors/detail", json={"flavors": [TINY]})
        (tiny,) = self.client.flavors(is_public=None, min_ram=512, min_disk=1, sort_key="name")
        self.assertRequest("GET", "/flavors/detail", query={
            "is_public": ["None"], "minRam": ["512"], "minDisk": ["1"], "sort_key": ["name"]})  # fmt: skip
        self.assertEqual((0, True), (tiny.ephemeral, tiny.is_public))

    def test_find_by_name_from_2_102_uses_the_filter(self):
        self.requests_mock.get(utils.NOVA, json={"version": {
            "id": "v2.1", "version": "2.104", "min_version": "2.1", "status": "CURRENT"}})  # fmt: skip
        self.stub("GET", "/flavors/detail", json={"flavors": [TINY]})
        nova = Client(session=self.session)
        self.assertEqual("1", nova.find_flavor("m1.tiny").id)
        self.assertRequest("GET", "/flavors/detail", query={"name": [r"^m1\.tiny$"]})

    def test_find_by_name_before_2_102_compares_the_whole_list(self):
        self.stub("GET", "/flavors/detail", json={"flavors": [TINY, dict(TINY, id="2", name="x")]})
        self.assertEqual("1", self.client.find_flavor("m1.tiny").id)
        self.assertRequest("GET", "/flavors/detail", query={})

    def test_create_update_delete(self):
        self.stub("POST", "/flavors", json={"flavor": TINY})
        self.stub("PUT", "/flavors/1", json={"flavor": dict(TINY, description="d")})
        self.stub("DELETE", "/flavors/1", status=202)
        self.client.create_flavor(name="m1.tiny", ram=512, vcpus=1, disk=1, flavor_id=1,
                                  ephemeral=0, swap=0, is_public=False, description="x")  # fmt: skip
        self.assertRequest("POST", "/flavors", json={"flavor": {
            "name": "m1.tiny", "ram": 512, "vcpus": 1, "disk": 1, "id": "1",
            "OS-FLV-EXT-DATA:ephemeral": 0, "swap": 0, "os-flavor-access:is_public": False,
            "description": "x"}})  # fmt: skip
        self.assertEqual("d", self.client.update_flavor("1", description="d").description)
        self.client.delete_flavor("1")
        self.assertRequest("DELETE", "/flavors/1")

    def test_extra_specs(self):
        base = "/flavors/1/os-extra_specs"
        self.stub("GET", base, json={"extra_specs": {"hw:cpu_policy": "shared"}})
        self.stub("POST", base, json={"extra_specs": {"a": "b"}})
        self.stub("GET", base + "/a", json={"a": "b"})
        self.stub("PUT", base + "/a", json={"a": "c"})
        self.stub("DELETE", base + "/a", status=200)
        self.assertEqual({"hw:cpu_policy": "shared"}, self.client.fetch_flavor_extra_specs("1"))
        self.assertEqual({"a": "b"}, self.client.create_flavor_extra_specs("1", {"a": "b"}))
        self.assertRequest("POST", base, json={"extra_specs": {"a": "b"}})
        self.assertEqual("b", self.client.get_flavor_extra_specs_property("1", "a"))
        self.client.update_flavor_extra_specs_property("1", "a", "c")
        self.assertRequest("PUT", base + "/a", json={"a": "c"})
        self.client.delete_flavor_extra_specs_property("1", "a")
        self.assertRequest("DELETE", base + "/a")

    def test_access(self):
        access = {"flavor_access": [{"flavor_id": "1", "tenant_id": PROJECT}]}
        self.stub("GET", "/flavors/1/os-flavor-access", json=access)
        self.stub("POST", "/flavors/1/action", json=access)
        self.assertEqual([PROJECT], self.client.get_flavor_access("1"))
        self.assertEqual([PROJECT], self.client.flavor_add_tenant_access("1", PROJECT))
        self.assertRequest(
            "POST", "/flavors/1/action", json={"addTenantAccess": {"tenant": PROJECT}}
        )
        self.client.flavor_remove_tenant_access("1", PROJECT)
        self.assertRequest("POST", "/flavors/1/action", json={
            "removeTenantAccess": {"tenant": PROJECT}})  # fmt: skip


KEY = {"name": "ci", "public_key": "ssh-ed25519 AAAA ci", "fingerprint": "aa:bb", "type": "ssh"}


class TestKeypairs(utils.ComputeTestCase):
    def test_list_unwraps_each_keypair_and_follows_pages(self):
        self.requests_mock.get(utils.NOVA + "/os-keypairs", [
            {"json": {"keypairs": [{"keypair": KEY}], "keypairs_links": [
                {"rel": "next", "href": utils.NOVA + "/os-keypairs?limit=1&marker=ci"}]}},
            {"json": {"keypairs": [{"keypair": dict(KEY, name="cd")}]}}])  # fmt: skip
        pairs = list(self.client.keypairs(limit=1))
        self.assertEqual(["ci", "cd"], [k.name for k in pairs])
        self.assertEqual(["ci", "cd"], [k.id for k in pairs])

    def test_import_sends_the_public_key(self):
        self.stub("POST", "/os-keypairs", json={"keypair": KEY}, status=201)
        pair = self.client.import_keypair("ci", KEY["public_key"], key_type="ssh")
        self.assertRequest("POST", "/os-keypairs", json={"keypair": {
            "name": "ci", "public_key": KEY["public_key"], "type": "ssh"}},
            headers={"OpenStack-API-Version": "compute 2.100"})  # fmt: skip
        self.assertEqual("ci", pair.id)

    def test_generate_is_sent_as_2_91_since_nova_stopped_generating_at_2_92(self):
        made = dict(KEY, private_key="-----BEGIN OPENSSH PRIVATE KEY-----")
        self.stub("POST", "/os-keypairs", json={"keypair": made}, status=201,
                  headers=self.nova_headers("2.91"))  # fmt: skip
        pair = self.client.create_keypair(name="ci")
        self.assertRequest("POST", "/os-keypairs", json={"keypair": {"name": "ci"}}, headers={
            "OpenStack-API-Version": "compute 2.91", "X-OpenStack-Nova-API-Version": "2.91"})  # fmt: skip
        self.assertTrue(pair.private_key.startswith("-----BEGIN"))
        self.assertEqual("2.91", pair.microversion)

    def test_get_find_delete_by_name(self):
        self.stub("GET", "/os-keypairs/ci", json={"keypair": KEY})
        self.stub("GET", "/os-keypairs/nope", status=404, json={"itemNotFound": {"message": "x"}})
        self.stub("DELETE", "/os-keypairs/ci", status=202)
        self.assertEqual("ci", self.client.get_keypair("ci").name)
        self.assertEqual("ci", self.client.find_keypair("ci").name)
        self.assertIsNone(self.client.find_keypair("nope"))
        self.assertRaises(exceptions.NotFound, self.client.keypairs.find, "nope")
        self.client.keypairs.delete("ci", user_id="u2")
        self.assertRequest("DELETE", "/os-keypairs/ci", query={"user_id": ["u2"]})


class TestKeypairEdges(utils.ComputeTestCase):
    def test_a_key_pair_for_another_user_and_missing_deletes(self):
        self.stub("POST", "/os-keypairs", json={"keypair": KEY}, status=201)
        self.stub("DELETE", "/os-keypairs/ci", status=404, json={"itemNotFound": {"message": "x"}})
        self.client.keypairs.create("ci", KEY["public_key"], user_id="u2")
        self.assertRequest("POST", "/os-keypairs", json={"keypair": {
            "name": "ci", "public_key": KEY["public_key"], "user_id": "u2"}})  # fmt: skip
        self.client.delete_keypair("ci")
        self.assertRaises(exceptions.NotFound, self.client.keypairs.delete, "ci")
        nova = Client(session=self.session, api_version="2.9")
        self.assertRaises(exceptions.UnsupportedVersion, nova.keypairs.create, "ci", user_id="u")

"""Subnet pools, quotas, extensions, availability zones and IP availability on the wire."""

from __future__ import annotations

from stackclient.apiclient import exceptions
from tests.unit.network import utils

POOL = {"id": utils.uuid(10), "name": "pool", "prefixes": ["10.8.0.0/16"]}
PROJECT = "9b8f3c1a2d4e4f60a1b2c3d4e5f60718"
LIMITS = {"network": 10, "port": 50, "router": 2}


class TestSubnetPools(utils.NetworkTestCase):
    def test_crud(self):
        pid = POOL["id"]
        self.stub("POST", "/subnetpools", json={"subnetpool": POOL}, status=201)
        self.stub("PUT", "/subnetpools/" + pid, json={"subnetpool": POOL})
        self.stub("DELETE", "/subnetpools/" + pid, status=204)
        self.stub("GET", "/subnetpools", json={"subnetpools": [POOL]})
        pool = self.client.create_subnet_pool(name="pool", prefixes=["10.8.0.0/16"],
                                              default_prefixlen=24)  # fmt: skip
        self.assertRequest("POST", "/subnetpools", json={"subnetpool": {
            "name": "pool", "prefixes": ["10.8.0.0/16"], "default_prefixlen": 24}})  # fmt: skip
        self.assertEqual(pid, self.client.find_subnet_pool("pool").id)
        self.client.update_subnet_pool(pool, min_prefixlen=20)
        self.assertRequest(
            "PUT", "/subnetpools/" + pid, json={"subnetpool": {"min_prefixlen": 20}}
        )
        self.client.delete_subnet_pool(pool)
        self.assertRequest("DELETE", "/subnetpools/" + pid)

    def test_prefixes_are_added_and_removed_in_one_request(self):
        pid = POOL["id"]
        both = ["10.8.0.0/16", "10.9.0.0/16"]
        self.stub("PUT", "/subnetpools/%s/add_prefixes" % pid, json={"prefixes": both})
        self.stub("PUT", "/subnetpools/%s/remove_prefixes" % pid, json={"prefixes": both[:1]})
        self.assertEqual(both, self.client.subnet_pools.add_prefixes(pid, ["10.9.0.0/16"]))
        self.assertRequest("PUT", "/subnetpools/%s/add_prefixes" % pid,
                           json={"prefixes": ["10.9.0.0/16"]})  # fmt: skip
        self.assertEqual(both[:1], self.client.subnet_pools.remove_prefixes(pid, both[1:]))
        self.assertRequest("PUT", "/subnetpools/%s/remove_prefixes" % pid,
                           json={"prefixes": ["10.9.0.0/16"]})  # fmt: skip


class TestQuotas(utils.NetworkTestCase):
    def test_show_update_defaults_details_and_reset(self):
        path = "/quotas/" + PROJECT
        self.stub("GET", path, json={"quota": LIMITS})
        self.stub("PUT", path, json={"quota": dict(LIMITS, network=20)})
        self.stub("GET", path + "/default", json={"quota": LIMITS})
        self.stub("GET", path + "/details",
                  json={"quota": {"network": {"limit": 10, "used": 1, "reserved": 0}}})  # fmt: skip
        self.stub("DELETE", path, status=204)
        quota = self.client.get_quota(PROJECT)
        self.assertEqual((10, PROJECT, PROJECT), (quota.network, quota.project_id, quota.id))
        updated = self.client.update_quota(PROJECT, network=20)
        self.assertRequest("PUT", path, json={"quota": {"network": 20}})
        self.assertEqual((20, PROJECT), (updated.network, updated.project_id))
        self.assertEqual(10, self.client.get_quota_default(PROJECT).network)
        self.assertRequest("GET", path + "/default")
        self.assertEqual(1, self.client.get_quota(PROJECT, details=True).network["used"])
        self.assertRequest("GET", path + "/details")
        self.client.delete_quota(quota)
        self.assertRequest("DELETE", path)

    def test_list_every_project_with_its_own_quota(self):
        self.stub("GET", "/quotas", json={"quotas": [dict(LIMITS, project_id=PROJECT)]})
        self.assertEqual([PROJECT], [q.project_id for q in self.client.quotas()])

    def test_quotas_cannot_be_created(self):
        self.assertRaises(exceptions.MethodNotImplemented, self.client.quotas.create, network=1)
        self.assertRaises(exceptions.ValidationError, self.client.get_quota, "")


class TestReadOnlyCollections(utils.NetworkTestCase):
    EXT = {"alias": "router", "name": "Neutron L3 Router", "description": "..."}

    def test_extensions_are_listed_and_read_by_alias(self):
        self.stub("GET", "/extensions", json={"extensions": [self.EXT]})
        self.stub("GET", "/extensions/router", json={"extension": self.EXT})
        self.assertEqual(["router"], [e.id for e in self.client.extensions()])
        self.assertEqual("Neutron L3 Router", self.client.get_extension("router").name)
        self.assertEqual("router", self.client.find_extension("Neutron L3 Router").alias)
        self.assertEqual("router", self.client.find_extension("router").alias)

    def test_availability_zones_are_listed_with_filters(self):
        zones = [{"name": "nova", "resource": "router", "state": "available"}]
        self.stub("GET", "/availability_zones", json={"availability_zones": zones})
        self.assertEqual(
            ["nova"], [z.name for z in self.client.availability_zones(resource="router")]
        )
        self.assertRequest("GET", "/availability_zones", query={"resource": ["router"]})
        self.assertRaises(
            exceptions.MethodNotImplemented, self.client.availability_zones.get, "nova"
        )

    def test_ip_availability_by_network_id_or_name(self):
        usage = {"network_id": utils.uuid(1), "network_name": "n", "total_ips": 253, "used_ips": 2}
        self.stub("GET", "/network-ip-availabilities/" + utils.uuid(1),
                  json={"network_ip_availability": usage})  # fmt: skip
        self.stub("GET", "/network-ip-availabilities", json={"network_ip_availabilities": [usage]})
        self.assertEqual(2, self.client.get_network_ip_availability(utils.uuid(1)).used_ips)
        found = self.client.find_network_ip_availability("n")
        self.assertEqual(utils.uuid(1), found.id)
        self.assertRequest("GET", "/network-ip-availabilities", query={"network_name": ["n"]})

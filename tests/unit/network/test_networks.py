"""Networks and subnets on the wire: list filters, CRUD, bulk, find_or_create."""

from __future__ import annotations

from tests.unit.network import utils

NET_ID = utils.uuid(1)
NETWORK = {"id": NET_ID, "name": "n", "tags": ["a"], "router:external": False}
SUBNET = {"id": utils.uuid(2), "name": "s", "network_id": NET_ID, "cidr": "10.0.0.0/24"}


class TestNetworks(utils.NetworkTestCase):
    def test_list_takes_filters_fields_sorting_and_paging(self):
        self.stub("GET", "/networks", json={"networks": [NETWORK]})
        found = self.client.networks.list(
            shared=False, fields=["id", "name"], sort_key=["name", "id"],
            sort_dir=["asc", "desc"], limit=50, marker=utils.uuid(7),
            **{"router:external": True})  # fmt: skip
        self.assertRequest("GET", "/networks", query={
            "shared": ["false"], "fields": ["id", "name"], "sort_key": ["name", "id"],
            "sort_dir": ["asc", "desc"], "limit": ["50"], "marker": [utils.uuid(7)],
            "router:external": ["true"]})  # fmt: skip
        self.assertEqual("n", found[0].name)
        self.assertFalse(getattr(found[0], "router:external"))

    def test_tag_filters(self):
        self.stub("GET", "/networks", json={"networks": []})
        self.client.networks.list(tags="a", tags_any=["b", "c"], not_tags=["d"],
                                  not_tags_any="e")  # fmt: skip
        self.assertRequest("GET", "/networks", query={
            "tags": ["a"], "tags-any": ["b,c"], "not-tags": ["d"], "not-tags-any": ["e"]})  # fmt: skip

    def test_create_get_update_delete(self):
        self.stub("POST", "/networks", json={"network": NETWORK}, status=201)
        self.stub("GET", "/networks/" + NET_ID, json={"network": NETWORK})
        self.stub("PUT", "/networks/" + NET_ID, json={"network": dict(NETWORK, name="m")})
        self.stub("DELETE", "/networks/" + NET_ID, status=204)
        net = self.client.networks.create(name="n", admin_state_up=True, mtu=1450)
        self.assertRequest("POST", "/networks", json={
            "network": {"name": "n", "admin_state_up": True, "mtu": 1450}})  # fmt: skip
        self.assertEqual(NETWORK, self.client.networks.get(net).to_dict())
        self.assertRequest("GET", "/networks/" + NET_ID, query={})
        self.assertEqual("m", self.client.networks.update(net, name="m").name)
        self.assertRequest("PUT", "/networks/" + NET_ID, json={"network": {"name": "m"}})
        self.client.networks.delete(net)
        self.assertRequest("DELETE", "/networks/" + NET_ID)

    def test_get_may_ask_for_some_fields(self):
        self.stub("GET", "/networks/" + NET_ID, json={"network": {"id": NET_ID}})
        self.client.networks.get(NET_ID, fields=["id"])
        self.assertRequest("GET", "/networks/" + NET_ID, query={"fields": ["id"]})


class TestSubnets(utils.NetworkTestCase):
    def test_create_an_ipv4_subnet_with_pools_routes_and_dns(self):
        self.stub("POST", "/subnets", json={"subnet": SUBNET}, status=201)
        network = self.client.networks.resource_class(self.client.networks, NETWORK)
        self.client.subnets.create(
            network_id=network, ip_version=4, cidr="10.0.0.0/24", gateway_ip="10.0.0.1",
            allocation_pools=[{"start": "10.0.0.10", "end": "10.0.0.99"}],
            host_routes=[{"destination": "10.1.0.0/24", "nexthop": "10.0.0.2"}],
            dns_nameservers=["10.0.0.3"], enable_dhcp=False)  # fmt: skip
        self.assertRequest("POST", "/subnets", json={"subnet": {
            "network_id": NET_ID, "ip_version": 4, "cidr": "10.0.0.0/24",
            "gateway_ip": "10.0.0.1",
            "allocation_pools": [{"start": "10.0.0.10", "end": "10.0.0.99"}],
            "host_routes": [{"destination": "10.1.0.0/24", "nexthop": "10.0.0.2"}],
            "dns_nameservers": ["10.0.0.3"], "enable_dhcp": False}})  # fmt: skip

    def test_create_an_ipv6_slaac_subnet(self):
        self.stub("POST", "/subnets", json={"subnet": SUBNET}, status=201)
        self.client.create_subnet(network_id=NET_ID, ip_version=6, cidr="fd00::/64",
                                  ipv6_ra_mode="slaac", ipv6_address_mode="slaac")  # fmt: skip
        self.assertRequest("POST", "/subnets", json={"subnet": {
            "network_id": NET_ID, "ip_version": 6, "cidr": "fd00::/64",
            "ipv6_ra_mode": "slaac", "ipv6_address_mode": "slaac"}})  # fmt: skip

    def test_bulk_create_subnets(self):
        self.stub("POST", "/subnets", json={"subnets": [SUBNET, SUBNET]}, status=201)
        self.client.create_subnets([{"cidr": "10.0.0.0/24"}, {"cidr": "10.0.1.0/24"}])
        self.assertRequest("POST", "/subnets", json={
            "subnets": [{"cidr": "10.0.0.0/24"}, {"cidr": "10.0.1.0/24"}]})  # fmt: skip

    def test_find_or_create_looks_for_the_name_on_the_network(self):
        self.stub("GET", "/subnets", json={"subnets": [SUBNET]})
        found = self.client.find_or_create_subnet("s", network_id=NET_ID, cidr="10.0.0.0/24")
        self.assertEqual(SUBNET["id"], found.id)
        self.assertRequest("GET", "/subnets", query={"name": ["s"], "network_id": [NET_ID]})

    def test_update_and_delete(self):
        self.stub("PUT", "/subnets/" + SUBNET["id"], json={"subnet": SUBNET})
        self.stub("DELETE", "/subnets/" + SUBNET["id"], status=204)
        self.client.update_subnet(SUBNET["id"], dns_nameservers=[])
        self.assertRequest("PUT", "/subnets/" + SUBNET["id"],
                           json={"subnet": {"dns_nameservers": []}})  # fmt: skip
        self.client.delete_subnet(SUBNET["id"])
        self.assertRequest("DELETE", "/subnets/" + SUBNET["id"])

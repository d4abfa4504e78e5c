"""Routers and floating IPs on the wire."""

from __future__ import annotations

from stackclient.apiclient import exceptions
from tests.unit.network import utils

RID = utils.uuid(5)
ROUTER = {"id": RID, "name": "edge", "routes": [], "external_gateway_info": None}
FIP = {"id": utils.uuid(6), "floating_ip_address": "203.0.113.10", "port_id": None}
ROUTES = [{"destination": "10.2.0.0/24", "nexthop": "10.0.0.5"}]


class TestRouters(utils.NetworkTestCase):
    def test_add_and_remove_an_interface_by_subnet_or_port(self):
        answer = {"id": RID, "subnet_id": utils.uuid(2), "port_id": utils.uuid(3)}
        self.stub("PUT", "/routers/%s/add_router_interface" % RID, json=answer)
        self.stub("PUT", "/routers/%s/remove_router_interface" % RID, json=answer)
        self.assertEqual(answer, self.client.add_interface_to_router(RID, subnet_id=utils.uuid(2)))
        self.assertRequest("PUT", "/routers/%s/add_router_interface" % RID,
                           json={"subnet_id": utils.uuid(2)})  # fmt: skip
        self.client.routers.remove_interface(ROUTER["id"], port=utils.uuid(3))
        self.assertRequest("PUT", "/routers/%s/remove_router_interface" % RID,
                           json={"port_id": utils.uuid(3)})  # fmt: skip

    def test_an_interface_needs_exactly_one_of_subnet_and_port(self):
        for kwargs in ({}, {"subnet": "a", "port": "b"}, {"subnet": ""}):
            self.assertRaises(exceptions.ValidationError, self.client.routers.add_interface,
                              RID, **kwargs)  # fmt: skip
        self.assertEqual([], self.requests_to("PUT"))

    def test_extra_routes_are_added_and_removed_atomically(self):
        self.stub("PUT", "/routers/%s/add_extraroutes" % RID,
                  json={"router": dict(ROUTER, routes=ROUTES)})  # fmt: skip
        self.stub("PUT", "/routers/%s/remove_extraroutes" % RID, json={"router": ROUTER})
        router = self.client.add_extra_routes_to_router(RID, ROUTES)
        self.assertEqual(ROUTES, router.routes)
        self.assertRequest("PUT", "/routers/%s/add_extraroutes" % RID,
                           json={"router": {"routes": ROUTES}})  # fmt: skip
        self.assertEqual([], self.client.remove_extra_routes_from_router(RID, ROUTES).routes)
        self.assertRequest("PUT", "/routers/%s/remove_extraroutes" % RID,
                           json={"router": {"routes": ROUTES}})  # fmt: skip

    def test_gateway_is_set_and_cleared_through_an_update(self):
        self.stub("PUT", "/routers/" + RID, json={"router": ROUTER})
        self.client.add_gateway_to_router(RID, utils.uuid(1), enable_snat=False,
                                          fixed_ips=[{"subnet_id": utils.uuid(2)}])  # fmt: skip
        self.assertRequest("PUT", "/routers/" + RID, json={"router": {"external_gateway_info": {
            "network_id": utils.uuid(1), "enable_snat": False,
            "external_fixed_ips": [{"subnet_id": utils.uuid(2)}]}}})  # fmt: skip
        self.client.remove_gateway_from_router(RID)
        self.assertRequest("PUT", "/routers/" + RID,
                           json={"router": {"external_gateway_info": {}}})  # fmt: skip

    def test_crud_and_find_or_create(self):
        self.stub("GET", "/routers", json={"routers": [ROUTER]})
        self.assertEqual(RID, self.client.find_or_create_router("edge").id)
        self.assertRequest("GET", "/routers", query={"name": ["edge"]})
        self.stub("POST", "/routers", json={"router": ROUTER}, status=201)
        self.client.create_router(name="edge", admin_state_up=True)
        self.assertRequest(
            "POST", "/routers", json={"router": {"name": "edge", "admin_state_up": True}}
        )
        self.stub("DELETE", "/routers/" + RID, status=204)
        self.client.delete_router(RID)
        self.assertRequest("DELETE", "/routers/" + RID)


class TestFloatingIPs(utils.NetworkTestCase):
    def test_create_associate_disassociate_delete(self):
        fid = FIP["id"]
        self.stub("POST", "/floatingips", json={"floatingip": FIP}, status=201)
        self.stub("PUT", "/floatingips/" + fid, json={"floatingip": FIP})
        self.stub("DELETE", "/floatingips/" + fid, status=204)
        fip = self.client.create_ip(floating_network_id=utils.uuid(1))
        self.assertRequest("POST", "/floatingips",
                           json={"floatingip": {"floating_network_id": utils.uuid(1)}})  # fmt: skip
        self.client.floating_ips.associate(fip, utils.uuid(3), fixed_ip_address="10.0.0.20")
        self.assertRequest("PUT", "/floatingips/" + fid, json={"floatingip": {
            "port_id": utils.uuid(3), "fixed_ip_address": "10.0.0.20"}})  # fmt: skip
        self.client.floating_ips.disassociate(fip)
        self.assertRequest("PUT", "/floatingips/" + fid, json={"floatingip": {"port_id": None}})
        self.client.delete_ip(fip)
        self.assertRequest("DELETE", "/floatingips/" + fid)

    def test_found_by_address_in_one_request(self):
        self.stub("GET", "/floatingips", json={"floatingips": [FIP]})
        self.assertEqual(FIP["id"], self.client.find_ip("203.0.113.10").id)
        self.assertRequest("GET", "/floatingips", query={"floating_ip_address": ["203.0.113.10"]})
        self.assertEqual(1, len(self.requests_to("GET", "/floatingips")))

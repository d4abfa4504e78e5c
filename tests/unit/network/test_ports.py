"""Ports on the wire, and the port waiters."""

from __future__ import annotations

from stackclient.apiclient import exceptions
from tests.unit.network import utils

PORT_ID = utils.uuid(3)
PORT = {"id": PORT_ID, "name": "p", "status": "DOWN", "network_id": utils.uuid(1)}


class TestPorts(utils.NetworkTestCase):
    def test_create_with_fixed_ips_address_pairs_and_security_groups(self):
        self.stub("POST", "/ports", json={"port": PORT}, status=201)
        self.client.create_port(
            network_id=utils.uuid(1),
            fixed_ips=[{"subnet_id": utils.uuid(2), "ip_address": "10.0.0.20"}],
            allowed_address_pairs=[{"ip_address": "10.0.0.200", "mac_address": "fa:16:3e:00:00:01"}],
            security_groups=[utils.uuid(4)], port_security_enabled=True)  # fmt: skip
        self.assertRequest("POST", "/ports", json={"port": {
            "network_id": utils.uuid(1),
            "fixed_ips": [{"subnet_id": utils.uuid(2), "ip_address": "10.0.0.20"}],
            "allowed_address_pairs": [{"ip_address": "10.0.0.200",
                                       "mac_address": "fa:16:3e:00:00:01"}],
            "security_groups": [utils.uuid(4)], "port_security_enabled": True}})  # fmt: skip

    def test_list_filters_by_fixed_ip_and_device(self):
        self.stub("GET", "/ports", json={"ports": [PORT]})
        self.client.ports.list(fixed_ips=["ip_address=10.0.0.20"], device_owner="compute:nova")
        self.assertRequest("GET", "/ports", query={
            "fixed_ips": ["ip_address=10.0.0.20"], "device_owner": ["compute:nova"]})  # fmt: skip

    def test_bulk_create_ports(self):
        self.stub("POST", "/ports", json={"ports": [PORT, PORT]}, status=201)
        self.assertEqual(
            2, len(self.client.create_ports([{"network_id": "a"}, {"network_id": "b"}]))
        )
        self.assertRequest(
            "POST", "/ports", json={"ports": [{"network_id": "a"}, {"network_id": "b"}]}
        )

    def test_update_security_groups_and_delete(self):
        self.stub("PUT", "/ports/" + PORT_ID, json={"port": PORT})
        self.stub("DELETE", "/ports/" + PORT_ID, status=204)
        self.client.update_port(PORT_ID, security_groups=[], allowed_address_pairs=[])
        self.assertRequest("PUT", "/ports/" + PORT_ID, json={"port": {
            "security_groups": [], "allowed_address_pairs": []}})  # fmt: skip
        self.client.delete_port(PORT_ID)
        self.assertRequest("DELETE", "/ports/" + PORT_ID)


class TestPortWaiters(utils.NetworkTestCase):
    def states(self, *statuses, **extra):
        self.requests_mock.get(utils.NET + "/ports/" + PORT_ID, [
            {"json": {"port": dict(PORT, status=s, **extra)}} for s in statuses])  # fmt: skip

    def test_wait_until_reads_until_the_status_is_reached(self):
        self.states("BUILD", "BUILD", "ACTIVE")
        seen = []
        port = self.client.wait_port_until(
            PORT_ID, interval=0.0, callback=lambda p: seen.append(p.status)
        )
        self.assertEqual("ACTIVE", port.status)
        self.assertEqual(["BUILD", "BUILD", "ACTIVE"], seen)
        self.assertEqual(3, len(self.requests_to("GET", "/ports/" + PORT_ID)))

    def test_wait_while_returns_when_the_status_changes(self):
        self.states("BUILD", "DOWN")
        self.assertEqual("DOWN", self.client.ports.wait_while(PORT_ID, interval=0.0).status)
        self.assertEqual(2, len(self.requests_to("GET", "/ports/" + PORT_ID)))

    def test_an_error_status_fails_at_once_with_the_request_id(self):
        self.requests_mock.get(utils.NET + "/ports/" + PORT_ID, json={"port": dict(PORT, status="ERROR")},
                               headers={"x-openstack-request-id": "req-77"})  # fmt: skip
        error = self.assertRaises(exceptions.ResourceFailure, self.client.wait_port_until, PORT_ID)
        self.assertIn("req-77", str(error))
        self.assertEqual(1, len(self.requests_to("GET", "/ports/" + PORT_ID)))

    def test_a_port_that_never_gets_there_times_out(self):
        self.states("DOWN")
        self.assertRaises(exceptions.WaitTimeout, self.client.ports.wait_until, PORT_ID,
                          interval=0.0, timeout=0.0)  # fmt: skip

"""Interfaces, volume attachments, instance actions and migrations of a server, on the wire."""

from __future__ import annotations

from stackclient.apiclient import exceptions
from stackclient.compute.v2 import Client
from tests.unit.compute import utils

S1 = utils.uuid(1)
PORT = utils.uuid(501)
NET = utils.uuid(500)
VOL = utils.uuid(700)
IFACE = {"port_id": PORT, "net_id": NET, "mac_addr": "fa:16:3e:00:00:01", "port_state": "ACTIVE",
         "fixed_ips": [{"subnet_id": utils.uuid(502), "ip_address": "198.51.100.9"}]}  # fmt: skip


class TestInterfaces(utils.ComputeTestCase):
    def test_list_attach_show_detach(self):
        base = "/servers/%s/os-interface" % S1
        self.stub("GET", base, json={"interfaceAttachments": [IFACE]})
        self.stub("POST", base, json={"interfaceAttachment": IFACE})
        self.stub("GET", base + "/" + PORT, json={"interfaceAttachment": IFACE})
        self.stub("DELETE", base + "/" + PORT, status=202)
        (iface,) = self.client.server_interfaces(S1)
        self.assertEqual(PORT, iface.id)
        self.client.create_server_interface(S1, net_id=NET, fixed_ips=["198.51.100.9"], tag="t")
        self.assertRequest("POST", base, json={"interfaceAttachment": {
            "net_id": NET, "fixed_ips": [{"ip_address": "198.51.100.9"}], "tag": "t"}})  # fmt: skip
        self.client.server_interfaces.create(S1, port=PORT)
        self.assertRequest("POST", base, json={"interfaceAttachment": {"port_id": PORT}})
        self.assertEqual(NET, self.client.get_server_interface(PORT, S1).net_id)
        self.client.delete_server_interface(iface, S1)
        self.assertRequest("DELETE", base + "/" + PORT)

    def test_exactly_one_of_port_and_network(self):
        self.assertRaises(exceptions.ValidationError, self.client.server_interfaces.create, S1)
        self.assertRaises(exceptions.ValidationError, self.client.server_interfaces.create, S1,
                          port=PORT, network=NET)  # fmt: skip

    def test_interfaces_are_not_found_by_name(self):
        self.assertRaises(exceptions.MethodNotImplemented, self.client.server_interfaces.find, "x")


class TestVolumeAttachments(utils.ComputeTestCase):
    base = "/servers/%s/os-volume_attachments" % S1
    attachment = {"volumeId": VOL, "serverId": S1, "device": "/dev/vdb", "tag": None,
                  "delete_on_termination": False, "attachment_id": utils.uuid(701)}  # fmt: skip

    def test_attach_list_update_detach(self):
        self.stub("POST", self.base, json={"volumeAttachment": self.attachment})
        self.stub("GET", self.base, json={"volumeAttachments": [self.attachment]})
        self.stub("PUT", self.base + "/" + VOL, status=202)
        self.stub("DELETE", self.base + "/" + VOL, status=202)
        attached = self.client.create_volume_attachment(S1, VOL, delete_on_termination=True)
        self.assertEqual(VOL, attached.id)
        self.assertRequest("POST", self.base, json={"volumeAttachment": {
            "volumeId": VOL, "delete_on_termination": True}})  # fmt: skip
        self.assertEqual([VOL], [a.id for a in self.client.volume_attachments(S1)])
        self.client.update_volume_attachment(S1, VOL, delete_on_termination=False)
        self.assertRequest("PUT", self.base + "/" + VOL, json={"volumeAttachment": {
            "volumeId": VOL, "delete_on_termination": False}})  # fmt: skip
        self.client.update_volume_attachment(S1, VOL, volume_id=utils.uuid(702))
        self.assertRequest("PUT", self.base + "/" + VOL, json={"volumeAttachment": {
            "volumeId": utils.uuid(702)}})  # fmt: skip
        self.client.delete_volume_attachment(S1, attached)
        self.assertRequest("DELETE", self.base + "/" + VOL)

    def test_from_2_101_nova_answers_before_the_attachment_exists(self):
        self.stub("POST", self.base, status=202, headers=self.nova_headers("2.101"))
        nova = Client(session=self.session, api_version="latest")
        attached = nova.create_volume_attachment(S1, volume_id=VOL, device="/dev/vdc")
        self.assertEqual((VOL, S1), (attached.volumeId, attached.serverId))
        self.assertEqual("2.101", attached.microversion)


class TestInstanceActions(utils.ComputeTestCase):
    def test_list_follows_links_and_get_has_events(self):
        base = "/servers/%s/os-instance-actions" % S1
        create = {"action": "create", "request_id": "req-1", "message": None}
        reboot = {"action": "reboot", "request_id": "req-2", "message": "Error"}
        self.requests_mock.get(utils.NOVA + base, [
            {"json": {"instanceActions": [reboot], "links": [
                {"rel": "next", "href": utils.NOVA + base + "?limit=1&marker=req-2"}]}},
            {"json": {"instanceActions": [create]}}])  # fmt: skip
        self.stub("GET", base + "/req-1", json={"instanceAction": dict(create, events=[
            {"event": "compute__do_build_and_run_instance", "result": "Success"}])})  # fmt: skip
        actions = list(self.client.server_actions(S1, limit=1))
        self.assertEqual(["req-2", "req-1"], [a.id for a in actions])
        self.assertTrue(actions[0].failed)
        shown = self.client.get_server_action("req-1", S1)
        self.assertFalse(shown.failed)
        self.assertEqual("Success", shown.events[0]["result"])


class TestMigrations(utils.ComputeTestCase):
    def test_cloud_and_server_migrations(self):
        migration = {"id": 4, "uuid": utils.uuid(800), "status": "error",
                     "migration_type": "live-migration", "instance_uuid": S1}  # fmt: skip
        self.stub("GET", "/os-migrations", json={"migrations": [migration]})
        base = "/servers/%s/migrations" % S1
        self.stub("GET", base, json={"migrations": [migration]})
        self.stub("GET", base + "/4", json={"migration": migration})
        self.stub("POST", base + "/4/action", status=202)
        self.stub("DELETE", base + "/4", status=202)
        (found,) = self.client.migrations(instance_uuid=S1, migration_type="live-migration")
        self.assertRequest("GET", "/os-migrations", query={
            "instance_uuid": [S1], "migration_type": ["live-migration"]})  # fmt: skip
        self.assertEqual("error", found.status)
        self.assertEqual([4], [m.id for m in self.client.server_migrations(S1)])
        self.assertEqual(4, self.client.get_server_migration(4, S1).id)
        self.client.force_complete_server_migration(4, S1)
        self.assertRequest("POST", base + "/4/action", json={"force_complete": None})
        self.client.abort_server_migration(4, S1)
        self.assertRequest("DELETE", base + "/4")
        self.assertRaises(exceptions.MethodNotImplemented, self.client.migrations.get, 4)

"""Attachments (3.27+), transfers and backups on the wire."""

from __future__ import annotations

from stackclient.apiclient import exceptions
from stackclient.block_storage.v3 import client
from tests.unit.block_storage.v3 import utils
from tests.unit.block_storage.v3.utils import VOL

ATT = "3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a9f"
SERVER = "7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d"


class TestAttachments(utils.BlockStorageTestCase):
    def test_the_whole_flow_on_the_wire(self):
        self.stub("POST", "/attachments", json={"attachment": {"id": ATT, "status": "reserved"}})
        attachment = self.client.create_attachment(VOL, instance=SERVER)
        self.assertRequest("POST", "/attachments", json={"attachment": {
            "volume_uuid": VOL, "instance_uuid": SERVER}})  # fmt: skip
        self.assertVersion("3.71")
        self.stub("PUT", "/attachments/" + ATT, json={"attachment": {
            "id": ATT, "status": "attaching", "connection_info": {"driver_volume_type": "iscsi"}}})  # fmt: skip
        updated = self.client.update_attachment(attachment, {"host": "h1", "ip": "10.0.0.1"})
        self.assertEqual("iscsi", updated.connection_info["driver_volume_type"])
        self.assertRequest("PUT", "/attachments/" + ATT,
                           json={"attachment": {"connector": {"host": "h1", "ip": "10.0.0.1"}}})  # fmt: skip
        self.stub("POST", "/attachments/%s/action" % ATT, status=204, text="")
        self.client.complete_attachment(attachment)
        self.assertRequest("POST", "/attachments/%s/action" % ATT, json={"os-complete": None})
        self.stub("DELETE", "/attachments/" + ATT, json={"attachments": []})
        self.client.delete_attachment(attachment)
        self.assertRequest("DELETE", "/attachments/" + ATT)

    def test_a_connector_and_a_mode_at_create(self):
        self.stub("POST", "/attachments", json={"attachment": {"id": ATT}})
        self.client.attachments.create(VOL, SERVER, connector={"host": "h"}, mode="ro")
        self.assertRequest("POST", "/attachments", json={"attachment": {
            "volume_uuid": VOL, "instance_uuid": SERVER, "connector": {"host": "h"},
            "mode": "ro"}})  # fmt: skip

    def test_list_and_get(self):
        self.stub(
            "GET", "/attachments/detail", json={"attachments": [{"id": ATT, "volume_id": VOL}]}
        )
        self.assertEqual([ATT], [a.id for a in self.client.attachments.list(volume_id=VOL)])
        self.assertRequest("GET", "/attachments/detail", query={"volume_id": [VOL]})
        self.stub(
            "GET", "/attachments/" + ATT, json={"attachment": {"id": ATT, "status": "attached"}}
        )
        self.assertEqual("attached", self.client.get_attachment(ATT).status)

    def test_a_client_pinned_below_3_27_refuses_before_sending(self):
        old = client.Client(session=self.session, api_version="3.20")
        error = self.assertRaises(
            exceptions.UnsupportedVersion, old.create_attachment, VOL, SERVER
        )
        for text in ("attachments API", "3.27", "3.20", "3.0 to 3.71"):
            self.assertIn(text, str(error))
        self.assertEqual([], self.requests_to("POST"))
        mid = client.Client(session=self.session, api_version="3.30")
        self.assertRaises(exceptions.UnsupportedVersion, mid.complete_attachment, ATT)


class TestTransfers(utils.BlockStorageTestCase):
    def test_create_accept_list_delete_on_volume_transfers(self):
        self.stub("POST", "/volume-transfers", json={"transfer": {
            "id": "t1", "name": "give", "volume_id": VOL, "auth_key": "k3y"}})  # fmt: skip
        transfer = self.client.create_transfer(VOL, name="give", no_snapshots=True)
        self.assertEqual("k3y", transfer.auth_key)
        self.assertRequest("POST", "/volume-transfers", json={"transfer": {
            "volume_id": VOL, "name": "give", "no_snapshots": True}})  # fmt: skip
        self.stub(
            "POST",
            "/volume-transfers/t1/accept",
            json={"transfer": {"id": "t1", "volume_id": VOL}},
        )
        self.assertEqual(VOL, self.client.accept_transfer("t1", "k3y").volume_id)
        self.assertRequest(
            "POST", "/volume-transfers/t1/accept", json={"accept": {"auth_key": "k3y"}}
        )
        self.stub(
            "GET", "/volume-transfers/detail", json={"transfers": [{"id": "t1", "name": "give"}]}
        )
        self.assertEqual("t1", self.client.find_transfer("give").id)
        self.stub("DELETE", "/volume-transfers/t1", status=202, text="")
        self.client.delete_transfer("t1")
        self.assertRequest("DELETE", "/volume-transfers/t1")

    def test_before_3_55_the_old_path(self):
        old = client.Client(session=self.session, api_version="3.50")
        self.requests_mock.post(
            old.endpoint + "/os-volume-transfer", json={"transfer": {"id": "t1"}}
        )
        old.transfers.create(VOL)
        self.assertRequest("POST", "/os-volume-transfer", json={"transfer": {"volume_id": VOL}})
        self.assertRaises(
            exceptions.UnsupportedVersion, old.transfers.create, VOL, no_snapshots=True
        )


class TestBackups(utils.BlockStorageTestCase):
    def test_create_restore_delete(self):
        self.stub("POST", "/backups", json={"backup": {"id": "b1", "name": "n"}}, status=202)
        self.client.backups.create(VOL, name="n", incremental=True, force=True, snapshot="s1")
        self.assertRequest("POST", "/backups", json={"backup": {
            "name": "n", "volume_id": VOL, "incremental": True, "force": True,
            "snapshot_id": "s1"}})  # fmt: skip
        self.stub("POST", "/backups/b1/restore", json={"restore": {
            "backup_id": "b1", "volume_id": "v9", "volume_name": "r"}})  # fmt: skip
        self.assertEqual("v9", self.client.restore_backup("b1", name="r")["volume_id"])
        self.assertRequest("POST", "/backups/b1/restore", json={"restore": {"name": "r"}})
        self.stub("DELETE", "/backups/b1", status=202, text="")
        self.client.delete_backup("b1")
        self.action("/backups/b1")
        self.client.backups.force_delete("b1")
        self.assertRequest("POST", "/backups/b1/action", json={"os-force_delete": None})

    def test_a_cloud_without_a_backup_service_fails_the_wait_with_cinders_reason(self):
        self.stub("GET", "/backups/b1", json={"backup": {
            "id": "b1", "status": "error", "fail_reason": "Service not found for creating backup."}})  # fmt: skip
        error = self.assertRaises(exceptions.ResourceFailure, self.client.backups.wait_for_status,
                                  "b1", "available", interval=0)  # fmt: skip
        self.assertEqual("Service not found for creating backup.", error.fault)

    def test_list_and_update(self):
        self.stub("GET", "/backups/detail", json={"backups": [{"id": "b1", "name": "n"}]})
        self.assertEqual(["b1"], [b.id for b in self.client.backups(volume_id=VOL)])
        self.stub("PUT", "/backups/b1", json={"backup": {"id": "b1", "name": "m"}})
        self.client.update_backup("b1", name="m")
        self.assertRequest("PUT", "/backups/b1", json={"backup": {"name": "m"}})

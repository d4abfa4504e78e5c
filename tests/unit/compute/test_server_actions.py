"""Every server action on the wire: ``POST /servers/{id}/action`` bodies and answers."""

from __future__ import annotations

from stackclient.apiclient import exceptions
from stackclient.compute.v2 import Client
from tests.unit.compute import utils

S1 = utils.uuid(1)
IMAGE = utils.uuid(900)
ACTION = "/servers/%s/action" % S1


class TestActions(utils.ComputeTestCase):
    def setUp(self):
        super().setUp()
        self.stub("POST", ACTION, status=202)

    def check(self, call, body, *args, **kwargs):
        result = getattr(self.client, call)(S1, *args, **kwargs)
        self.assertEqual(body, self.action_body(), call)
        return result

    def test_actions_without_arguments(self):
        for call, action in (
            ("start_server", "os-start"), ("stop_server", "os-stop"), ("pause_server", "pause"),
            ("unpause_server", "unpause"), ("suspend_server", "suspend"),
            ("resume_server", "resume"), ("unlock_server", "unlock"),
            ("unrescue_server", "unrescue"), ("shelve_server", "shelve"),
            ("shelve_offload_server", "shelveOffload"), ("unshelve_server", "unshelve"),
            ("confirm_server_resize", "confirmResize"), ("revert_server_resize", "revertResize"),
            ("migrate_server", "migrate"), ("trigger_server_crash_dump", "trigger_crash_dump"),
            ("restore_server", "restore"),
        ):  # fmt: skip
            self.check(call, {action: None})

    def test_reboot_soft_and_hard(self):
        self.check("reboot_server", {"reboot": {"type": "SOFT"}})
        self.check("reboot_server", {"reboot": {"type": "HARD"}}, "hard")
        self.assertRaises(exceptions.ValidationError, self.client.reboot_server, S1, "warm")

    def test_lock_with_a_reason(self):
        self.check("lock_server", {"lock": None})
        self.check("lock_server", {"lock": {"locked_reason": "audit"}}, locked_reason="audit")

    def test_rescue_returns_the_password(self):
        self.stub("POST", ACTION, json={"adminPass": "rescue-pw"})
        self.assertEqual("rescue-pw", self.check("rescue_server", {"rescue": None}))
        self.check("rescue_server", {"rescue": {"adminPass": "x", "rescue_image_ref": IMAGE}},
                   admin_pass="x", image=IMAGE)  # fmt: skip

    def test_unshelve_to_a_zone_or_a_host(self):
        self.check("unshelve_server", {"unshelve": {"availability_zone": "az2"}},
                   availability_zone="az2")  # fmt: skip
        self.check("unshelve_server", {"unshelve": {"availability_zone": None, "host": "h2"}},
                   availability_zone=None, host="h2")  # fmt: skip

    def test_resize(self):
        self.check("resize_server", {"resize": {"flavorRef": "2"}}, "2")
        self.check("resize_server", {"resize": {"flavorRef": "2", "OS-DCF:diskConfig": "AUTO"}},
                   "2", disk_config="AUTO")  # fmt: skip

    def test_rebuild_returns_the_server(self):
        self.stub("POST", ACTION, status=202, json={"server": utils.server_body(name="again")},
                  headers=self.nova_headers())  # fmt: skip
        server = self.check("rebuild_server", {"rebuild": {
            "imageRef": IMAGE, "name": "again", "adminPass": "pw", "key_name": None,
            "user_data": None, "metadata": {"a": "b"}, "preserve_ephemeral": True}},
            IMAGE, name="again", admin_pass="pw", key_name=None, user_data=None,
            metadata={"a": "b"}, preserve_ephemeral=True)  # fmt: skip
        self.assertEqual("again", server.name)
        self.assertEqual("2.100", server.microversion)

    def test_rebuild_with_new_user_data_encodes_it(self):
        self.stub("POST", ACTION, status=202, json={"server": utils.server_body()})
        self.check("rebuild_server", {"rebuild": {"imageRef": IMAGE, "user_data": "aGk="}},
                   IMAGE, user_data="hi")  # fmt: skip

    def test_create_image_returns_the_image_id(self):
        self.stub("POST", ACTION, status=202, json={"image_id": IMAGE})
        image = self.check("create_server_image", {"createImage": {
            "name": "snap", "metadata": {"k": "v"}}}, "snap", metadata={"k": "v"})  # fmt: skip
        self.assertEqual(IMAGE, image)

    def test_create_image_before_2_45_reads_the_location(self):
        self.stub("POST", ACTION, status=202,
                  headers={"Location": "http://glance.test:9292/v2/images/" + IMAGE})  # fmt: skip
        self.assertEqual(IMAGE, self.check("create_server_image", {"createImage": {
            "name": "snap"}}, "snap"))  # fmt: skip

    def test_backup(self):
        self.stub("POST", ACTION, status=202, json={"image_id": IMAGE})
        self.assertEqual(IMAGE, self.check("backup_server", {"createBackup": {
            "name": "b", "backup_type": "daily", "rotation": 2}}, "b", "daily", 2))  # fmt: skip

    def test_migrations(self):
        self.check("migrate_server", {"migrate": {"host": "h2"}}, host="h2")
        self.check("live_migrate_server", {"os-migrateLive": {
            "host": None, "block_migration": "auto"}})  # fmt: skip
        self.check("evacuate_server", {"evacuate": {"host": "h3"}}, host="h3")

    def test_live_migration_before_2_25_speaks_the_old_body(self):
        nova = Client(session=self.session, api_version="2.24")
        nova.live_migrate_server(S1, "h2", block_migration=True)
        self.assertEqual({"os-migrateLive": {"host": "h2", "block_migration": True,
                                             "disk_over_commit": False}}, self.action_body())  # fmt: skip

    def test_evacuate_before_2_14_returns_the_password(self):
        self.stub("POST", ACTION, json={"adminPass": "evac"})
        nova = Client(session=self.session, api_version="2.13")
        self.assertEqual("evac", nova.evacuate_server(S1))
        self.assertEqual({"evacuate": {"onSharedStorage": False}}, self.action_body())

    def test_admin_and_security_group_actions(self):
        self.check("reset_server_state", {"os-resetState": {"state": "active"}}, "active")
        self.assertRaises(exceptions.ValidationError, self.client.reset_server_state, S1, "x")
        self.check("change_server_password", {"changePassword": {"adminPass": "n"}}, "n")
        self.check("add_security_group_to_server", {"addSecurityGroup": {"name": "web"}}, "web")
        self.check("remove_security_group_from_server", {"removeSecurityGroup": {
            "name": "web"}}, "web")  # fmt: skip

    def test_an_action_in_the_wrong_state_is_a_conflict_with_nova_s_text(self):
        text = "Cannot 'pause' instance %s while it is in vm_state stopped" % S1
        self.stub("POST", ACTION, status=409, headers=self.nova_headers(),
                  json={"conflictingRequest": {"code": 409, "message": text}})  # fmt: skip
        error = self.assertRaises(exceptions.Conflict, self.client.pause_server, S1)
        self.assertEqual(text, error.message)
        self.assertEqual("req-" + utils.uuid(77), error.request_id)

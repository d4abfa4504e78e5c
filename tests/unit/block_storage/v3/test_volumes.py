"""Volumes on the wire: create, list, find, update, delete, actions, errors."""

from __future__ import annotations

from stackclient.apiclient import exceptions
from stackclient.block_storage.v3 import volumes
from tests.unit.block_storage.v3 import utils
from tests.unit.block_storage.v3.utils import VOL, VOL2, volume


class TestCreate(utils.BlockStorageTestCase):
    def test_a_blank_volume_sends_size_and_fields_under_volume(self):
        self.stub("POST", "/volumes", json={"volume": volume(status="creating")}, status=202)
        made = self.client.volumes.create(size=2, name="data", volume_type="fast",
                                          metadata={"a": "1"})  # fmt: skip
        self.assertRequest("POST", "/volumes", json={"volume": {
            "size": 2, "name": "data", "volume_type": "fast", "metadata": {"a": "1"}}})  # fmt: skip
        self.assertVersion("3.71")
        self.assertEqual(("creating", "3.71"), (made.status, made.microversion))

    def test_sources_take_resources_or_ids_and_size_defaults_to_the_sources(self):
        self.stub("POST", "/volumes", json={"volume": volume()}, status=202)
        snap = self.client.snapshots._bound("5e1d")
        self.client.volumes.create(snapshot=snap, name="copy")
        self.assertRequest(
            "POST", "/volumes", json={"volume": {"snapshot_id": "5e1d", "name": "copy"}}
        )
        self.client.create_volume(source_volume=VOL2)
        self.assertRequest("POST", "/volumes", json={"volume": {"source_volid": VOL2}})
        self.client.volumes.create(size=1, image_id="img-1")
        self.assertRequest("POST", "/volumes", json={"volume": {"imageRef": "img-1", "size": 1}})

    def test_from_a_backup_and_scheduler_hints(self):
        self.stub("POST", "/volumes", json={"volume": volume()}, status=202)
        self.client.volumes.create(backup="b1", scheduler_hints={"same_host": [VOL2]})
        self.assertRequest("POST", "/volumes", json={
            "volume": {"backup_id": "b1"}, "OS-SCH-HNT:scheduler_hints": {"same_host": [VOL2]}})  # fmt: skip

    def test_a_size_is_required_without_a_source(self):
        error = self.assertRaises(exceptions.ValidationError, self.client.volumes.create, name="x")
        self.assertIn("size", str(error))

    def test_over_quota_is_overlimit_with_cinders_message_and_the_request_id(self):
        message = ("VolumeSizeExceedsAvailableQuota: Requested volume or snapshot exceeds "
                   "allowed gigabytes quota. Requested 5000G, quota is 1000G and 0G has been consumed.")  # fmt: skip
        self.stub("POST", "/volumes", status=413, headers={"x-openstack-request-id": "req-q"},
                  json={"overLimit": {"code": 413, "message": message, "retryAfter": "0"}})  # fmt: skip
        error = self.assertRaises(exceptions.OverLimit, self.client.volumes.create, size=5000)
        self.assertEqual((message, "req-q"), (error.message, error.request_id))
        self.assertIn("req-q", str(error))

    def test_an_unknown_volume_type_is_notfound_naming_it(self):
        self.stub("POST", "/volumes", status=404, json={"itemNotFound": {
            "code": 404, "message": "Volume type with name nope could not be found."}})  # fmt: skip
        error = self.assertRaises(exceptions.NotFound, self.client.volumes.create, size=1,
                                  volume_type="nope")  # fmt: skip
        self.assertIn("nope", str(error))


class TestReadAndChange(utils.BlockStorageTestCase):
    def test_list_is_detailed_with_cinders_filter_spelling(self):
        self.stub("GET", "/volumes/detail", json={"volumes": [volume()]})
        found = self.client.volumes.list(status="available", all_projects=True,
                                         metadata={"b": "2", "a": "1"}, bootable=False)  # fmt: skip
        self.assertEqual([VOL], [v.id for v in found])
        self.assertRequest("GET", "/volumes/detail", query={
            "status": ["available"], "all_tenants": ["1"], "bootable": ["false"],
            "metadata": ["{'a': '1', 'b': '2'}"]})  # fmt: skip
        self.stub("GET", "/volumes", json={"volumes": [{"id": VOL, "name": "data"}]})
        self.client.volumes.list(detailed=False)
        self.assertRequest("GET", "/volumes", query={})

    def test_iterate_follows_cinders_volumes_links(self):
        nxt = self.endpoint + "/volumes/detail?limit=1&marker=" + VOL
        self.requests_mock.get(self.endpoint + "/volumes/detail?limit=1", complete_qs=True,
                               json={"volumes": [volume()], "volumes_links": [
                                   {"rel": "next", "href": nxt}]})  # fmt: skip
        self.requests_mock.get(nxt, complete_qs=True, json={"volumes": [volume(VOL2)]})
        self.assertEqual([VOL, VOL2], [v.id for v in self.client.volumes(limit=1)])

    def test_find_by_name_uses_the_detailed_list_and_the_sdk_verb_returns_none(self):
        self.stub(
            "GET", "/volumes/detail", json={"volumes": [volume(), volume(VOL2, name="data-2")]}
        )
        self.assertEqual(VOL, self.client.find_volume("data").id)
        self.assertRequest("GET", "/volumes/detail", query={"name": ["data"]})
        self.stub("GET", "/volumes/detail", json={"volumes": []})
        self.stub("GET", "/volumes/gone", status=404, json={"itemNotFound": {"message": "x"}})
        self.assertIsNone(self.client.find_volume("gone"))

    def test_get_update_and_the_bootable_flag(self):
        self.stub("GET", "/volumes/" + VOL, json={"volume": volume(bootable="true",
                  attachments=[{"server_id": "s1"}])})  # fmt: skip
        got = self.client.get_volume(VOL)
        self.assertEqual((True, ["s1"]), (got.is_bootable, got.attached_servers))
        self.stub("PUT", "/volumes/" + VOL, json={"volume": volume(name="new")})
        self.assertEqual("new", self.client.volumes.update(got, name="new").name)
        self.assertRequest("PUT", "/volumes/" + VOL, json={"volume": {"name": "new"}})

    def test_delete_with_cascade_and_force(self):
        self.stub("DELETE", "/volumes/" + VOL, status=202, text="")
        self.client.volumes.delete(VOL, cascade=True, force=True)
        self.assertRequest("DELETE", "/volumes/" + VOL, query={"cascade": ["true"],
                           "force": ["true"]})  # fmt: skip
        self.client.delete_volume(VOL)
        self.assertRequest("DELETE", "/volumes/" + VOL, query={})

    def test_deleting_an_attached_volume_is_cinders_400_with_its_text(self):
        text = ("Invalid volume: Volume status must be available or error or error_restoring "
                "or error_extending or error_managing and must not be migrating, attached, "
                "belong to a group, have snapshots, awaiting a transfer, or be disassociated "
                "from snapshots after volume transfer.")  # fmt: skip
        self.stub("DELETE", "/volumes/" + VOL, status=400,
                  json={"badRequest": {"code": 400, "message": text}})  # fmt: skip
        error = self.assertRaises(exceptions.BadRequest, self.client.volumes.delete, VOL)
        self.assertEqual(text, error.message)
        self.assertEqual("req-c1", error.request_id)

    def test_metadata_calls(self):
        base = "/volumes/%s/metadata" % VOL
        self.stub("GET", base, json={"metadata": {"a": "1"}})
        self.assertEqual({"a": "1"}, self.client.get_volume_metadata(VOL))
        self.stub("POST", base, json={"metadata": {"a": "1", "b": "2"}})
        self.assertEqual({"a": "1", "b": "2"}, self.client.set_volume_metadata(VOL, b="2"))
        self.assertRequest("POST", base, json={"metadata": {"b": "2"}})
        self.stub("PUT", base, json={"metadata": {"c": "3"}})
        self.client.volumes.replace_metadata(VOL, {"c": "3"})
        self.assertRequest("PUT", base, json={"metadata": {"c": "3"}})
        self.stub("DELETE", base + "/a%2Fb", text="")
        self.client.delete_volume_metadata(VOL, ["a/b"])
        self.assertRequest("DELETE", base + "/a%2Fb")

    def test_summary_needs_3_12(self):
        self.stub(
            "GET", "/volumes/summary", json={"volume-summary": {"total_count": 2, "total_size": 3}}
        )
        self.assertEqual(3, self.client.volumes.summary()["total_size"])


class TestActions(utils.BlockStorageTestCase):
    def test_each_action_sends_its_body(self):
        self.action("/volumes/" + VOL)
        v = self.client.volumes
        calls = [
            (lambda: v.extend(VOL, 2), {"os-extend": {"new_size": 2}}),
            (lambda: v.retype(VOL, "gold", "on-demand"),
             {"os-retype": {"new_type": "gold", "migration_policy": "on-demand"}}),
            (lambda: v.set_bootable(VOL, True), {"os-set_bootable": {"bootable": True}}),
            (lambda: v.set_readonly(VOL, False), {"os-update_readonly_flag": {"readonly": False}}),
            (lambda: v.revert_to_snapshot(VOL, "s1"), {"revert": {"snapshot_id": "s1"}}),
            (lambda: v.reset_status(VOL, "available", attach_status="detached"),
             {"os-reset_status": {"status": "available", "attach_status": "detached"}}),
            (lambda: v.force_delete(VOL), {"os-force_delete": None}),
            (lambda: v.force_detach(VOL, "a1"), {"os-force_detach": {"attachment_id": "a1"}}),
            (lambda: v.reserve(VOL), {"os-reserve": None}),
            (lambda: v.unreserve(VOL), {"os-unreserve": None}),
            (lambda: v.attach(VOL, "/dev/vdb", instance="srv", mode="rw"),
             {"os-attach": {"mountpoint": "/dev/vdb", "instance_uuid": "srv", "mode": "rw"}}),
            (lambda: v.attach(VOL, "/dev/vdc", host_name="h1"),
             {"os-attach": {"mountpoint": "/dev/vdc", "host_name": "h1"}}),
            (lambda: v.detach(VOL, "a1"), {"os-detach": {"attachment_id": "a1"}}),
            (lambda: v.detach(VOL), {"os-detach": None}),
            (lambda: v.begin_detaching(VOL), {"os-begin_detaching": None}),
            (lambda: v.roll_detaching(VOL), {"os-roll_detaching": None}),
            (lambda: v.terminate_connection(VOL, {"host": "h"}),
             {"os-terminate_connection": {"connector": {"host": "h"}}}),
        ]  # fmt: skip
        for call, body in calls:
            call()
            self.assertRequest("POST", "/volumes/%s/action" % VOL, json=body)

    def test_initialize_connection_returns_the_connection_info(self):
        info = {"driver_volume_type": "iscsi", "data": {"target_lun": 0}}
        self.stub("POST", "/volumes/%s/action" % VOL, json={"connection_info": info})
        self.assertEqual(info, self.client.volumes.initialize_connection(VOL, {"host": "h"}))

    def test_bad_choices_are_refused_before_sending(self):
        self.assertRaises(exceptions.ValidationError, self.client.volumes.retype, VOL, "t", "now")
        self.assertRaises(
            exceptions.ValidationError, self.client.volumes.attach, VOL, "/d", mode="x"
        )
        self.assertEqual([], self.requests_to("POST"))

    def test_revert_on_a_client_pinned_below_3_40_is_refused_before_sending(self):
        old = type(self.client)(session=self.session, api_version="3.30")
        error = self.assertRaises(exceptions.UnsupportedVersion, old.revert_volume_to_snapshot,
                                  VOL, "s1")  # fmt: skip
        self.assertIn("3.40", str(error))
        self.assertIn("3.30", str(error))
        self.assertEqual([], self.requests_to("POST"))


class TestWaits(utils.BlockStorageTestCase):
    def test_waits_for_available_and_in_use(self):
        self.stub_sequence("GET", "/volumes/" + VOL,
                           {"json": {"volume": volume(status="creating")}},
                           {"json": {"volume": volume(status="available")}},
                           {"json": {"volume": volume(status="in-use")}})  # fmt: skip
        got = self.client.wait_for_volume(VOL, interval=0)
        self.assertEqual("available", got.status)
        self.assertEqual(
            "in-use", self.client.volumes.wait_for_status(got, "in-use", interval=0).status
        )

    def test_error_fails_at_once_with_cinders_user_message(self):
        self.stub("GET", "/volumes/" + VOL, json={"volume": volume(status="error")})
        self.stub("GET", "/messages", json={"messages": [{"id": "m1", "user_message":
                  "schedule allocate volume:Could not find any available weighted backend."}]})  # fmt: skip
        error = self.assertRaises(exceptions.ResourceFailure, self.client.wait_for_volume, VOL,
                                  interval=0)  # fmt: skip
        self.assertIn("Could not find any available weighted backend", str(error))
        self.assertIn("(request id req-c1)", str(error))
        self.assertEqual("error", error.status)
        self.assertRequest("GET", "/messages", query={"resource_uuid": [VOL],
                           "sort": ["created_at:desc"]})  # fmt: skip
        self.assertVersion("3.71")

    def test_the_sdk_style_client_wait_uses_the_volume_failures(self):
        self.stub("GET", "/volumes/" + VOL, json={"volume": volume(status="error_extending")})
        self.stub(
            "GET", "/messages", json={"messages": [{"id": "m1", "user_message": "extend failed"}]}
        )
        bound = self.client.volumes._bound(VOL)
        error = self.assertRaises(exceptions.ResourceFailure, self.client.wait_for_status, bound,
                                  "available", interval=0, wait=5)  # fmt: skip
        self.assertIn("extend failed", str(error))
        self.stub("GET", "/volumes/" + VOL2, status=404, json={"itemNotFound": {"message": "x"}})
        self.client.wait_for_delete(self.client.volumes._bound(VOL2), interval=0)

    def test_error_extending_fails_at_once_even_without_a_message(self):
        self.stub("GET", "/volumes/" + VOL, json={"volume": volume(status="error_extending")})
        self.stub("GET", "/messages", status=403, json={"forbidden": {"message": "no"}})
        error = self.assertRaises(exceptions.ResourceFailure,
                                  self.client.volumes.wait_for_status, VOL, "available", interval=0)  # fmt: skip
        self.assertEqual("error_extending", error.status)

    def test_wait_for_delete_ends_on_404_and_fails_on_error_deleting(self):
        self.stub_sequence("GET", "/volumes/" + VOL,
                           {"json": {"volume": volume(status="deleting")}},
                           {"status_code": 404, "json": {"itemNotFound": {"message": "gone"}}})  # fmt: skip
        self.client.volumes.wait_for_delete(VOL, interval=0)
        self.stub(
            "GET", "/volumes/" + VOL2, json={"volume": volume(VOL2, status="error_deleting")}
        )
        self.stub("GET", "/messages", json={"messages": []})
        self.assertRaises(exceptions.ResourceFailure, self.client.volumes.wait_for_delete, VOL2,
                          interval=0)  # fmt: skip

    def test_failures_are_the_documented_statuses(self):
        self.assertEqual({"error", "error_deleting", "error_extending"},
                         {"error", "error_deleting", "error_extending"} & set(volumes.VOLUME_FAILURES))  # fmt: skip

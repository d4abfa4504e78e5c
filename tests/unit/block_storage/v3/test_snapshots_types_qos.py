"""Snapshots, volume types and QoS specs on the wire."""

from __future__ import annotations

from stackclient.apiclient import exceptions
from tests.unit.block_storage.v3 import utils
from tests.unit.block_storage.v3.utils import VOL

SNAP = "5e1d8a7e-0c1f-4b0a-9d8e-7f6a5b4c3d2e"
TYPE = "ef507ed1-3abd-4834-8ac4-38e8070b3322"


def snapshot(**fields):
    return {"id": SNAP, "name": "nightly", "volume_id": VOL, "status": "available", **fields}


class TestSnapshots(utils.BlockStorageTestCase):
    def test_create_takes_the_volume_and_force(self):
        self.stub("POST", "/snapshots", json={"snapshot": snapshot(status="creating")}, status=202)
        made = self.client.snapshots.create(self.client.volumes._bound(VOL), force=True,
                                            name="nightly", metadata={"by": "cron"})  # fmt: skip
        self.assertRequest("POST", "/snapshots", json={"snapshot": {
            "name": "nightly", "metadata": {"by": "cron"}, "volume_id": VOL, "force": True}})  # fmt: skip
        self.assertEqual("creating", made.status)
        self.client.create_snapshot(volume_id=VOL)
        self.assertRequest("POST", "/snapshots", json={"snapshot": {"volume_id": VOL}})

    def test_list_find_update_and_metadata(self):
        self.stub("GET", "/snapshots/detail", json={"snapshots": [snapshot()]})
        self.assertEqual(SNAP, self.client.find_snapshot("nightly").id)
        self.assertRequest("GET", "/snapshots/detail", query={"name": ["nightly"]})
        self.client.snapshots.list(volume_id=VOL, all_projects=True)
        self.assertRequest("GET", "/snapshots/detail", query={"volume_id": [VOL],
                           "all_tenants": ["1"]})  # fmt: skip
        self.stub("PUT", "/snapshots/" + SNAP, json={"snapshot": snapshot(name="n2")})
        self.assertEqual("n2", self.client.update_snapshot(SNAP, name="n2").name)
        self.stub("POST", "/snapshots/%s/metadata" % SNAP, json={"metadata": {"k": "v"}})
        self.assertEqual({"k": "v"}, self.client.set_snapshot_metadata(SNAP, k="v"))

    def test_admin_actions_and_waits(self):
        self.action("/snapshots/" + SNAP)
        self.client.reset_snapshot_status(SNAP, "error")
        self.assertRequest("POST", "/snapshots/%s/action" % SNAP,
                           json={"os-reset_status": {"status": "error"}})  # fmt: skip
        self.client.snapshots.force_delete(SNAP)
        self.assertRequest("POST", "/snapshots/%s/action" % SNAP, json={"os-force_delete": None})
        self.stub("GET", "/snapshots/" + SNAP, json={"snapshot": snapshot(status="error")})
        self.assertRaises(exceptions.ResourceFailure, self.client.snapshots.wait_for_status,
                          SNAP, "available", interval=0)  # fmt: skip


class TestVolumeTypes(utils.BlockStorageTestCase):
    def test_create_a_private_type_with_extra_specs(self):
        self.stub("POST", "/types", json={"volume_type": {"id": TYPE, "name": "gold"}})
        self.client.volume_types.create("gold", description="d", is_public=False,
                                        extra_specs={"volume_backend_name": "fake"})  # fmt: skip
        self.assertRequest("POST", "/types", json={"volume_type": {
            "name": "gold", "os-volume-type-access:is_public": False, "description": "d",
            "extra_specs": {"volume_backend_name": "fake"}}})  # fmt: skip

    def test_find_looks_at_private_types_too_and_names_a_missing_one(self):
        self.stub("GET", "/types", json={"volume_types": [{"id": TYPE, "name": "gold"}]})
        self.assertEqual(TYPE, self.client.find_type("gold").id)
        self.assertRequest("GET", "/types", query={"is_public": ["None"]})
        self.stub("GET", "/types/silver", status=404, json={"itemNotFound": {"message": "no"}})
        error = self.assertRaises(exceptions.NotFound, self.client.volume_types.find, "silver")
        self.assertIn("'silver'", str(error))
        self.assertEqual(TYPE, self.client.types.find("gold").id)

    def test_extra_specs_and_access(self):
        specs = "/types/%s/extra_specs" % TYPE
        self.stub("GET", specs, json={"extra_specs": {"a": "1"}})
        self.assertEqual({"a": "1"}, self.client.volume_types.get_extra_specs(TYPE))
        self.stub("POST", specs, json={"extra_specs": {"b": "2"}})
        self.assertEqual({"b": "2"}, self.client.update_type_extra_specs(TYPE, b="2"))
        self.assertRequest("POST", specs, json={"extra_specs": {"b": "2"}})
        self.stub("DELETE", specs + "/b", text="")
        self.client.delete_type_extra_specs(TYPE, "b")
        self.assertRequest("DELETE", specs + "/b")
        access = "/types/%s/os-volume-type-access" % TYPE
        self.stub("GET", access, json={"volume_type_access": [
            {"volume_type_id": TYPE, "project_id": "p1"}]})  # fmt: skip
        self.assertEqual(["p1"], self.client.get_type_access(TYPE))
        self.action("/types/" + TYPE)
        self.client.add_type_access(TYPE, "p2")
        self.assertRequest("POST", "/types/%s/action" % TYPE,
                           json={"addProjectAccess": {"project": "p2"}})  # fmt: skip
        self.client.remove_type_access(TYPE, "p2")
        self.assertRequest("POST", "/types/%s/action" % TYPE,
                           json={"removeProjectAccess": {"project": "p2"}})  # fmt: skip

    def test_default_type_update_and_delete(self):
        self.stub(
            "GET", "/types/default", json={"volume_type": {"id": TYPE, "name": "__DEFAULT__"}}
        )
        self.assertEqual("__DEFAULT__", self.client.volume_types.default().name)
        self.stub("PUT", "/types/" + TYPE, json={"volume_type": {"id": TYPE, "name": "g2"}})
        self.client.update_type(TYPE, name="g2", is_public=True)
        self.assertRequest("PUT", "/types/" + TYPE, json={"volume_type": {"name": "g2",
                           "is_public": True}})  # fmt: skip
        self.stub("DELETE", "/types/" + TYPE, status=202, text="")
        self.client.delete_type(TYPE)
        self.assertRequest("DELETE", "/types/" + TYPE)


class TestQoSSpecs(utils.BlockStorageTestCase):
    QOS = "/qos-specs/q1"

    def test_create_set_and_unset_keys(self):
        self.stub("POST", "/qos-specs", json={"qos_specs": {"id": "q1", "name": "slow",
                  "consumer": "back-end", "specs": {"read_iops_sec": "100"}}})  # fmt: skip
        qos = self.client.qos_specs.create("slow", {"read_iops_sec": "100"}, consumer="back-end")
        self.assertEqual({"read_iops_sec": "100"}, qos.specs)
        self.assertRequest("POST", "/qos-specs", json={"qos_specs": {
            "name": "slow", "read_iops_sec": "100", "consumer": "back-end"}})  # fmt: skip
        self.stub("PUT", self.QOS, json={"qos_specs": {"write_iops_sec": "50"}})
        self.client.qos_specs.set_keys(qos, {"write_iops_sec": "50"})
        self.assertRequest("PUT", self.QOS, json={"qos_specs": {"write_iops_sec": "50"}})
        self.stub("PUT", self.QOS + "/delete_keys", status=202, text="")
        self.client.qos_specs.unset_keys(qos, "write_iops_sec")
        self.assertRequest("PUT", self.QOS + "/delete_keys", json={"keys": ["write_iops_sec"]})
        self.assertRaises(
            exceptions.ValidationError, self.client.qos_specs.create, "x", consumer="me"
        )
        self.assertRaises(exceptions.MethodNotImplemented, self.client.qos_specs.update, qos)

    def test_associations(self):
        for verb in ("associate", "disassociate", "disassociate_all"):
            self.stub("GET", "%s/%s" % (self.QOS, verb), status=202, text="")
        self.client.qos_specs.associate("q1", TYPE)
        self.assertRequest("GET", self.QOS + "/associate", query={"vol_type_id": [TYPE]})
        self.client.qos_specs.disassociate("q1", TYPE)
        self.assertRequest("GET", self.QOS + "/disassociate", query={"vol_type_id": [TYPE]})
        self.client.qos_specs.disassociate_all("q1")
        self.assertRequest("GET", self.QOS + "/disassociate_all", query={})
        self.stub("GET", self.QOS + "/associations", json={"qos_associations": [
            {"association_type": "volume_type", "name": "gold", "id": TYPE}]})  # fmt: skip
        self.assertEqual(["gold"], [a["name"] for a in self.client.qos_specs.associations("q1")])

    def test_delete_with_force(self):
        self.stub("DELETE", self.QOS, status=202, text="")
        self.client.qos_specs.delete("q1", force=True)
        self.assertRequest("DELETE", self.QOS, query={"force": ["true"]})
        self.client.delete_qos_spec("q1")
        self.assertRequest("DELETE", self.QOS, query={"force": ["false"]})

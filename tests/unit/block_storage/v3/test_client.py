"""The client: discovery, microversions, quotas, limits, zones, services, pools, messages."""

from __future__ import annotations

import importlib
import inspect

from stackclient.apiclient import exceptions
from stackclient.block_storage.v3 import client
from tests.unit import service_utils
from tests.unit.block_storage.v3 import utils

PROJECT = service_utils.PROJECT_ID


class TestDiscovery(utils.BlockStorageTestCase):
    def test_the_volumev3_entry_is_found_and_the_newest_common_microversion_sent(self):
        self.assertEqual("http://cinder.test:8776/v3/%s" % PROJECT, self.client.endpoint)
        self.stub("GET", "/types", json={"volume_types": []})
        self.client.volume_types.list()
        self.assertVersion(client.MAX_MICROVERSION)

    def test_a_pin_the_server_cannot_serve_names_both_ranges_before_any_other_request(self):
        pinned = client.Client(session=self.session, api_version="3.90")
        error = self.assertRaises(exceptions.UnsupportedVersion, pinned.volumes.list)
        self.assertIn("3.0 to 3.71", str(error))
        self.assertIn("3.0 to %s" % client.MAX_MICROVERSION, str(error))
        self.assertIn("3.90", str(error))
        self.assertEqual(
            [], [r for r in self.requests_mock.request_history if "volumes" in r.path]
        )

    def test_a_pin_is_sent(self):
        pinned = client.Client(session=self.session, api_version="3.42")
        self.requests_mock.get(pinned.endpoint + "/volumes/detail", json={"volumes": []})
        pinned.volumes.list()
        self.assertVersion("3.42")

    def test_any_alias_selects_the_service(self):
        for alias in ("volumev3", "volume", "block-storage"):
            self.assertEqual("http://cinder.test:8776/v3/%s" % PROJECT,
                             client.Client(session=self.session, service_type=alias).endpoint)  # fmt: skip

    def test_sdk_verbs_exist(self):
        for name in ("get_volume", "find_volume", "create_volume", "update_volume",
                     "delete_volume", "find_snapshot", "find_type", "create_backup",
                     "find_transfer", "get_attachment", "delete_qos_spec"):  # fmt: skip
            self.assertTrue(callable(getattr(self.client, name)), name)


class TestQuotasAndLimits(utils.BlockStorageTestCase):
    def test_quotas_of_the_tokens_project_with_usage(self):
        self.stub("GET", "/os-quota-sets/" + PROJECT, json={"quota_set": {
            "id": PROJECT, "volumes": {"limit": 10, "in_use": 1, "reserved": 0}}})  # fmt: skip
        quotas = self.client.get_quota_set(usage=True)
        self.assertEqual(1, quotas.volumes["in_use"])
        self.assertRequest("GET", "/os-quota-sets/" + PROJECT, query={"usage": ["true"]})

    def test_defaults_update_and_reset(self):
        self.stub(
            "GET", "/os-quota-sets/p2/defaults", json={"quota_set": {"id": "p2", "volumes": 10}}
        )
        self.assertEqual(10, self.client.get_quota_set_defaults("p2").volumes)
        self.stub("PUT", "/os-quota-sets/p2", json={"quota_set": {"volumes": 20}})
        self.client.update_quota_set("p2", volumes=20, gigabytes=100)
        self.assertRequest("PUT", "/os-quota-sets/p2", json={"quota_set": {"volumes": 20,
                           "gigabytes": 100}})  # fmt: skip
        self.stub("DELETE", "/os-quota-sets/p2", text="")
        self.client.revert_quota_set("p2")
        self.assertRequest("DELETE", "/os-quota-sets/p2")
        self.assertRaises(exceptions.MethodNotImplemented, self.client.quotas.list)

    def test_limits(self):
        self.stub(
            "GET", "/limits", json={"limits": {"rate": [], "absolute": {"maxTotalVolumes": 10}}}
        )
        self.assertEqual(10, self.client.get_limits().absolute["maxTotalVolumes"])
        self.client.limits.get("p2")
        self.assertRequest("GET", "/limits", query={"project_id": ["p2"]})


class TestZonesServicesPoolsMessages(utils.BlockStorageTestCase):
    def test_availability_zones(self):
        self.stub("GET", "/os-availability-zone", json={"availabilityZoneInfo": [
            {"zoneName": "nova", "zoneState": {"available": True}}]})  # fmt: skip
        zones = list(self.client.availability_zones())
        self.assertEqual([("nova", True)], [(z.name, z.available) for z in zones])
        self.assertEqual("nova", self.client.availability_zones.get("nova").name)

    def test_services_enable_disable(self):
        self.stub("GET", "/os-services", json={"services": [
            {"binary": "cinder-volume", "host": "h@fake", "status": "enabled", "state": "up"}]})  # fmt: skip
        services = self.client.services.list(binary="cinder-volume")
        self.assertEqual(["cinder-volume@h@fake"], [s.id for s in services])
        self.assertRequest("GET", "/os-services", query={"binary": ["cinder-volume"]})
        self.assertTrue(self.client.services.has_binary("cinder-volume"))
        self.stub("PUT", "/os-services/disable-log-reason", json={"status": "disabled"})
        answer = self.client.services.disable("h@fake", "cinder-volume", reason="maintenance")
        self.assertEqual("disabled", answer["status"])
        self.assertRequest("PUT", "/os-services/disable-log-reason", json={
            "host": "h@fake", "binary": "cinder-volume", "disabled_reason": "maintenance"})  # fmt: skip
        self.stub("PUT", "/os-services/enable", json={"status": "enabled"})
        self.client.services.enable("h@fake", "cinder-volume")
        self.assertRequest("PUT", "/os-services/enable", json={"host": "h@fake",
                           "binary": "cinder-volume"})  # fmt: skip

    def test_pools(self):
        self.stub("GET", "/scheduler-stats/get_pools", json={"pools": [
            {"name": "h@fake#fake", "capabilities": {"free_capacity_gb": "infinite"}}]})  # fmt: skip
        pools = self.client.backend_pools()
        self.assertEqual("infinite", pools[0].capabilities["free_capacity_gb"])
        self.assertRequest("GET", "/scheduler-stats/get_pools", query={"detail": ["true"]})

    def test_messages(self):
        self.stub("GET", "/messages", json={"messages": [{"id": "m1", "user_message": "oops"}]})
        self.assertEqual(["oops"], [m.user_message for m in self.client.messages.list()])
        self.stub("DELETE", "/messages/m1", status=204, text="")
        self.client.messages.delete("m1")
        self.assertRequest("DELETE", "/messages/m1")


MODULES = [
    "stackclient.block_storage.v3.%s" % name
    for name in (
        "client",
        "volumes",
        "_volume_actions",
        "_common",
        "snapshots",
        "volume_types",
        "qos_specs",
        "attachments",
        "transfers",
        "quotas",
        "limits",
        "availability_zones",
        "services",
        "pools",
        "backups",
        "messages",
    )  # fmt: skip
]


def test_all_matches_the_public_names() -> None:
    for name in MODULES:
        module = importlib.import_module(name)
        for exported in module.__all__:
            assert hasattr(module, exported), "%s.%s" % (name, exported)
        defined = {
            attr
            for attr, value in vars(module).items()
            if not attr.startswith("_")
            and (inspect.isclass(value) or inspect.isfunction(value))
            and value.__module__ == name
        }
        assert defined <= set(module.__all__), (name, defined - set(module.__all__))

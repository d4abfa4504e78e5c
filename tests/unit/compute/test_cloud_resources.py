"""Limits, quota sets, server groups, zones, hypervisors, services, aggregates, usage,
versions on the wire."""

from __future__ import annotations

import datetime

from stackclient.apiclient import exceptions
from stackclient.compute.v2 import Client
from tests.unit.compute import utils

PROJECT = utils.uuid(42)


class TestLimitsAndQuotas(utils.ComputeTestCase):
    def test_limits(self):
        absolute = {"maxTotalInstances": 10, "totalInstancesUsed": 2}
        self.stub("GET", "/limits", json={"limits": {"absolute": absolute, "rate": []}})
        self.assertEqual(10, self.client.get_limits().absolute["maxTotalInstances"])
        self.assertRequest("GET", "/limits", query={})
        self.client.limits.get(PROJECT)
        self.assertRequest("GET", "/limits", query={"tenant_id": [PROJECT]})
        self.assertRaises(exceptions.MethodNotImplemented, self.client.limits.list)

    def test_quota_sets(self):
        base = "/os-quota-sets/" + PROJECT
        quota = {"id": PROJECT, "instances": 10, "cores": 20}
        self.stub("GET", base, json={"quota_set": quota})
        self.stub("GET", base + "/detail", json={"quota_set": dict(
            quota, instances={"limit": 10, "in_use": 1, "reserved": 0})})  # fmt: skip
        self.stub("GET", base + "/defaults", json={"quota_set": quota})
        self.stub("PUT", base, json={"quota_set": dict(quota, instances=20)})
        self.stub("DELETE", base, status=202)
        self.assertEqual(10, self.client.get_quota_set(PROJECT).instances)
        self.assertEqual(1, self.client.get_quota_set(PROJECT, usage=True).instances["in_use"])
        self.assertEqual(20, self.client.get_quota_set_defaults(PROJECT).cores)
        self.assertEqual(20, self.client.update_quota_set(PROJECT, instances=20).instances)
        self.assertRequest("PUT", base, json={"quota_set": {"instances": 20}})
        self.client.quota_sets.update(PROJECT, user_id="u1", force=True, cores=4)
        self.assertRequest("PUT", base, query={"user_id": ["u1"]},
                           json={"quota_set": {"cores": 4, "force": True}})  # fmt: skip
        self.client.revert_quota_set(PROJECT)
        self.assertRequest("DELETE", base)
        self.assertRaises(exceptions.ValidationError, self.client.quota_sets.update, PROJECT)


class TestServerGroups(utils.ComputeTestCase):
    def test_create_with_a_policy_and_rules_from_2_64(self):
        group = {"id": utils.uuid(600), "name": "db", "policy": "anti-affinity", "rules": {},
                 "members": []}  # fmt: skip
        self.stub("POST", "/os-server-groups", json={"server_group": group})
        created = self.client.create_server_group(
            name="db", policy="anti-affinity", rules={"max_server_per_host": 2}
        )
        self.assertRequest("POST", "/os-server-groups", json={"server_group": {
            "name": "db", "policy": "anti-affinity", "rules": {"max_server_per_host": 2}}})  # fmt: skip
        self.assertEqual("anti-affinity", created.policy)

    def test_before_2_64_policies_is_a_list(self):
        group = {"id": utils.uuid(600), "name": "db", "policies": ["affinity"], "members": []}
        self.stub("POST", "/os-server-groups", json={"server_group": group})
        nova = Client(session=self.session, api_version="2.63")
        self.assertEqual("affinity", nova.server_groups.create("db", "affinity").policy)
        self.assertRequest("POST", "/os-server-groups", json={"server_group": {
            "name": "db", "policies": ["affinity"]}})  # fmt: skip

    def test_list_find_delete(self):
        group = {"id": utils.uuid(600), "name": "db", "policy": "affinity", "members": []}
        self.stub("GET", "/os-server-groups", json={"server_groups": [group]})
        self.stub("DELETE", "/os-server-groups/" + group["id"], status=204)
        self.assertEqual(group["id"], self.client.find_server_group("db").id)
        self.assertRequest("GET", "/os-server-groups", query={})
        self.client.delete_server_group(group["id"])
        self.assertRequest("DELETE", "/os-server-groups/" + group["id"])


class TestZonesHypervisorsServices(utils.ComputeTestCase):
    def test_availability_zones(self):
        zones = [{"zoneName": "nova", "zoneState": {"available": True}, "hosts": None}]
        self.stub("GET", "/os-availability-zone", json={"availabilityZoneInfo": zones})
        self.stub("GET", "/os-availability-zone/detail", json={"availabilityZoneInfo": zones})
        self.assertEqual(
            ["nova"], [z.name for z in self.client.availability_zones() if z.available]
        )
        self.client.availability_zones.list(detail=True)
        self.assertRequest("GET", "/os-availability-zone/detail")
        self.assertEqual("nova", self.client.availability_zones.get("nova").id)
        self.assertRaises(exceptions.NotFound, self.client.availability_zones.find, "az9")

    def test_hypervisors(self):
        hyper = {"id": utils.uuid(300), "hypervisor_hostname": "localcloud", "state": "up",
                 "status": "enabled", "uptime": "up 1 day"}  # fmt: skip
        self.stub("GET", "/os-hypervisors/detail", json={"hypervisors": [hyper]})
        self.stub("GET", "/os-hypervisors/" + hyper["id"], json={"hypervisor": hyper})
        self.assertEqual("up", self.client.find_hypervisor("localcloud").state)
        self.assertRequest("GET", "/os-hypervisors/detail", query={
            "hypervisor_hostname_pattern": ["localcloud"]})  # fmt: skip
        self.assertEqual("up 1 day", self.client.get_hypervisor_uptime(hyper["id"]))

    def test_hypervisor_uptime_before_2_88(self):
        self.stub("GET", "/os-hypervisors/7/uptime", json={"hypervisor": {"id": 7, "uptime": "u"}})
        nova = Client(session=self.session, api_version="2.87")
        self.assertEqual("u", nova.hypervisors.uptime(7))

    def test_services_from_2_53(self):
        svc = {"id": utils.uuid(301), "binary": "nova-compute", "host": "localcloud",
               "status": "enabled", "state": "up", "forced_down": False}  # fmt: skip
        self.stub("GET", "/os-services", json={"services": [svc]})
        self.stub("PUT", "/os-services/" + svc["id"], json={"service": svc})
        (found,) = self.client.services(binary="nova-compute")
        self.client.disable_service(found, "maintenance")
        self.assertRequest("PUT", "/os-services/" + svc["id"], json={
            "status": "disabled", "disabled_reason": "maintenance"})  # fmt: skip
        self.client.enable_service(found)
        self.assertRequest("PUT", "/os-services/" + svc["id"], json={"status": "enabled"})
        self.client.update_service_forced_down(found, True)
        self.assertRequest("PUT", "/os-services/" + svc["id"], json={"forced_down": True})
        self.assertEqual("localcloud", self.client.get_service(svc["id"]).host)

    def test_services_before_2_53_go_by_host_and_binary(self):
        svc = {"id": 5, "binary": "nova-compute", "host": "h1", "status": "enabled"}
        self.stub("GET", "/os-services", json={"services": [svc]})
        self.stub("PUT", "/os-services/disable-log-reason", json={"service": svc})
        nova = Client(session=self.session, api_version="2.52")
        (found,) = nova.services.list()
        nova.services.set_status(found, False, "why")
        self.assertRequest("PUT", "/os-services/disable-log-reason", json={
            "host": "h1", "binary": "nova-compute", "disabled_reason": "why"})  # fmt: skip
        self.assertRaises(exceptions.ValidationError, nova.services.set_status, 5, True)


class TestAggregatesUsageVersions(utils.ComputeTestCase):
    def test_aggregates(self):
        agg = {"id": 3, "name": "fast", "availability_zone": "az-fast", "hosts": [],
               "metadata": {}}  # fmt: skip
        self.stub("POST", "/os-aggregates", json={"aggregate": agg})
        self.stub("POST", "/os-aggregates/3/action", json={"aggregate": dict(agg, hosts=["h"])})
        self.stub("POST", "/os-aggregates/3/images", status=202)
        created = self.client.create_aggregate(name="fast", availability_zone="az-fast")
        self.assertRequest("POST", "/os-aggregates", json={"aggregate": {
            "name": "fast", "availability_zone": "az-fast"}})  # fmt: skip
        self.assertEqual(["h"], self.client.add_host_to_aggregate(created, "h").hosts)
        self.assertRequest("POST", "/os-aggregates/3/action", json={"add_host": {"host": "h"}})
        self.client.remove_host_from_aggregate(created, "h")
        self.assertRequest("POST", "/os-aggregates/3/action", json={"remove_host": {"host": "h"}})
        self.client.set_aggregate_metadata(created, {"ssd": "true", "old": None})
        self.assertRequest("POST", "/os-aggregates/3/action", json={
            "set_metadata": {"metadata": {"ssd": "true", "old": None}}})  # fmt: skip
        self.client.aggregate_precache_images(created, [utils.uuid(900)])
        self.assertRequest("POST", "/os-aggregates/3/images", json={
            "cache": [{"id": utils.uuid(900)}]})  # fmt: skip

    def test_usage(self):
        start = datetime.datetime(2026, 11, 1)
        end = datetime.datetime(2026, 11, 2, tzinfo=datetime.timezone.utc)
        usage = {"tenant_id": PROJECT, "total_hours": 1.5, "server_usages": []}
        self.stub("GET", "/os-simple-tenant-usage", json={"tenant_usages": [usage]})
        self.stub("GET", "/os-simple-tenant-usage/" + PROJECT, json={"tenant_usage": usage})
        (found,) = self.client.usages(start, end, detailed=True)
        self.assertEqual(PROJECT, found.id)
        self.assertRequest("GET", "/os-simple-tenant-usage", query={
            "start": ["2026-11-01T00:00:00"], "end": ["2026-11-02T00:00:00"],
            "detailed": ["1"]})  # fmt: skip
        self.assertEqual(
            1.5, self.client.get_usage(PROJECT, start, "2026-11-02T00:00:00Z").total_hours
        )
        self.assertRequest("GET", "/os-simple-tenant-usage/" + PROJECT, query={
            "start": ["2026-11-01T00:00:00"], "end": ["2026-11-02T00:00:00"]})  # fmt: skip
        self.assertRaises(exceptions.ValidationError, self.client.usage.list, 5, end)

    def test_versions(self):
        versions = [{"id": "v2.0", "status": "SUPPORTED"}, {"id": "v2.1", "status": "CURRENT",
                    "version": "2.100", "min_version": "2.1"}]  # fmt: skip
        self.requests_mock.get("http://nova.test:8774/", json={"versions": versions})
        self.requests_mock.get("http://nova.test:8774/v2.1", json={"version": versions[1]})
        self.assertEqual(["v2.0", "v2.1"], [v.id for v in self.client.versions.list()])
        self.assertEqual("2.100", self.client.versions.get("v2.1").version)
        self.assertRaises(exceptions.ValidationError, self.client.versions.get, "2.1")


class TestEdges(utils.ComputeTestCase):
    def test_usage_defaults_to_the_last_day(self):
        self.stub("GET", "/os-simple-tenant-usage/" + PROJECT, json={"tenant_usage": {
            "tenant_id": PROJECT}})  # fmt: skip
        self.client.usage.get(PROJECT)
        query = self.requests_mock.last_request.qs
        start = datetime.datetime.fromisoformat(query["start"][0])
        end = datetime.datetime.fromisoformat(query["end"][0])
        self.assertEqual(datetime.timedelta(days=1), end - start)
        self.assertRaises(exceptions.ValidationError, self.client.usage.get, PROJECT, None, "x")

    def test_hypervisor_summaries_and_services_forced_down_before_2_53(self):
        self.stub(
            "GET", "/os-hypervisors", json={"hypervisors": [{"id": 1, "hypervisor_hostname": "h"}]}
        )
        self.assertEqual(
            ["h"], [h.hypervisor_hostname for h in self.client.hypervisors(details=False)]
        )
        svc = {"id": 5, "binary": "nova-compute", "host": "h1", "forced_down": True}
        self.stub("PUT", "/os-services/force-down", json={"service": svc})
        nova = Client(session=self.session, api_version="2.11")
        nova.services.set_forced_down(nova.services.resource_class(None, svc))
        self.assertRequest("PUT", "/os-services/force-down", json={
            "forced_down": True, "host": "h1", "binary": "nova-compute"})  # fmt: skip
        self.stub("GET", "/os-services", json={"services": []})
        self.assertRaises(exceptions.NotFound, self.client.services.get, "nope")

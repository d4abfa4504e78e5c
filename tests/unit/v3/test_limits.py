"""Wire tests for project limits and registered limits."""

from __future__ import annotations

from stackclient.apiclient import base, exceptions
from stackclient.v3 import limits, registered_limits
from tests.unit.v3 import utils


class LimitTests(utils.TestCase):
    def setUp(self) -> None:
        super().setUp()
        self.manager = limits.LimitManager(self.client)
        self.ref = {
            "id": "l1",
            "project_id": "p1",
            "service_id": "s1",
            "region_id": "RegionOne",
            "resource_name": "cores",
            "resource_limit": 5,
        }

    def test_create_sends_a_batch_of_one(self) -> None:
        self.stub_url("POST", "limits", json={"limits": [self.ref]}, status_code=201)
        limit = self.manager.create(
            project=base.Resource(None, {"id": "p1"}),
            service="s1",
            resource_name="cores",
            resource_limit=5,
            region=base.Resource(None, {"id": "RegionOne"}),
        )
        self.assertIsInstance(limit, limits.Limit)
        self.assertEqual(5, limit.resource_limit)
        self.assertRequestIs("POST", "limits")
        self.assertRequestBodyIs(
            json={
                "limits": [
                    {
                        "project_id": "p1",
                        "service_id": "s1",
                        "resource_name": "cores",
                        "resource_limit": 5,
                        "region_id": "RegionOne",
                    }
                ]
            }
        )

    def test_create_with_description_and_extra(self) -> None:
        self.stub_url("POST", "limits", json={"limits": [self.ref]}, status_code=201)
        self.manager.create("p1", "s1", "cores", 0, description="d", domain_id=None)
        sent = self.last_request.json()["limits"][0]
        self.assertEqual(
            {"project_id", "service_id", "resource_name", "resource_limit", "description"},
            set(sent),
        )
        self.assertEqual(0, sent["resource_limit"])

    def test_create_with_empty_answer_is_invalid_response(self) -> None:
        self.stub_url("POST", "limits", json={"limits": []}, status_code=201)
        err = self.assertRaises(
            exceptions.InvalidResponse, self.manager.create, "p1", "s1", "cores", 1
        )
        self.assertIn("'limits'", str(err))

    def test_get(self) -> None:
        self.stub_url("GET", ["limits", "l1"], json={"limit": self.ref})
        self.assertEqual("cores", self.manager.get("l1").resource_name)
        self.assertRequestIs("GET", ["limits", "l1"])

    def test_list_filters(self) -> None:
        self.stub_url("GET", "limits", json={"limits": [self.ref]})
        found = self.manager.list(
            service="s1", region="RegionOne", resource_name="cores", project_id="p1"
        )
        self.assertEqual(["l1"], [x.id for x in found])
        self.assertRequestIs(
            "GET", "limits", "service_id=s1&region_id=RegionOne&resource_name=cores&project_id=p1"
        )

    def test_update(self) -> None:
        self.stub_url("PATCH", ["limits", "l1"], json={"limit": dict(self.ref, resource_limit=9)})
        limit = self.manager.update("l1", resource_limit=9, description="more")
        self.assertEqual(9, limit.resource_limit)
        self.assertRequestIs("PATCH", ["limits", "l1"])
        self.assertRequestBodyIs(json={"limit": {"resource_limit": 9, "description": "more"}})

    def test_delete(self) -> None:
        self.stub_url("DELETE", ["limits", "l1"], status_code=204)
        self.manager.delete(base.Resource(None, {"id": "l1"}))
        self.assertRequestIs("DELETE", ["limits", "l1"])


class RegisteredLimitTests(utils.TestCase):
    def setUp(self) -> None:
        super().setUp()
        self.manager = registered_limits.RegisteredLimitManager(self.client)
        self.ref = {"id": "rl1", "service_id": "s1", "resource_name": "cores", "default_limit": 10}

    def test_create(self) -> None:
        self.stub_url(
            "POST", "registered_limits", json={"registered_limits": [self.ref]}, status_code=201
        )
        reg = self.manager.create(
            base.Resource(None, {"id": "s1"}), "cores", 10, description="d", region="R1"
        )
        self.assertIsInstance(reg, registered_limits.RegisteredLimit)
        self.assertEqual(10, reg.default_limit)
        self.assertRequestIs("POST", "registered_limits")
        self.assertRequestBodyIs(
            json={
                "registered_limits": [
                    {
                        "service_id": "s1",
                        "resource_name": "cores",
                        "default_limit": 10,
                        "description": "d",
                        "region_id": "R1",
                    }
                ]
            }
        )

    def test_get(self) -> None:
        self.stub_url("GET", ["registered_limits", "rl1"], json={"registered_limit": self.ref})
        self.assertEqual("cores", self.manager.get("rl1").resource_name)
        self.assertRequestIs("GET", ["registered_limits", "rl1"])

    def test_list_filters(self) -> None:
        self.stub_url("GET", "registered_limits", json={"registered_limits": [self.ref]})
        self.manager.list(
            service="s1", resource_name="cores", region=base.Resource(None, {"id": "R1"})
        )
        self.assertRequestIs(
            "GET", "registered_limits", "service_id=s1&resource_name=cores&region_id=R1"
        )

    def test_update_sends_region_id(self) -> None:
        self.stub_url("PATCH", ["registered_limits", "rl1"], json={"registered_limit": self.ref})
        self.manager.update(
            "rl1", default_limit=12, region="R2", service=base.Resource(None, {"id": "s2"})
        )
        self.assertRequestIs("PATCH", ["registered_limits", "rl1"])
        self.assertRequestBodyIs(
            json={"registered_limit": {"service_id": "s2", "default_limit": 12, "region_id": "R2"}}
        )

    def test_delete(self) -> None:
        self.stub_url("DELETE", ["registered_limits", "rl1"], status_code=204)
        self.manager.delete("rl1")
        self.assertRequestIs("DELETE", ["registered_limits", "rl1"])

"""Wire tests for the v2.0 EndpointManager."""

from __future__ import annotations

from stackclient.apiclient import exceptions
from stackclient.v2_0 import endpoints, services
from tests.unit.v2_0 import utils


class EndpointTests(utils.TestCase):
    def setUp(self) -> None:
        super().setUp()
        self.manager = endpoints.EndpointManager(self.client)
        self.ref = {
            "id": utils.new_id(),
            "region": "RegionOne",
            "service_id": utils.new_id(),
            "publicurl": "http://nova.test/v2.1",
            "adminurl": "http://nova.admin/v2.1",
            "internalurl": "http://nova.internal/v2.1",
        }

    def test_list(self) -> None:
        self.stub_url("GET", ["endpoints"], json={"endpoints": [self.ref]})
        listed = self.manager.list()
        self.assertIsInstance(listed[0], endpoints.Endpoint)
        self.assertEqual(self.ref["publicurl"], listed[0].publicurl)
        self.assertRequestIs("GET", ["endpoints"])

    def test_create(self) -> None:
        self.stub_url("POST", ["endpoints"], json={"endpoint": self.ref})
        service = services.Service(None, {"id": self.ref["service_id"]})
        created = self.manager.create(
            "RegionOne",
            service,
            self.ref["publicurl"],
            self.ref["adminurl"],
            self.ref["internalurl"],
        )
        self.assertEqual(self.ref["id"], created.id)
        self.assertRequestIs("POST", ["endpoints"])
        self.assertRequestBodyIs(
            json={"endpoint": {k: v for k, v in self.ref.items() if k != "id"}}
        )

    def test_create_public_only_sends_nulls(self) -> None:
        self.stub_url("POST", ["endpoints"], json={"endpoint": self.ref})
        self.manager.create("RegionOne", "s1", "http://p")
        self.assertRequestBodyIs(
            json={
                "endpoint": {
                    "region": "RegionOne",
                    "service_id": "s1",
                    "publicurl": "http://p",
                    "adminurl": None,
                    "internalurl": None,
                }
            }
        )

    def test_create_without_service_sends_nothing(self) -> None:
        self.assertRaises(exceptions.ValidationError, self.manager.create, "R", None, "http://p")
        self.assertEqual([], self.requests_mock.request_history)

    def test_delete(self) -> None:
        self.stub_url("DELETE", ["endpoints", self.ref["id"]], status_code=204)
        self.manager.delete(self.ref["id"])
        self.assertRequestIs("DELETE", ["endpoints", self.ref["id"]])

    def test_delete_unknown_raises_not_found(self) -> None:
        self.stub_not_found("DELETE", ["endpoints", "nope"])
        self.assertRaises(exceptions.NotFound, self.manager.delete, "nope")

"""Wire tests for the v2.0 ServiceManager (OS-KSADM services)."""

from __future__ import annotations

from stackclient.apiclient import exceptions
from stackclient.v2_0 import services
from tests.unit.v2_0 import utils

_PARTS = ["OS-KSADM", "services"]


class ServiceTests(utils.TestCase):
    def setUp(self) -> None:
        super().setUp()
        self.manager = services.ServiceManager(self.client)
        self.ref = {"id": utils.new_id(), "name": "nova", "type": "compute", "description": "C"}

    def test_list(self) -> None:
        self.stub_url("GET", _PARTS, json={"OS-KSADM:services": [self.ref]})
        listed = self.manager.list()
        self.assertIsInstance(listed[0], services.Service)
        self.assertEqual("compute", listed[0].type)
        self.assertRequestIs("GET", _PARTS)

    def test_get(self) -> None:
        self.stub_url("GET", [*_PARTS, self.ref["id"]], json={"OS-KSADM:service": self.ref})
        self.assertEqual("nova", self.manager.get(self.ref["id"]).name)
        self.assertRequestIs("GET", [*_PARTS, self.ref["id"]])

    def test_get_unknown_raises_not_found(self) -> None:
        self.stub_not_found("GET", [*_PARTS, "nope"])
        self.assertRaises(exceptions.NotFound, self.manager.get, "nope")

    def test_create(self) -> None:
        self.stub_url("POST", _PARTS, json={"OS-KSADM:service": self.ref})
        self.assertEqual(self.ref["id"], self.manager.create("nova", "compute", "C").id)
        self.assertRequestIs("POST", _PARTS)
        self.assertRequestBodyIs(
            json={"OS-KSADM:service": {"name": "nova", "type": "compute", "description": "C"}}
        )

    def test_create_without_description(self) -> None:
        self.stub_url("POST", _PARTS, json={"OS-KSADM:service": self.ref})
        self.manager.create("nova", "compute")
        self.assertRequestBodyIs(
            json={"OS-KSADM:service": {"name": "nova", "type": "compute", "description": None}}
        )

    def test_delete(self) -> None:
        self.stub_url("DELETE", [*_PARTS, self.ref["id"]], status_code=204)
        self.manager.delete(services.Service(self.manager, self.ref))
        self.assertRequestIs("DELETE", [*_PARTS, self.ref["id"]])

    def test_find(self) -> None:
        self.stub_url("GET", _PARTS, json={"OS-KSADM:services": [self.ref]})
        self.assertEqual(self.ref["id"], self.manager.find(type="compute").id)

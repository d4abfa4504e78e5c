"""Wire tests for stackclient.v3.services."""

from __future__ import annotations

from stackclient.apiclient import exceptions
from stackclient.v3 import services
from tests.unit.v3 import utils


class ServiceTests(utils.CrudTests, utils.TestCase):
    key = "service"
    collection_key = "services"
    model = services.Service

    def setUp(self) -> None:
        super().setUp()
        self.manager = services.ServiceManager(self.client)

    def new_ref(self, **kwargs):
        kwargs.setdefault("type", "image")
        kwargs.setdefault("enabled", True)
        return super().new_ref(**kwargs)

    def test_create_with_service_type_alias(self) -> None:
        self.stub_url("POST", ["services"], json={"service": self.new_ref()}, status_code=201)
        kwargs = {"service_type": "compute"}
        self.manager.create("nova", **kwargs)
        self.assertRequestBodyIs(
            json={"service": {"name": "nova", "type": "compute", "enabled": True}}
        )

    def test_list_by_type(self) -> None:
        self.stub_url("GET", ["services"], json={"services": []})
        self.manager.list(type="image")
        self.assertQueryStringIs("type=image")
        self.manager.list(service_type="compute", name="nova")
        self.assertQueryStringIs({"type": "compute", "name": "nova"})

    def test_update_with_alias(self) -> None:
        ref = self.new_ref()
        self.stub_url("PATCH", ["services", ref["id"]], json={"service": ref})
        self.manager.update(ref["id"], service_type="volume")
        self.assertRequestBodyIs(json={"service": {"type": "volume"}})

    def test_delete_by_id_keyword(self) -> None:
        self.stub_url("DELETE", ["services", "s1"], status_code=204)
        self.manager.delete(id="s1")
        self.assertRequestIs("DELETE", ["services", "s1"])
        self.assertRaises(exceptions.ValidationError, self.manager.delete)

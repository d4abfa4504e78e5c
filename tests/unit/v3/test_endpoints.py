"""Wire tests for stackclient.v3.endpoints."""

from __future__ import annotations

from stackclient.apiclient import exceptions
from stackclient.v3 import endpoints, regions, services
from tests.unit.v3 import utils


class EndpointTests(utils.CrudTests, utils.TestCase):
    key = "endpoint"
    collection_key = "endpoints"
    model = endpoints.Endpoint

    def setUp(self) -> None:
        super().setUp()
        self.manager = endpoints.EndpointManager(self.client)

    def new_ref(self, **kwargs):
        kwargs.setdefault("id", utils.new_id())
        kwargs.setdefault("service_id", utils.new_id())
        kwargs.setdefault("interface", "public")
        kwargs.setdefault("url", "http://svc.test/" + utils.new_id())
        kwargs.setdefault("region", "RegionOne")
        kwargs.setdefault("enabled", True)
        return kwargs

    def test_find(self) -> None:
        ref = self.new_ref()
        self.stub_url("GET", ["endpoints"], json={"endpoints": [ref]})
        self.assertResourceMatches(ref, self.manager.find(interface="public"))

    def test_create_with_resources(self) -> None:
        svc = services.Service(None, {"id": "s1"})
        region = regions.Region(None, {"id": "R1"})
        self.stub_url("POST", ["endpoints"], json={"endpoint": self.new_ref()}, status_code=201)
        self.manager.create(svc, "http://x", interface="admin", region=region)
        self.assertRequestBodyIs(
            json={
                "endpoint": {
                    "service_id": "s1",
                    "url": "http://x",
                    "interface": "admin",
                    "region_id": "R1",
                    "enabled": True,
                }
            }
        )

    def test_bad_interface_sends_nothing(self) -> None:
        self.assertRaises(
            exceptions.ValidationError, self.manager.create, "s1", "u", interface="x"
        )
        self.assertRaises(exceptions.ValidationError, self.manager.list, interface="publicURL")
        self.assertRaises(exceptions.ValidationError, self.manager.update, "e1", interface="x")
        self.assertEqual([], self.request_history())

    def test_list_filters(self) -> None:
        self.stub_url("GET", ["endpoints"], json={"endpoints": []})
        self.manager.list(service="s1", interface="internal", region="R1", enabled=True)
        self.assertQueryStringIs(
            {"service_id": "s1", "interface": "internal", "region_id": "R1", "enabled": "True"}
        )
        self.manager.list(region="R1", region_id="R2")
        self.assertQueryStringIs({"region_id": "R2"})

    def test_iterate_stops_on_repeated_page(self) -> None:
        page = [self.new_ref(), self.new_ref()]
        self.requests_mock.get(
            self.TEST_URL + "/endpoints",
            json={
                "endpoints": page,
                "links": {"next": self.TEST_URL + "/endpoints?limit=2&marker=" + page[-1]["id"]},
            },
        )
        got = [e.id for e in self.manager.iterate(limit=2, interface="public")]
        self.assertEqual([r["id"] for r in page], got)
        self.assertQueryStringIs({"limit": "2", "marker": page[-1]["id"]})

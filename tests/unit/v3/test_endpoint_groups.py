"""Wire tests for OS-EP-FILTER endpoint groups."""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import exceptions
from stackclient.v3 import endpoint_groups
from tests.unit.v3 import utils


class EndpointGroupTests(utils.TestCase, utils.CrudTests):
    key = "endpoint_group"
    collection_key = "endpoint_groups"
    model = endpoint_groups.EndpointGroup
    path_prefix = "OS-EP-FILTER"

    def setUp(self) -> None:
        super().setUp()
        self.manager = endpoint_groups.EndpointGroupManager(self.client)

    def new_ref(self, **kwargs: _t.Any) -> dict[str, _t.Any]:
        kwargs.setdefault("description", utils.new_id())
        kwargs.setdefault("filters", {"interface": "public", "service_id": utils.new_id()})
        return super().new_ref(**kwargs)

    def test_create_positional(self) -> None:
        ref = self.new_ref()
        self.stub_url("POST", self.collection_parts(), json={self.key: ref}, status_code=201)
        self.manager.create("g", {"interface": "admin"})
        self.assertRequestBodyIs(
            json={"endpoint_group": {"name": "g", "filters": {"interface": "admin"}}}
        )

    def test_check(self) -> None:
        self.stub_url("HEAD", self.collection_parts("g1"), status_code=200)
        self.assertTrue(self.manager.check("g1"))
        self.assertRequestIs("HEAD", self.collection_parts("g1"))

    def test_check_missing_raises_not_found(self) -> None:
        self.stub_url("HEAD", self.collection_parts("g1"), status_code=404)
        self.assertRaises(exceptions.NotFound, self.manager.check, "g1")

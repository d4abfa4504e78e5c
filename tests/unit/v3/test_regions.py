"""Wire tests for stackclient.v3.regions."""

from __future__ import annotations

import warnings

from stackclient.v3 import regions
from tests.unit.v3 import utils


class RegionTests(utils.CrudTests, utils.TestCase):
    key = "region"
    collection_key = "regions"
    model = regions.Region

    def setUp(self) -> None:
        super().setUp()
        self.manager = regions.RegionManager(self.client)

    def new_ref(self, **kwargs):
        kwargs.setdefault("id", utils.new_id())
        kwargs.setdefault("description", "a region")
        kwargs.setdefault("enabled", True)
        kwargs.setdefault("parent_region_id", utils.new_id())
        return kwargs

    def test_create(self) -> None:
        # enabled is deprecated: the generic test passes it, so it warns.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            super().test_create()

    def test_update(self) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            super().test_update()

    def test_find(self) -> None:
        ref = self.new_ref()
        self.stub_url("GET", ["regions"], json={"regions": [ref]})
        self.assertResourceMatches(ref, self.manager.find(parent_region_id="x"))

    def test_create_with_id_and_parent(self) -> None:
        ref = self.new_ref()
        parent = regions.Region(None, {"id": "RegionOne"})
        self.stub_url("POST", ["regions"], json={"region": ref}, status_code=201)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            self.manager.create(id="R2", description="d", parent_region=parent)
        self.assertEqual([], caught)
        self.assertRequestBodyIs(
            json={
                "region": {
                    "id": "R2",
                    "description": "d",
                    "enabled": True,
                    "parent_region_id": "RegionOne",
                }
            }
        )

    def test_enabled_warns(self) -> None:
        ref = self.new_ref()
        self.stub_url("PATCH", ["regions", ref["id"]], json={"region": ref})
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            self.manager.update(ref["id"], enabled=False)
        self.assertEqual([DeprecationWarning], [w.category for w in caught])
        self.assertRequestBodyIs(json={"region": {"enabled": False}})

"""Wire tests for the AuthManager (``/auth/projects|domains|system|catalog``)."""

from __future__ import annotations

from stackclient.v3 import auth
from tests.unit.v3 import utils


class AuthManagerTests(utils.TestCase):
    def setUp(self) -> None:
        super().setUp()
        self.manager = auth.AuthManager(self.client)

    def test_projects(self) -> None:
        refs = [{"id": "p1", "name": "a"}, {"id": "p2", "name": "b"}]
        self.stub_url("GET", ["auth", "projects"], json={"projects": refs, "links": {}})
        found = self.manager.projects()
        self.assertEqual(["p1", "p2"], [p.id for p in found])
        self.assertIsInstance(found[0], auth.Project)
        self.assertRequestIs("GET", ["auth", "projects"])

    def test_domains(self) -> None:
        self.stub_url("GET", ["auth", "domains"], json={"domains": [{"id": "default"}]})
        found = self.manager.domains()
        self.assertIsInstance(found[0], auth.Domain)
        self.assertRequestIs("GET", ["auth", "domains"])

    def test_systems(self) -> None:
        self.stub_url("GET", ["auth", "system"], json={"system": [{"all": True}]})
        found = self.manager.systems()
        self.assertIsInstance(found[0], auth.System)
        self.assertTrue(found[0].all)
        self.assertRequestIs("GET", ["auth", "system"])

    def test_systems_empty(self) -> None:
        self.stub_url("GET", ["auth", "system"], json={"system": []})
        self.assertEqual([], self.manager.systems())

    def test_catalog(self) -> None:
        entry = {
            "id": "s1",
            "type": "identity",
            "name": "keystone",
            "endpoints": [
                {"id": "e1", "interface": "public", "region_id": "R", "url": "http://k/v3"}
            ],
        }
        self.stub_url("GET", ["auth", "catalog"], json={"catalog": [entry]})
        found = self.manager.catalog()
        self.assertIsInstance(found[0], auth.Service)
        self.assertEqual("identity", found[0].type)
        self.assertEqual("http://k/v3", found[0].endpoints[0]["url"])
        self.assertRequestIs("GET", ["auth", "catalog"])

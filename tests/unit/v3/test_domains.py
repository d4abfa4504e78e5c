"""Wire tests for stackclient.v3.domains."""

from __future__ import annotations

from stackclient.apiclient import exceptions
from stackclient.v3 import domains
from tests.unit.v3 import utils


class DomainTests(utils.CrudTests, utils.TestCase):
    key = "domain"
    collection_key = "domains"
    model = domains.Domain

    def setUp(self) -> None:
        super().setUp()
        self.manager = domains.DomainManager(self.client)

    def new_ref(self, **kwargs):
        kwargs.setdefault("enabled", True)
        kwargs.setdefault("description", "a domain")
        return super().new_ref(**kwargs)

    def test_create_sends_defaults(self) -> None:
        ref = self.new_ref()
        self.stub_url("POST", ["domains"], json={"domain": ref}, status_code=201)
        created = self.manager.create(ref["name"])
        self.assertRequestBodyIs(json={"domain": {"name": ref["name"], "enabled": True}})
        self.assertIsInstance(created, domains.Domain)
        self.assertIs(True, created.enabled)

    def test_list_enabled_false_is_sent_as_zero(self) -> None:
        self.stub_url("GET", ["domains"], json={"domains": []})
        self.manager.list(enabled=False)
        self.assertQueryStringIs("enabled=0")

    def test_list_enabled_false_does_not_change_the_callers_dict(self) -> None:
        self.stub_url("GET", ["domains"], json={"domains": []})
        filters = {"enabled": False, "name": "x"}
        self.manager.list(**filters)
        self.assertEqual({"enabled": False, "name": "x"}, filters)
        self.assertQueryStringIs({"enabled": "0", "name": "x"})

    def test_update_sends_only_given_fields(self) -> None:
        ref = self.new_ref()
        self.stub_url("PATCH", ["domains", ref["id"]], json={"domain": ref})
        self.manager.update(ref["id"], enabled=False)
        self.assertRequestBodyIs(json={"domain": {"enabled": False}})

    def test_delete_enabled_domain_raises_forbidden(self) -> None:
        self.stub_url(
            "DELETE",
            ["domains", "d1"],
            status_code=403,
            json={"error": {"code": 403, "message": "Cannot delete an enabled domain"}},
        )
        err = self.assertRaises(exceptions.Forbidden, self.manager.delete, "d1")
        self.assertIn("enabled domain", str(err))

    def test_iterate_follows_next_links(self) -> None:
        first = [self.new_ref(), self.new_ref()]
        second = [self.new_ref()]
        next_url = self.TEST_URL + "/domains?limit=2&marker=" + first[-1]["id"]
        self.requests_mock.get(
            self.TEST_URL + "/domains?limit=2",
            complete_qs=True,
            json={"domains": first, "links": {"next": next_url}},
        )
        self.requests_mock.get(
            next_url, complete_qs=True, json={"domains": second, "links": {"next": None}}
        )
        got = [d.id for d in self.manager.iterate(limit=2)]
        self.assertEqual([r["id"] for r in first + second], got)

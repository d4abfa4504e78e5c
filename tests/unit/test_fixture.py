"""Tests for the token and discovery builders in stackclient.fixture."""

from __future__ import annotations

import datetime
import json
import re

import testtools

from stackclient import _jsonutils, fixture
from stackclient.fixture import discovery, v2, v3

_HEX32 = re.compile(r"^[0-9a-f]{32}$")
_UTC = datetime.timezone.utc


def _now() -> datetime.datetime:
    return datetime.datetime.now(_UTC)


class TestPublicNames(testtools.TestCase):
    def test_all_lists_every_public_name(self) -> None:
        for module in (fixture, v2, v3, discovery):
            public = {
                name
                for name, value in vars(module).items()
                if not name.startswith("_")
                and getattr(value, "__module__", None) == module.__name__
            }
            self.assertEqual(public, set(module.__all__) & public, module.__name__)
            for name in module.__all__:
                self.assertTrue(hasattr(module, name), name)


class TestV2Token(testtools.TestCase):
    def test_defaults_are_random_ids_and_one_hour_life(self) -> None:
        before = _now().replace(microsecond=0)
        token = fixture.V2Token()
        after = _now()
        for value in (token.token_id, token.user_id, token.user_name, token.audit_id):
            self.assertRegex(value, _HEX32)
        self.assertNotEqual(token.token_id, fixture.V2Token().token_id)
        self.assertTrue(before <= token.issued <= after)
        self.assertEqual(datetime.timedelta(hours=1), token.expires - token.issued)
        self.assertRegex(token.expires_str, r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$")
        self.assertIsNone(token.tenant_id)
        self.assertNotIn("tenant", token["access"]["token"])
        self.assertIsNone(token.audit_chain_id)

    def test_given_values_are_written_where_keystone_puts_them(self) -> None:
        expires = datetime.datetime(2030, 1, 2, 3, 4, 5, tzinfo=_UTC)
        token = fixture.V2Token(
            token_id="tok",
            expires=expires,
            issued="2030-01-02T02:04:05Z",
            tenant_id="t1",
            tenant_name="demo",
            user_id="u1",
            user_name="alice",
            trust_id="tr1",
            trustee_user_id="u9",
            audit_id="a1",
            audit_chain_id="a0",
        )
        access = token["access"]
        self.assertEqual("tok", access["token"]["id"])
        self.assertEqual("2030-01-02T03:04:05.000000Z", access["token"]["expires"])
        self.assertEqual("2030-01-02T02:04:05Z", access["token"]["issued_at"])
        self.assertEqual({"id": "t1", "name": "demo"}, access["token"]["tenant"])
        self.assertEqual(["a1", "a0"], access["token"]["audit_ids"])
        self.assertEqual("u1", access["user"]["id"])
        self.assertEqual("alice", access["user"]["name"])
        self.assertEqual("alice", access["user"]["username"])
        self.assertEqual({"id": "tr1", "trustee_user_id": "u9"}, access["trust"])
        self.assertEqual(expires, token.expires)

    def test_expiry_defaults_to_an_hour_after_a_given_issue_time(self) -> None:
        token = fixture.V2Token(issued="2030-01-02T02:04:05Z")
        self.assertEqual("2030-01-02T03:04:05.000000Z", token.expires_str)

    def test_trust_defaults_trustee_to_the_user(self) -> None:
        token = fixture.V2Token(user_id="u1", trust_id="tr")
        self.assertEqual("u1", token.trustee_user_id)

    def test_properties_can_be_set(self) -> None:
        token = fixture.V2Token()
        token.token_id = "new"
        token.tenant_id = "t2"
        token.tenant_name = "other"
        token.user_name = "bob"
        token.expires = datetime.datetime(2031, 5, 6, 7, 8, 9)  # naive means UTC
        token.audit_chain_id = "chain"
        self.assertEqual("new", token["access"]["token"]["id"])
        self.assertEqual({"id": "t2", "name": "other"}, token["access"]["token"]["tenant"])
        self.assertEqual("bob", token.user_name)
        self.assertEqual("2031-05-06T07:08:09.000000Z", token.expires_str)
        self.assertEqual("chain", token["access"]["token"]["audit_ids"][1])

    def test_roles_go_to_user_and_metadata(self) -> None:
        token = fixture.V2Token(tenant_name="demo")
        role = token.add_role(name="member", id="r1")
        token.add_role(name="reader")
        self.assertEqual({"id": "r1", "name": "member"}, role)
        self.assertEqual(
            [{"name": "member"}, {"name": "reader"}], token["access"]["user"]["roles"]
        )
        self.assertEqual("r1", token["access"]["metadata"]["roles"][0])
        self.assertEqual(["member", "reader"], token.role_names)
        self.assertEqual(2, len(token.role_ids))

    def test_service_endpoints_default_admin_and_internal_to_public(self) -> None:
        token = fixture.V2Token()
        service = token.add_service("compute", name="nova")
        endpoint = service.add_endpoint("http://pub", region="R1", id="e1", tenant_id="t")
        service.add_endpoint("http://pub2", admin="http://adm2", internal="http://int2")
        self.assertEqual(
            {
                "id": "e1",
                "tenantId": "t",
                "region": "R1",
                "publicURL": "http://pub",
                "adminURL": "http://pub",
                "internalURL": "http://pub",
            },
            endpoint,
        )
        catalog = token["access"]["serviceCatalog"]
        self.assertEqual(["compute"], [s["type"] for s in catalog])
        self.assertEqual("nova", catalog[0]["name"])
        self.assertEqual("http://adm2", catalog[0]["endpoints"][1]["adminURL"])
        self.assertEqual("http://int2", catalog[0]["endpoints"][1]["internalURL"])

    def test_remove_service(self) -> None:
        token = fixture.V2Token()
        token.add_service("compute")
        token.add_service("image")
        token.remove_service("compute")
        self.assertEqual(["image"], [s["type"] for s in token["access"]["serviceCatalog"]])

    def test_is_a_json_serialisable_dict(self) -> None:
        token = fixture.V2Token(tenant_name="demo")
        token.add_role()
        token.add_service("identity").add_endpoint("http://k")
        token.set_bind("kerberos", "alice@EXAMPLE")
        self.assertIsInstance(token, dict)
        self.assertEqual(json.loads(json.dumps(token)), _jsonutils.loads(_jsonutils.dumps(token)))
        self.assertEqual(dict(token), json.loads(json.dumps(token)))
        self.assertEqual({"kerberos": "alice@EXAMPLE"}, token["access"]["token"]["bind"])


class TestV3Token(testtools.TestCase):
    def test_defaults(self) -> None:
        token = fixture.V3Token()
        root = token["token"]
        self.assertEqual(["password"], root["methods"])
        for value in (
            token.user_id,
            token.user_name,
            token.user_domain_id,
            token.user_domain_name,
            token.audit_id,
        ):
            self.assertRegex(value, _HEX32)
        self.assertEqual(datetime.timedelta(hours=1), token.expires - token.issued)
        self.assertTrue(root["expires_at"].endswith("Z"))
        for key in ("project", "domain", "system", "OS-TRUST:trust", "catalog", "roles"):
            self.assertNotIn(key, root)
        self.assertLess(abs((token.issued - _now()).total_seconds()), 5)

    def test_project_scope_from_constructor(self) -> None:
        token = fixture.V3Token(
            project_id="p1",
            project_name="demo",
            project_domain_id="default",
            project_domain_name="Default",
            project_is_domain=False,
        )
        self.assertEqual(
            {"id": "p1", "name": "demo", "domain": {"id": "default", "name": "Default"}},
            token["token"]["project"],
        )
        self.assertIs(False, token["token"]["is_domain"])

    def test_scopes_replace_each_other(self) -> None:
        token = fixture.V3Token(project_name="demo")
        token.set_domain_scope(id="d1", name="dom")
        self.assertNotIn("project", token["token"])
        self.assertEqual({"id": "d1", "name": "dom"}, token["token"]["domain"])
        token.set_system_scope()
        self.assertNotIn("domain", token["token"])
        self.assertEqual({"all": True}, token["token"]["system"])
        token.set_project_scope(id="p2")
        self.assertNotIn("system", token["token"])
        self.assertEqual("p2", token.project_id)

    def test_system_from_constructor(self) -> None:
        self.assertEqual({"all": True}, fixture.V3Token(system=True).system)
        self.assertEqual({"x": 1}, fixture.V3Token(system={"x": 1}).system)

    def test_trust_application_credential_and_oauth(self) -> None:
        token = fixture.V3Token(
            user_id="u1",
            trust_id="tr",
            trust_impersonation=True,
            trustor_user_id="u0",
            application_credential_id="ac1",
            application_credential_access_rules=[{"x": 1}],
            oauth_access_token_id="oa",
            oauth_consumer_id="oc",
            is_admin_project=False,
            methods=["application_credential"],
            audit_id="a1",
            audit_chain_id="a0",
        )
        root = token["token"]
        self.assertEqual(
            {
                "id": "tr",
                "impersonation": True,
                "trustee_user": {"id": "u1"},
                "trustor_user": {"id": "u0"},
            },
            root["OS-TRUST:trust"],
        )
        self.assertEqual("ac1", root["application_credential"]["id"])
        self.assertEqual([{"x": 1}], root["application_credential"]["access_rules"])
        self.assertIs(True, root["application_credential"]["restricted"])
        self.assertEqual({"access_token_id": "oa", "consumer_id": "oc"}, root["OS-OAUTH1"])
        self.assertIs(False, root["is_admin_project"])
        self.assertEqual(["application_credential"], root["methods"])
        self.assertEqual(["a1", "a0"], root["audit_ids"])

    def test_roles_and_catalog(self) -> None:
        token = fixture.V3Token(project_name="demo")
        self.assertEqual({"id": "r1", "name": "member"}, token.add_role("member", "r1"))
        service = token.add_service("identity", name="keystone", id="s1")
        made = service.add_standard_endpoints(
            public="http://pub", admin="http://adm", region="RegionOne"
        )
        service.add_endpoint("internal", "http://int", id="e9")
        self.assertEqual(["public", "admin"], [e["interface"] for e in made])
        self.assertEqual(
            {
                "id": "e9",
                "interface": "internal",
                "url": "http://int",
                "region": None,
                "region_id": None,
            },
            service["endpoints"][2],
        )
        self.assertEqual("RegionOne", made[0]["region_id"])
        self.assertEqual(("s1", "keystone"), (service["id"], service["name"]))
        self.assertEqual(["member"], token.role_names)
        self.assertEqual(["r1"], token.role_ids)
        token.add_service("image")
        token.remove_service("identity")
        self.assertEqual(["image"], [s["type"] for s in token["token"]["catalog"]])
        self.assertNotIn("name", token["token"]["catalog"][0])

    def test_aware_times_are_written_in_utc(self) -> None:
        plus_two = datetime.timezone(datetime.timedelta(hours=2))
        token = fixture.V3Token(expires=datetime.datetime(2030, 1, 1, 12, 0, tzinfo=plus_two))
        self.assertEqual("2030-01-01T10:00:00.000000Z", token.expires_str)

    def test_is_a_json_serialisable_dict(self) -> None:
        token = fixture.V3Token(project_name="demo")
        token.add_role()
        token.add_service("identity").add_standard_endpoints(public="http://k")
        self.assertEqual(dict(token), json.loads(json.dumps(token)))
        self.assertEqual(dict(token), _jsonutils.loads(_jsonutils.dumps(token)))


class TestDiscovery(testtools.TestCase):
    def test_list_has_v3_then_v2_under_href(self) -> None:
        doc = fixture.DiscoveryList(href="http://k:5000/")
        values = doc["versions"]["values"]
        self.assertEqual(["v3.14", "v2.0"], [v["id"] for v in values])
        self.assertEqual([{"href": "http://k:5000/v3/", "rel": "self"}], values[0]["links"])
        self.assertEqual("http://k:5000/v2.0/", values[1]["links"][0]["href"])
        self.assertEqual(
            [{"base": "application/json", "type": "application/vnd.openstack.identity-v3+json"}],
            values[0]["media-types"],
        )
        self.assertEqual("stable", values[0]["status"])
        self.assertEqual(dict(doc), json.loads(json.dumps(doc)))

    def test_list_options(self) -> None:
        doc = fixture.DiscoveryList(
            v2=False, v3_id="v3.10", v3_status="current", v3_updated="2019-01-01T00:00:00Z"
        )
        (only,) = doc.versions
        self.assertEqual(
            ("v3.10", "current", "2019-01-01T00:00:00Z"),
            (only["id"], only["status"], only["updated"]),
        )
        no_v3 = fixture.DiscoveryList(v3=False, v2_status="stable", v2_id="v2.0")
        self.assertEqual([("v2.0", "stable")], [(v["id"], v["status"]) for v in no_v3.versions])

    def test_single_version_documents(self) -> None:
        v3doc = fixture.V3Discovery("http://k/v3/")
        self.assertEqual(["version"], list(v3doc))
        self.assertEqual("http://k/v3/", v3doc.href)
        self.assertEqual("v3.14", v3doc.id)
        v2doc = fixture.V2Discovery("http://k/v2.0/", id="v2.0", status="stable")
        self.assertEqual("stable", v2doc.status)
        self.assertIn("describedby", [link["rel"] for link in v2doc["version"]["links"]])
        self.assertEqual(
            "application/vnd.openstack.identity-v2.0+json",
            v2doc["version"]["media-types"][0]["type"],
        )

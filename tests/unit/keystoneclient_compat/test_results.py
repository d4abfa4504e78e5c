"""Item 7: what calls return -- (resp, body), is_federated, project_name, request_ids."""

from __future__ import annotations

import logging

import fixtures

from .base import (
    ADMIN_V2,
    PUBLIC_V3,
    CompatCase,
    KeystoneauthSessions,
    StackclientSessions,
    v3_token,
)

VALIDATED = "gAAAAA-validated-" + "e" * 32


class _Results:
    def test_inference_rule_delete_returns_resp_and_body(self) -> None:
        keystone = self.v3_client()
        url = PUBLIC_V3 + "/roles/prior/implies/implied"
        self.requests_mock.delete(url, status_code=204)
        resp, body = keystone.inference_rules.delete("prior", "implied")
        self.assertEqual((204, None), (resp.status_code, body))
        self.assertSent("DELETE", url)

    def test_is_federated_of_a_validated_token(self) -> None:
        keystone = self.v3_client()
        federated = v3_token()
        federated["token"]["user"]["OS-FEDERATION"] = {
            "identity_provider": {"id": "idp"},
            "protocol": {"id": "saml2"},
            "groups": [],
        }
        for body, expected in ((v3_token(), False), (federated, True)):
            self.requests_mock.get(
                PUBLIC_V3 + "/auth/tokens", json=body, headers={"X-Subject-Token": VALIDATED}
            )
            self.assertIs(expected, keystone.tokens.validate(VALIDATED).is_federated)
            self.assertEqual(VALIDATED, self.requests_mock.last_request.headers["X-Subject-Token"])

    def test_diablo_token_names_its_project_by_tenant_id(self) -> None:
        keystone = self.v2_client()
        diablo = {
            "access": {
                "token": {"id": VALIDATED, "expires": "2099-01-01T00:00:00Z", "tenantId": "t-old"},
                "user": {"id": "u1", "name": "alice", "roles": []},
            }
        }
        self.requests_mock.get(ADMIN_V2 + "/tokens/" + VALIDATED, json=diablo)
        ref = keystone.tokens.validate_access_info(VALIDATED)
        self.assertEqual(("t-old", "t-old"), (ref.project_id, ref.project_name))
        self.assertSent("GET", ADMIN_V2 + "/tokens/" + VALIDATED)

    def test_include_metadata_gives_request_ids(self) -> None:
        keystone = self.v3_client(include_metadata=True)
        self.requests_mock.get(
            PUBLIC_V3 + "/projects",
            json={"projects": [{"id": "p1", "name": "a"}, {"id": "p2", "name": "b"}]},
            headers={"x-openstack-request-id": "req-list"},
        )
        listed = keystone.projects.list()
        self.assertEqual(["req-list"], listed.request_ids)
        self.assertEqual(["a", "b"], [p.name for p in listed.data])
        self.requests_mock.get(
            PUBLIC_V3 + "/projects/p1",
            json={"project": {"id": "p1", "name": "a"}},
            headers={"x-openstack-request-id": "req-get"},
        )
        got = keystone.projects.get("p1")
        self.assertEqual((["req-get"], "a"), (got.request_ids, got.data.name))
        self.assertSent("GET", PUBLIC_V3 + "/projects/p1")

    def test_without_include_metadata_results_are_plain(self) -> None:
        keystone = self.v3_client()
        self.requests_mock.get(
            PUBLIC_V3 + "/projects/p1", json={"project": {"id": "p1", "name": "a"}}
        )
        self.assertEqual("a", keystone.projects.get("p1").name)

    def test_v2_include_metadata(self) -> None:
        keystone = self.v2_client(include_metadata=True)
        self.requests_mock.get(
            ADMIN_V2 + "/tenants",
            json={"tenants": [{"id": "t1", "name": "demo", "enabled": True}]},
            headers={"x-openstack-request-id": "req-t"},
        )
        listed = keystone.tenants.list()
        self.assertEqual(
            (["req-t"], ["demo"]), (listed.request_ids, [t.name for t in listed.data])
        )

    def test_passwords_sent_are_not_logged(self) -> None:
        log = self.useFixture(fixtures.FakeLogger(level=logging.DEBUG))
        keystone = self.v3_client()
        self.requests_mock.post(
            PUBLIC_V3 + "/users", status_code=201, json={"user": {"id": "u9", "name": "bob"}}
        )
        keystone.users.create("bob", password="s3cret-new-user-pw", domain="default")
        self.assertEqual(
            "s3cret-new-user-pw", self.requests_mock.last_request.json()["user"]["password"]
        )
        self.assertIn("/users", log.output)  # the request was logged ...
        self.assertNotIn("s3cret-new-user-pw", log.output)  # ... without the password


class ResultsOverStackclient(StackclientSessions, _Results, CompatCase):
    pass


class ResultsOverKeystoneauth(KeystoneauthSessions, _Results, CompatCase):
    pass

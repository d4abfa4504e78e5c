"""Wire tests for the v3 TokenManager (``/auth/tokens``)."""

from __future__ import annotations

from stackclient import access, fixture
from stackclient.apiclient import exceptions
from stackclient.v3 import tokens
from tests.unit.v3 import utils

_REVOKED = ["auth", "tokens", "OS-PKI", "revoked"]


class TokenManagerTests(utils.TestCase):
    def setUp(self) -> None:
        super().setUp()
        self.manager = tokens.TokenManager(self.client)
        self.token_id = utils.new_id()
        self.token_body = fixture.V3Token(user_id="u1", project_id="p1")

    def _stub_token(self, **kwargs: object) -> object:
        return self.stub_url("GET", ["auth", "tokens"], json=self.token_body, **kwargs)

    def test_validate_sends_subject_token_and_returns_access_info(self) -> None:
        self._stub_token()
        ref = self.manager.validate(self.token_id)
        self.assertIsInstance(ref, access.AccessInfoV3)
        self.assertEqual(self.token_id, ref.auth_token)
        self.assertEqual("u1", ref.user_id)
        self.assertEqual("p1", ref.project_id)
        self.assertRequestIs("GET", ["auth", "tokens"])
        self.assertRequestHeaderEqual("X-Subject-Token", self.token_id)
        self.assertNotIn("OpenStack-Identity-Access-Rules", self.last_request.headers)

    def test_validate_accepts_an_access_info(self) -> None:
        self._stub_token()
        stored = access.AccessInfo.factory(body=self.token_body, auth_token=self.token_id)
        self.assertEqual(self.token_id, self.manager.validate(stored).auth_token)
        self.assertRequestHeaderEqual("X-Subject-Token", self.token_id)

    def test_validate_flags_go_in_the_query(self) -> None:
        self._stub_token()
        self.manager.validate(self.token_id, include_catalog=False, allow_expired=True)
        self.assertRequestIs("GET", ["auth", "tokens"], "nocatalog&allow_expired=1")

    def test_access_rules_support_is_sent_as_text(self) -> None:
        self._stub_token()
        self.manager.validate(self.token_id, access_rules_support=1.0)
        self.assertRequestHeaderEqual("OpenStack-Identity-Access-Rules", "1.0")

    def test_validate_access_info_is_validate(self) -> None:
        self._stub_token()
        ref = self.manager.validate_access_info(self.token_id)
        self.assertEqual("u1", ref.user_id)
        self.assertQueryStringIs("")

    def test_get_token_data_returns_the_body(self) -> None:
        self._stub_token()
        data = self.manager.get_token_data(self.token_id, include_catalog=False)
        self.assertEqual("u1", data["token"]["user"]["id"])
        self.assertRequestIs("GET", ["auth", "tokens"], "nocatalog")

    def test_unknown_token_raises_not_found(self) -> None:
        self._stub_token(status_code=404)
        self.assertRaises(exceptions.NotFound, self.manager.validate, self.token_id)

    def test_body_without_token_is_invalid_response(self) -> None:
        self.stub_url("GET", ["auth", "tokens"], json={"nope": {}})
        err = self.assertRaises(exceptions.InvalidResponse, self.manager.validate, self.token_id)
        self.assertIn("'token'", str(err))

    def test_missing_token_is_refused_before_sending(self) -> None:
        for bad in (None, "", 42):
            self.assertRaises(exceptions.ValidationError, self.manager.validate, bad)
        self.assertEqual([], self.request_history())

    def test_revoke_token(self) -> None:
        self.stub_url("DELETE", ["auth", "tokens"], status_code=204)
        resp = self.manager.revoke_token(self.token_id)
        self.assertEqual(204, resp.status_code)
        self.assertRequestIs("DELETE", ["auth", "tokens"])
        self.assertRequestHeaderEqual("X-Subject-Token", self.token_id)
        self.assertRequestBodyIs()

    def test_get_revoked(self) -> None:
        self.stub_url("GET", _REVOKED, json={"revoked": []})
        self.assertEqual({"revoked": []}, self.manager.get_revoked())
        self.assertRequestIs("GET", _REVOKED)

    def test_get_revoked_audit_id_only(self) -> None:
        self.stub_url("GET", _REVOKED, json={"revoked": []})
        self.manager.get_revoked(audit_id_only=True)
        self.assertRequestIs("GET", _REVOKED, "audit_id_only")

    def test_get_revoked_forbidden(self) -> None:
        error = {"error": {"code": 403, "message": "nope", "title": "Forbidden"}}
        self.stub_url("GET", _REVOKED, status_code=403, json=error)
        self.assertRaises(exceptions.Forbidden, self.manager.get_revoked)

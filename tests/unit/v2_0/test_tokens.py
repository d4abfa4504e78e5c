"""Wire tests for the v2.0 TokenManager."""

from __future__ import annotations

from stackclient import access
from stackclient.apiclient import exceptions
from stackclient.fixture.v2 import V2Token
from stackclient.v2_0 import endpoints, tokens
from tests.unit.v2_0 import utils


class TokenTests(utils.TestCase):
    def setUp(self) -> None:
        super().setUp()
        self.manager = tokens.TokenManager(self.client)

    def test_authenticate_with_password(self) -> None:
        issued = V2Token(user_name="alice")
        self.stub_url("POST", ["tokens"], json=issued)
        ref = self.manager.authenticate(username="alice", password="pw")
        self.assertIsInstance(ref, tokens.Token)
        self.assertEqual(issued.token_id, ref.id)
        self.assertEqual(issued.expires_str, ref.expires)
        self.assertIsNone(ref.tenant)
        self.assertRequestIs("POST", ["tokens"])
        self.assertRequestBodyIs(
            json={"auth": {"passwordCredentials": {"username": "alice", "password": "pw"}}}
        )

    def test_authenticate_with_token_and_tenant_id(self) -> None:
        issued = V2Token(tenant_id="t1", tenant_name="demo")
        self.stub_url("POST", ["tokens"], json=issued)
        ref = self.manager.authenticate(token="tok", tenant_id="t1", tenant_name="ignored")
        self.assertEqual({"id": "t1", "name": "demo"}, ref.tenant)
        self.assertRequestBodyIs(json={"auth": {"token": {"id": "tok"}, "tenantId": "t1"}})

    def test_authenticate_token_wins_over_password(self) -> None:
        self.stub_url("POST", ["tokens"], json=V2Token())
        self.manager.authenticate(username="u", password="p", token="tok", tenant_name="demo")
        self.assertRequestBodyIs(json={"auth": {"token": {"id": "tok"}, "tenantName": "demo"}})

    def test_authenticate_return_raw(self) -> None:
        issued = V2Token()
        self.stub_url("POST", ["tokens"], json=issued)
        raw = self.manager.authenticate(token="tok", return_raw=True)
        self.assertEqual(issued["access"], raw)

    def test_authenticate_without_credentials(self) -> None:
        self.assertRaises(exceptions.ValidationError, self.manager.authenticate)
        self.assertRaises(ValueError, self.manager.authenticate, tenant_id="t1")
        self.assertRaises(ValueError, self.manager.authenticate, username="only")
        self.assertEqual([], self.requests_mock.request_history)

    def test_authenticate_wrong_password(self) -> None:
        self.stub_url(
            "POST",
            ["tokens"],
            status_code=401,
            json={"error": {"code": 401, "title": "Unauthorized", "message": "Invalid"}},
        )
        self.assertRaises(
            exceptions.Unauthorized, self.manager.authenticate, username="u", password="bad"
        )

    def test_delete(self) -> None:
        self.stub_url("DELETE", ["tokens", "tok"], status_code=204)
        self.manager.delete("tok")
        self.assertRequestIs("DELETE", ["tokens", "tok"])
        self.assertRequestBodyIs()

    def test_delete_accepts_token_and_access_info(self) -> None:
        issued = V2Token(token_id="tok")
        self.stub_url("DELETE", ["tokens", "tok"], status_code=204)
        self.manager.delete(tokens.Token(self.manager, issued["access"]))
        self.assertRequestIs("DELETE", ["tokens", "tok"])
        self.manager.delete(access.AccessInfo.factory(body=issued))
        self.assertRequestIs("DELETE", ["tokens", "tok"])

    def test_missing_token_sends_nothing(self) -> None:
        self.assertRaises(exceptions.ValidationError, self.manager.delete, None)
        self.assertRaises(exceptions.ValidationError, self.manager.validate, "")
        self.assertEqual([], self.requests_mock.request_history)

    def test_endpoints(self) -> None:
        ref = {"id": "e1", "publicURL": "http://nova.test", "type": "compute"}
        self.stub_url("GET", ["tokens", "tok", "endpoints"], json={"endpoints": [ref]})
        listed = self.manager.endpoints("tok")
        self.assertIsInstance(listed[0], endpoints.Endpoint)
        self.assertEqual("http://nova.test", listed[0].publicURL)
        self.assertRequestIs("GET", ["tokens", "tok", "endpoints"])

    def test_get_token_data(self) -> None:
        issued = V2Token(token_id="tok")
        self.stub_url("GET", ["tokens", "tok"], json=issued)
        self.assertEqual(issued, self.manager.get_token_data("tok"))
        self.assertRequestIs("GET", ["tokens", "tok"])

    def test_get_token_data_not_a_token(self) -> None:
        self.stub_url("GET", ["tokens", "tok"], json={"token": {}})
        self.assertRaises(exceptions.InvalidResponse, self.manager.get_token_data, "tok")

    def test_validate(self) -> None:
        issued = V2Token(token_id="tok", tenant_name="demo")
        self.stub_url("GET", ["tokens", "tok"], json=issued)
        ref = self.manager.validate("tok")
        self.assertIsInstance(ref, tokens.Token)
        self.assertEqual("tok", ref.id)
        self.assertEqual(issued.user_id, ref.user["id"])
        self.assertNotIn("tok", repr(ref))

    def test_validate_unknown_raises_not_found(self) -> None:
        self.stub_url("GET", ["tokens", "tok"], status_code=404, json=utils.not_found("token"))
        self.assertRaises(exceptions.NotFound, self.manager.get_token_data, "tok")
        self.assertRaises(exceptions.NotFound, self.manager.validate, "tok")
        self.assertRaises(exceptions.NotFound, self.manager.validate_access_info, "tok")

    def test_validate_access_info_with_id(self) -> None:
        issued = V2Token(token_id="tok", tenant_id="t1")
        self.stub_url("GET", ["tokens", "tok"], json=issued)
        ref = self.manager.validate_access_info("tok")
        self.assertIsInstance(ref, access.AccessInfoV2)
        self.assertEqual("tok", ref.auth_token)
        self.assertEqual("t1", ref.tenant_id)

    def test_validate_access_info_with_access_info(self) -> None:
        issued = V2Token(token_id="tok")
        self.stub_url("GET", ["tokens", "tok"], json=issued)
        ref = self.manager.validate_access_info(access.AccessInfo.factory(body=issued))
        self.assertEqual("tok", ref.auth_token)
        self.assertRequestIs("GET", ["tokens", "tok"])

    def test_get_revoked(self) -> None:
        revoked = {"signed": "-----BEGIN CMS-----\nMIIB..."}
        self.stub_url("GET", ["tokens", "revoked"], json=revoked)
        self.assertEqual(revoked, self.manager.get_revoked())
        self.assertRequestIs("GET", ["tokens", "revoked"])


class TokenEndpointChoiceTests(utils.ClientTestCase):
    def test_authenticate_uses_admin_url(self) -> None:
        self.stub_url("POST", ["tokens"], base_url=utils.ADMIN_URL, json=V2Token())
        self.client.tokens.authenticate(token="tok")
        self.assertRequestIs("POST", ["tokens"], base_url=utils.ADMIN_URL)

    def test_authenticate_falls_back_to_auth_url(self) -> None:
        token = V2Token(tenant_name="demo")
        token.add_service("compute").add_endpoint("http://nova.test/v2.1")
        self.stub_auth(json=token)
        self.client.tokens.authenticate(token="tok")
        self.assertRequestIs("POST", ["tokens"], base_url=utils.PUBLIC_URL)
        self.assertRequestBodyIs(json={"auth": {"token": {"id": "tok"}}})

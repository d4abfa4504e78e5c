"""Items 4 and 5: user_id, and the attributes keystoneclient's HTTPClient had."""

from __future__ import annotations

from stackclient.v3 import client

from .base import (
    PUBLIC_V3,
    TOKEN_ID,
    CompatCase,
    KeystoneauthSessions,
    StackclientSessions,
    v3_token,
)

ADMIN_ENDPOINT = "http://admin.test:35357/v3"


class _UserId:
    def admin_client(self) -> client.Client:
        return client.Client(session=self.admin_token_session(ADMIN_ENDPOINT))

    def test_assigned_user_id_is_used_by_update_password(self) -> None:
        keystone = self.admin_client()
        keystone.user_id = "u-42"  # keystoneclient code does this before update_password
        self.assertEqual("u-42", keystone.user_id)
        url = ADMIN_ENDPOINT + "/users/u-42/password"
        self.requests_mock.post(url, status_code=204)
        keystone.users.update_password("old-pw", "new-pw")
        self.assertSent(
            "POST", url, json={"user": {"password": "new-pw", "original_password": "old-pw"}}
        )
        self.assertEqual(TOKEN_ID, self.requests_mock.last_request.headers["X-Auth-Token"])

    def test_assigned_user_id_is_used_by_user_owned_managers(self) -> None:
        keystone = self.admin_client()
        keystone.user_id = "u-42"
        creds = ADMIN_ENDPOINT + "/users/u-42/application_credentials"
        self.requests_mock.post(
            creds, status_code=201, json={"application_credential": {"id": "ac1", "name": "ci"}}
        )
        self.assertEqual("ac1", keystone.application_credentials.create("ci").id)
        self.assertSent("POST", creds)
        rules = ADMIN_ENDPOINT + "/users/u-42/access_rules"
        self.requests_mock.get(rules, json={"access_rules": [{"id": "r1"}]})
        self.assertEqual(["r1"], [r.id for r in keystone.access_rules.list()])
        self.assertSent("GET", rules)

    def test_assigning_none_goes_back_to_the_tokens_user(self) -> None:
        token = v3_token()
        keystone = self.v3_client(token)
        keystone.user_id = "someone-else"
        keystone.user_id = None
        self.assertEqual(token.user_id, keystone.user_id)

    def test_http_client_attributes_read_the_token(self) -> None:
        token = v3_token()
        keystone = self.v3_client(token)
        self.assertEqual(token.user_id, keystone.auth_user_id)
        self.assertEqual(token.project_id, keystone.auth_tenant_id)
        self.assertIsNone(keystone.auth_domain_id)
        self.assertEqual(token.user_id, keystone.get_user_id(keystone.session))
        self.assertEqual(token.project_id, keystone.get_project_id(keystone.session))
        self.assertIsNone(keystone.password)  # a session client was given none
        self.assertEqual(1, len(self.requests_mock.request_history))  # one auth request

    def test_domain_scoped_token_has_auth_domain_id(self) -> None:
        token = v3_token(domain_id="d1")
        keystone = self.v3_client(token)
        self.assertEqual(("d1", None), (keystone.auth_domain_id, keystone.auth_tenant_id))
        self.assertEqual(
            "d1", self.requests_mock.last_request.json()["auth"]["scope"]["domain"]["id"]
        )

    def test_user_agent_given_with_a_session_is_sent(self) -> None:
        keystone = self.v3_client(user_agent="my-app/1.0", connect_retries=2)
        self.requests_mock.get(PUBLIC_V3 + "/projects", json={"projects": []})
        keystone.projects.list()
        self.assertEqual("my-app/1.0", self.requests_mock.last_request.headers["User-Agent"])
        self.assertEqual(2, keystone._adapter.connect_retries)


class UserIdOverStackclient(StackclientSessions, _UserId, CompatCase):
    def test_user_id_given_with_token_and_endpoint_is_kept(self) -> None:
        keystone = client.Client(token=TOKEN_ID, endpoint=ADMIN_ENDPOINT, user_id="u-7")
        self.assertEqual("u-7", keystone.user_id)
        url = ADMIN_ENDPOINT + "/users/u-7/password"
        self.requests_mock.post(url, status_code=204)
        keystone.users.update_password("old-pw", "new-pw")
        self.assertSent("POST", url)
        self.assertEqual(TOKEN_ID, self.requests_mock.last_request.headers["X-Auth-Token"])

    def test_password_is_the_one_given(self) -> None:
        keystone = client.Client(
            auth_url="http://keystone.test:5000/v3", username="alice", password="pw"
        )
        self.assertEqual("pw", keystone.password)
        self.assertEqual([], self.requests_mock.request_history)  # nothing sent to build it


class UserIdOverKeystoneauth(KeystoneauthSessions, _UserId, CompatCase):
    pass

"""Item 6: calls that fall back to the auth URL when the token has no catalog.

An unscoped token has no catalog, so ``auth.projects()`` and v2.0
``tokens.authenticate()`` go to the auth URL; over a keystoneauth1 Session
that takes keystoneauth1's own ``AUTH_INTERFACE``, not the string "auth".
"""

from __future__ import annotations

from .base import (
    AUTH_V2,
    AUTH_V3,
    TOKEN_ID,
    CompatCase,
    KeystoneauthSessions,
    StackclientSessions,
    v2_token,
    v3_token,
)


class _AuthUrlFallback:
    def test_auth_manager_lists_go_to_the_auth_url(self) -> None:
        keystone = self.v3_client(v3_token(scoped=False))
        answers = (
            ("projects", "/auth/projects", {"projects": [{"id": "p1", "name": "demo"}]}),
            ("domains", "/auth/domains", {"domains": [{"id": "default", "name": "Default"}]}),
            ("systems", "/auth/system", {"system": [{"all": True}]}),
        )
        for method, path, body in answers:
            self.requests_mock.get(AUTH_V3 + path, json=body)
            listed = getattr(keystone.auth, method)()
            self.assertEqual(1, len(listed), method)
            self.assertSent("GET", AUTH_V3 + path)
            self.assertEqual(TOKEN_ID, self.requests_mock.last_request.headers["X-Auth-Token"])

    def test_v2_tokens_authenticate_goes_to_the_auth_url(self) -> None:
        keystone = self.v2_client(v2_token(scoped=False))
        scoped = v2_token(tenant_id="t1")
        keystone.get_user_id()  # authenticate the session's unscoped token first
        self.requests_mock.post(AUTH_V2 + "/tokens", json=scoped)
        token = keystone.tokens.authenticate(token="unscoped-id", tenant_id="t1")
        self.assertEqual(scoped.token_id, token.id)
        self.assertSent(
            "POST",
            AUTH_V2 + "/tokens",
            json={"auth": {"token": {"id": "unscoped-id"}, "tenantId": "t1"}},
        )


class AuthUrlFallbackOverStackclient(StackclientSessions, _AuthUrlFallback, CompatCase):
    pass


class AuthUrlFallbackOverKeystoneauth(KeystoneauthSessions, _AuthUrlFallback, CompatCase):
    pass

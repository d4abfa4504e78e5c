"""Code written for python-keystoneclient, run over both kinds of Session.

Each test here calls stackclient the way a keystoneclient user's code
does, and checks what goes over the wire (requests-mock) and what comes
back. The tests are written once, as mixins over :class:`CompatCase`, and
run twice: over stackclient's ``Session`` (:class:`StackclientSessions`)
and over a keystoneauth1 ``Session`` (:class:`KeystoneauthSessions`)::

    class _ProjectTests:
        def test_list(self):
            keystone = self.v3_client()
            ...

    class ProjectsOverStackclient(StackclientSessions, _ProjectTests, CompatCase): ...
    class ProjectsOverKeystoneauth(KeystoneauthSessions, _ProjectTests, CompatCase): ...
"""

from __future__ import annotations

import typing as _t
import uuid

import testtools
from requests_mock.contrib import fixture as rm_fixture

from stackclient import fixture

#: Where credentials go (the auth URL), and the catalog's identity endpoints.
AUTH_V3 = "http://keystone.test:5000/v3"
AUTH_V2 = "http://keystone.test:5000/v2.0"
PUBLIC_V3 = "http://public.test/v3"
ADMIN_V2 = "http://admin.test:35357/v2.0"
PUBLIC_V2 = "http://public.test/v2.0"
#: The image endpoints of two regions, for region selection.
IMAGE_NORTH = "http://image.north.test/v2"
IMAGE_SOUTH = "http://image.south.test/v2"
TOKEN_ID = "gAAAAA-compat-" + "c" * 32


def new_id() -> str:
    return uuid.uuid4().hex


def v3_token(scoped: bool = True, **kwargs: _t.Any) -> fixture.V3Token:
    """A v3 token; scoped ones carry identity and two-region image services."""
    if scoped and not kwargs.get("domain_id"):
        kwargs.setdefault("project_id", "p-" + new_id())
        kwargs.setdefault("project_domain_id", "default")
    token = fixture.V3Token(**kwargs)
    if scoped:
        token.add_role(name="admin")
        token.add_service("identity", name="keystone").add_standard_endpoints(
            public=PUBLIC_V3, admin=PUBLIC_V3, internal=PUBLIC_V3, region="North"
        )
        image = token.add_service("image", name="glance")
        image.add_endpoint("public", IMAGE_NORTH, region="North")
        image.add_endpoint("public", IMAGE_SOUTH, region="South")
    return token


def v2_token(scoped: bool = True, **kwargs: _t.Any) -> fixture.V2Token:
    """A v2.0 token; scoped ones carry identity and two-region compute services."""
    if scoped:
        kwargs.setdefault("tenant_id", "t-" + new_id())
    token = fixture.V2Token(**kwargs)
    if scoped:
        token.add_role(name="admin")
        token.add_service("identity", name="keystone").add_endpoint(
            PUBLIC_V2, admin=ADMIN_V2, internal=PUBLIC_V2, region="North"
        )
        compute = token.add_service("compute", name="nova")
        compute.add_endpoint("http://nova.north.test/v2.1", region="North")
        compute.add_endpoint("http://nova.south.test/v2.1", region="South")
    return token


class CompatCase(testtools.TestCase):
    """Fakes Keystone; the session mixin says whose Session the clients use."""

    def setUp(self) -> None:
        super().setUp()
        self.requests_mock = self.useFixture(rm_fixture.Fixture())

    # -- provided by the session mixins ------------------------------------------

    def v3_session(self, **scope: _t.Any) -> _t.Any:
        raise NotImplementedError

    def v2_session(self, **scope: _t.Any) -> _t.Any:
        raise NotImplementedError

    def admin_token_session(self, endpoint: str) -> _t.Any:
        raise NotImplementedError

    # -- clients as keystoneclient users build them ------------------------------

    def v3_client(self, token: _t.Any = None, **client_kwargs: _t.Any) -> _t.Any:
        """A v3 Client over a password session whose auth answers ``token``."""
        from stackclient.v3 import client

        token = token if token is not None else v3_token()
        self.requests_mock.post(
            AUTH_V3 + "/auth/tokens",
            json=token,
            status_code=201,
            headers={"X-Subject-Token": TOKEN_ID},
        )
        scope = {"project_id": token.project_id} if token.project_id else {}
        if token.domain_id:
            scope = {"domain_id": token.domain_id}
        return client.Client(session=self.v3_session(**scope), **client_kwargs)

    def v2_client(self, token: _t.Any = None, **client_kwargs: _t.Any) -> _t.Any:
        """A v2.0 Client over a password session whose auth answers ``token``."""
        from stackclient.v2_0 import client

        token = token if token is not None else v2_token()
        self.requests_mock.post(AUTH_V2 + "/tokens", json=token)
        scope = {"tenant_id": token.tenant_id} if token.tenant_id else {}
        return client.Client(session=self.v2_session(**scope), **client_kwargs)

    def assertSent(self, method: str, url: str, json: _t.Any = None) -> None:
        """The last request was ``method url`` (query included), with body ``json``."""
        sent = self.requests_mock.last_request
        self.assertIsNotNone(sent, "nothing was sent")
        self.assertEqual((method, url), (sent.method, sent.url))
        if json is not None:
            self.assertEqual(json, sent.json())


class StackclientSessions:
    """Sessions built from stackclient's Session and auth plugins."""

    def v3_session(self, **scope: _t.Any) -> _t.Any:
        from stackclient import session
        from stackclient.auth import v3

        plugin = v3.Password(
            auth_url=AUTH_V3, username="alice", password="pw", user_domain_id="default", **scope
        )
        return session.Session(auth=plugin)

    def v2_session(self, **scope: _t.Any) -> _t.Any:
        from stackclient import session
        from stackclient.auth import v2

        return session.Session(
            auth=v2.Password(auth_url=AUTH_V2, username="alice", password="pw", **scope)
        )

    def admin_token_session(self, endpoint: str) -> _t.Any:
        from stackclient import session
        from stackclient.auth import admin_token

        return session.Session(auth=admin_token.AdminToken(token=TOKEN_ID, endpoint=endpoint))


class KeystoneauthSessions:
    """Sessions built from keystoneauth1's Session and auth plugins."""

    def v3_session(self, **scope: _t.Any) -> _t.Any:
        from keystoneauth1 import session
        from keystoneauth1.identity import v3

        plugin = v3.Password(
            auth_url=AUTH_V3, username="alice", password="pw", user_domain_id="default", **scope
        )
        return session.Session(auth=plugin)

    def v2_session(self, **scope: _t.Any) -> _t.Any:
        from keystoneauth1 import session
        from keystoneauth1.identity import v2

        return session.Session(
            auth=v2.Password(auth_url=AUTH_V2, username="alice", password="pw", **scope)
        )

    def admin_token_session(self, endpoint: str) -> _t.Any:
        from keystoneauth1 import session, token_endpoint

        return session.Session(auth=token_endpoint.Token(endpoint, TOKEN_ID))

"""Shared helpers for the auth plugin tests: a faked Keystone on requests-mock."""

from __future__ import annotations

import datetime
import typing as _t
import urllib.parse

import testtools
from requests_mock.contrib import fixture as rm_fixture

from stackclient import _jsonutils, access, fixture

__all__ = ["TestCase", "ROOT_URL", "V2_URL", "V3_URL", "SERVICE_URL"]

ROOT_URL = "http://keystone.test:5000"
V3_URL = ROOT_URL + "/v3"
V2_URL = ROOT_URL + "/v2.0"
SERVICE_URL = "http://nova.test:8774/v2.1"
IDENTITY_PUBLIC = "http://keystone.test:5000/v3"
IDENTITY_ADMIN = "http://keystone-admin.test:35357/v3"


def v3_token(expires_in: float = 3600, **kwargs: _t.Any) -> fixture.V3Token:
    """A v3 token body with a compute and an identity service in its catalog."""
    now = datetime.datetime.now(datetime.timezone.utc)
    token = fixture.V3Token(expires=now + datetime.timedelta(seconds=expires_in), **kwargs)
    token.add_service("compute", name="nova").add_standard_endpoints(
        public=SERVICE_URL, internal="http://nova.internal:8774/v2.1", region="RegionOne"
    )
    token.add_service("identity").add_standard_endpoints(
        public=IDENTITY_PUBLIC, admin=IDENTITY_ADMIN, region="RegionOne"
    )
    return token


def v2_token(expires_in: float = 3600, **kwargs: _t.Any) -> fixture.V2Token:
    """A v2.0 token body with compute and identity in its catalog."""
    now = datetime.datetime.now(datetime.timezone.utc)
    token = fixture.V2Token(expires=now + datetime.timedelta(seconds=expires_in), **kwargs)
    token.add_service("compute").add_endpoint(
        SERVICE_URL, internal="http://nova.internal:8774/v2.1", region="RegionOne"
    )
    token.add_service("identity").add_endpoint(
        "http://keystone.test:5000/v2.0", admin="http://keystone-admin.test:35357/v2.0"
    )
    return token


def stored_v3_ref(token_id: str, expires_in: float) -> access.AccessInfo:
    """An hour-long token, stored as a client would (JSON round trip), with ``expires_in`` left."""
    expires = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=expires_in)
    body = v3_token(expires_in=expires_in, issued=expires - datetime.timedelta(hours=1))
    ref = access.create(body=body, auth_token=token_id)
    return access.AccessInfo.from_json(ref.to_json())


class TestCase(testtools.TestCase):
    """``self.requests_mock`` fakes Keystone; ``self.session`` is a real Session."""

    def setUp(self) -> None:
        super().setUp()
        from stackclient import session

        self.requests_mock = self.useFixture(rm_fixture.Fixture())
        self.session = session.Session()

    def stub_v3_auth(
        self, token: _t.Any = None, token_id: str = "v3-token-id", base: str = V3_URL, **kwargs
    ) -> _t.Any:
        """Answer ``POST {base}/auth/tokens`` like Keystone: 201 and X-Subject-Token."""
        kwargs.setdefault("status_code", 201)
        kwargs.setdefault("headers", {"X-Subject-Token": token_id})
        return self.requests_mock.post(
            base + "/auth/tokens", json=token if token is not None else v3_token(), **kwargs
        )

    def stub_v2_auth(self, token: _t.Any = None, base: str = V2_URL, **kwargs) -> _t.Any:
        """Answer ``POST {base}/tokens`` like a v2.0 Keystone."""
        return self.requests_mock.post(
            base + "/tokens", json=token if token is not None else v2_token(), **kwargs
        )

    def requests_to(self, method: str, url_prefix: str) -> list[_t.Any]:
        """Requests sent with ``method`` to a URL starting with ``url_prefix``."""
        return [
            r
            for r in self.requests_mock.request_history
            if r.method == method and r.url.startswith(url_prefix)
        ]

    def assertRequestJson(self, expected: _t.Any, request: _t.Any = None) -> None:
        """The request (default: the last) carried ``expected`` as its JSON body."""
        request = request or self.requests_mock.last_request
        self.assertIn("application/json", request.headers.get("Content-Type", ""))
        self.assertEqual(expected, _jsonutils.loads(request.body))

    def assertRequestUrl(self, method: str, url: str, request: _t.Any = None) -> None:
        """Method and URL (query string included, exactly) of the request."""
        request = request or self.requests_mock.last_request
        self.assertEqual(method, request.method)
        got = urllib.parse.urlsplit(request.url)
        want = urllib.parse.urlsplit(url)
        self.assertEqual((want.scheme, want.netloc, want.path), (got.scheme, got.netloc, got.path))
        self.assertEqual(want.query, got.query)

    def assertNoTokenSent(self, request: _t.Any = None) -> None:
        request = request or self.requests_mock.last_request
        self.assertNotIn("X-Auth-Token", request.headers)

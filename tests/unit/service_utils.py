"""What the service-client unit tests share: a faked cloud on requests-mock.

``ServiceTestCase`` gives every test a real :class:`stackclient.session.Session`
whose v3 password plugin gets a token from a faked Keystone; the token's
catalog lists every service (block storage under its ``volumev3`` alias,
as many clouds register it), and each service root answers version
discovery like the real service does. A test then stubs the calls it makes
with :meth:`ServiceTestCase.stub` and checks what went over the wire with
:meth:`ServiceTestCase.assertRequest`.
"""

from __future__ import annotations

import datetime
import typing as _t
import urllib.parse

import testtools
from requests_mock.contrib import fixture as rm_fixture

from stackclient import _jsonutils, fixture, session
from stackclient.auth import v3

__all__ = ["ENDPOINTS", "PROJECT_ID", "ServiceTestCase", "VERSION_DOCUMENTS", "token_body"]

AUTH_URL = "http://keystone.test:5000/v3"
PROJECT_ID = "5f1e5c4bb4ba4a8e9c4bb44a0b8b7d11"
TOKEN_ID = "unit-test-token"

#: Catalog type -> the URL registered for it (as the real services are registered).
ENDPOINTS: dict[str, str] = {
    "identity": AUTH_URL,
    "network": "http://neutron.test:9696",
    "image": "http://glance.test:9292",
    "compute": "http://nova.test:8774/v2.1",
    "object-store": "http://swift.test:8080/v1/AUTH_%s" % PROJECT_ID,
    "volumev3": "http://cinder.test:8776/v3/%s" % PROJECT_ID,
    "placement": "http://placement.test:8778",
}

#: URL -> the version document the real service answers there.
VERSION_DOCUMENTS: dict[str, _t.Any] = {
    "http://neutron.test:9696": {
        "versions": [
            {
                "id": "v2.0",
                "status": "CURRENT",
                "links": [{"rel": "self", "href": "http://neutron.test:9696/v2.0/"}],
            }
        ]
    },
    "http://glance.test:9292": {
        "versions": [
            {
                "id": "v2.17",
                "status": "CURRENT",
                "links": [{"rel": "self", "href": "http://glance.test:9292/v2/"}],
            },
            {
                "id": "v2.16",
                "status": "SUPPORTED",
                "links": [{"rel": "self", "href": "http://glance.test:9292/v2/"}],
            },
        ]
    },
    "http://nova.test:8774/v2.1": {
        "version": {
            "id": "v2.1",
            "status": "CURRENT",
            "version": "2.100",
            "min_version": "2.1",
            "links": [{"rel": "self", "href": "http://nova.test:8774/v2.1/"}],
        }
    },
    "http://cinder.test:8776/v3": {
        "versions": [
            {
                "id": "v3.0",
                "status": "CURRENT",
                "version": "3.71",
                "min_version": "3.0",
                "links": [{"rel": "self", "href": "http://cinder.test:8776/v3/"}],
            }
        ]
    },
}


def token_body(expires_in: float = 3600) -> fixture.V3Token:
    """A project-scoped v3 token whose catalog lists every service in ENDPOINTS."""
    now = datetime.datetime.now(datetime.timezone.utc)
    token = fixture.V3Token(
        expires=now + datetime.timedelta(seconds=expires_in),
        project_id=PROJECT_ID,
        project_name="demo",
        user_id="u1",
        user_name="demo",
    )
    for service_type, url in ENDPOINTS.items():
        token.add_service(service_type).add_standard_endpoints(public=url, region="RegionOne")
    return token


class ServiceTestCase(testtools.TestCase):
    """A faked cloud; ``client_class`` (if set) is built as ``self.client``."""

    client_class: _t.ClassVar[type | None] = None
    client_kwargs: _t.ClassVar[dict[str, _t.Any]] = {}

    def setUp(self) -> None:
        super().setUp()
        self.requests_mock = self.useFixture(rm_fixture.Fixture())
        self.requests_mock.post(
            AUTH_URL + "/auth/tokens",
            json=token_body(),
            status_code=201,
            headers={"X-Subject-Token": TOKEN_ID},
        )
        for url, document in VERSION_DOCUMENTS.items():
            self.requests_mock.get(url, json=document)
            self.requests_mock.get(url + "/", json=document)
        self.session = session.Session(
            auth=v3.Password(
                auth_url=AUTH_URL,
                username="demo",
                password="unit-test-password",
                project_id=PROJECT_ID,
                user_domain_id="default",
            )
        )
        if self.client_class is not None:
            self.client = self.client_class(session=self.session, **self.client_kwargs)

    @property
    def endpoint(self) -> str:
        """The versioned URL the client under test sends to."""
        return self.client.endpoint

    def stub(
        self,
        method: str,
        path: str,
        json: _t.Any = None,
        status: int = 200,
        headers: _t.Mapping[str, str] | None = None,
        **kwargs: _t.Any,
    ) -> _t.Any:
        """Answer ``method <endpoint><path>`` (any query string) with ``json``."""
        url = path if path.startswith("http") else self.endpoint + path
        if json is not None:
            kwargs["json"] = json
        return self.requests_mock.register_uri(
            method, url, status_code=status, headers=dict(headers or {}), **kwargs
        )

    def assertRequest(
        self,
        method: str,
        path: str,
        json: _t.Any = ...,
        query: _t.Mapping[str, list[str]] | None = None,
        headers: _t.Mapping[str, str] | None = None,
        request: _t.Any = None,
    ) -> _t.Any:
        """The request (default: the last) had this method, path, query, headers and body.

        ``query`` is compared exactly (``{"name": ["x"]}``; ``{}`` for none);
        ``json=...`` (the default) skips the body check, ``json=None`` means no body.
        """
        request = request or self.requests_mock.last_request
        self.assertEqual(method, request.method)
        want = path if path.startswith("http") else self.endpoint + path
        got = urllib.parse.urlsplit(request.url)
        self.assertEqual(urllib.parse.urlsplit(want).path, got.path)
        if query is not None:
            self.assertEqual(dict(query), urllib.parse.parse_qs(got.query, keep_blank_values=True))
        for name, value in (headers or {}).items():
            self.assertEqual(value, request.headers.get(name), name)
        if json is not ...:
            body = request.body
            self.assertEqual(json, _jsonutils.loads(body) if body else None)
        return request

    def requests_to(self, method: str, path: str = "") -> list[_t.Any]:
        """Requests sent with ``method`` to URLs starting with ``<endpoint><path>``."""
        prefix = path if path.startswith("http") else self.endpoint + path
        return [
            r
            for r in self.requests_mock.request_history
            if r.method == method and r.url.startswith(prefix)
        ]

"""A base for Identity v2.0 tests: fake HTTP with requests-mock, wire assertions.

Two ways to get a client:

* :class:`TestCase` builds ``self.client = Adapter(Session(),
  endpoint_override=ADMIN_URL)`` -- no auth, every request to the admin
  URL -- for manager tests::

      class RoleTests(utils.TestCase):
          def setUp(self):
              super().setUp()
              self.manager = roles.RoleManager(self.client)

          def test_get(self):
              self.stub_url("GET", ["OS-KSADM", "roles", "r1"], json={"role": {"id": "r1"}})
              self.assertEqual("r1", self.manager.get("r1").id)
              self.assertRequestIs("GET", ["OS-KSADM", "roles", "r1"])

* :class:`ClientTestCase` builds a :class:`stackclient.v2_0.client.Client`
  over a ``Session`` with a ``v2.Password`` plugin; ``POST PUBLIC_URL/tokens``
  answers :attr:`ClientTestCase.token`, a scoped ``V2Token`` whose catalog
  has an identity service (public and admin URLs below).
"""

from __future__ import annotations

import typing as _t
import urllib.parse
import uuid

import testtools
from requests_mock.contrib import fixture as rm_fixture

from stackclient import _jsonutils
from stackclient.fixture.v2 import V2Token

__all__ = [
    "ADMIN_URL",
    "PUBLIC_URL",
    "ClientTestCase",
    "TestCase",
    "new_id",
    "not_found",
    "v2_token",
]

#: The identity admin endpoint (where v2.0 management calls go).
ADMIN_URL = "http://keystone.test:35357/v2.0"
#: The identity public endpoint, also the auth URL.
PUBLIC_URL = "http://keystone.test:5000/v2.0"


def new_id() -> str:
    """Return a fresh random hex id."""
    return uuid.uuid4().hex


def not_found(what: str = "the resource") -> dict[str, _t.Any]:
    """Keystone's 404 body."""
    return {"error": {"code": 404, "title": "Not Found", "message": "Could not find %s." % what}}


def v2_token(**kwargs: _t.Any) -> V2Token:
    """A tenant-scoped V2Token with an identity service (PUBLIC_URL / ADMIN_URL)."""
    kwargs.setdefault("tenant_name", "demo")
    kwargs.setdefault("user_name", "alice")
    token = V2Token(**kwargs)
    if not token.tenant_id:
        token.set_scope(name=kwargs["tenant_name"])
    token.add_role(name="admin")
    token.add_service("identity", name="keystone").add_endpoint(
        PUBLIC_URL, admin=ADMIN_URL, internal=PUBLIC_URL, region="RegionOne"
    )
    return token


class TestCase(testtools.TestCase):
    """Fakes HTTP and builds ``self.client``, an Adapter bound to ADMIN_URL."""

    TEST_URL = ADMIN_URL

    def setUp(self) -> None:
        super().setUp()
        self.requests_mock = self.useFixture(rm_fixture.Fixture())
        self.client = self.make_client()

    def make_client(self) -> _t.Any:
        from stackclient import adapter, session

        return adapter.Adapter(session.Session(), endpoint_override=self.TEST_URL)

    # -- stubbing ----------------------------------------------------------

    def url_for(
        self, parts: _t.Sequence[str] | str | None = None, base_url: str | None = None
    ) -> str:
        """Return ``base_url`` (TEST_URL) joined with the path ``parts``."""
        url = (base_url or self.TEST_URL).rstrip("/")
        if isinstance(parts, str):
            parts = [parts]
        if parts:
            url += "/" + "/".join(p.strip("/") for p in parts)
        return url

    def stub_url(
        self,
        method: str,
        parts: _t.Sequence[str] | str | None = None,
        base_url: str | None = None,
        json: _t.Any = None,
        **kwargs: _t.Any,
    ) -> _t.Any:
        """Answer ``method`` on ``<base_url>/<parts>`` (any query); return the matcher.

        ``json`` becomes the JSON body; other keywords go to requests-mock.
        """
        if json is not None:
            kwargs["json"] = json
        return self.requests_mock.register_uri(method, self.url_for(parts, base_url), **kwargs)

    def stub_not_found(self, method: str, parts: _t.Sequence[str] | str) -> _t.Any:
        """Answer ``method`` on ``parts`` with Keystone's 404."""
        return self.stub_url(method, parts, status_code=404, json=not_found())

    def stub_auth(self, base_url: str = PUBLIC_URL, **kwargs: _t.Any) -> _t.Any:
        """Answer ``POST <base_url>/tokens``."""
        return self.stub_url("POST", ["tokens"], base_url=base_url, **kwargs)

    # -- what was sent -----------------------------------------------------

    @property
    def last_request(self) -> _t.Any:
        req = self.requests_mock.last_request
        self.assertIsNotNone(req, "no request was sent")
        return req

    def requests_to(self, method: str, url: str) -> list[_t.Any]:
        """The requests sent with ``method`` to ``url`` (query ignored)."""
        return [
            r
            for r in self.requests_mock.request_history
            if r.method == method and r.url.split("?")[0] == url
        ]

    def assertRequestIs(
        self,
        method: str,
        parts: _t.Sequence[str] | str,
        query: str | _t.Mapping[str, _t.Any] = "",
        base_url: str | None = None,
    ) -> None:
        """Method, full URL without query, and exact query of the last request."""
        self.assertEqual(method.upper(), self.last_request.method)
        self.assertEqual(self.url_for(parts, base_url), self.last_request.url.split("?")[0])
        self.assertQueryStringIs(query)

    def assertRequestBodyIs(self, body: _t.Any = None, json: _t.Any = None) -> None:
        """The last request's body decodes to ``json``, equals ``body``, or is empty."""
        raw = self.last_request.body
        if json is not None:
            self.assertIsNotNone(raw, "expected a JSON body, none was sent")
            self.assertEqual(json, _jsonutils.loads(raw))
            self.assertIn("application/json", self.last_request.headers.get("Content-Type", ""))
        elif body is not None:
            self.assertEqual(body, raw.decode() if isinstance(raw, bytes) else raw)
        else:
            self.assertIn(raw, (None, b"", ""), "expected no body")

    def assertQueryStringIs(self, qs: str | _t.Mapping[str, _t.Any] = "") -> None:
        """The last request's query equals ``qs`` (a string, or a mapping of values)."""
        sent = urllib.parse.urlsplit(self.last_request.url).query
        self.assertEqual(_parse_qs(qs), _parse_qs(sent))

    def assertRequestHeaderEqual(self, name: str, value: str | None) -> None:
        self.assertEqual(value, self.last_request.headers.get(name))


def _parse_qs(qs: str | _t.Mapping[str, _t.Any]) -> dict[str, list[str]]:
    if isinstance(qs, str):
        return urllib.parse.parse_qs(qs.lstrip("?"), keep_blank_values=True)
    return {key: [str(value)] for key, value in qs.items()}


class ClientTestCase(TestCase):
    """``self.client`` is a v2_0 Client over a Session with a v2.Password plugin.

    The first request authenticates at ``PUBLIC_URL/tokens`` (answered with
    ``self.token``); management calls go to ADMIN_URL from its catalog.
    """

    USERNAME = "alice"
    PASSWORD = "pw-" + "a1b2c3d4e5f6"  # a recognisable value tests search logs for

    def setUp(self) -> None:
        self.token = v2_token()
        super().setUp()

    def make_client(self) -> _t.Any:
        from stackclient import session
        from stackclient.auth import v2
        from stackclient.v2_0 import client

        self.stub_auth(json=self.token)
        auth = v2.Password(
            auth_url=PUBLIC_URL,
            username=self.USERNAME,
            password=self.PASSWORD,
            tenant_name="demo",
        )
        return client.Client(session=session.Session(auth=auth))

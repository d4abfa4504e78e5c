"""A stand-in client for manager tests, and a base TestCase asserting the wire.

Managers only need an object with ``get/post/put/patch/delete/head(url,
**kwargs)`` returning a ``requests.Response`` and raising ``HttpError`` for
statuses >= 400. The real ones (``apiclient.client.BaseClient``,
``stackclient.adapter.Adapter``) are tested in their own modules; this one
sends through ``requests`` so requests-mock sees exactly what goes out.
"""

from __future__ import annotations

import typing as _t

import requests
import testtools
from requests_mock.contrib import fixture as rm_fixture

from stackclient.apiclient import base, exceptions

ENDPOINT = "http://identity.test/v3"
AUTH_ENDPOINT = "http://auth.test/v3"


class StandInClient:
    """Joins relative URLs to ``endpoint``; absolute URLs go out unchanged.

    With ``has_service=False`` it behaves like a catalog without the
    service: only ``endpoint_filter={'interface': 'auth'}`` gets through,
    to ``AUTH_ENDPOINT``. ``calls`` records ``(method, url, kwargs)``.
    """

    def __init__(self, endpoint: str = ENDPOINT, has_service: bool = True) -> None:
        self.endpoint = endpoint
        self.has_service = has_service
        self.calls: list[tuple[str, str, dict[str, _t.Any]]] = []
        self._session = requests.Session()

    def request(self, method: str, url: str, **kwargs: _t.Any) -> requests.Response:
        self.calls.append((method, url, dict(kwargs)))
        endpoint = self.endpoint
        if kwargs.pop("endpoint_filter", None) == {"interface": "auth"}:
            endpoint = AUTH_ENDPOINT
        elif not self.has_service:
            raise exceptions.EndpointNotFound("no identity endpoint in the catalog")
        if "://" not in url:
            url = endpoint + url
        resp = self._session.request(method, url, **kwargs)
        if resp.status_code >= 400:
            raise exceptions.from_response(resp, method, url)
        return resp

    def get(self, url: str, **kwargs: _t.Any) -> requests.Response:
        return self.request("GET", url, **kwargs)

    def head(self, url: str, **kwargs: _t.Any) -> requests.Response:
        return self.request("HEAD", url, **kwargs)

    def post(self, url: str, **kwargs: _t.Any) -> requests.Response:
        return self.request("POST", url, **kwargs)

    def put(self, url: str, **kwargs: _t.Any) -> requests.Response:
        return self.request("PUT", url, **kwargs)

    def patch(self, url: str, **kwargs: _t.Any) -> requests.Response:
        return self.request("PATCH", url, **kwargs)

    def delete(self, url: str, **kwargs: _t.Any) -> requests.Response:
        return self.request("DELETE", url, **kwargs)


class Project(base.Resource):
    pass


class ProjectManager(base.CrudManager):
    resource_class = Project
    collection_key = "projects"
    key = "project"


_UNSET = object()


class WireTestCase(testtools.TestCase):
    """``self.client`` is a StandInClient; ``self.requests_mock`` answers it."""

    def setUp(self) -> None:
        super().setUp()
        self.requests_mock = self.useFixture(rm_fixture.Fixture())
        self.client = StandInClient()
        self.manager = ProjectManager(self.client)

    def stub(self, method: str, path: str, **kwargs: _t.Any) -> _t.Any:
        """Answer ``method ENDPOINT+path`` (or an absolute URL) with ``kwargs``."""
        url = path if "://" in path else ENDPOINT + path
        return self.requests_mock.register_uri(method, url, **kwargs)

    def assertSent(
        self, method: str, path: str, json: _t.Any = _UNSET, index: int = -1
    ) -> requests.PreparedRequest:
        """Assert request ``index`` was ``method ENDPOINT+path`` (query included, in order).

        With ``json``, the body must decode to it; ``json=None`` asserts no body.
        """
        history = self.requests_mock.request_history
        self.assertTrue(history, "no request was sent")
        request = history[index]
        url = path if "://" in path else ENDPOINT + path
        self.assertEqual((method, url), (request.method, request.url))
        if json is None:
            self.assertIn(request.body, (None, b"", ""))
        elif json is not _UNSET:
            self.assertEqual(json, request.json())
        return request

"""A small base for Identity v3 manager tests: fake HTTP, wire assertions.

Managers are built over ``Adapter(Session(), endpoint_override=TEST_URL)``
with no auth plugin, and every request is answered by requests-mock, so a
test says what goes over the wire and what comes back::

    class ProjectTests(utils.TestCase):
        def setUp(self):
            super().setUp()
            self.manager = projects.ProjectManager(self.client)

        def test_get(self):
            self.stub_url("GET", ["projects", "p1"], json={"project": {"id": "p1"}})
            self.assertEqual("p1", self.manager.get("p1").id)
            self.assertRequestMethodIs("GET")

:class:`CrudTests` adds the create/get/list/find/update/delete tests every
plain ``CrudManager`` subclass should pass.
"""

from __future__ import annotations

import typing as _t
import urllib.parse
import uuid

import testtools
from requests_mock.contrib import fixture as rm_fixture

from stackclient import _jsonutils

__all__ = ["TEST_URL", "TestCase", "CrudTests", "new_id", "parameterize"]

#: The identity endpoint every test client talks to.
TEST_URL = "http://keystone.test/v3"


def new_id() -> str:
    """Return a fresh random hex id."""
    return uuid.uuid4().hex


def parameterize(ref: _t.Mapping[str, _t.Any]) -> dict[str, _t.Any]:
    """Rename ``thing_id`` keys to ``thing``, the managers' keyword names.

    >>> parameterize({"domain_id": "d1", "name": "x"})
    {'name': 'x', 'domain': 'd1'}
    """
    out = {}
    for key, value in ref.items():
        out[key[:-3] if key.endswith("_id") else key] = value
    return out


def _make_client(endpoint: str) -> _t.Any:
    from stackclient import adapter, session

    return adapter.Adapter(session.Session(), endpoint_override=endpoint)


class TestCase(testtools.TestCase):
    """Builds ``self.client`` and fakes the HTTP it sends.

    ``self.requests_mock`` is the requests-mock fixture; ``stub_url`` and
    the ``assert*`` helpers cover the common cases.
    """

    TEST_URL = TEST_URL

    def setUp(self) -> None:
        super().setUp()
        self.requests_mock = self.useFixture(rm_fixture.Fixture())
        self.client = _make_client(self.TEST_URL)

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
        """Answer ``method`` on ``TEST_URL/<parts>`` (any query string).

        ``json`` becomes the JSON body; other keywords (``status_code``,
        ``headers``, ``text``, ``response_list``) go to requests-mock.
        Returns the requests-mock matcher (``.call_count``, ...).
        """
        if json is not None:
            kwargs["json"] = json
            kwargs.setdefault("headers", {}).setdefault("Content-Type", "application/json")
        return self.requests_mock.register_uri(method, self.url_for(parts, base_url), **kwargs)

    # -- what was sent -----------------------------------------------------

    @property
    def last_request(self) -> _t.Any:
        """The last request requests-mock saw (fails the test if none was sent)."""
        req = self.requests_mock.last_request
        self.assertIsNotNone(req, "no request was sent")
        return req

    def request_history(self) -> list[_t.Any]:
        """Every request sent in this test, oldest first."""
        return list(self.requests_mock.request_history)

    def assertRequestMethodIs(self, method: str) -> None:
        self.assertEqual(method.upper(), self.last_request.method)

    def assertRequestPathIs(self, parts: _t.Sequence[str] | str) -> None:
        """The last request's path (no query) was ``TEST_URL/<parts>``."""
        expected = urllib.parse.urlsplit(self.url_for(parts)).path
        self.assertEqual(expected, urllib.parse.urlsplit(self.last_request.url).path)

    def assertRequestIs(self, method: str, parts: _t.Sequence[str] | str, query: str = "") -> None:
        """Method, path and exact query string of the last request."""
        self.assertRequestMethodIs(method)
        self.assertRequestPathIs(parts)
        self.assertQueryStringIs(query)

    def assertRequestBodyIs(self, body: _t.Any = None, json: _t.Any = None) -> None:
        """The last request's body was ``body`` (raw) or decodes to ``json``.

        With neither, asserts that no body was sent.
        """
        raw = self.last_request.body
        if json is not None:
            self.assertIsNotNone(raw, "expected a JSON body, none was sent")
            self.assertEqual(json, _jsonutils.loads(raw))
            content_type = self.last_request.headers.get("Content-Type", "")
            self.assertIn("application/json", content_type)
        elif body is not None:
            if isinstance(raw, bytes) and isinstance(body, str):
                raw = raw.decode()
            self.assertEqual(body, raw)
        else:
            self.assertIn(raw, (None, b"", ""), "expected no body")

    def assertQueryStringIs(self, qs: str | _t.Mapping[str, _t.Any] = "") -> None:
        """The last request's query string equals ``qs``.

        A string is compared as parsed (order-insensitive, keys without a
        value kept); a mapping is compared after turning values into
        strings (lists stay lists of strings).
        """
        sent = urllib.parse.urlsplit(self.last_request.url).query
        self.assertEqual(_parse_qs(qs), _parse_qs(sent))

    def assertQueryStringContains(self, **kwargs: _t.Any) -> None:
        """Each keyword appears in the query string with that value."""
        sent = _parse_qs(urllib.parse.urlsplit(self.last_request.url).query)
        for key, value in kwargs.items():
            self.assertIn(key, sent)
            self.assertEqual(_parse_qs({key: value})[key], sent[key])

    def assertRequestHeaderEqual(self, name: str, value: str) -> None:
        self.assertEqual(value, self.last_request.headers.get(name))


def _parse_qs(qs: str | _t.Mapping[str, _t.Any]) -> dict[str, list[str]]:
    if isinstance(qs, str):
        return urllib.parse.parse_qs(qs.lstrip("?"), keep_blank_values=True)
    out = {}
    for key, value in qs.items():
        values = value if isinstance(value, (list, tuple)) else [value]
        out[key] = [_qs_text(v) for v in values]
    return out


def _qs_text(value: _t.Any) -> str:
    if isinstance(value, bool):
        return str(value)
    return "" if value is None else str(value)


class CrudTests:
    """Wire tests for a plain CrudManager; mix into a :class:`TestCase`.

    Set ``key``, ``collection_key``, ``model`` (the Resource class) and
    ``self.manager`` in ``setUp``; override ``new_ref`` to give realistic
    fields. ``path_prefix`` (e.g. ``"OS-EP-FILTER"``) goes before the
    collection in URLs.
    """

    key: str = ""
    collection_key: str = ""
    model: type = object
    path_prefix: str | None = None
    manager: _t.Any = None

    def new_ref(self, **kwargs: _t.Any) -> dict[str, _t.Any]:
        kwargs.setdefault("id", new_id())
        kwargs.setdefault("name", new_id())
        return kwargs

    def update_ref(self) -> dict[str, _t.Any]:
        """The fields ``test_update`` sends; defaults to :meth:`new_ref`."""
        return self.new_ref()

    def collection_parts(self, id: str | None = None) -> list[str]:
        parts = [self.path_prefix] if self.path_prefix else []
        parts.append(self.collection_key)
        if id is not None:
            parts.append(id)
        return parts

    def assertResourceMatches(self, ref: _t.Mapping[str, _t.Any], res: _t.Any) -> None:
        self.assertIsInstance(res, self.model)
        for attr, value in ref.items():
            self.assertEqual(value, getattr(res, attr), "attribute %r" % attr)

    def test_create(self) -> None:
        ref = self.new_ref()
        req_ref = {k: v for k, v in ref.items() if k != "id"}
        self.stub_url("POST", self.collection_parts(), json={self.key: ref}, status_code=201)
        created = self.manager.create(**parameterize(req_ref))
        self.assertResourceMatches(ref, created)
        self.assertRequestIs("POST", self.collection_parts())
        self.assertRequestBodyIs(json={self.key: req_ref})

    def test_get(self) -> None:
        ref = self.new_ref()
        self.stub_url("GET", self.collection_parts(ref["id"]), json={self.key: ref})
        self.assertResourceMatches(ref, self.manager.get(ref["id"]))
        self.assertRequestIs("GET", self.collection_parts(ref["id"]))

    def test_get_unknown_raises_not_found(self) -> None:
        from stackclient.apiclient import exceptions

        self.stub_url(
            "GET",
            self.collection_parts("nope"),
            status_code=404,
            json={"error": {"code": 404, "message": "Could not find it.", "title": "Not Found"}},
        )
        self.assertRaises(exceptions.NotFound, self.manager.get, "nope")

    def test_list(self) -> None:
        refs = [self.new_ref(), self.new_ref()]
        self.stub_url("GET", self.collection_parts(), json={self.collection_key: refs})
        listed = self.manager.list()
        self.assertEqual(len(refs), len(listed))
        for ref, res in zip(refs, listed):
            self.assertResourceMatches(ref, res)
        self.assertRequestIs("GET", self.collection_parts())

    def test_list_passes_unknown_filters_as_query(self) -> None:
        self.stub_url("GET", self.collection_parts(), json={self.collection_key: []})
        self.manager.list(**{"some_filter": "v a&l"})
        self.assertQueryStringIs({"some_filter": "v a&l"})

    def test_list_by_id_is_refused(self) -> None:
        from stackclient.apiclient import exceptions

        refused = (exceptions.ValidationError, TypeError)
        self.assertRaises(refused, self.manager.list, id=new_id())
        self.assertEqual([], self.request_history())

    def test_find(self) -> None:
        ref = self.new_ref()
        self.stub_url("GET", self.collection_parts(), json={self.collection_key: [ref]})
        self.assertResourceMatches(ref, self.manager.find(name=ref["name"]))
        self.assertQueryStringIs({"name": ref["name"]})

    def test_update(self) -> None:
        ref = self.update_ref()
        req_ref = {k: v for k, v in ref.items() if k != "id"}
        self.stub_url("PATCH", self.collection_parts(ref["id"]), json={self.key: ref})
        updated = self.manager.update(ref["id"], **parameterize(req_ref))
        self.assertResourceMatches(ref, updated)
        self.assertRequestIs("PATCH", self.collection_parts(ref["id"]))
        self.assertRequestBodyIs(json={self.key: req_ref})

    def test_delete(self) -> None:
        ref = self.new_ref()
        self.stub_url("DELETE", self.collection_parts(ref["id"]), status_code=204)
        self.manager.delete(ref["id"])
        self.assertRequestIs("DELETE", self.collection_parts(ref["id"]))
        self.assertRequestBodyIs()

    def test_delete_accepts_a_resource(self) -> None:
        ref = self.new_ref()
        self.stub_url("DELETE", self.collection_parts(ref["id"]), status_code=204)
        self.manager.delete(self.model(self.manager, ref))
        self.assertRequestIs("DELETE", self.collection_parts(ref["id"]))

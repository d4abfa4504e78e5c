"""Test helpers: a fake HTTP client answering from fixture methods.

:class:`FakeHTTPClient` stands where an ``apiclient.client.HTTPClient``
would, under a ``BaseClient``. A request ``GET /os-tenants/t1.json?limit=2``
is answered by the subclass method ``get_os_tenants_t1_json(**kw)`` (query
string dropped; ``/``, ``-`` and ``.`` become ``_``; the query parameters
and request keyword arguments are passed as keywords), which returns
``(status, headers, body)`` or ``(status, body)``. Every call is recorded
in ``callstack`` as ``(method, url, body)``.

Example::

    class FakeIdentity(FakeHTTPClient):
        def get_projects(self, **kw):
            return 200, {}, {"projects": [{"id": "p1", "name": "demo"}]}

    http = FakeIdentity()
    projects = ProjectManager(BaseClient(http)).list()
    http.assert_called("GET", "/projects")
"""

from __future__ import annotations

import http.client
import typing as _t
import urllib.parse

import requests
from requests.structures import CaseInsensitiveDict

from stackclient import _jsonutils
from stackclient.apiclient import exceptions

__all__ = ["FakeHTTPClient", "TestResponse", "assert_has_keys"]

_Call = tuple[str, str, _t.Any]


def assert_has_keys(
    dct: _t.Mapping[str, _t.Any],
    required: _t.Iterable[str] = (),
    optional: _t.Iterable[str] = (),
) -> None:
    """Raise AssertionError unless ``dct`` has every ``required`` key.

    The message names the missing keys and any keys outside ``required`` and
    ``optional``. Extra keys alone do not fail, as in the apiclient original.
    """
    required, optional = list(required), list(optional)
    missing = [key for key in required if key not in dct]
    if missing:
        unexpected = sorted(set(dct) - set(required) - set(optional))
        raise AssertionError(
            "missing keys: %s; unexpected keys: %s; present: %s"
            % (missing, unexpected, sorted(dct))
        )


class TestResponse(requests.Response):
    """A real :class:`requests.Response` built from a dict or a status code.

    ``data`` is an ``int`` status, or a dict with ``status_code`` (200),
    ``headers``, and a body as ``json`` (encoded) or ``text`` (a str, bytes,
    or a dict/list which is encoded as JSON), and optionally ``url``.
    """

    __test__ = False  # not a test case, whatever pytest thinks of the name
    __hash__ = None  # type: ignore[assignment]  # equal by content, so unhashable

    def __init__(self, data: int | _t.Mapping[str, _t.Any]) -> None:
        super().__init__()
        if not isinstance(data, _t.Mapping):
            data = {"status_code": data}
        self.status_code = int(data.get("status_code", 200))
        self.reason = http.client.responses.get(self.status_code, "")
        self.url = data.get("url") or ""
        self.encoding = "utf-8"
        self.headers = CaseInsensitiveDict(data.get("headers") or {})
        body = data["json"] if "json" in data else data.get("text", "")
        if isinstance(body, (dict, list)) or "json" in data:
            self._content = _jsonutils.dumps(body)
            self.headers.setdefault("Content-Type", "application/json")
        elif isinstance(body, (bytes, bytearray)):
            self._content = bytes(body)
        else:
            self._content = b"" if body is None else str(body).encode("utf-8")
        self._content_consumed = True

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, requests.Response):
            return NotImplemented
        return (
            self.status_code == other.status_code
            and self.headers == other.headers
            and self.content == other.content
        )


class FakeHTTPClient:
    """An ``HTTPClient`` stand-in answering from fixtures; see the module docstring.

    ``fixtures={url: {method: (headers, body)}}`` answers 200 with no
    fixture method needed (a 3-tuple adds the status first). A status >= 400
    raises the same :func:`~stackclient.apiclient.exceptions.from_response`
    error the real pipeline does. The first positional argument, if any, is
    kept as ``auth_plugin``; ``authenticate()`` does nothing.
    """

    def __init__(self, *args: _t.Any, **kwargs: _t.Any) -> None:
        self.callstack: list[_Call] = []
        self.fixtures: dict[str, dict[str, tuple[_t.Any, ...]]] = (
            kwargs.pop("fixtures", None) or {}
        )
        self.auth_plugin = args[0] if args else kwargs.pop("auth_plugin", None)
        self.endpoint_type = kwargs.pop("endpoint_type", "publicURL")
        self.region_name = kwargs.pop("region_name", None)
        self.last_request_id: str | None = None
        self.options = kwargs

    def add_client(self, base_client_instance: _t.Any) -> None:
        """Make ``self.<service_type>`` the client, as ``HTTPClient.add_client`` does."""
        service_type = getattr(base_client_instance, "service_type", None)
        for name in {service_type, (service_type or "").replace("-", "_")} - {None, ""}:
            if not hasattr(self, name):
                setattr(self, name, base_client_instance)

    def authenticate(self) -> None:
        """Do nothing: fakes need no token."""

    def get_timings(self) -> list[_t.Any]:
        """Return no timings: nothing is timed."""
        return []

    def reset_timings(self) -> None:
        """Do nothing: nothing is timed."""

    def clear_callstack(self) -> None:
        """Forget the calls recorded so far."""
        self.callstack = []

    def client_request(
        self, client: _t.Any, method: str, url: str, **kwargs: _t.Any
    ) -> requests.Response:
        """Record the call, answer it from a fixture, raise for a status >= 400.

        ``raise_exc=False`` returns an error response instead of raising, as
        the real pipeline does; it is not passed on to fixture callbacks.
        """
        raise_exc = kwargs.pop("raise_exc", True)
        if method in ("GET", "HEAD", "DELETE") and kwargs.get("json") is not None:
            raise AssertionError("%s %s must not carry a JSON body" % (method, url))
        body = kwargs["json"] if "json" in kwargs else kwargs.get("data", kwargs.get("body"))
        self.callstack.append((method, url, body))
        resp = self._answer(method, url, kwargs)
        resp.url = resp.url or url
        headers = resp.headers
        self.last_request_id = headers.get("x-openstack-request-id") or headers.get(
            "x-compute-request-id"
        )
        if raise_exc and resp.status_code >= 400:
            raise exceptions.from_response(resp, method, url)
        return resp

    def _answer(self, method: str, url: str, kwargs: dict[str, _t.Any]) -> TestResponse:
        fixture = self.fixtures.get(url, {}).get(method)
        if fixture is not None:
            return _response((200, *fixture) if len(fixture) == 2 else fixture)
        name = _callback_name(method, url)
        callback = getattr(self, name, None)
        if callback is None:
            raise AssertionError(
                "Called unknown API method: %s %s; define %s.%s(self, **kw)"
                % (method, url, type(self).__name__, name)
            )
        query = urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query)
        return _response(callback(**dict(kwargs, **dict(query))))

    def assert_called(self, method: str, url: str, body: _t.Any = None, pos: int = -1) -> None:
        """Raise AssertionError unless call ``pos`` (default: the last) was ``method url``.

        With ``body``, the recorded body must equal it too.
        """
        expected = "%s %s" % (method, url)
        if not self.callstack:
            raise AssertionError("Expected %s but no calls were made." % expected)
        try:
            called = self.callstack[pos]
        except IndexError:
            raise AssertionError(
                "Expected %s as call %d, but only %d calls were made: %s"
                % (expected, pos, len(self.callstack), self._calls())
            ) from None
        if (method, url) != called[:2]:
            raise AssertionError(
                "Expected %s as call %d; got %s %s. Calls made: %s"
                % (expected, pos, called[0], called[1], self._calls())
            )
        _check_body(expected, body, called[2])

    def assert_called_anytime(self, method: str, url: str, body: _t.Any = None) -> None:
        """Raise AssertionError unless ``method url`` was called (with ``body``, if given).

        The call stack is left as it is.
        """
        expected = "%s %s" % (method, url)
        if not self.callstack:
            raise AssertionError("Expected %s but no calls were made." % expected)
        matches = [call for call in self.callstack if call[:2] == (method, url)]
        if not matches:
            raise AssertionError("Expected %s; calls made: %s" % (expected, self._calls()))
        if body is not None and all(call[2] != body for call in matches):
            _check_body(expected, body, matches[-1][2])

    def _calls(self) -> str:
        return ", ".join("%s %s" % call[:2] for call in self.callstack)


def _callback_name(method: str, url: str) -> str:
    path = url.split("?", 1)[0].strip("/")
    return "%s_%s" % (method.lower(), path.replace("/", "_").replace(".", "_").replace("-", "_"))


def _response(result: tuple[_t.Any, ...]) -> TestResponse:
    status, headers, body = result if len(result) == 3 else (result[0], {}, result[1])
    return TestResponse({"status_code": status, "headers": headers, "text": body})


def _check_body(expected_call: str, expected: _t.Any, actual: _t.Any) -> None:
    if expected is None or expected == actual:
        return
    from stackclient import _redact  # secrets in a test body stay out of the message

    raise AssertionError(
        "%s was sent with body %r; expected %r"
        % (expected_call, _redact.json_value(actual), _redact.json_value(expected))
    )

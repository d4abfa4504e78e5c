"""JSON encoding and decoding for the whole client.

orjson is used when it is installed (it decodes large collections several
times faster than the standard library); otherwise the standard ``json``
module does the same job. Both give the same Python objects. orjson is
imported with this module, not on first use: importing it costs about
10 ms (it loads ``dataclasses``, ``inspect`` and ``uuid``), and deferring
that only moved it into the first request (measured: restoring a client
from a stored token and listing went from 3 ms to 18 ms).
"""

from __future__ import annotations

import gc as _gc
import json as _json
import typing as _t

from stackclient import _redact
from stackclient.apiclient import exceptions

if _t.TYPE_CHECKING:  # pragma: no cover
    import requests

__all__ = ["dumps", "loads", "response_json"]

#: How much of an undecodable body an InvalidResponse message quotes.
_SNIPPET = 200

#: Bodies at least this long (bytes) are decoded with the garbage collector paused.
_GC_PAUSE_BYTES = 64 * 1024


try:
    import orjson as _orjson
except ImportError:  # pragma: no cover - exercised where orjson is absent
    _orjson = None


def _std_default(value: _t.Any) -> _t.Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError("Object of type %s is not JSON serializable" % type(value).__name__)


def _std_dumps(value: _t.Any) -> bytes:
    return _json.dumps(value, separators=(",", ":"), default=_std_default).encode()


def loads(data: bytes | str) -> _t.Any:
    """Decode JSON; raise ValueError on bad input (nesting too deep included)."""
    decode = _json.loads if _orjson is None else _orjson.loads
    if len(data) < _GC_PAUSE_BYTES or not _gc.isenabled():
        return _decode(decode, data)
    _gc.disable()
    try:
        return _decode(decode, data)
    finally:
        _gc.enable()


def _decode(decode: _t.Callable[[_t.Any], _t.Any], data: bytes | str) -> _t.Any:
    try:
        return decode(data)
    except RecursionError:  # the standard library's decoder, on very deep JSON
        raise ValueError("JSON nested too deeply to decode") from None


def dumps(value: _t.Any) -> bytes:
    """Encode to compact UTF-8 JSON bytes (datetimes as ISO 8601)."""
    if _orjson is None:  # pragma: no cover - exercised where orjson is absent
        return _std_dumps(value)
    try:
        return _orjson.dumps(value, option=_orjson.OPT_NON_STR_KEYS)
    except TypeError:
        return _std_dumps(value)


def response_json(response: requests.Response) -> _t.Any:
    """Return the decoded JSON body of ``response`` (None when empty).

    The result is cached on the response, so calling this twice decodes
    once. A body that is not JSON raises :class:`InvalidResponse` naming the
    method, URL, status and the start of the body.
    """
    cached = response.__dict__.get("_stackclient_json", _MISSING)
    if cached is not _MISSING:
        return cached
    content = response.content
    if not content:
        body = None
    else:
        try:
            body = loads(content)
        except ValueError:
            raise _invalid(response) from None
    response.__dict__["_stackclient_json"] = body
    return body


_MISSING = object()


def _invalid(response: requests.Response) -> exceptions.InvalidResponse:
    request = response.request
    secrets = _redact.request_secrets(request)
    snippet = response.content[:_SNIPPET].decode("utf-8", "replace")
    if snippet.lstrip()[:1] == "<":  # an HTML page (a proxy's, a login portal's): its title
        from stackclient.apiclient import _error_body

        head = response.content[: _error_body.HTML_SCAN].decode("utf-8", "replace")
        # Masked before the tags go: <password>x</password> must not become "x".
        snippet = _error_body.from_html(_redact.message(head, secrets)) or snippet
    message = "Expected a JSON body from %s %s (HTTP %s, Content-Type %r), got: %r" % (
        getattr(request, "method", "?"),
        _redact.url(response.url or getattr(request, "url", None) or "?"),
        response.status_code,
        response.headers.get("Content-Type", ""),
        _redact.message(snippet, secrets),
    )
    return exceptions.InvalidResponse(message, response=response)

"""JSON encoding and decoding for the whole client.

orjson decodes large collections about twice as fast as the standard
library, but importing it costs more than ``import stackclient`` itself
(it loads ``dataclasses``, ``inspect``, ``ast``, ``uuid`` and
``platform``: about 10 ms of CPU, most of the gap between
``import stackclient.v3.client`` and ``import requests``). So it is
imported on first need: when a body of at least :data:`_ORJSON_BYTES`
arrives, or when the program has imported it already. Smaller bodies
(a token, one resource, a short page) are decoded and request bodies
encoded with the standard ``json`` module, which ``requests`` has
imported anyway. Both give the same Python objects.
"""

from __future__ import annotations

import functools as _functools
import gc as _gc
import json as _json
import sys as _sys
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

#: A body at least this long (bytes) is worth importing orjson for.
_ORJSON_BYTES = 32 * 1024


@_functools.cache
def _import_orjson() -> _t.Any:
    """orjson, imported once (None where it is not installed)."""
    try:
        import orjson
    except ImportError:  # pragma: no cover - exercised where orjson is absent
        return None
    return orjson


def _orjson(size: int = 0) -> _t.Any:
    """orjson when it is loaded already or ``size`` bytes make it worth loading, else None."""
    loaded = _sys.modules.get("orjson")
    if loaded is not None or size < _ORJSON_BYTES:
        return loaded
    return _import_orjson()


def _std_default(value: _t.Any) -> _t.Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError("Object of type %s is not JSON serializable" % type(value).__name__)


def _std_dumps(value: _t.Any) -> bytes:
    return _json.dumps(value, separators=(",", ":"), default=_std_default).encode()


def loads(data: bytes | str) -> _t.Any:
    """Decode JSON; raise ValueError on bad input (nesting too deep included)."""
    fast = _orjson(len(data))
    decode = _json.loads if fast is None else fast.loads
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
    fast = _orjson()
    if fast is None:
        return _std_dumps(value)
    try:
        return fast.dumps(value, option=fast.OPT_NON_STR_KEYS)
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

"""The curl-style debug log of every request and response, secrets redacted.

A body is cut to :data:`MAX_LOGGED_BODY` characters *before* it is decoded
and redacted, so logging an answer of 32 MB costs what logging 16 KiB
costs; the line says how much was left out. Writing the log never changes
what a call raises or returns: a line that cannot be formatted is replaced
by a note saying so.
"""

from __future__ import annotations

import codecs
import functools
import logging
import typing as _t
from urllib import parse as _parse

import requests

from stackclient import _redact

__all__ = [
    "LOG",
    "MAX_LOGGED_BODY",
    "MAX_LOGGED_HEADER",
    "enable_debug_log",
    "log_request",
    "log_response",
]

#: The logger the curl-style request/response lines go to (at DEBUG).
LOG = logging.getLogger("stackclient.http")

#: Bodies longer than this (in characters) are cut in the debug log.
MAX_LOGGED_BODY = 16 * 1024

#: Header values longer than this (in characters) are cut in the debug log.
MAX_LOGGED_HEADER = 1024

_TEXT_TYPES = ("json", "text/", "xml", "x-www-form-urlencoded")

_F = _t.TypeVar("_F", bound=_t.Callable[..., None])


def _never_raises(func: _F) -> _F:
    """Make a log writer report its own failure instead of raising it."""

    @functools.wraps(func)
    def wrapper(*args: _t.Any, **kwargs: _t.Any) -> None:
        try:
            func(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - logging must not change the call's outcome
            LOG.debug("(a debug line was not written: %s while formatting it)", type(exc).__name__)

    return _t.cast(_F, wrapper)


def enable_debug_log() -> None:
    """Make the curl-style log visible (asked for with ``debug=True``).

    Sets :data:`LOG` to DEBUG and, when no handler would print its records,
    adds one writing to stderr.
    """
    LOG.setLevel(logging.DEBUG)
    if not LOG.hasHandlers():
        LOG.addHandler(logging.StreamHandler())


def _decoded_head(body: bytes) -> str | None:
    """The first :data:`MAX_LOGGED_BODY` characters of UTF-8 ``body``; None if binary.

    Only as many bytes as those characters need are decoded.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    pieces: list[str] = []
    count = position = 0
    try:
        while count < MAX_LOGGED_BODY and position < len(body):
            chunk = body[position : position + MAX_LOGGED_BODY - count]
            position += len(chunk)
            text = decoder.decode(chunk, final=position >= len(body))
            pieces.append(text)
            count += len(text)
    except UnicodeDecodeError:
        return None
    return "".join(pieces)[:MAX_LOGGED_BODY]


def _headers(items: _t.Mapping[str, _t.Any]) -> list[tuple[str, str]]:
    """Loggable (name, value) pairs: sensitive values hashed, long values cut."""
    shown = []
    for name, value in _redact.headers(items):
        if len(value) > MAX_LOGGED_HEADER:
            value = "%s... (%d more characters)" % (
                value[:MAX_LOGGED_HEADER],
                len(value) - MAX_LOGGED_HEADER,
            )
        shown.append((name, value))
    return shown


def _body_text(
    body: _t.Any, content_type: str | None, secrets: _t.Iterable[str] = ()
) -> str | None:
    """The loggable form of a body: cut, then redacted, with what was left out."""
    if body is None or body == b"" or body == "":
        return None
    if isinstance(body, dict):
        body = _parse.urlencode(body, doseq=True)
        content_type = "application/x-www-form-urlencoded"
    if isinstance(body, bytes):
        shown = _decoded_head(body)
        if shown is None:
            return "<binary data: %d bytes>" % len(body)
        left = len(body) - len(shown.encode("utf-8"))
        unit = "bytes"
    elif isinstance(body, str):
        shown, left, unit = body[:MAX_LOGGED_BODY], len(body) - MAX_LOGGED_BODY, "characters"
    else:
        return "<streamed body of type %s>" % type(body).__name__
    text = _redact.text(shown, content_type, secrets)
    return text if left <= 0 else "%s... (%d more %s)" % (text, left, unit)


@_never_raises
def log_request(
    session_headers: _t.Mapping[str, _t.Any],
    method: str,
    url: str,
    kwargs: _t.Mapping[str, _t.Any],
    default_verify: _t.Any = True,
) -> None:
    """Log ``curl -g -i -X METHOD URL -H ... -d ...`` with secrets redacted.

    ``kwargs`` are the arguments about to be given to ``requests``; the
    headers shown are the session's merged with the request's, as sent.
    """
    headers = requests.structures.CaseInsensitiveDict(session_headers)
    headers.update(kwargs.get("headers") or {})
    params = kwargs.get("params")
    if params:
        request = requests.models.PreparedRequest()
        request.prepare_url(url, params)
        url = request.url or url
    _log_curl(
        method,
        url,
        {name: value for name, value in headers.items() if value is not None},
        kwargs.get("data"),
        kwargs.get("verify", default_verify),
        kwargs.get("cert"),
    )


def _log_curl(
    method: str,
    url: str,
    headers: _t.Mapping[str, _t.Any],
    body: _t.Any,
    verify: _t.Any,
    cert: _t.Any,
) -> None:
    import shlex  # only when debug logging is on

    parts = ["curl -g -i"]
    if verify is False:
        parts.append("--insecure")
    elif isinstance(verify, str):
        parts.append("--cacert %s" % shlex.quote(verify))
    if isinstance(cert, (tuple, list)):
        parts.append("--cert %s --key %s" % (shlex.quote(cert[0]), shlex.quote(cert[1])))
    elif cert:
        parts.append("--cert %s" % shlex.quote(cert))
    parts.append("-X %s %s" % (method, shlex.quote(_redact.url(url))))
    content_type = None
    for name, value in _headers(headers):
        if name.lower() == "content-type":
            content_type = value
        parts.append('-H "%s: %s"' % (name, value))
    text = _body_text(body, content_type)
    if text is not None:
        parts.append("-d %s" % shlex.quote(text))
    LOG.debug(" ".join(parts))


@_never_raises
def log_response(
    response: requests.Response, streamed: bool = False, secrets: _t.Iterable[str] | None = None
) -> None:
    """Log ``RESP: [status] headers`` and ``RESP BODY: ...``, secrets redacted.

    ``secrets`` are the values the request carried (default: those of
    ``response.request``), masked wherever the server echoed them.
    """
    shown = " ".join("%s: %s" % pair for pair in _headers(response.headers))
    LOG.debug("RESP: [%s] %s", response.status_code, shown)
    content_type = response.headers.get("Content-Type", "")
    if streamed:
        LOG.debug("RESP BODY: omitted, the response is streamed")
    elif content_type and not any(kind in content_type.lower() for kind in _TEXT_TYPES):
        LOG.debug("RESP BODY: omitted, Content-Type is %s (only JSON and text are logged)",
                  content_type)  # fmt: skip
    else:
        if secrets is None:
            secrets = _redact.request_secrets(getattr(response, "request", None))
        text = _body_text(response.content, content_type, secrets)
        if text is not None:
            LOG.debug("RESP BODY: %s", text)

"""Reading the message out of an error body, whatever the service put there.

Used by :func:`stackclient.apiclient.exceptions.from_response`. Every
shape OpenStack services use is read: Keystone ``{"error": {...}}``, Nova
``{"itemNotFound": {...}}``, Neutron ``{"NeutronError": {...}}``, API-SIG
``{"errors": [...]}``, a flat ``{"message": ...}``, plain text, and HTML
pages from a proxy or a web framework (cut down to their title and
headings: ``404 Not Found``).

The work is bounded by what ends up in the message, not by the body: a
JSON body is only decoded up to :data:`MAX_JSON_BODY` bytes, text is only
decoded as far as it is shown, and a message is cut to its shown length
*before* the secrets a server echoed back are masked.
"""

from __future__ import annotations

import re
import typing as _t

from stackclient.apiclient.exceptions import MAX_TEXT_MESSAGE

if _t.TYPE_CHECKING:  # pragma: no cover
    import requests

__all__ = ["HTML_SCAN", "MAX_JSON_BODY", "MAX_MESSAGE", "from_html", "from_json", "read"]

#: How much of a message or details string read from a JSON body is kept.
MAX_MESSAGE = 2000

#: JSON error bodies larger than this (bytes) are shown as text, not decoded.
MAX_JSON_BODY = 1 << 20

#: How far into an HTML page its title and headings are looked for (characters).
HTML_SCAN = 64 * 1024

# A title or heading and its text up to the next tag; bounded by the next
# "<" so that a page full of unclosed tags is still read in linear time.
_HTML_HEADING = re.compile(r"<(title|h[1-3])\b[^<>]*>([^<]*)", re.IGNORECASE)
_HTML_TAG = re.compile(r"<[^<>]*>")
_SPACES = re.compile(r"\s+")
# The line breaks WebOb puts in the JSON and text errors of Glance, Nova, ...
_BREAKS = re.compile(r"[ \t]*(?:<br\s*/?>\s*)+", re.IGNORECASE)


def _first_text(*values: _t.Any) -> str | None:
    for value in values:
        if isinstance(value, str) and value:
            return value
    return None


def _from_mapping(inner: _t.Mapping[str, _t.Any]) -> tuple[str | None, str | None]:
    message = _first_text(inner.get("message"), inner.get("title"), inner.get("faultstring"))
    details = _first_text(inner.get("details"), inner.get("detail"), inner.get("type"))
    return message, details


def _scalar(value: _t.Any) -> str | None:
    """A string or number as text; None for structures (never ``str()`` of any depth)."""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def _api_sig(errors: list[_t.Any]) -> tuple[str | None, str | None]:
    message, details = _from_mapping(errors[0])
    extra = [
        _first_text(e.get("title"), e.get("detail")) if isinstance(e, dict) else _scalar(e)
        for e in errors[1:]
    ]
    found = "; ".join(text for text in extra if text)
    if found:
        details = "%s; %s" % (details, found) if details else found
    return message, details


def from_json(body: _t.Any) -> tuple[str | None, str | None]:
    """Read (message, details) out of a decoded error body of any known shape."""
    if not isinstance(body, dict) or not body:
        return None, None
    errors = body.get("errors")
    if isinstance(errors, list) and errors and isinstance(errors[0], dict):
        return _api_sig(errors)
    if isinstance(body.get("error"), dict):  # keystone
        return _from_mapping(body["error"])
    if "message" in body or "title" in body or "faultstring" in body:
        return _from_mapping(body)
    # nova {"itemNotFound": {...}}, neutron {"NeutronError": {...}}, ...
    inner = next(iter(body.values()))
    if isinstance(inner, dict):
        return _from_mapping(inner)
    if isinstance(inner, str):
        return inner, None
    return None, None


def _cut(text: str | None, limit: int) -> str | None:
    if text is None:
        return None
    if "<" in text:
        text = _BREAKS.sub("\n", text)
    text = text.strip()
    if len(text) > limit:
        text = text[:limit] + "..."
    return text or None


def _head_text(response: requests.Response, content: bytes, limit: int) -> str:
    """The first ``limit`` characters of the body, decoded without guessing a charset."""
    encoding = getattr(response, "encoding", None) or "utf-8"
    head = content[: limit * 4]
    try:
        return head.decode(encoding, "replace")[:limit]
    except LookupError:  # a charset Python does not know
        return head.decode("utf-8", "replace")[:limit]


def _looks_like_html(content_type: str, text: str) -> bool:
    if "html" in content_type:
        return True
    start = text.lstrip()[:200].lower()
    return start.startswith("<") and ("<html" in start or "<!doctype" in start)


def from_html(text: str) -> str | None:
    """The title and headings of an HTML page (its text when it has none), as one line."""
    from html import unescape

    parts: list[str] = []
    for match in _HTML_HEADING.finditer(text):
        part = _SPACES.sub(" ", unescape(match.group(2))).strip()
        if part and not any(part in seen for seen in parts):
            parts.append(part)
    if not parts:
        plain = _SPACES.sub(" ", unescape(_HTML_TAG.sub(" ", text))).strip()
        return _cut(plain, MAX_TEXT_MESSAGE)
    return _cut(": ".join(parts), MAX_TEXT_MESSAGE)


def _decoded_json(content: bytes, content_type: str) -> tuple[bool, _t.Any]:
    """(True, body) when ``content`` is JSON worth decoding, else (False, None)."""
    if len(content) > MAX_JSON_BODY:
        return False, None
    if "json" not in content_type and content.lstrip()[:1] not in (b"{", b"["):
        return False, None
    from stackclient import _jsonutils

    try:
        return True, _jsonutils.loads(content)
    except ValueError:
        return False, None


def read(response: requests.Response) -> tuple[str | None, str | None]:
    """Return (message, details) of an error response, cut to size, secrets masked."""
    from stackclient import _redact  # servers echo input, secrets included

    secrets = _redact.request_secrets(getattr(response, "request", None))
    try:
        content = response.content or b""
    except Exception:  # noqa: BLE001 - a broken body must not hide the status
        return None, None
    content_type = str(response.headers.get("Content-Type", "")).lower()
    is_json, body = _decoded_json(content, content_type)
    if is_json:
        message, details = from_json(body)
        message, details = _cut(message, MAX_MESSAGE), _cut(details, MAX_MESSAGE)
    else:
        text = _head_text(response, content, HTML_SCAN)
        if _looks_like_html(content_type, text):
            # Masked before the tags go: <password>x</password> must not become "x".
            message = from_html(_redact.message(text, secrets))
        else:
            message = _cut(text, MAX_TEXT_MESSAGE)
        details = None
    if not (message or details):
        return None, None
    return (
        message and _redact.message(message, secrets),
        details and _redact.message(details, secrets),
    )

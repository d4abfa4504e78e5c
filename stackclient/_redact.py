"""Secret redaction for the debug log and for error messages.

Everything the request pipeline writes to the log, and every message a
server put in an error body, passes through here first, so that tokens,
passwords and other credentials never reach a log file or an exception:

* header values of :data:`SENSITIVE_HEADERS` become ``{SHA256}<16 hex>``,
  so two log lines that carried the same token can still be matched;
* JSON bodies are scanned and the values under secret-looking keys become
  ``"***"``, whatever their type (a token given as ``{"token": {"id":
  ...}}`` loses its ``id`` and keeps its expiry);
* URL query strings, user info in URLs and form bodies are masked by key,
  and a token id in a URL path (Identity v2.0's ``/tokens/{id}``) is
  hashed like a header;
* any other text (and every string inside a JSON body) has the value after
  a secret ``key:``/``key=`` masked, and secrets the request carried are
  masked wherever a server echoes them back (:func:`request_secrets`).

The callers cut a body to what will be shown *before* redacting it, so
redaction costs time in proportion to what is shown (see
:mod:`stackclient._masking`: one linear pass, no recursion).
"""

from __future__ import annotations

import hashlib
import typing as _t
from urllib import parse as _parse

from stackclient import _masking

__all__ = [
    "MASK",
    "SENSITIVE_HEADERS",
    "hash_secret",
    "header_value",
    "headers",
    "is_secret_key",
    "form",
    "json_value",
    "message",
    "request_secrets",
    "text",
    "url",
]

#: What a masked value in a body, a query string or a form is replaced by.
MASK = _masking.MASK

#: Headers (lower case) whose values are never logged in clear.
SENSITIVE_HEADERS = frozenset(
    {
        "x-auth-token",
        "x-subject-token",
        "x-service-token",
        "authorization",
        "proxy-authorization",
        "cookie",
        "set-cookie",
        # Swift's temporary-URL keys: whoever has one can sign URLs for the account.
        "x-account-meta-temp-url-key",
        "x-account-meta-temp-url-key-2",
        "x-container-meta-temp-url-key",
        "x-container-meta-temp-url-key-2",
    }
)

_HEX_PREFIX = 16

#: A path element after which the next segment is a token id.
_TOKEN_PATH = "/tokens/"

is_secret_key = _masking.is_secret_key
json_value = _masking.json_value


def hash_secret(value: str | bytes) -> str:
    """Return ``{SHA256}`` and the first 16 hex digits of the value's digest."""
    if isinstance(value, str):
        value = value.encode("utf-8", "surrogateescape")
    return "{SHA256}" + hashlib.sha256(value).hexdigest()[:_HEX_PREFIX]


def header_value(name: str, value: str | bytes) -> str:
    """Return ``value`` fit for the log: hashed when ``name`` is sensitive."""
    if name.lower() in SENSITIVE_HEADERS:
        return hash_secret(value)
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return value


def headers(items: _t.Mapping[str, _t.Any]) -> list[tuple[str, str]]:
    """Return the headers of ``items`` as (name, loggable value) pairs."""
    return [(name, header_value(name, value)) for name, value in items.items()]


def url(value: str) -> str:
    """Return ``value`` with secrets in its query string, user info and path masked."""
    if "?" not in value and "@" not in value and _TOKEN_PATH not in value:
        return value
    try:
        parts = _parse.urlsplit(value)
        password = parts.password
    except ValueError:
        return _masking.free_text(value)
    netloc = parts.netloc
    if password is not None:
        netloc = netloc.replace(":" + password + "@", ":" + MASK + "@", 1)
    query = _masking.encoded_pairs(form(parts.query)) if parts.query else parts.query
    path = _token_path(parts.path)
    return _parse.urlunsplit((parts.scheme, netloc, path, query, parts.fragment))


def _token_path(path: str) -> str:
    """Hash the token id in ``.../tokens/<id>[/...]`` (not ``OS-*`` extensions)."""
    head, sep, tail = path.partition(_TOKEN_PATH)
    if not sep:
        return path
    segment, slash, rest = tail.partition("/")
    if not segment or segment.startswith("OS-"):
        return path
    return head + sep + hash_secret(_parse.unquote(segment)) + slash + rest


def request_secrets(request: _t.Any) -> tuple[str, ...]:
    """The secret values a ``requests.PreparedRequest`` (or None) carried.

    Passwords and other values under secret keys of its JSON body, and its
    token and credential headers: what a server may echo back.
    """
    if request is None:
        return ()
    return _masking.secrets_in(getattr(request, "body", None), getattr(request, "headers", None))


def message(value: str, secrets: _t.Iterable[str] = ()) -> str:
    """Return a server's error message with echoed secrets masked.

    Keystone, for one, quotes the offending input in 400 messages
    (``Invalid input for field/attribute user. Value: {'password': '...'}``).
    ``secrets`` are values the request carried (see :func:`request_secrets`),
    masked wherever they appear. Cut the message to its shown length first.
    """
    return _masking.literals(_masking.free_text(value), secrets)


def form(query: str) -> str:
    """Return a URL-encoded query or form body with secret values masked."""
    pairs = _parse.parse_qsl(query, keep_blank_values=True)
    if not any(is_secret_key(key) for key, _ in pairs):
        return query
    masked = [(key, MASK if is_secret_key(key) else item) for key, item in pairs]
    return _parse.urlencode(masked, safe="*")


def text(body: str, content_type: str | None = None, secrets: _t.Iterable[str] = ()) -> str:
    """Return a request or response body (already cut to what is shown) fit for the log.

    A body that starts like JSON (``{`` or ``[``), complete or cut, is
    scanned and the values under secret keys masked, and text after its
    top-level value is treated as free text; form bodies are masked by key;
    other text (whatever its content type says) has the value after each
    secret ``key:`` or ``key=`` masked. ``secrets`` are masked wherever they
    appear.
    """
    content_type = (content_type or "").lower()
    if body.lstrip()[:1] in ("{", "["):  # whatever the content type says
        masked = _masking.json_text(body)
    elif "x-www-form-urlencoded" in content_type:  # by its key; and it may not be a form
        masked = _masking.free_text(form(body))
    else:
        masked = _masking.free_text(body)
    return _masking.literals(masked, secrets)

"""Secret redaction for the debug log.

Everything the request pipeline writes to the log passes through here
first, so that tokens, passwords and other credentials never reach a log
file:

* header values of :data:`SENSITIVE_HEADERS` become ``{SHA256}<16 hex>``,
  so two log lines that carried the same token can still be matched;
* JSON bodies are walked and the values under secret-looking keys become
  ``***`` (a token given as ``{"token": {"id": ...}}`` loses its ``id``);
* URL query strings, user info in URLs and form bodies are masked by key,
  and a token id in a URL path (Identity v2.0's ``/tokens/{id}``) is
  hashed like a header;
* any other text body goes through ``oslo_utils.strutils.mask_password``.

Redaction only ever runs when debug logging is on; none of it is on the
normal request path.
"""

from __future__ import annotations

import hashlib
import typing as _t
from urllib import parse as _parse

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
    "text",
    "url",
]

#: What a masked value in a body, a query string or a form is replaced by.
MASK = "***"

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

#: Keys (lower case) whose values are secrets wherever they appear.
_SECRET_KEYS = frozenset(
    {
        "blob",  # a credential's blob holds the EC2/TOTP secret as JSON text
        "passcode",
        "passphrase",
        "secret_key",
        "sig",
        "signature",
        "temp_url_sig",
    }
)

#: Key endings (lower case) that mark a secret: password, new_password,
#: adminpass, passwd, secret, client_secret, token, auth_token,
#: subject_token, private_key, ...
_SECRET_SUFFIXES = ("password", "passwd", "pass", "secret", "token", "private_key")

#: Substrings (lower case) that mark a secret anywhere in a key.
_SECRET_PARTS = ("fernet",)

_HEX_PREFIX = 16

#: A path element after which the next segment is a token id.
_TOKEN_PATH = "/tokens/"

#: Words that make an error message worth masking (servers echo input).
_MESSAGE_HINTS = ("pass", "secret", "token", "blob", "key", "signature")


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


def is_secret_key(key: str) -> bool:
    """Tell whether a JSON, query or form key names a secret."""
    key = key.lower()
    return (
        key in _SECRET_KEYS
        or key.endswith(_SECRET_SUFFIXES)
        or any(part in key for part in _SECRET_PARTS)
    )


def json_value(value: _t.Any) -> _t.Any:
    """Return a redacted copy of decoded JSON ``value`` (the input is untouched)."""
    if isinstance(value, dict):
        return {key: _json_item(key, item) for key, item in value.items()}
    if isinstance(value, list):
        return [json_value(item) for item in value]
    return value


def _json_item(key: _t.Any, value: _t.Any) -> _t.Any:
    if not (isinstance(key, str) and is_secret_key(key)):
        return json_value(value)
    return _mask_secret(value)


def _mask_secret(value: _t.Any) -> _t.Any:
    """Mask a value found under a secret key, keeping the shape visible."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, dict):
        # {"token": {"id": ..., "expires": ...}}: the id is the secret.
        masked = json_value(value)
        if "id" in masked:
            masked["id"] = MASK
        return masked
    if isinstance(value, list):
        return [_mask_secret(item) for item in value]
    return MASK


def url(value: str) -> str:
    """Return ``value`` with secrets in its query string, user info and path masked."""
    if "?" not in value and "@" not in value and _TOKEN_PATH not in value:
        return value
    try:
        parts = _parse.urlsplit(value)
    except ValueError:
        return _mask_text(value)
    netloc = parts.netloc
    if parts.password is not None:
        netloc = netloc.replace(":" + parts.password + "@", ":" + MASK + "@", 1)
    query = form(parts.query) if parts.query else parts.query
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


def message(value: str) -> str:
    """Return a server's error message with echoed secrets masked.

    Keystone, for one, quotes the offending input in 400 messages
    (``Invalid input for field 'password': '...' is too long``).
    """
    lowered = value.lower()
    if not any(hint in lowered for hint in _MESSAGE_HINTS):
        return value
    return _mask_text(value)


def form(query: str) -> str:
    """Return a URL-encoded query or form body with secret values masked."""
    pairs = _parse.parse_qsl(query, keep_blank_values=True)
    if not any(is_secret_key(key) for key, _ in pairs):
        return query
    masked = [(key, MASK if is_secret_key(key) else item) for key, item in pairs]
    return _parse.urlencode(masked, safe="*")


def text(body: str, content_type: str | None = None) -> str:
    """Return a request or response body fit for the log.

    JSON (by content type, or by its first character) is decoded, walked
    and re-encoded; form bodies are masked by key; anything else, including
    JSON that does not decode, goes through oslo's ``mask_password``.
    """
    content_type = (content_type or "").lower()
    stripped = body.lstrip()
    if "json" in content_type or stripped[:1] in ("{", "["):
        from stackclient import _jsonutils

        try:
            decoded = _jsonutils.loads(body)
        except ValueError:
            return _mask_text(body)
        return _jsonutils.dumps(json_value(decoded)).decode("utf-8")
    if "x-www-form-urlencoded" in content_type:
        return form(body)
    return _mask_text(body)


def _mask_text(body: str) -> str:
    from oslo_utils import strutils  # heavy: only loaded once debug logging runs

    return strutils.mask_password(body, secret=MASK)

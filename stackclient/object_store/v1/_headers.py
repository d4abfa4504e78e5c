"""Swift speaks in headers: metadata, counts, ACLs and flags, both ways.

Metadata goes out as ``X-<Kind>-Meta-<key>: <value>`` (UTF-8 bytes, so
any text survives ``http.client``, which would refuse non-Latin-1 ``str``
values) and ``X-Remove-<Kind>-Meta-<key>`` for a key set to None; it
comes back as a dict with lower-case keys. Values with a line break, which
would split the header, are refused before sending.
"""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import exceptions

__all__ = [
    "MAX_META_NAME_LENGTH",
    "MAX_META_VALUE_LENGTH",
    "as_int",
    "as_bool",
    "check_header",
    "metadata",
    "metadata_headers",
    "text",
    "unquote_etag",
]

#: Swift's default limits on one metadata key and value (bytes).
MAX_META_NAME_LENGTH = 128
MAX_META_VALUE_LENGTH = 256

_BREAKS = ("\r", "\n", "\x00")


def check_header(name: str, value: _t.Any) -> _t.Any:
    """Return ``value`` fit to send as header ``name`` (str as UTF-8 bytes), or raise.

    ``requests`` would raise its own ``InvalidHeader`` (a ValueError) for
    a line break; this says which header and why.
    """
    if isinstance(value, bool):
        value = "true" if value else "false"
    elif isinstance(value, (int, float)):
        value = str(value)
    elif isinstance(value, bytes):
        value = value.decode("utf-8", "surrogateescape")
    elif not isinstance(value, str):
        raise exceptions.ValidationError(
            "Header %s must be text or a number, not %s" % (name, type(value).__name__)
        )
    if any(mark in value or mark in name for mark in _BREAKS):
        raise exceptions.ValidationError(
            "Header %s cannot contain a line break or NUL (value %r)" % (name, value[:60])
        )
    if value.isascii():
        return value
    return value.encode("utf-8", "surrogateescape")


def metadata_headers(kind: str, values: _t.Mapping[str, _t.Any] | None) -> dict[str, _t.Any]:
    """Headers that set (or, for None, remove) metadata of an account/container/object.

    ``kind`` is ``Account``, ``Container`` or ``Object``.
    """
    headers: dict[str, _t.Any] = {}
    for key, value in (values or {}).items():
        if not isinstance(key, str) or not key.strip() or key != key.strip():
            raise exceptions.ValidationError(
                "Metadata keys must be non-empty text without surrounding spaces, got %r" % (key,)
            )
        if len(key.encode("utf-8", "surrogateescape")) > MAX_META_NAME_LENGTH:
            raise exceptions.ValidationError(
                "Metadata key %r is longer than %d bytes" % (key[:40], MAX_META_NAME_LENGTH)
            )
        if value is None:
            name = "X-Remove-%s-Meta-%s" % (kind, key)
            headers[name] = check_header(name, "x")
            continue
        name = "X-%s-Meta-%s" % (kind, key)
        sent = check_header(name, value)
        size = len(sent) if isinstance(sent, bytes) else len(sent.encode())
        if size > MAX_META_VALUE_LENGTH:
            raise exceptions.ValidationError(
                "Metadata value of %r is %d bytes; Swift allows at most %d"
                % (key, size, MAX_META_VALUE_LENGTH)
            )
        headers[name] = sent
    return headers


def text(value: str) -> str:
    """A header value as the text that was sent (``http.client`` reads Latin-1)."""
    if value.isascii():
        return value
    try:
        return value.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return value


def metadata(headers: _t.Mapping[str, str], kind: str) -> dict[str, str]:
    """The ``X-<kind>-Meta-*`` headers as ``{lower-case key: value}``."""
    prefix = "x-%s-meta-" % kind.lower()
    cut = len(prefix)
    return {
        name[cut:].lower(): text(value)
        for name, value in headers.items()
        if name.lower().startswith(prefix)
    }


def as_int(value: str | None) -> int | None:
    """An integer header, or None when it is missing or not a number."""
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        return None


def as_bool(value: str | None) -> bool:
    """Swift's ``True``/``true``/``yes``/``1`` flags."""
    return str(value).strip().lower() in ("true", "yes", "1", "on", "t", "y")


def unquote_etag(value: str | None) -> str | None:
    """An ETag without the quotes Swift puts around large-object ETags."""
    if value is None:
        return None
    return value.strip().strip('"')

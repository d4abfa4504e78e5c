"""Temporary URLs: signed links that grant one method on an object (or prefix) until a time.

Swift's tempurl middleware checks an HMAC of ``<method>\\n<expires>\\n<path>``
(``ip=<range>\\n`` first when the link is bound to addresses; the path is
``prefix:/v1/<account>/<container>/<prefix>`` for a prefix link) made with
a key set on the account or the container. SHA-256 is the default digest;
SHA-512 signatures are sent as ``sha512:<base64>``, as Swift requires.

Example::

    swift.account.set_temp_url_key("s3cr3t")
    url = swift.temp_url("backups", "db.tar", expires_in=3600)        # anyone may GET it for an hour
    put = swift.temp_url("uploads", "in.bin", expires_in=600, method="PUT")
"""

from __future__ import annotations

import base64
import calendar
import datetime
import hashlib
import hmac
import time
import typing as _t
import urllib.parse

from stackclient.apiclient import exceptions

__all__ = ["DIGESTS", "METHODS", "generate_temp_url", "signature"]

#: Digests Swift accepts for temporary URLs (sha1 is deprecated there).
DIGESTS = ("sha256", "sha512", "sha1")

#: Methods a temporary URL may grant.
METHODS = ("GET", "HEAD", "PUT", "POST", "DELETE")

_ISO8601 = "%Y-%m-%dT%H:%M:%SZ"


def signature(
    key: str | bytes,
    method: str,
    expires: int,
    path: str,
    *,
    digest: str = "sha256",
    ip_range: str | None = None,
) -> str:
    """The ``temp_url_sig`` value for ``method`` on ``path`` until ``expires`` (Unix time).

    ``path`` is the unquoted path from ``/v1/`` (``prefix:/v1/...`` for a
    prefix signature). Hex for sha1 and sha256, ``sha512:<base64>`` for sha512.
    """
    if digest not in DIGESTS:
        raise exceptions.ValidationError(
            "digest must be one of %s, not %r" % (", ".join(DIGESTS), digest)
        )
    parts = [method, str(expires), path]
    if ip_range:
        parts.insert(0, "ip=%s" % ip_range)
    message = "\n".join(parts).encode("utf-8")
    secret = key.encode("utf-8") if isinstance(key, str) else key
    mac = hmac.new(secret, message, getattr(hashlib, digest))
    if digest == "sha512":
        return "sha512:" + base64.urlsafe_b64encode(mac.digest()).decode("ascii")
    return mac.hexdigest()


def _expiry(expires_in: float | None, expires_at: _t.Any) -> int:
    if (expires_in is None) == (expires_at is None):
        raise exceptions.ValidationError(
            "Give exactly one of expires_in= (seconds) or expires_at="
        )
    if expires_in is not None:
        if expires_in <= 0:
            raise exceptions.ValidationError("expires_in must be a positive number of seconds")
        return int(time.time() + expires_in)
    if isinstance(expires_at, datetime.datetime):
        if expires_at.tzinfo is None:
            raise exceptions.ValidationError(
                "expires_at must be an aware datetime (with a time zone)"
            )
        return int(calendar.timegm(expires_at.utctimetuple()))
    if isinstance(expires_at, (int, float)) and not isinstance(expires_at, bool):
        return int(expires_at)
    raise exceptions.ValidationError(
        "expires_at must be a Unix time or an aware datetime, not %s" % type(expires_at).__name__
    )


def generate_temp_url(
    path: str,
    key: str | bytes,
    *,
    expires_in: float | None = None,
    expires_at: _t.Any = None,
    method: str = "GET",
    digest: str = "sha256",
    prefix: bool = False,
    ip_range: str | None = None,
    iso8601: bool = False,
    filename: str | None = None,
    inline: bool = False,
) -> str:
    """The signed path and query (``/v1/AUTH_x/c/o?temp_url_sig=...``) for ``path``.

    ``path`` is the unquoted ``/v1/<account>/<container>/<object>``;
    with ``prefix`` its last part is a name prefix and the link works for
    every object under it. ``ip_range`` (``203.0.113.7`` or a CIDR)
    restricts where it may be used from; ``iso8601`` writes the expiry as
    a UTC time; ``filename`` and ``inline`` set how browsers save it.
    """
    method = method.upper()
    if method not in METHODS:
        raise exceptions.ValidationError(
            "method must be one of %s, not %r" % (", ".join(METHODS), method)
        )
    segments = path.split("/")
    if len(segments) < 5 or segments[1] not in ("v1", "v1.0") or not segments[3]:
        raise exceptions.ValidationError(
            "A temporary URL path must be /v1/<account>/<container>/<object>, not %r" % path
        )
    expires = _expiry(expires_in, expires_at)
    signed_path = "prefix:" + path if prefix else path
    sig = signature(key, method, expires, signed_path, digest=digest, ip_range=ip_range)
    query = [
        ("temp_url_sig", sig),
        (
            "temp_url_expires",
            time.strftime(_ISO8601, time.gmtime(expires)) if iso8601 else str(expires),
        ),
    ]
    if prefix:
        query.append(("temp_url_prefix", "/".join(segments[4:])))
    if ip_range:
        query.append(("temp_url_ip_range", ip_range))
    if filename:
        query.append(("filename", filename))
    if inline:
        query.append(("inline", ""))
    quoted = urllib.parse.quote(path, safe="/")
    return "%s?%s" % (quoted, urllib.parse.urlencode(query, quote_via=urllib.parse.quote))

"""Identity version discovery for the generic plugins.

Keystone describes its API versions at its root (``GET /`` answers 300
with ``{"versions": {"values": [...]}}``) and at each versioned URL
(``GET /v3`` answers 200 with ``{"version": {...}}``). Each version has an
``id`` such as ``v3.14`` or ``v2.0`` and a ``self`` link to its URL.
"""

from __future__ import annotations

import typing as _t
import urllib.parse

from stackclient import _jsonutils
from stackclient.apiclient import exceptions

__all__ = [
    "IdentityVersion",
    "check_auth_url",
    "choose_version",
    "discover_versions",
    "suggest_url",
    "version_from_url",
]


class IdentityVersion(_t.NamedTuple):
    """One identity API version offered by a server."""

    major: int
    minor: int
    url: str
    status: str


def version_from_url(url: str) -> int | None:
    """3 for a URL ending in ``/v3``, 2 for ``/v2.0``, None otherwise."""
    path = urllib.parse.urlsplit(url).path.rstrip("/")
    last = path.rsplit("/", 1)[-1]
    if last == "v3":
        return 3
    if last == "v2.0":
        return 2
    return None


def check_auth_url(url: str | None) -> str:
    """Return ``url`` when it is an http(s) URL with a host; raise ValidationError if not.

    Said before anything is sent, so that ``keystone:5000/v3`` is reported
    as a mistyped auth URL rather than as a relative URL.
    """
    try:
        parts = urllib.parse.urlsplit(url or "")
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        parts, port_ok = None, False
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        port_ok = False
    if not port_ok:
        raise exceptions.ValidationError(
            "The auth URL %r is not an http or https URL with a host: give the full "
            "Identity URL, e.g. http://keystone.example.com:5000/v3" % (url,)
        )
    return _t.cast(str, url)


def _looks_like_version(segment: str) -> bool:
    return segment[:1] in ("v", "V") and segment[1:2].isdigit()


def suggest_url(url: str, version: str) -> str:
    """Versioned Identity URLs to try instead of ``url``, as text for a message.

    A last path segment that looks like a version (``v3x``, ``v2.0``) is
    replaced by ``version``, otherwise ``version`` is appended; the
    server's root with ``version`` is offered too when it differs.
    """
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return "<scheme>://<host>:<port>/%s" % version
    head, _, last = parts.path.rstrip("/").rpartition("/")
    path = head if _looks_like_version(last) else parts.path.rstrip("/")
    root = "%s://%s" % (parts.scheme, parts.netloc)
    first = "%s%s/%s" % (root, path, version)
    bare = "%s/%s" % (root, version)
    return first if first == bare else "%s or %s" % (first, bare)


def _parse_id(version_id: _t.Any) -> tuple[int, int] | None:
    if not isinstance(version_id, str) or not version_id.startswith("v"):
        return None
    major, _, minor = version_id[1:].partition(".")
    if not major.isdigit() or not (minor.isdigit() or minor == ""):
        return None
    return int(major), int(minor or 0)


def _self_link(version: dict[str, _t.Any], default: str | None) -> str | None:
    for link in version.get("links") or ():
        if isinstance(link, dict) and link.get("rel") == "self" and link.get("href"):
            return str(link["href"])
    return default


def _raw_versions(body: _t.Any) -> tuple[list[_t.Any], bool]:
    """The version entries in a discovery body, and whether it was a single one."""
    if isinstance(body, dict):
        versions = body.get("versions")
        if isinstance(versions, dict):
            versions = versions.get("values")
        if isinstance(versions, list):
            return versions, False
        if isinstance(body.get("version"), dict):
            return [body["version"]], True
    return [], False


def _parse_versions(body: _t.Any, url: str) -> list[IdentityVersion]:
    raw, single = _raw_versions(body)
    found = []
    for entry in raw:
        if not isinstance(entry, dict):
            continue
        number = _parse_id(entry.get("id"))
        href = _self_link(entry, url if single else None)
        if number is None or not href:
            continue
        found.append(IdentityVersion(number[0], number[1], href, str(entry.get("status", ""))))
    return found


#: What every discovery error tells the caller to check.
_CHECK_URL = "give an auth URL ending in /v3 or /v2.0, or check that it is the identity service"


def _discovery_error(error: exceptions.HttpError, url: str) -> exceptions.HttpError:
    """The same HTTP error, its message saying it came from version discovery."""
    return type(error)(
        message="Identity version discovery at %s failed: %s; the URL does not look like "
        "an Identity endpoint: %s, e.g. %s"
        % (url, error.message, _CHECK_URL, suggest_url(url, "v3")),
        details=error.details,
        response=error.response,
        request_id=error.request_id,
        url=error.url,
        method=error.method,
        http_status=error.http_status,
        retry_after=error.retry_after,
    )


def discover_versions(session: _t.Any, url: str) -> list[IdentityVersion]:
    """GET ``url`` (no token) and return the identity versions it lists.

    A 300 or 200 with a version document is read; another error status
    raises the matching :class:`HttpError`; a body that is not a version
    document (not JSON, as from a web server that is not Keystone, or JSON
    of another shape) raises :class:`InvalidResponse`. Each message names
    ``url`` and says to check it.
    """
    response = session.get(url, authenticated=False, raise_exc=False)
    if response.status_code not in (200, 300):
        raise _discovery_error(exceptions.from_response(response, "GET", url), url)
    try:
        body = _jsonutils.response_json(response)
    except exceptions.InvalidResponse:
        body = None
    versions = _parse_versions(body, url)
    if not versions:
        raise exceptions.InvalidResponse(
            "GET %s (version discovery) returned HTTP %s without a list of API "
            "versions; %s" % (url, response.status_code, _CHECK_URL),
            response=response,
        )
    return versions


def choose_version(
    versions: _t.Sequence[IdentityVersion], url: str, allow_v2: bool = True
) -> IdentityVersion:
    """Pick identity v3 (preferred) or v2.0 (when ``allow_v2``) from ``versions``.

    Raises :class:`UnsupportedVersion` naming what the server offers.
    """
    wanted = (3, 2) if allow_v2 else (3,)
    for major in wanted:
        candidates = [v for v in versions if v.major == major]
        if candidates:
            return max(candidates, key=lambda v: v.minor)
    offered = ", ".join("v%d.%d (%s)" % (v.major, v.minor, v.status) for v in versions)
    need = "v3 or v2.0" if allow_v2 else "v3 (the options given need domains, only v3 has them)"
    raise exceptions.UnsupportedVersion(
        "The identity service at %s offers %s; this plugin needs %s" % (url, offered, need)
    )

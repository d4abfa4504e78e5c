"""Version discovery and microversions, shared by every service client.

A catalog may list a service's root (``http://neutron:9696``), a versioned
URL (``http://nova:8774/v2.1``) or a versioned URL with a project
(``http://cinder:8776/v3/<project_id>``). :func:`discover` turns any of
them into the URL requests are joined to, and, for services with
microversions, the range the server offers:

* a URL that already names the wanted major version is used as it is --
  no request at all unless the microversion range is needed, which is read
  from that version's document (``GET <root>/v2.1``);
* otherwise the service root is asked (``GET /``) for its versions, and
  the best one with the wanted major version is picked (``CURRENT`` before
  ``SUPPORTED``, then the highest).

Results are kept per endpoint for the life of a Session
(:func:`cache_for`), so a program asks each service once, however many
clients it builds. :func:`negotiate` then picks the microversion to send:
``min(client max, server max)`` by default, the server's newest for
``"latest"``, or the caller's pin, which is refused -- before anything else
is sent -- when the server cannot serve it.

Example::

    data = discover(session.get, "http://nova:8774/v2.1", (2, 1), microversions=True)
    data.url                # 'http://nova:8774/v2.1'
    data.max_microversion   # Microversion(2, 104)
    negotiate("compute", data, client_range=("2.1", "2.100"), requested=None)
    # Microversion(2, 100)
"""

from __future__ import annotations

import logging
import re
import threading
import typing as _t
import urllib.parse

from stackclient import _jsonutils
from stackclient.apiclient import exceptions

if _t.TYPE_CHECKING:  # pragma: no cover
    import requests

__all__ = [
    "DiscoveryCache",
    "EndpointData",
    "Microversion",
    "cache_for",
    "discover",
    "microversion_headers",
    "negotiate",
]

_LOG = logging.getLogger("stackclient.discover")

#: A path segment naming an API version: ``v2``, ``v2.0``, ``v2.1``, ``v3``.
_VERSION_SEGMENT = re.compile(r"^[vV](\d+)(?:\.(\d+))?$")

#: Version statuses, best first; others (DEPRECATED, EXPERIMENTAL...) come after.
_STATUS_RANK = {"CURRENT": 0, "STABLE": 0, "SUPPORTED": 1}

_Get = _t.Callable[[str], "requests.Response"]


class Microversion(_t.NamedTuple):
    """An API microversion, ordered as versions are (``2.10`` > ``2.9``)."""

    major: int
    minor: int

    @classmethod
    def parse(cls, value: _t.Any, what: str = "microversion") -> Microversion:
        """Read ``"2.79"``, ``"v2.79"`` or ``(2, 79)``; raise ValidationError otherwise."""
        if isinstance(value, Microversion):
            return value
        if isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, int) for v in value):
            return cls(*value)
        match = _VERSION_SEGMENT.match("v" + str(value).strip().lstrip("vV"))
        if not isinstance(value, (str, float, int)) or not match or match.group(2) is None:
            raise exceptions.ValidationError(
                "%s must look like '2.79' (major.minor), got %r" % (what, value)
            )
        return cls(int(match.group(1)), int(match.group(2)))

    def __str__(self) -> str:
        return "%d.%d" % self


class EndpointData(_t.NamedTuple):
    """What discovery found for one catalog URL.

    ``url`` is the versioned URL requests are joined to (no trailing
    slash); ``version`` the API version found there; ``min_microversion``
    and ``max_microversion`` the server's range, None when the server has
    no microversions (or was not asked); ``discovered`` whether a version
    document was read (False when the URL was used as given).
    """

    catalog_url: str
    url: str
    version: tuple[int, int] | None
    min_microversion: Microversion | None = None
    max_microversion: Microversion | None = None
    discovered: bool = False

    def to_dict(self) -> dict[str, _t.Any]:
        """Return a JSON-serialisable dict (for a cache kept on disk)."""
        return {
            "catalog_url": self.catalog_url,
            "url": self.url,
            "version": list(self.version) if self.version else None,
            "min_microversion": str(self.min_microversion) if self.min_microversion else None,
            "max_microversion": str(self.max_microversion) if self.max_microversion else None,
            "discovered": self.discovered,
        }

    @classmethod
    def from_dict(cls, data: _t.Mapping[str, _t.Any]) -> EndpointData:
        """Rebuild from :meth:`to_dict`; raise ValidationError for anything else."""
        try:
            version = data.get("version")
            low, high = data.get("min_microversion"), data.get("max_microversion")
            return cls(
                str(data["catalog_url"]),
                str(data["url"]),
                (int(version[0]), int(version[1])) if version else None,
                Microversion.parse(low) if low else None,
                Microversion.parse(high) if high else None,
                bool(data.get("discovered")),
            )
        except (KeyError, TypeError, ValueError, IndexError) as exc:
            raise exceptions.ValidationError("Not a stored discovery result: %s" % exc) from exc


class DiscoveryCache:
    """Discovery results by (catalog URL, wanted version, microversions asked).

    Thread-safe: threads discovering the same endpoint at once cause one
    request. :meth:`export` and :meth:`load` move the results to and from a
    JSON-friendly dict (a command-line tool keeps them between runs).
    """

    def __init__(self) -> None:
        self._data: dict[tuple[str, tuple[int, int], bool], EndpointData] = {}
        self._locks: dict[tuple[str, tuple[int, int], bool], threading.Lock] = {}
        self._guard = threading.Lock()

    def get_or_discover(
        self, get: _Get, catalog_url: str, version: tuple[int, int], microversions: bool
    ) -> EndpointData:
        """Return the cached result, discovering it (once) when missing."""
        key = (catalog_url, version, microversions)
        found = self._data.get(key)
        if found is not None:
            return found
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            found = self._data.get(key)
            if found is None:
                found = self._data[key] = discover(get, catalog_url, version, microversions)
        return found

    def export(self) -> list[dict[str, _t.Any]]:
        """Return every result with its key, as JSON-friendly dicts."""
        return [
            dict(data.to_dict(), wanted=list(key[1]), microversions=key[2])
            for key, data in self._data.items()
        ]

    def load(self, entries: _t.Iterable[_t.Mapping[str, _t.Any]]) -> None:
        """Add results saved by :meth:`export`; malformed entries are skipped."""
        for entry in entries:
            try:
                data = EndpointData.from_dict(entry)
                wanted = tuple(int(v) for v in entry["wanted"])
            except (exceptions.ValidationError, KeyError, TypeError, ValueError):
                continue
            if len(wanted) == 2:
                key = (data.catalog_url, (wanted[0], wanted[1]), bool(entry.get("microversions")))
                self._data[key] = data

    def clear(self) -> None:
        """Forget every result (the next request discovers again)."""
        self._data.clear()


def cache_for(session: _t.Any) -> DiscoveryCache:
    """Return the discovery cache kept on ``session`` (created on first use).

    Works for stackclient's Session and, duck-typed, for a keystoneauth1
    Session: the cache lives as long as the session object.
    """
    cache = getattr(session, "_stackclient_discovery", None)
    if cache is None:
        cache = vars(session).setdefault("_stackclient_discovery", DiscoveryCache())
    return cache


# -- discovery ----------------------------------------------------------------


def discover(
    get: _Get, catalog_url: str, version: tuple[int, int], microversions: bool = False
) -> EndpointData:
    """Find the URL (and microversion range) of API ``version`` from ``catalog_url``.

    ``get(url)`` sends an authenticated GET and returns the response
    without raising for HTTP errors. Raises UnsupportedVersion when the
    service lists its versions and none has the wanted major version.
    """
    catalog_url = catalog_url.rstrip("/")
    root, found, tail = _split(catalog_url)
    if found is not None and _usable(found, version):
        if not microversions:
            return EndpointData(catalog_url, catalog_url, found)
        versioned = (
            catalog_url[: len(catalog_url) - len(tail)].rstrip("/") if tail else catalog_url
        )
        document = _read(get, versioned)
        entry = _pick(_entries(document), version) if document is not None else None
        if entry is not None:
            low, high = _microversions(entry)
            return EndpointData(catalog_url, catalog_url, found, low, high, True)
    return _from_root(get, catalog_url, root, tail, version, found)


def _from_root(
    get: _Get,
    catalog_url: str,
    root: str,
    tail: str,
    version: tuple[int, int],
    found: tuple[int, int] | None,
) -> EndpointData:
    document = _read(get, root)
    entries = _entries(document) if document is not None else []
    entry = _pick(entries, version)
    if entry is None:
        if entries:
            raise exceptions.UnsupportedVersion(
                "The service at %s offers API versions %s; this client speaks v%d.%d"
                % (root, ", ".join(sorted(_describe(e) for e in entries)), *version)
            )
        _LOG.debug("No version document at %s; using %s as given", root, catalog_url)
        return EndpointData(catalog_url, catalog_url, found)
    url = _versioned_url(root, entry, version)
    if tail:
        url = "%s/%s" % (url, tail)
    low, high = _microversions(entry)
    return EndpointData(catalog_url, url, _entry_version(entry), low, high, True)


def _split(url: str) -> tuple[str, tuple[int, int] | None, str]:
    """Return (root URL, version in the path or None, path after the version)."""
    parts = urllib.parse.urlsplit(url)
    segments = parts.path.split("/")
    for index in range(len(segments) - 1, -1, -1):
        match = _VERSION_SEGMENT.match(segments[index])
        if match:
            found = (int(match.group(1)), int(match.group(2) or 0))
            root_path = "/".join(segments[:index]).rstrip("/")
            tail = "/".join(segments[index + 1 :]).strip("/")
            return _with_path(parts, root_path), found, tail
    return url, None, ""


def _with_path(parts: urllib.parse.SplitResult, path: str) -> str:
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", "")).rstrip("/")


def _usable(found: tuple[int, int], wanted: tuple[int, int]) -> bool:
    return found[0] == wanted[0] and found[1] >= wanted[1]


def _read(get: _Get, url: str) -> _t.Any:
    """GET ``url`` and return its JSON document, or None when there is none."""
    try:
        resp = get(url)
    except exceptions.HttpError:
        return None
    if resp.status_code >= 400 and resp.status_code != 404:
        _LOG.debug("Version discovery: GET %s answered %s", url, resp.status_code)
    if resp.status_code not in (200, 300):
        return None
    try:
        return _jsonutils.response_json(resp)
    except exceptions.InvalidResponse:
        return None


def _entries(document: _t.Any) -> list[dict[str, _t.Any]]:
    """Version entries of a document: ``{"versions": [...]}`` (or ``{"values": [...]}``
    inside it, as Keystone nests them) or a single ``{"version": {...}}``."""
    if not isinstance(document, dict):
        return []
    versions = document.get("versions")
    if isinstance(versions, dict):
        versions = versions.get("values")
    if isinstance(versions, list):
        return [v for v in versions if isinstance(v, dict) and _entry_version(v)]
    single = document.get("version")
    return [single] if isinstance(single, dict) and _entry_version(single) else []


def _entry_version(entry: _t.Mapping[str, _t.Any]) -> tuple[int, int] | None:
    match = _VERSION_SEGMENT.match(str(entry.get("id", "")))
    if not match:
        return None
    return (int(match.group(1)), int(match.group(2) or 0))


def _pick(entries: list[dict[str, _t.Any]], wanted: tuple[int, int]) -> dict[str, _t.Any] | None:
    """The best entry with the wanted major version: CURRENT first, then the newest."""
    usable = [e for e in entries if _usable(_entry_version(e) or (-1, -1), wanted)]
    if not usable:
        return None

    def rank(entry: dict[str, _t.Any]) -> tuple[int, int, int]:
        status = str(entry.get("status", "")).upper()
        major, minor = _entry_version(entry) or (0, 0)
        return (_STATUS_RANK.get(status, 2), -major, -minor)

    return min(usable, key=rank)


def _describe(entry: _t.Mapping[str, _t.Any]) -> str:
    return "%s (%s)" % (entry.get("id"), entry.get("status", "?"))


def _microversions(
    entry: _t.Mapping[str, _t.Any],
) -> tuple[Microversion | None, Microversion | None]:
    """The entry's (min, max) microversions; (None, None) when it has none."""
    high = entry.get("version") or entry.get("max_version")
    low = entry.get("min_version")
    if not high or not isinstance(high, str):
        return None, None
    try:
        top = Microversion.parse(high)
        bottom = Microversion.parse(low) if low else Microversion(top.major, 0)
    except exceptions.ValidationError:
        return None, None
    return bottom, top


def _versioned_url(root: str, entry: _t.Mapping[str, _t.Any], wanted: tuple[int, int]) -> str:
    """The entry's self link, kept on the catalog's scheme, host and path prefix.

    Services behind a proxy often advertise their internal address; the
    catalog's origin is the one the client can reach.
    """
    href = None
    for link in entry.get("links") or ():
        if (
            isinstance(link, dict)
            and link.get("rel") == "self"
            and isinstance(link.get("href"), str)
        ):
            href = link["href"]
            break
    if not href:
        return "%s/%s" % (root, entry.get("id") or "v%d.%d" % wanted)
    base = urllib.parse.urlsplit(root)
    path = urllib.parse.urlsplit(urllib.parse.urljoin(root + "/", href)).path
    if base.path and not path.startswith(base.path + "/"):
        path = base.path + path
    return urllib.parse.urlunsplit((base.scheme, base.netloc, path.rstrip("/"), "", ""))


# -- microversions ------------------------------------------------------------


def negotiate(
    service_type: str,
    data: EndpointData,
    client_range: tuple[str, str] | None,
    requested: _t.Any = None,
) -> Microversion | None:
    """Pick the microversion to send to the service described by ``data``.

    ``requested`` None (or a bare major version such as ``"2"``) means the
    newest both sides know, ``"latest"`` the server's newest, anything else
    a pin. Returns None when neither side uses microversions. Raises
    UnsupportedVersion, with both ranges, for a pin the server cannot serve.
    """
    low, high = data.min_microversion, data.max_microversion
    client = _client_range(client_range)
    if requested is not None and str(requested).strip().lower() == "latest":
        if high is None:
            raise _unavailable(service_type, "latest", data, client, "has no microversions")
        return high
    pin = _pin(requested)
    if pin is None:
        if high is None or client is None:
            return None
        chosen = min(client[1], high)
        if chosen < low or chosen < client[0]:
            raise _unavailable(
                service_type, "any", data, client, "shares no version with this client"
            )
        return chosen
    if high is None:
        if data.discovered:
            raise _unavailable(service_type, pin, data, client, "has no microversions")
        return pin  # the range could not be read: let the server decide
    if not low <= pin <= high:
        raise _unavailable(service_type, pin, data, client, "cannot serve it")
    return pin


def _pin(requested: _t.Any) -> Microversion | None:
    if requested is None or requested == "":
        return None
    text = str(requested).strip().lstrip("vV")
    if "." not in text and text.isdigit():
        return None  # a major version only selects the API
    return Microversion.parse(requested, "api_version")


def _client_range(value: tuple[str, str] | None) -> tuple[Microversion, Microversion] | None:
    if not value:
        return None
    return Microversion.parse(value[0]), Microversion.parse(value[1])


def _unavailable(
    service_type: str,
    wanted: _t.Any,
    data: EndpointData,
    client: tuple[Microversion, Microversion] | None,
    why: str,
) -> exceptions.UnsupportedVersion:
    server = (
        "%s to %s" % (data.min_microversion, data.max_microversion)
        if data.max_microversion
        else "no microversions"
    )
    mine = "%s to %s" % client if client else "no microversions"
    return exceptions.UnsupportedVersion(
        "%s microversion %s is not available: the server at %s %s (it offers %s; this "
        "client supports %s). Pin a version in the server's range, or pass api_version=None."
        % (service_type, wanted, data.url, why, server, mine)
    )


def microversion_headers(
    header_type: str, version: Microversion | str, legacy_header: str | None = None
) -> dict[str, str]:
    """Return the headers that ask for ``version`` of service ``header_type``.

    ``OpenStack-API-Version: compute 2.79``, plus the service's legacy
    header (e.g. ``X-OpenStack-Nova-API-Version: 2.79``) when it has one.
    """
    text = str(version)
    headers = {"OpenStack-API-Version": "%s %s" % (header_type, text)}
    if legacy_header:
        headers[legacy_header] = text
    return headers

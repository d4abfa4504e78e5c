"""API versions: what the compute service's root (``GET /``) and ``GET /v2.1`` say.

The client negotiates its microversion from the same document once per
endpoint and session (see :mod:`stackclient.discover`); these calls read
it again for callers that want to see it: ``id`` (``v2.0``, ``v2.1``),
``status`` (``CURRENT``, ``SUPPORTED``, ``DEPRECATED``), ``version`` (the
newest microversion) and ``min_version``.
"""

from __future__ import annotations

import re
import typing as _t
import urllib.parse

from stackclient.apiclient import _ids, exceptions, service
from stackclient.compute.v2 import _base

__all__ = ["Version", "VersionManager"]

_VERSION = re.compile(r"^v\d+(\.\d+)?$")


class Version(service.ServiceResource):
    """One API version: ``id``, ``status``, ``version``, ``min_version``, ``updated``, ``links``.

    Example::

        [(v.id, v.status, v.version) for v in nova.versions.list()]
    """

    __slots__ = ()
    NAME_ATTR = "id"


class VersionManager(_base.ComputeManager):
    """``client.versions``: ``list()`` (the root document) and ``get("v2.1")``."""

    resource_class = Version
    collection_key = "versions"
    key = "version"
    name_filter = None
    verbs = frozenset(("list", "get"))

    def _root(self) -> str:
        """The service's unversioned URL (the versioned endpoint without its version)."""
        parts = urllib.parse.urlsplit(self.client.endpoint)
        segments = parts.path.split("/")
        for index in range(len(segments) - 1, -1, -1):
            if _VERSION.match(segments[index]):
                segments = segments[:index]
                break
        path = "/".join(segments).rstrip("/") + "/"
        return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))

    def iterate(self, **filters: _t.Any) -> _t.Iterator[Version]:  # type: ignore[override]
        """Yield the versions the service's root lists."""
        return self._iterate(self._root(), self.collection_key)  # type: ignore[return-value]

    def get(self, version: _t.Any, **params: _t.Any) -> Version:  # type: ignore[override]
        """Return the version document of ``version`` (``v2.1``)."""
        ident = _ids.check_id(version, "version")
        if not _VERSION.match(ident):
            raise exceptions.ValidationError("A version id looks like 'v2.1', not %r" % ident)
        url = self._root() + _ids.path_segment(ident, "version")
        return _t.cast(Version, self._from_body(self.client.get(url), url, "version"))

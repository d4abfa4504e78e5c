"""What a Swift cluster can do: its ``/info`` document.

``GET <root>/info`` (no token needed) lists the middleware the proxy runs
and their limits: ``swift`` (max object size, listing limits, name
limits), ``slo`` (segments per manifest, smallest segment), ``bulk_delete``
(names per request), ``tempurl`` (methods, digests) and more. The client
fetches it once and keeps it (:meth:`Client.info
<stackclient.object_store.v1.client.Client.info>`); uploads read their
default large-object threshold from it.
"""

from __future__ import annotations

import typing as _t
import urllib.parse

from stackclient.apiclient import service

__all__ = ["Capabilities", "DEFAULTS", "root_url"]

#: Swift's own defaults, used for what ``/info`` does not say.
DEFAULTS: dict[str, int] = {
    "max_file_size": 5368709122,
    "container_listing_limit": 10000,
    "account_listing_limit": 10000,
    "max_manifest_segments": 1000,
    "min_segment_size": 1,
    "max_deletes_per_request": 10000,
    "max_object_name_length": 1024,
    "max_container_name_length": 256,
}


def root_url(endpoint: str) -> str:
    """The cluster root of an account URL: ``http://h:8080/v1/AUTH_x`` -> ``http://h:8080``.

    The last ``/v1`` (or ``/v1.0``) path segment and what follows are cut;
    a URL without one is returned without its path.
    """
    parts = urllib.parse.urlsplit(endpoint)
    segments = parts.path.split("/")
    for index in range(len(segments) - 1, -1, -1):
        if segments[index] in ("v1", "v1.0"):
            path = "/".join(segments[:index])
            break
    else:
        path = ""
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path.rstrip("/"), "", ""))


class Capabilities(service.ServiceResource):
    """The cluster's ``/info`` document, with its limits as properties.

    Top-level keys are middleware names (``capabilities.slo``,
    ``capabilities.tempurl``, ``capabilities.swift``); the properties read
    the values uploads and deletes need, falling back to Swift's defaults
    (:data:`DEFAULTS`) when the cluster does not publish them.

    Example::

        caps = swift.info()
        caps.max_file_size            # 5368709122
        caps.tempurl_digests          # ['sha1', 'sha256', 'sha512']
        "slo" in caps.middleware      # True
    """

    def _section(self, name: str) -> dict[str, _t.Any]:
        value = self.__dict__.get(name)
        return value if isinstance(value, dict) else {}

    def _limit(self, section: str, key: str) -> int:
        value = self._section(section).get(key)
        return value if isinstance(value, int) and value > 0 else DEFAULTS[key]

    def published(self, section: str, key: str) -> int | None:
        """A limit as the cluster published it, or None when it did not."""
        value = self._section(section).get(key)
        return value if isinstance(value, int) and value > 0 else None

    @property
    def middleware(self) -> list[str]:
        """Names of what the cluster publishes (``swift``, ``slo``, ``bulk_delete``, ...)."""
        return sorted(self.__dict__)

    @property
    def max_file_size(self) -> int:
        """The largest single object, in bytes (larger ones must be segmented)."""
        return self._limit("swift", "max_file_size")

    @property
    def container_listing_limit(self) -> int:
        """The most objects one container listing returns."""
        return self._limit("swift", "container_listing_limit")

    @property
    def account_listing_limit(self) -> int:
        """The most containers one account listing returns."""
        return self._limit("swift", "account_listing_limit")

    @property
    def max_object_name_length(self) -> int:
        """The longest object name, in UTF-8 bytes."""
        return self._limit("swift", "max_object_name_length")

    @property
    def max_container_name_length(self) -> int:
        """The longest container name, in UTF-8 bytes."""
        return self._limit("swift", "max_container_name_length")

    @property
    def max_manifest_segments(self) -> int:
        """The most segments one static large object manifest may list."""
        return self._limit("slo", "max_manifest_segments")

    @property
    def min_segment_size(self) -> int:
        """The smallest segment a static large object accepts (bytes)."""
        return self._limit("slo", "min_segment_size")

    @property
    def max_deletes_per_request(self) -> int:
        """The most names one bulk delete request may carry."""
        return self._limit("bulk_delete", "max_deletes_per_request")

    @property
    def tempurl_digests(self) -> list[str]:
        """Digests temporary URLs may be signed with (``sha1`` alone on old clusters)."""
        section = self._section("tempurl")
        digests = section.get("allowed_digests")
        if isinstance(digests, list) and digests:
            return [str(d) for d in digests]
        return ["sha1"] if section else []

    @property
    def tempurl_methods(self) -> list[str]:
        """HTTP methods temporary URLs may be signed for."""
        methods = self._section("tempurl").get("methods")
        return [str(m) for m in methods] if isinstance(methods, list) else []

"""Containers: list, create, inspect, ACLs, quotas, versioning, delete.

Example::

    swift.containers.create("backups", read_acl=".r:*", quota_bytes=10 * 1024**3)
    for container in swift.containers(prefix="b"):           # every page, as a generator
        print(container.name, container.count, container.bytes)
    swift.containers.get("backups").metadata
    swift.containers.set_versioning("backups", True)
    swift.containers.delete("backups", empty=True)            # bulk-deletes the objects first
"""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import _resource, base, exceptions, service
from stackclient.object_store.v1 import _errors, _headers, _listing, _names, progress
from stackclient.object_store.v1.objects import Object

__all__ = ["Container", "ContainerManager", "container_info"]

#: Container settings given as keyword arguments, and their headers.
_SETTINGS = (
    ("read_acl", "X-Container-Read"),
    ("write_acl", "X-Container-Write"),
    ("quota_bytes", "X-Container-Meta-Quota-Bytes"),
    ("quota_count", "X-Container-Meta-Quota-Count"),
    ("versions", "X-Versions-Enabled"),
)


class Container(service.ServiceResource):
    """A container: a listing entry, or what a HEAD said about it.

    Listing entries have ``name``, ``count`` (objects), ``bytes`` and
    ``last_modified``; :meth:`ContainerManager.get` adds ``metadata``,
    ``read_acl``, ``write_acl``, ``quota_bytes``, ``quota_count``,
    ``versions_enabled`` and ``storage_policy``.

    Example::

        container = swift.containers.get("backups")
        container.count, container.bytes, container.read_acl
    """

    @property
    def id(self) -> str:
        """The container's name (its identity in the account)."""
        return self.__dict__.get("name") or ""

    def get(self) -> Container:
        """Refresh the fields with a HEAD of this container; return ``self``."""
        fresh = self._require_manager("refresh").get(self.id)
        self._add_details(fresh._info)
        self.set_loaded(True)
        return self


def container_info(name: str, headers: _t.Mapping[str, str]) -> dict[str, _t.Any]:
    """The fields of a :class:`Container` from the headers of a HEAD or GET."""
    meta = _headers.metadata(headers, "container")
    return {
        "name": name,
        "count": _headers.as_int(headers.get("X-Container-Object-Count")) or 0,
        "bytes": _headers.as_int(headers.get("X-Container-Bytes-Used")) or 0,
        "metadata": meta,
        "read_acl": headers.get("X-Container-Read"),
        "write_acl": headers.get("X-Container-Write"),
        "quota_bytes": _headers.as_int(meta.get("quota-bytes")),
        "quota_count": _headers.as_int(meta.get("quota-count")),
        "versions_enabled": _headers.as_bool(headers.get("X-Versions-Enabled")),
        "storage_policy": headers.get("X-Storage-Policy"),
        "timestamp": headers.get("X-Timestamp"),
        "last_modified": headers.get("Last-Modified"),
    }


def _setting_headers(settings: _t.Mapping[str, _t.Any]) -> dict[str, _t.Any]:
    """Headers for the settings given; ``""`` removes one, None leaves it alone."""
    sent: dict[str, _t.Any] = {}
    for key, header in _SETTINGS:
        value = settings.get(key)
        if value is None:
            continue
        if value == "" and key != "versions":
            sent["X-Remove-" + header[2:]] = "x"
        else:
            sent[header] = _headers.check_header(header, value)
    return sent


class ContainerManager(base.BaseManager):
    """The containers of the account. Calling it lists: ``swift.containers(prefix="b")``."""

    resource_class = Container

    def __call__(self, **params: _t.Any) -> _t.Iterator[Container]:
        """Same as :meth:`iterate`."""
        return self.iterate(**params)

    def iterate(
        self,
        *,
        prefix: str | None = None,
        delimiter: str | None = None,
        limit: int | None = None,
        marker: str | None = None,
        end_marker: str | None = None,
        reverse: bool = False,
    ) -> _t.Iterator[Container]:
        """Yield every container (in pages of ``limit``), fetching pages as they are needed.

        ``prefix`` keeps names that start with it; ``delimiter`` rolls names
        up to the first delimiter after the prefix (entries with a ``subdir``
        and that as their name); ``marker``/``end_marker`` start after /
        stop before a name; ``reverse`` lists in reverse order.
        """
        cls = self.resource_class
        params = {
            "prefix": prefix,
            "delimiter": delimiter,
            "limit": limit,
            "marker": marker,
            "end_marker": end_marker,
            "reverse": reverse,
        }

        def page(items: list[dict[str, _t.Any]]) -> list[Container]:
            if delimiter is not None:
                for item in items:
                    if "subdir" in item:
                        item["name"] = item["subdir"]
            return _resource.build_many(cls, self, items)  # type: ignore[return-value]

        size = self.client.known_page_size("account")
        return _listing.walk(self.client, "", params, page, subject="The account", page_size=size)

    def list(self, **params: _t.Any) -> list[Container]:
        """Every container; the options of :meth:`iterate`."""
        return list(self.iterate(**params))

    def get(self, container: _t.Any) -> Container:
        """HEAD the container: object count, bytes, metadata, ACLs, quotas, versioning."""
        name = _names.check_container(container)
        with _errors.explained("Container %r" % name):
            resp = self.client.head(_names.container_path(name))
        return self.resource_class(self, container_info(name, resp.headers), True)  # type: ignore[return-value,misc]

    def exists(self, container: _t.Any) -> bool:
        """Whether the container exists (a HEAD)."""
        try:
            self.get(container)
        except exceptions.NotFound:
            return False
        return True

    def create(
        self,
        container: _t.Any,
        *,
        metadata: _t.Mapping[str, str] | None = None,
        read_acl: str | None = None,
        write_acl: str | None = None,
        quota_bytes: int | None = None,
        quota_count: int | None = None,
        versions: bool | None = None,
        storage_policy: str | None = None,
        headers: _t.Mapping[str, _t.Any] | None = None,
    ) -> Container:
        """Create the container (an existing one keeps its objects and gets these settings).

        ``read_acl``/``write_acl`` are Swift ACL strings (``.r:*`` is
        public read, ``<project>:<user>``, ``<project>:*``);
        ``quota_bytes``/``quota_count`` cap the container (uploads over
        them get 413); ``versions=True`` keeps every version of its objects.
        The returned container says ``created`` (False when it existed).
        """
        name = _names.check_container(container)
        sent = self._headers(metadata, headers, locals())
        if storage_policy:
            sent["X-Storage-Policy"] = _headers.check_header("X-Storage-Policy", storage_policy)
        with _errors.explained("Container %r" % name):
            resp = self.client.put(_names.container_path(name), headers=sent)
        info = {"name": name, "created": resp.status_code == 201, "count": 0, "bytes": 0}
        return self.resource_class(self, info, False)  # type: ignore[return-value,misc]

    def _headers(
        self,
        metadata: _t.Mapping[str, str | None] | None,
        headers: _t.Mapping[str, _t.Any] | None,
        settings: _t.Mapping[str, _t.Any],
    ) -> dict[str, _t.Any]:
        sent = {k: _headers.check_header(k, v) for k, v in (headers or {}).items()}
        sent.update(_headers.metadata_headers("Container", metadata))
        sent.update(_setting_headers(settings))
        return sent

    def update(
        self,
        container: _t.Any,
        *,
        metadata: _t.Mapping[str, str | None] | None = None,
        read_acl: str | None = None,
        write_acl: str | None = None,
        quota_bytes: int | str | None = None,
        quota_count: int | str | None = None,
        versions: bool | None = None,
        headers: _t.Mapping[str, _t.Any] | None = None,
    ) -> None:
        """Change what is given (a POST); the rest stays as it is.

        A metadata key set to None is removed; an ACL or quota set to ``""``
        is removed.
        """
        name = _names.check_container(container)
        sent = self._headers(metadata, headers, locals())
        with _errors.explained("Container %r" % name):
            self.client.post(_names.container_path(name), headers=sent)

    def set_metadata(self, container: _t.Any, metadata: _t.Mapping[str, str | None]) -> None:
        """Set these metadata keys (None removes one); others stay."""
        self.update(container, metadata=metadata)

    def delete_metadata(self, container: _t.Any, keys: _t.Iterable[str]) -> None:
        """Remove these metadata keys."""
        self.update(container, metadata=dict.fromkeys(keys))

    def set_acl(
        self, container: _t.Any, read: str | None = None, write: str | None = None
    ) -> None:
        """Set the read and/or write ACL (``""`` removes one)."""
        self.update(container, read_acl=read, write_acl=write)

    def set_quota(
        self, container: _t.Any, bytes: int | str | None = None, count: int | str | None = None
    ) -> None:
        """Cap the container's bytes and/or object count (``""`` removes a cap)."""
        self.update(container, quota_bytes=bytes, quota_count=count)

    def set_versioning(self, container: _t.Any, enabled: bool) -> None:
        """Turn object versioning on or off (older versions are kept either way)."""
        self.update(container, versions=bool(enabled))

    def versions(
        self,
        container: _t.Any,
        *,
        prefix: str | None = None,
        limit: int | None = None,
        marker: str | None = None,
    ) -> _t.Iterator[Object]:
        """Yield every version of every object (newest first per name), as pages are needed.

        Entries carry ``version_id`` and ``is_latest``; delete markers have
        the content type ``application/x-deleted;swift_versions_deleted=1``.
        """
        name = _names.check_container(container)
        objects = self.client.objects
        params = {"prefix": prefix, "limit": limit, "marker": marker}
        return objects._walk(name, params, versions=True)  # type: ignore[no-any-return]

    def delete(
        self,
        container: _t.Any,
        *,
        empty: bool = False,
        ignore_missing: bool = False,
        progress: progress.ProgressCallback | None = None,
    ) -> None:
        """Delete the container; with ``empty``, delete its objects first (bulk delete).

        Without ``empty`` a container with objects raises Conflict. With
        it, every object (and, for a versioned container, every version)
        is deleted first; a large object's segments in another container
        stay there.
        """
        name = _names.check_container(container)
        try:
            if empty:
                self._empty(name, progress)
            self._delete(name)
        except exceptions.NotFound:
            if not ignore_missing:
                raise

    def _delete(self, name: str) -> None:
        advice = {409: "Container %s is not empty: delete its objects first, or pass empty=True"}
        with _errors.explained("%r" % name, advice):
            self.client.delete(_names.container_path(name))

    def _empty(self, name: str, callback: progress.ProgressCallback | None) -> None:
        objects = self.client.objects
        page = self.client.info().max_deletes_per_request
        names = (obj.name for obj in objects.iterate(name, limit=page))
        objects.bulk_delete(name, names, progress=callback)
        if self.get(name).versions_enabled or self._has_versions(name):
            self.set_versioning(name, False)
            for version in list(self.versions(name)):
                objects.delete(
                    name, version.name, version_id=version.version_id, ignore_missing=True
                )

    def _has_versions(self, name: str) -> bool:
        return next(iter(self.versions(name, limit=1)), None) is not None

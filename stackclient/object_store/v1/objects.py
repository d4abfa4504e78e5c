"""Objects: list, upload, download, metadata, copy, symlinks, delete.

Example::

    swift.objects.upload("backups", "db.tar", "/srv/db.tar")        # a path, bytes, a file, an iterator
    swift.objects.download("backups", "db.tar", "/tmp/db.tar")      # verified, resumable
    for obj in swift.objects("backups", prefix="2024/"):            # every page, as a generator
        print(obj.name, obj.bytes)
    swift.objects.set_metadata("backups", "db.tar", {"owner": "ops"})
    swift.objects.delete("backups", "db.tar")
"""

from __future__ import annotations

import typing as _t
import urllib.parse

from stackclient.apiclient import _resource, base, exceptions, service
from stackclient.object_store.v1 import (
    _bulk,
    _download,
    _errors,
    _headers,
    _listing,
    _names,
    _upload,
)

if _t.TYPE_CHECKING:  # pragma: no cover
    import requests

    from stackclient.object_store.v1.progress import ProgressCallback

__all__ = ["Object", "ObjectManager", "object_info"]


class Object(service.ServiceResource):
    """An object: a listing entry, or what a HEAD (or an upload) said about it.

    Listing entries have ``name``, ``bytes``, ``hash`` (MD5, or the
    large-object ETag), ``content_type``, ``last_modified`` and
    ``container`` (``subdir`` instead, for a pseudo-directory listed with a
    ``delimiter``; ``version_id`` and ``is_latest`` in a versions listing).
    :meth:`ObjectManager.get` adds ``metadata`` (a dict),
    ``is_static_large_object``, ``object_manifest`` (a DLO's
    ``container/prefix``), ``symlink_target``, ``delete_at``, ``etag`` (as
    sent, quotes included) and ``version_id``.

    Example::

        obj = swift.objects.get("backups", "db.tar")
        obj.bytes, obj.hash, obj.metadata
    """

    @property
    def id(self) -> str:
        """The object's name (objects have no other identity in their container)."""
        return self.__dict__.get("name") or self.__dict__.get("subdir") or ""

    def get(self) -> Object:
        """Refresh the fields with a HEAD of this object; return ``self``."""
        fresh = self._require_manager("refresh").get(self.container, self.id)
        self._add_details(fresh._info)
        self.set_loaded(True)
        return self

    def delete(self) -> None:
        """Delete this object."""
        self._require_manager("delete").delete(self.container, self.id)


def object_info(container: str, name: str, headers: _t.Mapping[str, str]) -> dict[str, _t.Any]:
    """The fields of an :class:`Object` from the headers of a HEAD or GET."""
    etag = headers.get("Etag")
    return {
        "container": container,
        "name": name,
        "bytes": _headers.as_int(headers.get("Content-Length")) or 0,
        "hash": _headers.unquote_etag(etag),
        "etag": etag,
        "content_type": headers.get("Content-Type"),
        "last_modified": headers.get("Last-Modified"),
        "metadata": _headers.metadata(headers, "object"),
        "is_static_large_object": _headers.as_bool(headers.get("X-Static-Large-Object")),
        "object_manifest": headers.get("X-Object-Manifest"),
        "symlink_target": headers.get("X-Symlink-Target"),
        "delete_at": _headers.as_int(headers.get("X-Delete-At")),
        "version_id": headers.get("X-Object-Version-Id"),
        "timestamp": headers.get("X-Timestamp"),
        "content_encoding": headers.get("Content-Encoding"),
        "content_disposition": headers.get("Content-Disposition"),
    }


def _settings(
    content_type: str | None,
    delete_after: int | None,
    delete_at: int | None,
    headers: _t.Mapping[str, _t.Any] | None,
) -> dict[str, _t.Any]:
    sent: dict[str, _t.Any] = {}
    for name, value in (
        ("Content-Type", content_type),
        ("X-Delete-After", delete_after),
        ("X-Delete-At", delete_at),
    ):
        if value is not None:
            sent[name] = _headers.check_header(name, value)
    for name, value in (headers or {}).items():
        sent[name] = _headers.check_header(name, value)
    return sent


class ObjectManager(base.BaseManager):
    """The objects of containers. Calling it lists: ``swift.objects("c", prefix="a/")``."""

    resource_class = Object

    # -- listing ------------------------------------------------------------------

    def __call__(self, container: _t.Any, **params: _t.Any) -> _t.Iterator[Object]:
        """Same as :meth:`iterate`."""
        return self.iterate(container, **params)

    def iterate(
        self,
        container: _t.Any,
        *,
        prefix: str | None = None,
        delimiter: str | None = None,
        limit: int | None = None,
        marker: str | None = None,
        end_marker: str | None = None,
        reverse: bool = False,
    ) -> _t.Iterator[Object]:
        """Yield every object of ``container`` (in pages of ``limit``), as pages are needed.

        ``prefix`` keeps names that start with it; ``delimiter`` (usually
        ``/``) rolls names up into pseudo-directories (entries with a
        ``subdir``); ``marker``/``end_marker`` start after / stop before a
        name; ``reverse`` lists in reverse order. A missing container
        raises NotFound.
        """
        name = _names.check_container(container)
        params = {
            "prefix": prefix,
            "delimiter": delimiter,
            "limit": limit,
            "marker": marker,
            "end_marker": end_marker,
            "reverse": reverse,
        }
        return self._walk(name, params, versions=False)

    def _walk(
        self, container: str, params: dict[str, _t.Any], versions: bool
    ) -> _t.Iterator[Object]:
        cls, path = self.resource_class, _names.container_path(container)
        subdirs = params.get("delimiter") is not None

        def page(items: list[dict[str, _t.Any]]) -> list[Object]:
            _resource.set_in_each(items, "container", container)
            if subdirs:
                for item in items:
                    if "subdir" in item:
                        item["name"] = item["subdir"]
            return _resource.build_many(cls, self, items)  # type: ignore[return-value]

        size = self.client.known_page_size("container")
        subject = "Container %r" % container
        return _listing.walk(self.client, path, params, page, versions, subject, size)

    def list(self, container: _t.Any, **params: _t.Any) -> list[Object]:
        """Every object of ``container``; the options of :meth:`iterate`."""
        return list(self.iterate(container, **params))

    # -- one object ------------------------------------------------------------------

    def _path(self, container: _t.Any, name: _t.Any, version_id: str | None = None) -> str:
        path = _names.object_path(container, name)
        if version_id is not None:
            path += "?" + urllib.parse.urlencode({"version-id": version_id})
        return path

    def get(
        self,
        container: _t.Any,
        name: _t.Any,
        *,
        version_id: str | None = None,
        symlink: bool = False,
    ) -> Object:
        """HEAD the object: its size, ETag, content type and metadata (no data).

        ``symlink=True`` describes a symlink itself rather than its target.
        """
        path = self._path(container, name, version_id)
        if symlink:
            path += ("&" if "?" in path else "?") + "symlink=get"
        where = "Object %s/%s" % (_names.check_container(container), _names.check_object(name))
        with _errors.explained(where):
            resp = self.client.head(path)
        info = object_info(
            _names.check_container(container), _names.check_object(name), resp.headers
        )
        return self.resource_class(self, info, True)  # type: ignore[return-value,misc]

    def exists(self, container: _t.Any, name: _t.Any) -> bool:
        """Whether the object exists (a HEAD)."""
        try:
            self.get(container, name)
        except exceptions.NotFound:
            return False
        return True

    # -- data ---------------------------------------------------------------------------

    def upload(
        self,
        container: _t.Any,
        name: _t.Any,
        data: _t.Any,
        *,
        content_type: str | None = None,
        metadata: _t.Mapping[str, str] | None = None,
        headers: _t.Mapping[str, _t.Any] | None = None,
        etag: str | None = None,
        delete_after: int | None = None,
        delete_at: int | None = None,
        segment_size: int | None = None,
        threshold: int | None = None,
        threads: int = _upload.DEFAULT_THREADS,
        resume: bool = True,
        segment_container: str | None = None,
        progress: ProgressCallback | None = None,
    ) -> Object:
        """Upload ``data`` as ``container/name``, in constant memory; return the object.

        ``data`` is a path, bytes, a binary file object (read from its
        position to its end) or an iterable of bytes. Every upload is
        checked: the MD5 of what was sent must be the ETag Swift stored
        (bytes in memory, and ``etag=`` when given, are sent as ``ETag`` so
        Swift itself refuses a difference); a difference raises
        ChecksumMismatch and leaves nothing behind.

        Data larger than ``threshold`` bytes (default: the cluster's
        largest object, from ``/info``; or ``segment_size`` when only that
        is given) becomes a static large object of ``segment_size``-byte
        segments (default 1 GiB, more if the cluster's segment limit needs
        it) in ``segment_container`` (default ``<container>_segments``),
        uploaded by ``threads`` threads, each segment's and the manifest's
        ETag checked. With ``resume`` (the default) the segments an earlier,
        interrupted upload of the same file left are hashed and kept when
        they match: only the missing ones are sent. An iterator of unknown
        size is segmented in order when ``segment_size`` is given.

        ``metadata`` sets ``X-Object-Meta-*``; ``delete_after`` (seconds)
        or ``delete_at`` (a Unix time) makes the object expire; ``headers``
        are sent as given. The returned object carries ``hash``, ``bytes``
        and, for large objects, ``segments``, ``segments_sent`` and
        ``segments_skipped``.
        """
        sent = _settings(content_type, delete_after, delete_at, headers)
        sent.update(_headers.metadata_headers("Object", metadata))
        options = _upload.UploadOptions(
            headers=sent,
            etag=etag,
            segment_size=segment_size,
            threshold=threshold,
            threads=threads,
            resume=resume,
            segment_container=segment_container,
            progress=progress,
        )
        return _upload.upload(self, container, name, data, options)

    def download(
        self,
        container: _t.Any,
        name: _t.Any,
        dest: _t.Any,
        *,
        threads: int = _upload.DEFAULT_THREADS,
        resume: bool = True,
        version_id: str | None = None,
        progress: ProgressCallback | None = None,
        checksum: bool = True,
    ) -> Object:
        """Download the object to ``dest`` (a path or a binary file object); return it (as HEAD saw it).

        Every byte is checked against what Swift recorded (the object's
        MD5; a large object's segment MD5s and its ETag rule), raising
        ChecksumMismatch on a difference. ``checksum=False`` skips the
        MD5s (as swiftclient's ``--ignore-checksum``, and as swiftclient
        always does for a static large object) where hashing would be the
        bottleneck: sizes are still checked, and parts that a resumed
        download finds done are kept without being read again. To a path, the data goes to
        ``<dest>.part`` and becomes ``<dest>`` only when complete and
        verified; a large object's segments are fetched by ``threads``
        parallel Range requests; with ``resume`` an interrupted download
        continues from what ``<dest>.part`` holds.
        """
        options = _download.DownloadOptions(
            threads=threads,
            resume=resume,
            progress=progress,
            version_id=version_id,
            checksum=checksum,
        )
        return _download.download(
            self, _names.check_container(container), _names.check_object(name), dest, options
        )

    def stream(
        self,
        container: _t.Any,
        name: _t.Any,
        *,
        version_id: str | None = None,
        progress: ProgressCallback | None = None,
    ) -> _t.Iterator[bytes]:
        """Yield the object's data in chunks of up to 1 MiB, verified as it comes.

        The step after the last chunk raises ChecksumMismatch when the data
        differs from what Swift recorded, so consume the iterator to the end.
        """
        return _download.stream(
            self,
            _names.check_container(container),
            _names.check_object(name),
            version_id,
            progress,
        )

    def read(
        self,
        container: _t.Any,
        name: _t.Any,
        *,
        version_id: str | None = None,
        progress: ProgressCallback | None = None,
    ) -> bytes:
        """The object's data as bytes (in memory: for small objects), verified."""
        return b"".join(self.stream(container, name, version_id=version_id, progress=progress))

    # -- metadata -------------------------------------------------------------------------

    def update(
        self,
        container: _t.Any,
        name: _t.Any,
        *,
        metadata: _t.Mapping[str, str | None] | None = None,
        content_type: str | None = None,
        delete_after: int | None = None,
        delete_at: int | None = None,
        headers: _t.Mapping[str, _t.Any] | None = None,
        replace: bool = False,
    ) -> None:
        """Change the object's metadata, content type or expiry (a POST).

        Swift replaces all of an object's metadata on a POST; unless
        ``replace`` is set, the current metadata and expiry are read first
        (a HEAD) and kept, with ``metadata`` merged over them (a key set to
        None is removed).
        """
        merged: dict[str, _t.Any] = {}
        if not replace:
            current = self.get(container, name)
            merged.update(current.metadata)
            if delete_after is None and delete_at is None and current.delete_at:
                delete_at = current.delete_at
        merged.update(metadata or {})
        sent = _settings(content_type, delete_after, delete_at, headers)
        kept = {key: value for key, value in merged.items() if value is not None}
        sent.update(_headers.metadata_headers("Object", kept))
        where = "Object %s/%s" % (_names.check_container(container), _names.check_object(name))
        with _errors.explained(where):
            self.client.post(_names.object_path(container, name), headers=sent)

    def set_metadata(
        self, container: _t.Any, name: _t.Any, metadata: _t.Mapping[str, str]
    ) -> None:
        """Set these metadata keys, keeping the others."""
        self.update(container, name, metadata=metadata)

    def delete_metadata(self, container: _t.Any, name: _t.Any, keys: _t.Iterable[str]) -> None:
        """Remove these metadata keys, keeping the others."""
        self.update(container, name, metadata=dict.fromkeys(keys))

    # -- server-side operations ----------------------------------------------------------

    def copy(
        self,
        container: _t.Any,
        name: _t.Any,
        to_container: _t.Any,
        to_name: _t.Any = None,
        *,
        metadata: _t.Mapping[str, str] | None = None,
        fresh_metadata: bool = False,
        headers: _t.Mapping[str, _t.Any] | None = None,
    ) -> Object:
        """Copy an object on the server (no data goes through the client).

        The copy keeps the source's metadata, with ``metadata`` merged over
        it, or only ``metadata`` with ``fresh_metadata``. A large object is
        copied as one object of its combined data (up to the largest object
        the cluster accepts).
        """
        source = "/%s/%s" % (
            urllib.parse.quote(_names.check_container(container), safe=""),
            urllib.parse.quote(_names.check_object(name), safe="/"),
        )
        target_name = to_name if to_name is not None else name
        sent = _settings(None, None, None, headers)
        sent.update(_headers.metadata_headers("Object", metadata))
        sent.update({"X-Copy-From": source, "Content-Length": "0"})
        if fresh_metadata:
            sent["X-Fresh-Metadata"] = "true"
        with _errors.explained("Copy of %s/%s" % (container, name)):
            resp = self.client.put(_names.object_path(to_container, target_name), headers=sent)
        return self._answered(to_container, target_name, resp)

    def create_symlink(
        self,
        container: _t.Any,
        name: _t.Any,
        target_container: _t.Any,
        target_name: _t.Any,
        *,
        target_account: str | None = None,
        target_etag: str | None = None,
        headers: _t.Mapping[str, _t.Any] | None = None,
    ) -> Object:
        """Make ``container/name`` a symlink to ``target_container/target_name``.

        Reads of the symlink return the target; ``target_etag`` makes it a
        static link that only resolves while the target has that ETag.
        """
        target = "%s/%s" % (
            urllib.parse.quote(_names.check_container(target_container), safe=""),
            urllib.parse.quote(_names.check_object(target_name), safe="/"),
        )
        sent = _settings(None, None, None, headers)
        sent.update({"X-Symlink-Target": target, "Content-Length": "0"})
        if target_account:
            sent["X-Symlink-Target-Account"] = _headers.check_header("account", target_account)
        if target_etag:
            sent["X-Symlink-Target-Etag"] = _headers.check_header("etag", target_etag)
        with _errors.explained("Symlink %s/%s" % (container, name)):
            resp = self.client.put(_names.object_path(container, name), data=b"", headers=sent)
        return self._answered(container, name, resp)

    def _answered(self, container: _t.Any, name: _t.Any, resp: requests.Response) -> Object:
        info = {
            "container": _names.check_container(container),
            "name": _names.check_object(name),
            "hash": _headers.unquote_etag(resp.headers.get("Etag")),
            "last_modified": resp.headers.get("Last-Modified"),
        }
        return self.resource_class(self, info, False)  # type: ignore[return-value,misc]

    # -- deleting --------------------------------------------------------------------------

    def delete(
        self,
        container: _t.Any,
        name: _t.Any,
        *,
        ignore_missing: bool = False,
        version_id: str | None = None,
    ) -> None:
        """Delete the object (one version of it with ``version_id``).

        A large object's manifest is deleted; its segments stay (delete
        them with :meth:`bulk_delete`, or delete their container).
        """
        where = "Object %s/%s" % (_names.check_container(container), _names.check_object(name))
        try:
            with _errors.explained(where):
                self.client.delete(self._path(container, name, version_id))
        except exceptions.NotFound:
            if not ignore_missing:
                raise

    def bulk_delete(
        self,
        container: _t.Any,
        names: _t.Iterable[_t.Any],
        *,
        progress: ProgressCallback | None = None,
    ) -> _bulk.BulkDeleteResult:
        """Delete many objects of ``container`` in as few requests as the cluster allows.

        Missing objects are counted, not errors; other failures raise
        the HttpError of their status with the names that failed.
        """
        name = _names.check_container(container)
        paths = ("/%s/%s" % (name, _names.check_object(item)) for item in names)
        return _bulk.bulk_delete(self.client, paths, progress=progress, label=name)

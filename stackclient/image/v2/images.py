"""Images: the ``/v2/images`` collection of Glance, and everything done to one image.

Metadata calls are one request each; data calls stream (see
:mod:`stackclient.image.v2._transfer`); interoperable import is in
:mod:`stackclient.image.v2._imports`.
"""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import _ids, service, streams, waiters
from stackclient.image.v2 import _filters, _imports, _patch, _transfer

if _t.TYPE_CHECKING:  # pragma: no cover
    from stackclient.apiclient.base import Resource

__all__ = ["Image", "ImageManager", "ImportProgress", "Transfer"]

Transfer = _transfer.Transfer
ImportProgress = _imports.ImportProgress


class Image(service.ServiceResource):
    """A Glance image: its fields as attributes (``name``, ``status``, ``size`` ...).

    Besides the core fields, an image carries its custom properties as
    attributes of their own (``image.hw_disk_bus``); :attr:`stores` is
    the list of stores holding its data.

    Example::

        image = glance.images.get(image_id)
        image.status, image.os_hash_algo, image.os_hash_value
    """

    @property
    def store_ids(self) -> list[str]:
        """The stores holding the image's data (Glance sends them comma-separated)."""
        return _imports.split(getattr(self, "stores", None))


class ImageManager(service.ServiceManager):
    """Create, list, change, share and move the data of images.

    Example::

        image = glance.images.create(name="cirros", disk_format="qcow2",
                                     container_format="bare")
        glance.images.upload(image, "cirros.qcow2", progress=print)
        glance.images.update(image, min_ram=512, os_distro="cirros")
        glance.images.download(image, "copy.qcow2")
        for image in glance.images(visibility="public", sort="name:asc"):
            ...
    """

    resource_class = Image
    collection_key = "images"
    key = None
    envelope = False
    update_method = "PATCH"

    def _noun(self) -> str:
        return "image"

    def _page_link(self, link: str | None) -> str | None:
        # Glance's "next" is a path from its root ("/v2/images?marker=..."),
        # without the prefix of an endpoint behind a proxy ("http://host/image").
        if not link or not link.startswith("/v2/"):
            return link
        endpoint = self.client.endpoint
        return endpoint[: -len("/v2")] + link if endpoint.endswith("/v2") else link

    # -- metadata ------------------------------------------------------------

    def create(self, **attrs: _t.Any) -> Resource:  # type: ignore[override]
        """Create an image record (no data yet: status ``queued``); return it.

        Core fields: ``name``, ``disk_format``, ``container_format``,
        ``visibility``, ``min_disk`` (GiB), ``min_ram`` (MiB),
        ``protected``, ``os_hidden``, ``tags``, ``id``; any other keyword
        becomes a custom property (string values).
        """
        return super().create(**attrs)

    def iterate(self, **filters: _t.Any) -> _t.Iterator[Resource]:
        """Yield every image matching ``filters``, page by page (Glance's ``next``).

        Filters: ``name``, ``visibility``, ``status``, ``owner``,
        ``member_status``, ``tags`` (all must match), ``size_min``/``size_max``
        (bytes), ``created_at``/``updated_at`` (``"gte:<iso>"`` or a
        ``(start, end)`` pair), ``os_hidden``, ``protected``,
        ``disk_format``, ``container_format``, ``id`` (``"in:a,b"``);
        ``sort_key``/``sort_dir`` (a value or a list) or ``sort``
        (``"name:asc,size:desc"``); ``limit`` (page size) and ``marker``.
        """
        query, checks = _filters.query_and_check(filters)
        items = super().iterate(**query)
        for check in checks:
            items = filter(check, items)
        return items

    def update(
        self, resource: _t.Any, remove_props: _t.Iterable[str] = (), **changes: _t.Any
    ) -> Resource:
        """Change an image with one JSON-patch request; return it as Glance saved it.

        ``changes`` set core fields (``name``, ``visibility``, ``min_ram`` ...)
        or custom properties; ``remove_props`` names custom properties to
        drop. The patch is computed from the change alone (see
        :mod:`~stackclient.image.v2._patch`): nothing is fetched first.
        """
        operations = _patch.patch_for(changes, remove_props)
        url = self._member_path(resource, "image")
        headers = {"Content-Type": _patch.CONTENT_TYPE}
        return self._resource(self.client.patch(url, json=operations, headers=headers), url)

    def deactivate(self, resource: _t.Any) -> None:
        """Make an active image's data unavailable (admin); metadata stays readable."""
        self.client.post(self._member_path(resource, "image") + "/actions/deactivate")

    def reactivate(self, resource: _t.Any) -> None:
        """Make a deactivated image's data available again (admin)."""
        self.client.post(self._member_path(resource, "image") + "/actions/reactivate")

    def add_tag(self, resource: _t.Any, tag: str) -> None:
        """Add ``tag`` to an image (adding a tag it has is not an error)."""
        self.client.put(self._tag_path(resource, tag))

    def remove_tag(self, resource: _t.Any, tag: str) -> None:
        """Remove ``tag`` from an image; NotFound when it does not have it."""
        self.client.delete(self._tag_path(resource, tag))

    def _tag_path(self, resource: _t.Any, tag: str) -> str:
        return "%s/tags/%s" % (
            self._member_path(resource, "image"),
            _ids.path_segment(tag, "tag"),
        )

    # -- data ------------------------------------------------------------------

    def upload(
        self,
        resource: _t.Any,
        data: _t.Any,
        *,
        progress: streams.Progress | None = None,
        size: int | None = None,
        hash_algo: str | None = None,
        verify: bool = True,
    ) -> Transfer:
        """Upload an image's data from a path, a file object, bytes or an iterator of bytes.

        The data streams in constant memory and is read once, hashed on the
        way with md5 and ``hash_algo`` (default: the algorithm Glance used
        last time, else ``sha512``, Glance's default). Afterwards the
        image is read back and what Glance recorded (size, ``checksum``,
        ``os_hash_value``) is compared: a difference raises
        ChecksumMismatch. ``progress(bytes_sent, total)`` is called after
        each chunk. A missing file raises ValidationError before any
        request; an image that has data already gives Conflict.
        """
        return _transfer.upload(
            self, resource, data, progress=progress, size=size, hash_algo=hash_algo, verify=verify
        )

    def download(
        self,
        resource: _t.Any,
        target: _t.Any,
        *,
        progress: streams.Progress | None = None,
        resume: bool = False,
        verify: bool = True,
    ) -> Transfer:
        """Download an image's data to a path or a binary file object, verified.

        The data is checked against ``os_hash_value`` (md5 ``checksum`` as
        a fall-back; :attr:`Transfer.verified_with` says which). A path is
        written as ``<path>.part`` and renamed only once verified; a
        mismatch removes it and raises ChecksumMismatch. An interrupted
        download keeps ``<path>.part``: ``resume=True`` continues from it
        with a Range request and verifies the whole file.
        """
        return _transfer.download(
            self, resource, target, progress=progress, resume=resume, verify=verify
        )

    def stage(
        self,
        resource: _t.Any,
        data: _t.Any,
        *,
        progress: streams.Progress | None = None,
        size: int | None = None,
        hash_algo: str | None = None,
    ) -> Transfer:
        """Put data in the staging area (first step of ``glance-direct`` import).

        Streams and hashes as :meth:`upload` does; Glance records no
        checksum until the import is done, so pass the returned Transfer
        to :meth:`wait_for_import` (``verify=``) to check it then.
        """
        return _transfer.stage(self, resource, data, progress=progress, size=size,
                               hash_algo=hash_algo)  # fmt: skip

    # -- interoperable import -------------------------------------------------

    def import_image(
        self,
        resource: _t.Any,
        method: str = "glance-direct",
        *,
        uri: str | None = None,
        stores: _t.Iterable[str] | None = None,
        all_stores: bool | None = None,
        all_stores_must_succeed: bool | None = None,
        **extra: _t.Any,
    ) -> None:
        """Ask Glance to import data into an image (202: it runs in the background).

        ``method`` is ``glance-direct`` (after :meth:`stage`),
        ``web-download`` (with ``uri``) or ``copy-image`` (an active
        image into more ``stores``); see :meth:`wait_for_import`.
        """
        _imports.start(self, resource, method, uri, stores, all_stores,
                       all_stores_must_succeed, extra)  # fmt: skip

    def wait_for_import(
        self,
        resource: _t.Any,
        stores: _t.Iterable[str] | None = None,
        *,
        interval: float = 1.0,
        timeout: float | None = waiters.DEFAULT_TIMEOUT,
        callback: _t.Callable[[ImportProgress], _t.Any] | None = None,
        verify: Transfer | None = None,
    ) -> Resource:
        """Wait until an import is done; return the image.

        Done means Glance released the image's import lock, the image is
        active and every store in ``stores`` (if given) holds it.
        ``callback`` gets an :class:`ImportProgress` after each read: the
        stores still importing, failed and done. A store listed in
        ``os_glance_failed_import`` raises ResourceFailure at once; so does
        an import that ends without an active image. ``verify`` (what
        :meth:`stage` returned) checks the data Glance recorded.
        """
        return _imports.wait(self, resource, stores, interval, timeout, callback, verify)

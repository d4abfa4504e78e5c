"""Volumes: the ``/volumes`` collection of Cinder, and waiting for their statuses.

What is done *to* a volume (extend, retype, attach, revert ...) is in
:mod:`stackclient.block_storage.v3._volume_actions`; metadata calls in
:mod:`stackclient.block_storage.v3._common`.
"""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import _ids, exceptions, service
from stackclient.block_storage.v3 import _common, _volume_actions

if _t.TYPE_CHECKING:  # pragma: no cover
    from stackclient.apiclient.base import Resource

__all__ = ["VOLUME_FAILURES", "Volume", "VolumeManager"]

#: Volume statuses a wait fails on at once.
VOLUME_FAILURES = (
    "error",
    "error_deleting",
    "error_extending",
    "error_restoring",
    "error_managing",
)

#: The first microversion that creates a volume from a backup.
_FROM_BACKUP = "3.47"

#: Volume create arguments that take a resource or its id -> Cinder's field.
_SOURCES = {
    "snapshot": "snapshot_id",
    "source_volume": "source_volid",
    "image": "imageRef",
    "backup": "backup_id",
}


class Volume(service.ServiceResource):
    """A Cinder volume: ``id``, ``name``, ``size`` (GiB), ``status``, ``attachments`` ...

    ``bootable`` is what Cinder sends (the string ``"true"`` or ``"false"``);
    :attr:`is_bootable` is it as a bool.

    Example::

        volume = cinder.volumes.create(size=1, name="data")
        volume = cinder.volumes.wait_for_status(volume, "available")
        volume.status, volume.size, volume.is_bootable
    """

    @property
    def is_bootable(self) -> bool:
        """Whether the volume is marked bootable."""
        return str(self.__dict__.get("bootable", "false")).lower() == "true"

    @property
    def attached_servers(self) -> list[str]:
        """The ids of the servers the volume is attached to."""
        attachments = self.__dict__.get("attachments") or []
        return [a["server_id"] for a in attachments if isinstance(a, dict) and a.get("server_id")]


class VolumeManager(
    _volume_actions._VolumeActionsMixin, _common._MetadataMixin, service.ServiceManager
):
    """Create, list, change and delete volumes; wait for them.

    Example::

        volume = cinder.volumes.create(size=1, name="data", volume_type="fast")
        cinder.volumes.wait_for_status(volume, "available")
        for volume in cinder.volumes(status="available", limit=100):
            print(volume.id, volume.name)
        cinder.volumes.extend(volume, 2)
        cinder.volumes.delete(volume)
        cinder.volumes.wait_for_delete(volume)
    """

    resource_class = Volume
    collection_key = "volumes"
    key = "volume"

    # -- reading ---------------------------------------------------------------

    def iterate(  # type: ignore[override]
        self, detailed: bool = True, **filters: _t.Any
    ) -> _t.Iterator[Resource]:
        """Yield every volume matching ``filters``, page by page.

        ``detailed`` (default) lists ``/volumes/detail`` (every field);
        False lists ids, names and links only. Filters: ``name``,
        ``status``, ``metadata`` (a dict), ``bootable``,
        ``availability_zone``, ``size``, ``group_id``, ``created_at``/
        ``updated_at`` (``"gt:<iso>"``, 3.60), ``name~`` style inexact
        filters (3.34), ``all_projects=True`` and ``project_id`` (admin),
        ``sort`` (``"name:asc"``), ``limit`` (page size) and ``marker``.
        """
        path = self._collection_path() + ("/detail" if detailed else "")
        url = path + self._query(_common.list_filters(filters))
        return self._iterate(url, self.collection_key)

    def list(self, detailed: bool = True, **filters: _t.Any) -> list[Resource]:  # type: ignore[override]
        """Return every volume matching ``filters``; see :meth:`iterate`."""
        return list(self.iterate(detailed, **filters))

    # -- writing ---------------------------------------------------------------

    def create(self, size: int | None = None, **attrs: _t.Any) -> Resource:  # type: ignore[override]
        """Create a volume of ``size`` GiB; return it (status ``creating``).

        From nothing (``size`` is then required), or from ``snapshot``,
        ``source_volume``, ``image`` or ``backup`` (3.47) -- each a resource
        or an id, or Cinder's own ``snapshot_id``, ``source_volid``,
        ``imageRef``/``image_id``, ``backup_id``; ``size`` defaults to the
        source's. Other fields: ``name``, ``description``, ``volume_type``
        (a name or an id; an unknown one raises NotFound naming it),
        ``availability_zone``, ``metadata``, ``group_id``;
        ``scheduler_hints`` is sent beside the volume.
        """
        hints = attrs.pop("scheduler_hints", None)
        fields = self._create_fields(size, attrs)
        version = None
        if fields.get("backup_id"):
            version = _common.require(self, _FROM_BACKUP, "Creating a volume from a backup")
        body: dict[str, _t.Any] = {"volume": fields}
        if hints:
            body["OS-SCH-HNT:scheduler_hints"] = dict(hints)
        url = self._collection_path()
        return self._resource(self.client.post(url, json=body, microversion=version), url)

    def _create_fields(self, size: int | None, attrs: dict[str, _t.Any]) -> dict[str, _t.Any]:
        fields = dict(self._body(attrs)["volume"])
        for argument, field in _SOURCES.items():
            value = fields.pop(argument, None)
            if value is not None:
                fields[field] = _ids.check_id(value, argument)
        if "image_id" in fields:
            fields["imageRef"] = fields.pop("image_id")
        if size is not None:
            fields["size"] = size
        elif not any(fields.get(f) for f in _SOURCES.values()):
            raise exceptions.ValidationError(
                "A volume needs a size in GiB unless it is made from a snapshot, "
                "another volume, an image or a backup"
            )
        return fields

    def update(self, resource: _t.Any, **attrs: _t.Any) -> Resource:
        """Change ``name``, ``description`` or ``metadata`` (replaced whole); return it."""
        return super().update(resource, **attrs)

    def delete(  # type: ignore[override]
        self,
        resource: _t.Any,
        ignore_missing: bool = False,
        *,
        cascade: bool = False,
        force: bool = False,
    ) -> None:
        """Delete a volume (it must not be attached); NotFound unless ``ignore_missing``.

        ``cascade`` deletes its snapshots too; ``force`` (admin, 3.23)
        deletes it whatever its status. An attached volume raises Cinder's
        400 as BadRequest.
        """
        params: dict[str, _t.Any] = {"cascade": True if cascade else None}
        version = None
        if force:
            version = _common.require(self, "3.23", "Deleting a volume with force")
            params["force"] = True
        url = self._member_path(resource) + self._query(params)
        try:
            self.client.delete(url, microversion=version)
        except exceptions.NotFound:
            if not ignore_missing:
                raise

    def summary(self, all_projects: bool = False) -> dict[str, _t.Any]:
        """Counts and total size of the project's volumes (3.12): ``total_count``, ``total_size``."""
        version = _common.require(self, "3.12", "The volume summary")
        url = (
            self._collection_path()
            + "/summary"
            + self._query(_common.list_filters({"all_projects": all_projects}))
        )
        return _common.answer(self.client.get(url, microversion=version), "volume-summary")

    # -- waiting ---------------------------------------------------------------

    def wait_for_status(self, resource: _t.Any, status: str, **kwargs: _t.Any) -> Resource:
        """Wait until the volume reaches ``status`` (``available``, ``in-use`` ...).

        Fails at once on a status in ``failures`` (default
        :data:`VOLUME_FAILURES`) with the newest user message Cinder
        recorded for the volume, e.g. ``"schedule allocate volume:Could not
        find any available weighted backend."``. ``timeout`` (seconds),
        ``interval`` and ``callback`` as for
        :func:`stackclient.apiclient.waiters.wait_for_status`.
        """
        kwargs.setdefault("failures", VOLUME_FAILURES)
        try:
            return super().wait_for_status(resource, status, **kwargs)
        except exceptions.ResourceFailure as failure:
            raise _with_user_message(self.client, failure) from None

    def wait_for_delete(self, resource: _t.Any, **kwargs: _t.Any) -> None:
        """Wait until the volume is gone; ``error_deleting`` fails at once."""
        kwargs.setdefault("failures", ("error_deleting",))
        try:
            super().wait_for_delete(resource, **kwargs)
        except exceptions.ResourceFailure as failure:
            raise _with_user_message(self.client, failure) from None


def _with_user_message(client: _t.Any, failure: exceptions.ResourceFailure) -> Exception:
    """``failure`` with Cinder's newest user message about the resource added."""
    if failure.fault:
        return failure
    resource = failure.resource
    text = client.messages.latest_for(resource) if resource is not None else None
    if not text:
        return failure
    message = str(failure)
    tail = " (request id %s)" % failure.request_id if failure.request_id else ""
    if tail and message.endswith(tail):
        message = message[: -len(tail)]
    return exceptions.ResourceFailure(
        "%s: %s%s" % (message, text, tail),
        resource=resource,
        status=failure.status,
        fault=text,
        request_id=failure.request_id,
    )

"""Volumes attached to a server: ``/servers/{id}/os-volume_attachments[/{volume_id}]``.

Attaching a block-storage volume reserves it in the block-storage service
and connects it in the background: the volume goes ``reserved`` ->
``attaching`` -> ``in-use`` there. Detaching is the reverse, back to
``available``. Updating an attachment with another volume swaps it (an
admin call); with ``delete_on_termination`` (2.85) only changes that flag.
"""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import _ids, service
from stackclient.compute.v2 import _base

__all__ = ["VolumeAttachment", "VolumeAttachmentManager"]


class VolumeAttachment(service.ServiceResource):
    """One attached volume: ``volumeId`` (also its ``id``), ``serverId``,
    ``device``; ``tag`` (2.70), ``delete_on_termination`` (2.79),
    ``attachment_id`` and ``bdm_uuid`` (2.89, which drops the ``id`` field).

    Example::

        nova.volume_attachments.create(server, volume, delete_on_termination=True)
        [a.volumeId for a in nova.volume_attachments.list(server)]
    """

    __slots__ = ()
    NAME_ATTR = "device"

    @property
    def id(self) -> _t.Any:
        """The attached volume's id (the id Nova's URLs take)."""
        return self.__dict__.get("volumeId") or self.__dict__.get("volume_id")


class VolumeAttachmentManager(_base.ServerChildManager):
    """``client.volume_attachments``: list, get, create (attach), update and delete (detach)."""

    resource_class = VolumeAttachment
    collection_key = "volumeAttachments"
    key = "volumeAttachment"
    child_path = "os-volume_attachments"

    def create(  # type: ignore[override]
        self,
        server: _t.Any,
        volume: _t.Any,
        device: str | None = None,
        tag: str | None = None,
        delete_on_termination: bool | None = None,
    ) -> VolumeAttachment:
        """Attach ``volume`` (a volume or its id); return the attachment.

        ``device`` is a hint (``/dev/vdb``) drivers may ignore; ``tag``
        needs 2.49, ``delete_on_termination`` 2.79. From 2.101 Nova
        answers before the attachment exists: the attachment returned then
        holds only ``volumeId`` and ``serverId``.
        """
        body: dict[str, _t.Any] = {"volumeId": _ids.check_id(volume, "volume")}
        if device is not None:
            body["device"] = device
        if tag is not None:
            self._needs("2.49", "A volume attachment tag")
            body["tag"] = tag
        if delete_on_termination is not None:
            self._needs("2.79", "delete_on_termination")
            body["delete_on_termination"] = delete_on_termination
        url = self._base(server)
        resp = self.client.post(url, json={self.key: body})
        if not resp.content:
            info = {"volumeId": body["volumeId"], "serverId": _ids.check_id(server, "server")}
            return _t.cast(VolumeAttachment, self._stamp(resp, [VolumeAttachment(self, info)])[0])
        return _t.cast(VolumeAttachment, self._from_body(resp, url, self.key))

    def update(  # type: ignore[override]
        self,
        server: _t.Any,
        volume: _t.Any,
        new_volume: _t.Any = None,
        delete_on_termination: bool | None = None,
    ) -> None:
        """Swap ``volume`` for ``new_volume`` (admins), or change ``delete_on_termination`` (2.85)."""
        body: dict[str, _t.Any] = {
            "volumeId": _ids.check_id(new_volume if new_volume is not None else volume, "volume")
        }
        if delete_on_termination is not None:
            self._needs("2.85", "Changing delete_on_termination")
            body["delete_on_termination"] = delete_on_termination
        self.client.put(self._item(server, volume), json={self.key: body})

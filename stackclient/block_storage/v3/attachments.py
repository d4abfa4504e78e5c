"""Attachments (``/attachments``, microversion 3.27 and later): how a volume is connected
to a server.

The flow a compute service follows: create an attachment for a volume and
a server (without a connector it only *reserves* the volume), update it
with the host's connector (Cinder exports the volume and returns the
connection info), connect, then mark it complete (3.44): the volume is
``in-use``. Deleting the attachment detaches the volume.
"""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import _ids, exceptions, service
from stackclient.block_storage.v3 import _common

if _t.TYPE_CHECKING:  # pragma: no cover
    from stackclient.apiclient.base import Resource

__all__ = ["ATTACHMENTS_MICROVERSION", "Attachment", "AttachmentManager"]

#: The first microversion with the attachments API.
ATTACHMENTS_MICROVERSION = "3.27"
_FEATURE = "The attachments API"


class Attachment(service.ServiceResource):
    """An attachment: ``id``, ``volume_id``, ``instance`` (the server id),
    ``status`` (``reserved``, ``attaching``, ``attached``, ``detached``),
    ``attach_mode``, ``connection_info``, ``attached_at`` ...

    Example::

        attachment = cinder.attachments.create(volume, instance=server_id,
                                               connector=connector)
        attachment.connection_info["driver_volume_type"]
    """

    NAME_ATTR = "volume_id"


class AttachmentManager(service.ServiceManager):
    """Create, update, complete and delete attachments.

    Example::

        attachment = cinder.attachments.create(volume, instance=server_id)   # reserved
        cinder.attachments.update(attachment, connector)                     # exported
        cinder.attachments.complete(attachment)                              # in-use
        cinder.attachments.delete(attachment)                                # detached
    """

    resource_class = Attachment
    collection_key = "attachments"
    key = "attachment"
    name_filter = None

    def _version(self, minimum: str = ATTACHMENTS_MICROVERSION, feature: str = _FEATURE) -> str:
        return _common.require(self, minimum, feature)

    def iterate(  # type: ignore[override]
        self, detailed: bool = True, **filters: _t.Any
    ) -> _t.Iterator[Resource]:
        """Yield attachments; filters: ``volume_id``, ``instance_id``, ``status``,
        ``attach_status``, ``all_projects``, ``sort``, ``limit``, ``marker``."""
        version = self._version()
        path = self._collection_path() + ("/detail" if detailed else "")
        url = path + self._query(_common.list_filters(filters))
        return self._iterate(url, self.collection_key, microversion=version)

    def list(self, detailed: bool = True, **filters: _t.Any) -> list[Resource]:  # type: ignore[override]
        """Return attachments; see :meth:`iterate`."""
        return list(self.iterate(detailed, **filters))

    def get(self, resource: _t.Any, **params: _t.Any) -> Resource:
        """Return one attachment."""
        url = self._member_path(resource) + self._query(params)
        return self._resource(self.client.get(url, microversion=self._version()), url)

    def create(  # type: ignore[override]
        self,
        volume: _t.Any,
        instance: _t.Any = None,
        connector: _t.Mapping[str, _t.Any] | None = None,
        mode: str | None = None,
    ) -> Resource:
        """Attach ``volume`` to the server ``instance`` (a server or its id).

        Without ``connector`` the volume is only reserved; with one, Cinder
        exports it and the answer carries ``connection_info``. ``mode``
        (``"rw"``/``"ro"``, 3.54) sets the attach mode.
        """
        _common.check_choice(mode, ("rw", "ro"), "mode")
        fields: dict[str, _t.Any] = {"volume_uuid": _ids.check_id(volume, "volume")}
        if instance is not None:
            fields["instance_uuid"] = _ids.check_id(instance, "instance")
        if connector is not None:
            fields["connector"] = dict(connector)
        version = self._version()
        if mode is not None:
            version = self._version("3.54", "An attach mode")
            fields["mode"] = mode
        url = self._collection_path()
        resp = self.client.post(url, json={"attachment": fields}, microversion=version)
        return self._resource(resp, url)

    def update(self, resource: _t.Any, connector: _t.Mapping[str, _t.Any]) -> Resource:  # type: ignore[override]
        """Give a reserved attachment the host's ``connector``; Cinder exports the volume
        and answers with ``connection_info``."""
        url = self._member_path(resource)
        body = {"attachment": {"connector": dict(connector)}}
        return self._resource(self.client.put(url, json=body, microversion=self._version()), url)

    def complete(self, resource: _t.Any) -> None:
        """Mark the attachment done (3.44): the volume becomes ``in-use``."""
        version = self._version("3.44", "Completing an attachment")
        url = self._member_path(resource) + "/action"
        self.client.post(url, json={"os-complete": None}, microversion=version)

    def delete(self, resource: _t.Any, ignore_missing: bool = False) -> None:
        """Delete the attachment: the volume is detached (``available`` when it was the last)."""
        try:
            self.client.delete(self._member_path(resource), microversion=self._version())
        except exceptions.NotFound:
            if not ignore_missing:
                raise

    def _noun(self) -> str:
        return "attachment"

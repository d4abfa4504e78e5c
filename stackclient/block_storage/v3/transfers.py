"""Volume transfers: giving a volume to another project.

The owner creates a transfer and hands its ``id`` and ``auth_key`` (shown
only once, in the create answer) to the other project, which accepts it;
the volume then belongs to that project. Until then the volume is
``awaiting-transfer``; deleting the transfer gives it back. From 3.55 the
collection is ``/volume-transfers`` (before, ``/os-volume-transfer``).
"""

from __future__ import annotations

import typing as _t

from stackclient import discover
from stackclient.apiclient import _ids, service
from stackclient.block_storage.v3 import _common

if _t.TYPE_CHECKING:  # pragma: no cover
    from stackclient.apiclient.base import Resource

__all__ = ["Transfer", "TransferManager"]

#: The first microversion with ``/volume-transfers`` and ``no_snapshots``.
_NEW_PATH = discover.Microversion(3, 55)


class Transfer(service.ServiceResource):
    """A volume transfer: ``id``, ``name``, ``volume_id``, and once, ``auth_key``.

    Example::

        transfer = cinder.transfers.create(volume, name="to-ops")
        secret = transfer.auth_key      # give id and auth_key to the other project
    """


class TransferManager(service.ServiceManager):
    """Create, list, accept and delete volume transfers.

    Example::

        transfer = owner.transfers.create(volume)
        receiver.transfers.accept(transfer.id, transfer.auth_key)
    """

    resource_class = Transfer
    collection_key = "transfers"
    key = "transfer"
    name_filter = None

    def _collection_path(self) -> str:
        version = self.client.microversion
        new = version is not None and discover.Microversion.parse(version) >= _NEW_PATH
        return "/volume-transfers" if new else "/os-volume-transfer"

    def iterate(  # type: ignore[override]
        self, detailed: bool = True, **filters: _t.Any
    ) -> _t.Iterator[Resource]:
        """Yield the project's transfers (``all_projects=True`` for an admin's view)."""
        path = self._collection_path() + ("/detail" if detailed else "")
        url = path + self._query(_common.list_filters(filters))
        return self._iterate(url, self.collection_key)

    def list(self, detailed: bool = True, **filters: _t.Any) -> list[Resource]:  # type: ignore[override]
        """Return the project's transfers."""
        return list(self.iterate(detailed, **filters))

    def create(  # type: ignore[override]
        self, volume: _t.Any, name: str | None = None, no_snapshots: bool = False
    ) -> Resource:
        """Offer ``volume`` for transfer; the answer carries ``auth_key``.

        ``no_snapshots`` (3.55) leaves the volume's snapshots out.
        """
        fields: dict[str, _t.Any] = {"volume_id": _ids.check_id(volume, "volume")}
        if name is not None:
            fields["name"] = name
        version = None
        if no_snapshots:
            version = _common.require(self, "3.55", "A transfer without snapshots")
            fields["no_snapshots"] = True
        url = self._collection_path()
        return self._resource(
            self.client.post(url, json={"transfer": fields}, microversion=version), url
        )

    def accept(self, transfer: _t.Any, auth_key: str) -> Resource:
        """Accept a transfer (as the receiving project); return ``id``, ``name``, ``volume_id``."""
        url = self._member_path(transfer) + "/accept"
        resp = self.client.post(url, json={"accept": {"auth_key": auth_key}})
        return self._resource(resp, url)

    def _noun(self) -> str:
        return "volume transfer"

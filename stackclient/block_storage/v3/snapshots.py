"""Snapshots: point-in-time copies of volumes (``/snapshots``), and their metadata."""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import _ids, service
from stackclient.block_storage.v3 import _common

if _t.TYPE_CHECKING:  # pragma: no cover
    from stackclient.apiclient.base import Resource

__all__ = ["SNAPSHOT_FAILURES", "Snapshot", "SnapshotManager"]

#: Snapshot statuses a wait fails on at once.
SNAPSHOT_FAILURES = ("error", "error_deleting")


class Snapshot(service.ServiceResource):
    """A volume snapshot: ``id``, ``name``, ``volume_id``, ``size`` (GiB), ``status`` ...

    Example::

        snap = cinder.snapshots.create(volume, name="before-upgrade")
        snap = cinder.snapshots.wait_for_status(snap, "available")
    """


class SnapshotManager(_common._ActionsMixin, _common._MetadataMixin, service.ServiceManager):
    """Create, list, change and delete snapshots; wait for them.

    Example::

        snap = cinder.snapshots.create(volume, name="nightly", metadata={"by": "cron"})
        cinder.snapshots.wait_for_status(snap, "available")
        cinder.volumes.create(snapshot=snap, name="restored")
        cinder.snapshots.delete(snap)
    """

    resource_class = Snapshot
    collection_key = "snapshots"
    key = "snapshot"

    def iterate(  # type: ignore[override]
        self, detailed: bool = True, **filters: _t.Any
    ) -> _t.Iterator[Resource]:
        """Yield every snapshot matching ``filters`` (``name``, ``status``,
        ``volume_id``, ``metadata``, ``all_projects``, ``sort``, ``limit``,
        ``marker`` ...), page by page; ``detailed`` lists ``/snapshots/detail``."""
        path = self._collection_path() + ("/detail" if detailed else "")
        url = path + self._query(_common.list_filters(filters))
        return self._iterate(url, self.collection_key)

    def list(self, detailed: bool = True, **filters: _t.Any) -> list[Resource]:  # type: ignore[override]
        """Return every snapshot matching ``filters``; see :meth:`iterate`."""
        return list(self.iterate(detailed, **filters))

    def create(  # type: ignore[override]
        self, volume: _t.Any = None, force: bool = False, **attrs: _t.Any
    ) -> Resource:
        """Snapshot ``volume`` (a resource or an id); return the snapshot (``creating``).

        ``force`` allows an ``in-use`` volume before 3.66 (from 3.66 it is
        always allowed). Fields: ``name``, ``description``, ``metadata``.
        """
        volume = volume if volume is not None else attrs.pop("volume_id", None)
        fields = dict(self._body(attrs)["snapshot"])
        fields["volume_id"] = _ids.check_id(volume, "volume")
        if force:
            fields["force"] = True
        url = self._collection_path()
        return self._resource(self.client.post(url, json={"snapshot": fields}), url)

    def update(self, resource: _t.Any, **attrs: _t.Any) -> Resource:
        """Change ``name`` or ``description``; return the snapshot."""
        return super().update(resource, **attrs)

    def reset_status(self, snapshot: _t.Any, status: str) -> None:
        """Set the snapshot's status in the database, nothing else (admin)."""
        self._action(snapshot, "os-reset_status", {"status": status})

    def force_delete(self, snapshot: _t.Any) -> None:
        """Delete the snapshot whatever its status (admin)."""
        self._action(snapshot, "os-force_delete")

    def wait_for_status(self, resource: _t.Any, status: str, **kwargs: _t.Any) -> Resource:
        """Wait until the snapshot reaches ``status``; ``error`` fails at once."""
        kwargs.setdefault("failures", SNAPSHOT_FAILURES)
        return super().wait_for_status(resource, status, **kwargs)

    def wait_for_delete(self, resource: _t.Any, **kwargs: _t.Any) -> None:
        """Wait until the snapshot is gone; ``error_deleting`` fails at once."""
        kwargs.setdefault("failures", ("error_deleting",))
        super().wait_for_delete(resource, **kwargs)

    def _noun(self) -> str:
        return "snapshot"

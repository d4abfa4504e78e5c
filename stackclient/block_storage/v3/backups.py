"""Backups (``/backups``): copies of volumes kept by the backup service.

Backups need Cinder's backup service (``cinder-backup``). A cloud without
one accepts the create request and then puts the backup in ``error``
with ``fail_reason`` ``"Service not found for creating backup."`` (and
such a backup cannot be deleted until a backup service runs), so check
first: ``cinder.services.has_binary("cinder-backup")`` (admin), or ask
the cloud's operators.
"""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import _ids, service
from stackclient.block_storage.v3 import _common

if _t.TYPE_CHECKING:  # pragma: no cover
    from stackclient.apiclient.base import Resource

__all__ = ["BACKUP_FAILURES", "Backup", "BackupManager"]

#: Backup statuses a wait fails on at once.
BACKUP_FAILURES = ("error", "error_deleting", "error_restoring")


class Backup(service.ServiceResource):
    """A backup: ``id``, ``name``, ``volume_id``, ``size`` (GiB), ``status``,
    ``is_incremental``, ``fail_reason`` ...

    Example::

        backup = cinder.backups.create(volume, name="nightly")
        backup = cinder.backups.wait_for_status(backup, "available")
    """


class BackupManager(_common._ActionsMixin, service.ServiceManager):
    """Create, list, restore and delete backups; wait for them.

    Example::

        backup = cinder.backups.create(volume, incremental=True)
        cinder.backups.wait_for_status(backup, "available", timeout=3600)
        cinder.backups.restore(backup, name="restored")
        cinder.backups.delete(backup)
    """

    resource_class = Backup
    collection_key = "backups"
    key = "backup"

    def iterate(  # type: ignore[override]
        self, detailed: bool = True, **filters: _t.Any
    ) -> _t.Iterator[Resource]:
        """Yield backups matching ``filters`` (``name``, ``status``, ``volume_id``,
        ``all_projects``, ``sort``, ``limit``, ``marker``), page by page."""
        path = self._collection_path() + ("/detail" if detailed else "")
        url = path + self._query(_common.list_filters(filters))
        return self._iterate(url, self.collection_key)

    def list(self, detailed: bool = True, **filters: _t.Any) -> list[Resource]:  # type: ignore[override]
        """Return backups; see :meth:`iterate`."""
        return list(self.iterate(detailed, **filters))

    def create(  # type: ignore[override]
        self,
        volume: _t.Any = None,
        *,
        incremental: bool = False,
        force: bool = False,
        snapshot: _t.Any = None,
        **attrs: _t.Any,
    ) -> Resource:
        """Back up ``volume`` (``in-use`` ones need ``force``); return the backup (``creating``).

        ``incremental`` backs up what changed since the last backup;
        ``snapshot`` backs up that snapshot of the volume. Fields: ``name``,
        ``description``, ``container``, ``metadata`` (3.43),
        ``availability_zone`` (3.51).
        """
        volume = volume if volume is not None else attrs.pop("volume_id", None)
        fields = dict(self._body(attrs)["backup"])
        fields["volume_id"] = _ids.check_id(volume, "volume")
        if incremental:
            fields["incremental"] = True
        if force:
            fields["force"] = True
        if snapshot is not None:
            fields["snapshot_id"] = _ids.check_id(snapshot, "snapshot")
        url = self._collection_path()
        return self._resource(self.client.post(url, json={"backup": fields}), url)

    def update(self, resource: _t.Any, **attrs: _t.Any) -> Resource:
        """Change ``name``, ``description`` or ``metadata`` (3.9, metadata 3.43)."""
        version = _common.require(self, "3.9", "Updating a backup")
        url = self._member_path(resource)
        resp = self.client.put(url, json=self._body(attrs), microversion=version)
        return self._resource(resp, url)

    def restore(
        self, backup: _t.Any, volume: _t.Any = None, name: str | None = None
    ) -> dict[str, _t.Any]:
        """Restore into ``volume``, or into a new volume (named ``name``).

        Returns Cinder's answer: ``backup_id``, ``volume_id``, ``volume_name``.
        """
        body: dict[str, _t.Any] = {}
        if volume is not None:
            body["volume_id"] = _ids.check_id(volume, "volume")
        if name is not None:
            body["name"] = name
        url = self._member_path(backup) + "/restore"
        return dict(_common.answer(self.client.post(url, json={"restore": body}), "restore"))

    def reset_status(self, backup: _t.Any, status: str) -> None:
        """Set the backup's status in the database, nothing else (admin)."""
        self._action(backup, "os-reset_status", {"status": status})

    def force_delete(self, backup: _t.Any) -> None:
        """Delete the backup whatever its status (admin)."""
        self._action(backup, "os-force_delete")

    def wait_for_status(self, resource: _t.Any, status: str, **kwargs: _t.Any) -> Resource:
        """Wait until the backup reaches ``status``; ``error`` fails at once with
        its ``fail_reason``."""
        kwargs.setdefault("failures", BACKUP_FAILURES)
        return super().wait_for_status(resource, status, **kwargs)

    def wait_for_delete(self, resource: _t.Any, **kwargs: _t.Any) -> None:
        """Wait until the backup is gone; ``error_deleting`` fails at once."""
        kwargs.setdefault("failures", ("error_deleting",))
        super().wait_for_delete(resource, **kwargs)

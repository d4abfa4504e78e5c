"""The Block Storage API v3 client (Cinder).

Example::

    from stackclient.block_storage.v3 import client

    cinder = client.Client(session=sess)
    volume = cinder.volumes.create(size=1, name="data")
    cinder.volumes.wait_for_status(volume, "available")
    cinder.find_volume("data")                      # SDK style
"""

from __future__ import annotations

import typing as _t

from stackclient import service_client
from stackclient.apiclient import waiters

if _t.TYPE_CHECKING:  # pragma: no cover
    from stackclient.block_storage.v3 import attachments as _attachments
    from stackclient.block_storage.v3 import availability_zones as _zones
    from stackclient.block_storage.v3 import backups as _backups
    from stackclient.block_storage.v3 import limits as _limits
    from stackclient.block_storage.v3 import messages as _messages
    from stackclient.block_storage.v3 import pools as _pools
    from stackclient.block_storage.v3 import qos_specs as _qos
    from stackclient.block_storage.v3 import quotas as _quotas
    from stackclient.block_storage.v3 import services as _services
    from stackclient.block_storage.v3 import snapshots as _snapshots
    from stackclient.block_storage.v3 import transfers as _transfers
    from stackclient.block_storage.v3 import volume_types as _types
    from stackclient.block_storage.v3 import volumes as _volumes

__all__ = ["MAX_MICROVERSION", "Client"]

#: The newest microversion this client knows (Cinder 2024.2 and later serve it).
MAX_MICROVERSION = "3.71"

_PKG = "stackclient.block_storage.v3"
_Lazy = service_client.LazyManager


class Client(service_client.ServiceClient):
    """A Cinder client: volumes, snapshots, types, QoS, attachments, transfers, quotas ...

    Built like every service client (a Session, a keystoneauth1 Session,
    ``auth=``, ``auth_ref=``, or ``token=`` with ``endpoint=``). The
    endpoint is found in the token's catalog under ``block-storage`` or
    its aliases ``volumev3`` and ``volume``. Microversions are negotiated
    once: the newest both the server and this client know (3.0 to
    :data:`MAX_MICROVERSION`), or ``api_version=`` (``"3.60"``,
    ``"latest"``), refused with both ranges before any other request when
    the server cannot serve it.

    Every manager is also a generator when called (``cinder.volumes(status=
    "available")``, ``cinder.availability_zones()``, ``cinder.services()``).
    SDK-style verbs (openstacksdk's names): ``volumes(**filters)``,
    ``get_volume``, ``find_volume``, ``create_volume``, ``update_volume``,
    ``delete_volume``, the same for ``snapshot``, ``type``, ``backup``,
    ``transfer``, ``attachment`` and ``qos_spec``, and the actions below.

    Example::

        cinder = Client(session=sess, region_name="RegionOne")
        for volume in cinder.volumes(status="available"):
            print(volume.name, volume.size)
    """

    service_type = "block-storage"
    api_major = (3, 0)
    microversion_type = "volume"
    microversion_range = ("3.0", MAX_MICROVERSION)

    volumes: _Lazy[_volumes.VolumeManager] = _Lazy(_PKG + ".volumes", "VolumeManager")
    snapshots: _Lazy[_snapshots.SnapshotManager] = _Lazy(_PKG + ".snapshots", "SnapshotManager")
    volume_types: _Lazy[_types.VolumeTypeManager] = _Lazy(
        _PKG + ".volume_types", "VolumeTypeManager"
    )
    #: The same managers under openstacksdk's name: ``cinder.types()`` lists them.
    types: _Lazy[_types.VolumeTypeManager] = _Lazy(_PKG + ".volume_types", "VolumeTypeManager")
    qos_specs: _Lazy[_qos.QoSSpecManager] = _Lazy(_PKG + ".qos_specs", "QoSSpecManager")
    attachments: _Lazy[_attachments.AttachmentManager] = _Lazy(
        _PKG + ".attachments", "AttachmentManager"
    )
    transfers: _Lazy[_transfers.TransferManager] = _Lazy(_PKG + ".transfers", "TransferManager")
    quotas: _Lazy[_quotas.QuotaSetManager] = _Lazy(_PKG + ".quotas", "QuotaSetManager")
    limits: _Lazy[_limits.LimitsManager] = _Lazy(_PKG + ".limits", "LimitsManager")
    availability_zones: _Lazy[_zones.AvailabilityZoneManager] = _Lazy(
        _PKG + ".availability_zones", "AvailabilityZoneManager"
    )
    services: _Lazy[_services.ServiceManager] = _Lazy(_PKG + ".services", "ServiceManager")
    pools: _Lazy[_pools.PoolManager] = _Lazy(_PKG + ".pools", "PoolManager")
    backups: _Lazy[_backups.BackupManager] = _Lazy(_PKG + ".backups", "BackupManager")
    messages: _Lazy[_messages.MessageManager] = _Lazy(_PKG + ".messages", "MessageManager")

    sdk_resources = {
        "volume": "volumes",
        "snapshot": "snapshots",
        "type": "volume_types",
        "qos_spec": "qos_specs",
        "attachment": "attachments",
        "transfer": "transfers",
        "backup": "backups",
    }

    # -- waiting -------------------------------------------------------------------

    def wait_for_status(
        self,
        resource: _t.Any,
        status: str,
        failures: _t.Iterable[str] | None = None,
        interval: float = waiters.DEFAULT_INTERVAL,
        wait: float | None = None,
        callback: _t.Callable[[waiters.WaitProgress], _t.Any] | None = None,
        *,
        timeout: float | None = waiters.DEFAULT_TIMEOUT,
        attribute: str = "status",
    ) -> _t.Any:
        """Wait until ``resource`` reaches ``status`` (openstacksdk's signature).

        A volume, snapshot or backup of this client fails at once on its
        manager's error statuses (a volume's ``error``, ``error_deleting``,
        ``error_extending`` ..., with Cinder's user message) unless
        ``failures`` is given.
        """
        kwargs: dict[str, _t.Any] = {"interval": interval, "callback": callback,
                                     "timeout": timeout if wait is None else wait,
                                     "attribute": attribute}  # fmt: skip
        if failures is not None:
            kwargs["failures"] = failures
        manager = self._own_manager(resource)
        if manager is not None:
            return manager.wait_for_status(resource, status, **kwargs)
        kwargs.setdefault("failures", ("error",))
        return waiters.wait_for_status(resource, status, **kwargs)

    def wait_for_delete(
        self,
        resource: _t.Any,
        interval: float = waiters.DEFAULT_INTERVAL,
        wait: float | None = None,
        callback: _t.Callable[[waiters.WaitProgress], _t.Any] | None = None,
        *,
        timeout: float | None = waiters.DEFAULT_TIMEOUT,
    ) -> None:
        """Wait until ``resource`` is gone; ``error_deleting`` fails at once."""
        timeout = timeout if wait is None else wait
        manager = self._own_manager(resource)
        if manager is not None:
            manager.wait_for_delete(
                resource, interval=interval, timeout=timeout, callback=callback
            )
        else:
            waiters.wait_for_delete(
                resource, interval=interval, timeout=timeout, callback=callback
            )

    def _own_manager(self, resource: _t.Any) -> _t.Any:
        manager = getattr(resource, "manager", None)
        if getattr(manager, "client", None) is self and hasattr(manager, "wait_for_status"):
            return manager
        return None

    # -- volumes -----------------------------------------------------------------

    def delete_volume(
        self,
        volume: _t.Any,
        ignore_missing: bool = True,
        force: bool = False,
        cascade: bool = False,
    ) -> None:
        """Delete a volume (``cascade``: with its snapshots; ``force``: admin, any status)."""
        self.volumes.delete(volume, ignore_missing=ignore_missing, force=force, cascade=cascade)

    def extend_volume(self, volume: _t.Any, size: int) -> None:
        """Grow a volume to ``size`` GiB."""
        self.volumes.extend(volume, size)

    def retype_volume(
        self, volume: _t.Any, new_type: _t.Any, migration_policy: str = "never"
    ) -> None:
        """Change a volume's type."""
        self.volumes.retype(volume, new_type, migration_policy)

    def set_volume_bootable_status(self, volume: _t.Any, bootable: bool) -> None:
        """Mark a volume bootable or not."""
        self.volumes.set_bootable(volume, bootable)

    def set_volume_readonly(self, volume: _t.Any, readonly: bool = True) -> None:
        """Mark a volume read-only or read-write."""
        self.volumes.set_readonly(volume, readonly)

    def revert_volume_to_snapshot(self, volume: _t.Any, snapshot: _t.Any) -> None:
        """Revert a volume to its newest snapshot (3.40)."""
        self.volumes.revert_to_snapshot(volume, snapshot)

    def reset_volume_status(
        self,
        volume: _t.Any,
        status: str | None = None,
        attach_status: str | None = None,
        migration_status: str | None = None,
    ) -> None:
        """Set a volume's status fields (admin)."""
        self.volumes.reset_status(volume, status, attach_status, migration_status)

    def attach_volume(
        self,
        volume: _t.Any,
        mountpoint: str,
        instance: _t.Any = None,
        host_name: str | None = None,
    ) -> None:
        """Record a legacy attachment of a volume to a server or a host."""
        self.volumes.attach(volume, mountpoint, instance=instance, host_name=host_name)

    def detach_volume(
        self, volume: _t.Any, attachment: _t.Any = None, force: bool = False
    ) -> None:
        """Record a legacy detachment (``force``: an admin's force-detach)."""
        if force:
            self.volumes.force_detach(volume, attachment)
        else:
            self.volumes.detach(volume, attachment)

    def get_volume_metadata(self, volume: _t.Any) -> dict[str, str]:
        """A volume's metadata."""
        return self.volumes.get_metadata(volume)

    def set_volume_metadata(self, volume: _t.Any, **metadata: str) -> dict[str, str]:
        """Add or change metadata keys of a volume; return all of it."""
        return self.volumes.set_metadata(volume, metadata)

    def delete_volume_metadata(self, volume: _t.Any, keys: _t.Iterable[str]) -> None:
        """Remove metadata keys from a volume."""
        self.volumes.delete_metadata(volume, keys)

    def wait_for_volume(
        self, volume: _t.Any, status: str = "available", **kwargs: _t.Any
    ) -> _t.Any:
        """Wait until a volume reaches ``status``; error statuses fail at once."""
        return self.volumes.wait_for_status(volume, status, **kwargs)

    # -- snapshots and backups ------------------------------------------------------

    def get_snapshot_metadata(self, snapshot: _t.Any) -> dict[str, str]:
        """A snapshot's metadata."""
        return self.snapshots.get_metadata(snapshot)

    def set_snapshot_metadata(self, snapshot: _t.Any, **metadata: str) -> dict[str, str]:
        """Add or change metadata keys of a snapshot; return all of it."""
        return self.snapshots.set_metadata(snapshot, metadata)

    def delete_snapshot_metadata(self, snapshot: _t.Any, keys: _t.Iterable[str]) -> None:
        """Remove metadata keys from a snapshot."""
        self.snapshots.delete_metadata(snapshot, keys)

    def reset_snapshot_status(self, snapshot: _t.Any, status: str) -> None:
        """Set a snapshot's status (admin)."""
        self.snapshots.reset_status(snapshot, status)

    def restore_backup(
        self, backup: _t.Any, volume_id: _t.Any = None, name: str | None = None
    ) -> dict[str, _t.Any]:
        """Restore a backup into a volume, or a new one."""
        return self.backups.restore(backup, volume_id, name)

    # -- types -------------------------------------------------------------------

    def update_type_extra_specs(self, volume_type: _t.Any, **specs: str) -> dict[str, str]:
        """Add or change extra specs of a volume type (admin)."""
        return self.volume_types.set_extra_specs(volume_type, specs)

    def delete_type_extra_specs(self, volume_type: _t.Any, keys: _t.Iterable[str]) -> None:
        """Remove extra specs from a volume type (admin)."""
        self.volume_types.delete_extra_specs(volume_type, keys)

    def get_type_access(self, volume_type: _t.Any) -> list[str]:
        """The projects that may use a private volume type (admin)."""
        return self.volume_types.list_access(volume_type)

    def add_type_access(self, volume_type: _t.Any, project_id: _t.Any) -> None:
        """Let a project use a private volume type (admin)."""
        self.volume_types.add_project_access(volume_type, project_id)

    def remove_type_access(self, volume_type: _t.Any, project_id: _t.Any) -> None:
        """Take a private volume type away from a project (admin)."""
        self.volume_types.remove_project_access(volume_type, project_id)

    # -- attachments and transfers -------------------------------------------------

    def create_attachment(
        self,
        volume: _t.Any,
        instance: _t.Any = None,
        connector: _t.Mapping[str, _t.Any] | None = None,
        mode: str | None = None,
    ) -> _t.Any:
        """Attach a volume to a server (reserved without a connector) (3.27)."""
        return self.attachments.create(volume, instance=instance, connector=connector, mode=mode)

    def update_attachment(self, attachment: _t.Any, connector: _t.Mapping[str, _t.Any]) -> _t.Any:
        """Give an attachment its host connector (3.27)."""
        return self.attachments.update(attachment, connector)

    def complete_attachment(self, attachment: _t.Any) -> None:
        """Mark an attachment complete: the volume is ``in-use`` (3.44)."""
        self.attachments.complete(attachment)

    def create_transfer(
        self, volume: _t.Any, name: str | None = None, no_snapshots: bool = False
    ) -> _t.Any:
        """Offer a volume to another project; the answer carries ``auth_key``."""
        return self.transfers.create(volume, name=name, no_snapshots=no_snapshots)

    def accept_transfer(self, transfer: _t.Any, auth_key: str) -> _t.Any:
        """Accept a volume transfer (as the receiving project)."""
        return self.transfers.accept(transfer, auth_key)

    # -- quotas, limits, zones, services, pools -------------------------------------

    def get_quota_set(self, project: _t.Any = None, usage: bool = False) -> _t.Any:
        """A project's quotas (default: the token's), with usage when asked."""
        return self.quotas.get(project, usage=usage)

    def get_quota_set_defaults(self, project: _t.Any = None) -> _t.Any:
        """The default quotas."""
        return self.quotas.defaults(project)

    def update_quota_set(self, project: _t.Any, **quotas: int) -> _t.Any:
        """Change a project's quotas (admin)."""
        return self.quotas.update(project, **quotas)

    def revert_quota_set(self, project: _t.Any) -> None:
        """Reset a project's quotas to the defaults (admin)."""
        self.quotas.delete(project)

    def get_limits(self, project: _t.Any = None) -> _t.Any:
        """The project's absolute limits and usage."""
        return self.limits.get(project)

    def backend_pools(self, **filters: _t.Any) -> list[_t.Any]:
        """The backend storage pools, with capabilities (admin)."""
        return self.pools.list(**filters)

"""What is done to a volume: ``POST /volumes/{id}/action`` calls.

Each method sends one action and returns what Cinder answers (most
answer 202 with no body: the change happens in the volume service, so
wait for the status you need). Admin-only actions say so.
"""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import _ids
from stackclient.block_storage.v3 import _common

__all__: list[str] = []

#: Retype migration policies Cinder accepts.
_MIGRATION_POLICIES = ("never", "on-demand")
#: Attach modes.
_MODES = ("rw", "ro")


class _VolumeActionsMixin(_common._ActionsMixin):
    """Volume actions, mixed into :class:`~stackclient.block_storage.v3.volumes.VolumeManager`."""

    # -- size, type, flags -------------------------------------------------------

    def extend(self, volume: _t.Any, new_size: int) -> None:
        """Grow the volume to ``new_size`` GiB (an attached one from 3.42).

        The status goes ``extending`` then back; ``error_extending`` on failure.
        """
        self._action(volume, "os-extend", {"new_size": int(new_size)})

    def retype(self, volume: _t.Any, new_type: _t.Any, migration_policy: str = "never") -> None:
        """Change the volume type (a name, an id or a type resource).

        ``migration_policy`` ``"on-demand"`` lets Cinder move the data to
        another backend when the new type needs one.
        """
        _common.check_choice(migration_policy, _MIGRATION_POLICIES, "migration_policy")
        body = {"new_type": _ids.check_id(new_type, "new_type")}
        body["migration_policy"] = migration_policy
        self._action(volume, "os-retype", body)

    def set_bootable(self, volume: _t.Any, bootable: bool = True) -> None:
        """Mark the volume bootable (or not)."""
        self._action(volume, "os-set_bootable", {"bootable": bool(bootable)})

    def set_readonly(self, volume: _t.Any, readonly: bool = True) -> None:
        """Mark the volume read-only (or read-write) for later attachments."""
        self._action(volume, "os-update_readonly_flag", {"readonly": bool(readonly)})

    def revert_to_snapshot(self, volume: _t.Any, snapshot: _t.Any) -> None:
        """Revert the volume to its latest snapshot ``snapshot`` (3.40).

        The volume must be ``available`` and the snapshot its newest; the
        status goes ``reverting`` then back to ``available``.
        """
        version = _common.require(self, "3.40", "Reverting a volume to a snapshot")
        body = {"snapshot_id": _ids.check_id(snapshot, "snapshot")}
        self._action(volume, "revert", body, version)

    # -- admin -----------------------------------------------------------------

    def reset_status(
        self,
        volume: _t.Any,
        status: str | None = None,
        attach_status: str | None = None,
        migration_status: str | None = None,
    ) -> None:
        """Set the volume's status fields in the database, nothing else (admin)."""
        body = {
            k: v
            for k, v in (
                ("status", status),
                ("attach_status", attach_status),
                ("migration_status", migration_status),
            )
            if v is not None
        }
        self._action(volume, "os-reset_status", body)

    def force_delete(self, volume: _t.Any) -> None:
        """Delete the volume whatever its status (admin)."""
        self._action(volume, "os-force_delete")

    def force_detach(
        self, volume: _t.Any, attachment: _t.Any = None, connector: _t.Any = None
    ) -> None:
        """Detach by force, cleaning up the export on the backend (admin)."""
        body: dict[str, _t.Any] = {}
        if attachment is not None:
            body["attachment_id"] = _ids.check_id(attachment, "attachment")
        if connector is not None:
            body["connector"] = connector
        self._action(volume, "os-force_detach", body)

    # -- legacy attach calls (before the attachments API of 3.27) -------------------

    def reserve(self, volume: _t.Any) -> None:
        """Mark an ``available`` volume ``attaching``, before :meth:`attach`."""
        self._action(volume, "os-reserve")

    def unreserve(self, volume: _t.Any) -> None:
        """Undo :meth:`reserve`: the volume is ``available`` again."""
        self._action(volume, "os-unreserve")

    def attach(
        self,
        volume: _t.Any,
        mountpoint: str,
        instance: _t.Any = None,
        host_name: str | None = None,
        mode: str | None = None,
    ) -> None:
        """Record that the volume is attached at ``mountpoint`` to a server or a host.

        ``instance`` is a server (or its id) or ``host_name`` a host; the
        volume becomes ``in-use``. ``mode`` is ``"rw"`` or ``"ro"``.
        """
        _common.check_choice(mode, _MODES, "mode")
        body: dict[str, _t.Any] = {"mountpoint": mountpoint}
        if instance is not None:
            body["instance_uuid"] = _ids.check_id(instance, "instance")
        if host_name is not None:
            body["host_name"] = host_name
        if mode is not None:
            body["mode"] = mode
        self._action(volume, "os-attach", body)

    def detach(self, volume: _t.Any, attachment: _t.Any = None) -> None:
        """Record that the volume is detached (``attachment``: which one, when several)."""
        body = None
        if attachment is not None:
            body = {"attachment_id": _ids.check_id(attachment, "attachment")}
        self._action(volume, "os-detach", body)

    def begin_detaching(self, volume: _t.Any) -> None:
        """Mark an ``in-use`` volume ``detaching``."""
        self._action(volume, "os-begin_detaching")

    def roll_detaching(self, volume: _t.Any) -> None:
        """Undo :meth:`begin_detaching`: back to ``in-use``."""
        self._action(volume, "os-roll_detaching")

    def initialize_connection(self, volume: _t.Any, connector: _t.Mapping[str, _t.Any]) -> _t.Any:
        """Export the volume to the host ``connector`` describes; return the connection info.

        ``connector`` is os-brick's description of the host (``ip``,
        ``host``, ``initiator``, ``multipath`` ...).
        """
        body = {"connector": dict(connector)}
        return self._action_body(volume, "os-initialize_connection", body, "connection_info")

    def terminate_connection(self, volume: _t.Any, connector: _t.Mapping[str, _t.Any]) -> None:
        """Remove the export made for ``connector``."""
        self._action(volume, "os-terminate_connection", {"connector": dict(connector)})

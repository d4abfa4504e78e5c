"""Migrations: every migration of the cloud (``/os-migrations``, admins) and those
of one server (``/servers/{id}/migrations``, live migrations in progress).

A migration records a move of a server (cold migration, resize, live
migration, evacuation): ``migration_type``, ``source_compute``,
``dest_compute``, ``status`` (``queued``, ``running``, ``finished``,
``error``, ``failed`` ...), ``instance_uuid``; ``uuid`` (2.59),
``user_id`` and ``project_id`` (2.80).
"""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import exceptions, service
from stackclient.compute.v2 import _base

__all__ = ["Migration", "MigrationManager", "ServerMigrationManager"]


class Migration(service.ServiceResource):
    """One migration (see the module docstring for its fields).

    Example::

        [m.status for m in nova.migrations.list(instance_uuid=server.id)]
    """

    __slots__ = ()
    NAME_ATTR = "migration_type"


class MigrationManager(_base.ComputeManager):
    """``client.migrations.list(**filters)``: ``host``, ``status``, ``instance_uuid``,
    ``migration_type`` (``migration``, ``resize``, ``live-migration``,
    ``evacuation``), ``source_compute``, ``changes_since``, ``changes_before``
    (2.59/2.66), ``user_id``, ``project_id`` (2.80), ``limit``, ``marker``;
    pages (``migrations_links``) are followed. Nova has no call to show one.
    """

    resource_class = Migration
    collection_key = "migrations"
    key = "migration"
    path = "/os-migrations"
    name_filter = None
    verbs = frozenset(("list",))

    def get(self, *args: _t.Any, **kwargs: _t.Any) -> _t.Any:
        """Nova cannot show one migration here: list with filters, or use
        ``server_migrations.get(server, id)`` for a server's live migration."""
        raise exceptions.MethodNotImplemented(
            "Nova has no call to show one migration: use migrations.list(instance_uuid=...) "
            "or server_migrations.get(server, migration_id)"
        )


class ServerMigrationManager(_base.ServerChildManager):
    """``client.server_migrations``: a server's live migrations in progress (2.23):
    ``list(server)``, ``get(server, id)``, ``force_complete(server, id)`` (2.22)
    and ``delete(server, id)`` to abort one (2.24)."""

    resource_class = Migration
    collection_key = "migrations"
    key = "migration"
    child_path = "migrations"
    verbs = frozenset(("list", "get", "delete"))

    def force_complete(self, server: _t.Any, migration: _t.Any) -> None:
        """Make a running live migration finish now (pausing the server briefly)."""
        self._needs("2.22", "force_complete")
        self.client.post(self._item(server, migration) + "/action", json={"force_complete": None})

    def abort(self, server: _t.Any, migration: _t.Any) -> None:
        """Abort a live migration (2.24; queued or preparing ones from 2.65)."""
        self._needs("2.24", "Aborting a live migration")
        self.client.delete(self._item(server, migration))

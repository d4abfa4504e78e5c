"""Quotas (``/os-quota-sets/{project_id}``): limits per project, with usage.

Reading your own project's quotas is allowed to its members; reading
another project's, changing and resetting them is for admins.
"""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import _ids, exceptions, service

if _t.TYPE_CHECKING:  # pragma: no cover
    from stackclient.apiclient.base import Resource

__all__ = ["QuotaSet", "QuotaSetManager"]


class QuotaSet(service.ServiceResource):
    """A project's quotas: ``volumes``, ``snapshots``, ``gigabytes``, ``backups``,
    ``backup_gigabytes``, ``per_volume_gigabytes``, ``groups``, and per
    volume type (``volumes_<type>`` ...). ``id`` is the project id.

    With ``usage=True`` each value is a dict: ``limit``, ``in_use``,
    ``reserved``, ``allocated``; -1 means unlimited.

    Example::

        quotas = cinder.quotas.get(project_id, usage=True)
        quotas.volumes["limit"], quotas.volumes["in_use"]
    """

    NAME_ATTR = "id"


class QuotaSetManager(service.ServiceManager):
    """Get, change and reset a project's block storage quotas.

    Example::

        cinder.quotas.update(project_id, volumes=20, gigabytes=2000)
        cinder.quotas.defaults(project_id).volumes
        cinder.quotas.delete(project_id)        # back to the defaults
    """

    resource_class = QuotaSet
    collection_key = "quota_sets"
    key = "quota_set"
    path = "/os-quota-sets"
    name_filter = None

    def _project(self, project: _t.Any) -> _t.Any:
        if project is not None:
            return project
        return _ids.check_id(self.client.adapter.get_project_id(), "project")

    def get(self, project: _t.Any = None, usage: bool = False) -> Resource:  # type: ignore[override]
        """The quotas of ``project`` (default: the token's), with usage when asked."""
        url = self._member_path(self._project(project), "project")
        url += self._query({"usage": True if usage else None})
        return self._resource(self.client.get(url), url)

    def defaults(self, project: _t.Any = None) -> Resource:
        """The default quotas (what a project gets unless changed)."""
        url = self._member_path(self._project(project), "project") + "/defaults"
        return self._resource(self.client.get(url), url)

    def update(self, project: _t.Any, **quotas: int) -> Resource:  # type: ignore[override]
        """Set quotas of ``project`` (admin): ``volumes=20, gigabytes=2000`` ...

        Cinder refuses a limit below what is in use (400 with its message).
        """
        url = self._member_path(project, "project")
        return self._resource(self.client.put(url, json={"quota_set": dict(quotas)}), url)

    def delete(self, project: _t.Any, ignore_missing: bool = False) -> None:  # type: ignore[override]
        """Reset ``project``'s quotas to the defaults (admin)."""
        super().delete(_ids.check_id(project, "project"), ignore_missing=ignore_missing)

    def iterate(self, **filters: _t.Any) -> _t.NoReturn:
        """Quotas are read per project: use :meth:`get`."""
        raise exceptions.MethodNotImplemented(
            "Quotas are read per project: use quotas.get(project)"
        )

    def _noun(self) -> str:
        return "quota set"

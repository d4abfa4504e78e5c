"""Quotas: ``/v2.0/quotas[/<project_id>[/default|/details]]``."""

from __future__ import annotations

import typing as _t

from stackclient import _jsonutils
from stackclient.apiclient import _ids, _responses, service
from stackclient.network.v2_0 import _base

__all__ = ["Quota", "QuotaManager"]


class Quota(service.ServiceResource):
    """The limits of one project: ``network``, ``subnet``, ``port``, ``router``,
    ``floatingip``, ``security_group``, ``security_group_rule``, ``subnetpool``
    ... (``-1`` is unlimited), and ``project_id``.

    From ``get(project, details=True)`` each limit is a dict of ``limit``,
    ``used`` and ``reserved``.

    Example::

        neutron.quotas.update(project_id, network=20, port=200)
        neutron.quotas.get(project_id).network     # 20
        neutron.quotas.defaults(project_id).network
        neutron.quotas.delete(project_id)          # back to the defaults
    """

    __slots__ = ()
    NAME_ATTR = None

    @property
    def id(self) -> str | None:
        """The project the quota is for."""
        return self.__dict__.get("project_id")


class QuotaManager(_base.NeutronManager):
    """Show, update, reset (``delete``) and list project quotas; read the defaults."""

    resource_class = Quota
    collection_key = "quotas"
    key = "quota"
    name_filter = None
    uuid_ids = False
    verbs = frozenset(("list", "get", "update", "delete"))

    def get(self, project: _t.Any, details: bool = False, **params: _t.Any) -> Quota:
        """The quota of ``project`` (an id or a resource); with ``details``, usage too."""
        return self._read(project, "details" if details else None)

    def defaults(self, project: _t.Any) -> Quota:
        """The default quota that applies to ``project`` where none was set."""
        return self._read(project, "default")

    def update(self, project: _t.Any, **limits: _t.Any) -> Quota:
        """Set the limits given (``network=20``) for ``project``; return its quota."""
        quota = _t.cast(Quota, super().update(project, **limits))
        if "project_id" not in quota.__dict__:
            quota.project_id = _ids.check_id(project, "project")
        return quota

    def _read(self, project: _t.Any, tail: str | None) -> Quota:
        self._require("get")
        project_id = _ids.check_id(project, "project")
        url = self._member_path(project_id) + ("/" + tail if tail else "")
        resp = self.client.get(url)
        info = _responses.one_object(_jsonutils.response_json(resp), self.key, resp, url)
        info.setdefault("project_id", project_id)
        return Quota(self, info, True)

"""Limits (``/limits``): the project's absolute limits and what it uses."""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import service
from stackclient.block_storage.v3 import _common

if _t.TYPE_CHECKING:  # pragma: no cover
    from stackclient.apiclient.base import Resource

__all__ = ["Limits", "LimitsManager"]


class Limits(service.ServiceResource):
    """``absolute`` (a dict: ``maxTotalVolumes``, ``totalVolumesUsed``,
    ``maxTotalVolumeGigabytes`` ...) and ``rate`` (a list, usually empty).

    Example::

        limits = cinder.limits.get()
        limits.absolute["maxTotalVolumes"] - limits.absolute["totalVolumesUsed"]
    """

    NAME_ATTR = "absolute"


class LimitsManager(service.ServiceManager):
    """``cinder.limits.get()``."""

    resource_class = Limits
    collection_key = "limits"
    key = "limits"
    name_filter = None

    def get(self, project: _t.Any = None) -> Resource:  # type: ignore[override]
        """The limits of the token's project, or of ``project`` (admin, 3.39)."""
        version = None
        params: dict[str, _t.Any] = {}
        if project is not None:
            version = _common.require(self, "3.39", "Limits of another project")
            params["project_id"] = project
        url = self._collection_path() + self._query(params)
        return self._resource(self.client.get(url, microversion=version), url)

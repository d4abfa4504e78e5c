"""Identity v3 regions: ``/v3/regions``, optionally nested by ``parent_region_id``.

A region's id is chosen by the caller (or by the server when not given).

Example::

    keystone.regions.create(id="RegionTwo", description="second site")
    keystone.regions.create(id="RegionTwo-a", parent_region="RegionTwo")
"""

from __future__ import annotations

import typing as _t
import warnings

from stackclient.apiclient import base

if _t.TYPE_CHECKING:  # pragma: no cover
    import requests

__all__ = ["Region", "RegionManager"]


class Region(base.Resource):
    """A catalog region: ``id``, ``description``, ``parent_region_id``."""

    NAME_ATTR = "description"


class RegionManager(base.CrudManager):
    """Create, read, update, list and delete regions.

    ``enabled`` is deprecated (Keystone stores it as an extra attribute and
    ignores it); passing it explicitly warns, as keystoneclient does.
    """

    resource_class = Region
    collection_key = "regions"
    key = "region"

    def create(
        self,
        id: str | None = None,
        description: str | None = None,
        enabled: bool | None = None,
        parent_region: _t.Any = None,
        **kwargs: _t.Any,
    ) -> Region:
        """Create a region, with the given ``id`` or one the server picks.

        As keystoneclient does, the body carries ``enabled`` (true unless
        given).
        """
        _warn_enabled(enabled)
        return super().create(
            id=id,
            description=description,
            enabled=True if enabled is None else enabled,
            parent_region_id=base.getid(parent_region),
            **kwargs,
        )

    def get(self, region: _t.Any) -> Region:
        """Return one region (by id or :class:`Region`)."""
        return super().get(region_id=base.getid(region))

    def list(self, **kwargs: _t.Any) -> list[Region]:
        """Return the regions matching the filters (``parent_region_id``, ...)."""
        return super().list(**kwargs)

    def update(
        self,
        region: _t.Any,
        description: str | None = None,
        enabled: bool | None = None,
        parent_region: _t.Any = None,
        **kwargs: _t.Any,
    ) -> Region:
        """Change the given attributes of a region (None means unchanged)."""
        _warn_enabled(enabled)
        return super().update(
            region_id=base.getid(region),
            description=description,
            enabled=enabled,
            parent_region_id=base.getid(parent_region),
            **kwargs,
        )

    def delete(self, region: _t.Any) -> requests.Response:
        """Delete a region and its child regions.

        Keystone refuses (Forbidden) when any of them still has endpoints.
        """
        return super().delete(region_id=base.getid(region))


def _warn_enabled(enabled: bool | None) -> None:
    if enabled is not None:
        warnings.warn(
            "The 'enabled' argument of regions is deprecated and ignored by Keystone",
            DeprecationWarning,
            stacklevel=3,
        )

"""API extensions the server has: ``/v2.0/extensions`` (read only)."""

from __future__ import annotations

from stackclient.apiclient import service
from stackclient.network.v2_0 import _base

__all__ = ["Extension", "ExtensionManager"]


class Extension(service.ServiceResource):
    """An extension: ``alias`` (also ``id``), ``name``, ``description``, ``updated``.

    Example::

        neutron.extensions.get("router").name             # 'Neutron L3 Router'
        "tag-ext" in {e.alias for e in neutron.extensions()}
    """

    __slots__ = ()

    @property
    def id(self) -> str | None:
        """The extension's alias, which is how the API names it."""
        return self.__dict__.get("alias")


class ExtensionManager(_base.NeutronManager):
    """``list()`` and ``get(alias)``; ``find`` takes an alias or a name."""

    resource_class = Extension
    collection_key = "extensions"
    key = "extension"
    name_filter = None
    uuid_ids = False
    verbs = frozenset(("list", "get"))

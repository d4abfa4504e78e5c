"""What a Glance deployment offers: import methods and stores (``/v2/info/...``)."""

from __future__ import annotations

import typing as _t

from stackclient import _jsonutils
from stackclient.apiclient import _responses, service

if _t.TYPE_CHECKING:  # pragma: no cover
    from stackclient.apiclient.base import Resource

__all__ = ["InfoManager", "Store"]


class Store(service.ServiceResource):
    """A backend store images can live in: ``id``, ``description``, ``default``.

    Example::

        [s.id for s in glance.info.stores()]   # ['fs1', 'fs2']
    """

    @property
    def is_default(self) -> bool:
        """Whether new image data goes to this store unless told otherwise."""
        return bool(self.__dict__.get("default", False))


class InfoManager(service.ServiceManager):
    """Discovery of the deployment's import methods and stores.

    Example::

        glance.info.import_methods()   # ['glance-direct', 'web-download', 'copy-image']
        glance.info.stores()
    """

    resource_class = Store
    collection_key = "stores"
    path = "/info/stores"

    def import_methods(self) -> list[str]:
        """The import methods this Glance accepts (``GET /v2/info/import``)."""
        url = "/info/import"
        resp = self.client.get(url)
        methods = _responses.one_object(
            _jsonutils.response_json(resp), "import-methods", resp, url
        )
        values = _responses.value(methods, "value", resp, url)
        return [str(v) for v in values] if isinstance(values, list) else []

    def stores(self) -> list[Resource]:
        """The stores image data can go to (``GET /v2/info/stores``; multi-store only)."""
        url = self._collection_path()
        resp = self.client.get(url)
        items = _responses.collection(_jsonutils.response_json(resp), "stores", resp, url)
        return [Store(self, item, True) for item in items if isinstance(item, dict)]

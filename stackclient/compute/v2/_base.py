"""What the Compute v2.1 managers share.

* :class:`ComputeManager`: a Nova collection (PUT updates), with checks of
  the negotiated microversion before sending a call that needs a newer one
  (:meth:`ComputeManager._needs`), so that a client pinned to an old
  version fails with a message naming both versions instead of a 400 or a
  404 from the server.
* :class:`ServerChildManager`: a collection under one server
  (``/servers/{id}/os-interface``, ``.../os-volume_attachments`` ...):
  every verb takes the server first.
* :func:`query_time` and :func:`nova_filters`: list filters spelled the way
  Nova reads them (``changes_since`` -> ``changes-since``, datetimes in
  ISO 8601, tag lists comma-joined).
"""

from __future__ import annotations

import datetime
import typing as _t

from stackclient import _jsonutils, discover
from stackclient.apiclient import _ids, _responses, exceptions, service

if _t.TYPE_CHECKING:  # pragma: no cover
    import requests

    from stackclient.apiclient.base import Resource

__all__ = ["ComputeManager", "ServerChildManager", "nova_filters", "query_time"]

#: Python-friendly filter names -> the names Nova reads.
_FILTER_NAMES = {
    "changes_since": "changes-since",
    "changes_before": "changes-before",
    "tags_any": "tags-any",
    "not_tags": "not-tags",
    "not_tags_any": "not-tags-any",
    "all_projects": "all_tenants",
    "min_disk": "minDisk",
    "min_ram": "minRam",
}

#: Filters whose lists Nova reads comma-joined rather than repeated.
_COMMA_JOINED = frozenset(("tags", "tags-any", "not-tags", "not-tags-any"))


def query_time(value: _t.Any) -> _t.Any:
    """A datetime (or date) as Nova reads it in a query; anything else unchanged.

    Aware datetimes are sent in UTC with ``Z``; naive ones are taken as UTC.
    """
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
        return value.isoformat() + "Z"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def nova_filters(filters: _t.Mapping[str, _t.Any]) -> dict[str, _t.Any]:
    """List filters renamed and shaped for Nova (see the module docstring)."""
    out: dict[str, _t.Any] = {}
    for key, value in filters.items():
        name = _FILTER_NAMES.get(key, key)
        if name in _COMMA_JOINED and isinstance(value, (list, tuple, set, frozenset)):
            value = ",".join(str(v) for v in value)
        elif isinstance(value, (list, tuple)):
            value = [query_time(v) for v in value]
        else:
            value = query_time(value)
        out[name] = value
    return out


class ComputeManager(service.ServiceManager):
    """A Nova collection: PUT updates, filters spelled for Nova, microversion checks."""

    update_method = "PUT"

    def _query(self, filters: _t.Mapping[str, _t.Any]) -> str:
        return super()._query(nova_filters(filters))

    # -- microversions -----------------------------------------------------------

    def _version(self) -> discover.Microversion | None:
        """The microversion this client sends (negotiated on first use)."""
        text = self.client.microversion
        return discover.Microversion.parse(text) if text else None

    def _at_least(self, version: str) -> bool:
        """Whether the negotiated microversion is ``version`` or newer."""
        mine = self._version()
        return mine is None or mine >= discover.Microversion.parse(version)

    def _needs(self, version: str, feature: str) -> None:
        """Refuse, before sending, a call that needs microversion ``version`` or newer."""
        if not self._at_least(version):
            raise exceptions.UnsupportedVersion(
                "%s needs compute microversion %s or newer; this client sends %s. Build "
                "the client with api_version=%r (or newer, or 'latest')"
                % (feature, version, self.client.microversion, version)
            )

    # -- answers ---------------------------------------------------------------

    def _decoded(self, resp: requests.Response) -> _t.Any:
        """The decoded JSON body, or None for an empty answer (202, 204)."""
        if not resp.content:
            return None
        return _jsonutils.response_json(resp)

    def _value(self, resp: requests.Response, url: str, key: str) -> _t.Any:
        """``body[key]`` of the answer; InvalidResponse when it is not there."""
        return _responses.value(_jsonutils.response_json(resp), key, resp, url)

    def _object(
        self, resp: requests.Response, url: str, key: str | None = None
    ) -> dict[str, _t.Any]:
        """The JSON object at ``body[key]`` (the body itself for None); InvalidResponse otherwise."""
        return _responses.one_object(_jsonutils.response_json(resp), key, resp, url)

    def _items(self, resp: requests.Response, url: str, key: str) -> list[_t.Any]:
        """The JSON list at ``body[key]``; InvalidResponse otherwise."""
        return _responses.collection(_jsonutils.response_json(resp), key, resp, url)

    def _from_body(
        self, resp: requests.Response, url: str, key: str | None, cls: type[Resource] | None = None
    ) -> Resource:
        """The object at ``body[key]`` as a resource of ``cls`` (default: this manager's)."""
        info = _responses.one_object(_jsonutils.response_json(resp), key, resp, url)
        return self._stamp(resp, [(cls or self._resource_class())(self, info, True)])[0]


class ServerChildManager(ComputeManager):
    """A collection under one server: ``/servers/{server}/<child_path>[/<item>]``.

    Every verb takes the server (a resource or an id) first:
    ``client.server_interfaces.list(server)``,
    ``client.volume_attachments.get(server, volume_id)``.
    """

    #: The path under the server (``os-interface``).
    child_path: str = ""
    name_filter = None

    def _base(self, server: _t.Any) -> str:
        return "/servers/%s/%s" % (_ids.path_segment(server, "server"), self.child_path)

    def _item(self, server: _t.Any, item: _t.Any) -> str:
        return "%s/%s" % (self._base(server), _ids.path_segment(item, self.key or "id"))

    def __call__(self, server: _t.Any, **filters: _t.Any) -> _t.Iterator[Resource]:  # type: ignore[override]
        """Same as :meth:`iterate`: ``client.server_interfaces(server)``."""
        return self.iterate(server, **filters)

    def iterate(self, server: _t.Any, **filters: _t.Any) -> _t.Iterator[Resource]:  # type: ignore[override]
        """Yield the items under ``server``, following pages where Nova has them."""
        return self._iterate(self._base(server) + self._query(filters), self.collection_key)

    def list(self, server: _t.Any, **filters: _t.Any) -> list[Resource]:  # type: ignore[override]
        """Return the items under ``server``."""
        return list(self.iterate(server, **filters))

    def get(self, server: _t.Any, item: _t.Any) -> Resource:  # type: ignore[override]
        """Return one item under ``server`` (by its id, or a resource)."""
        url = self._item(server, item)
        return self._resource(self.client.get(url), url)

    def delete(  # type: ignore[override]
        self, server: _t.Any, item: _t.Any, ignore_missing: bool = False
    ) -> None:
        """Remove one item from ``server``; a missing one raises NotFound unless ``ignore_missing``."""
        url = self._item(server, item)
        try:
            self.client.delete(url)
        except exceptions.NotFound:
            if not ignore_missing:
                raise

    def find(self, *args: _t.Any, **kwargs: _t.Any) -> Resource | None:
        """Items under a server have no names: use :meth:`get` with the server and the id."""
        raise exceptions.MethodNotImplemented(
            "%s are looked up by id under their server: use get(server, id)"
            % self.collection_key.replace("_", " ")
        )

"""Server metadata: ``/servers/{id}/metadata[/{key}]`` (string keys and values).

Verbs of :class:`~stackclient.compute.v2.servers.ServerManager`:

===================================  ================================  ===================
call                                 request                           answer
===================================  ================================  ===================
``get_metadata(s)``                  ``GET .../metadata``              every item
``set_metadata(s, {k: v})`` (merge)  ``POST .../metadata``             every item after
``replace_metadata(s, {k: v})``      ``PUT .../metadata``              every item after
``get_metadata_item(s, k)``          ``GET .../metadata/k``            the value
``set_metadata_item(s, k, v)``       ``PUT .../metadata/k``            None
``delete_metadata(s, [k, ...])``     ``DELETE .../metadata/k`` each    None
===================================  ================================  ===================

Nova limits how many items a server has (quota ``metadata_items``; over it:
``Forbidden`` with the numbers) and keys and values to 255 characters.
"""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import _ids, exceptions

if _t.TYPE_CHECKING:  # pragma: no cover
    import requests

__all__ = ["ServerMetadataMixin"]


class ServerMetadataMixin:
    """Metadata verbs for :class:`~stackclient.compute.v2.servers.ServerManager`."""

    if _t.TYPE_CHECKING:  # pragma: no cover - provided by the manager
        client: _t.Any

        def _member_path(self, resource: _t.Any, argument: str | None = None) -> str: ...
        def _object(
            self, resp: requests.Response, url: str, key: str | None = None
        ) -> dict[str, _t.Any]: ...

    def _metadata_url(self, server: _t.Any, key: _t.Any = None) -> str:
        url = self._member_path(server, "server") + "/metadata"
        return url if key is None else url + "/" + _ids.path_segment(key, "key")

    def get_metadata(self, server: _t.Any) -> dict[str, str]:
        """Every metadata item of ``server``."""
        url = self._metadata_url(server)
        return self._object(self.client.get(url), url, "metadata")

    def set_metadata(self, server: _t.Any, metadata: _t.Mapping[str, str]) -> dict[str, str]:
        """Add or change the items given, keep the others; return every item."""
        url = self._metadata_url(server)
        resp = self.client.post(url, json={"metadata": _strings(metadata)})
        return self._object(resp, url, "metadata")

    def replace_metadata(self, server: _t.Any, metadata: _t.Mapping[str, str]) -> dict[str, str]:
        """Make the items given the only ones; return them."""
        url = self._metadata_url(server)
        resp = self.client.put(url, json={"metadata": _strings(metadata)})
        return self._object(resp, url, "metadata")

    def get_metadata_item(self, server: _t.Any, key: str) -> str:
        """The value of item ``key``; NotFound when the server has no such item."""
        url = self._metadata_url(server, key)
        meta = self._object(self.client.get(url), url, "meta")
        return str(meta.get(key, ""))

    def set_metadata_item(self, server: _t.Any, key: str, value: str) -> None:
        """Set item ``key`` to ``value``."""
        url = self._metadata_url(server, key)
        self.client.put(url, json={"meta": _strings({key: value})})

    def delete_metadata(
        self, server: _t.Any, keys: _t.Iterable[str], ignore_missing: bool = False
    ) -> None:
        """Remove the items ``keys`` (one request each)."""
        if isinstance(keys, str):
            keys = [keys]
        for key in keys:
            try:
                self.client.delete(self._metadata_url(server, key))
            except exceptions.NotFound:
                if not ignore_missing:
                    raise


def _strings(metadata: _t.Mapping[str, _t.Any]) -> dict[str, str]:
    """Metadata with string keys and values, as Nova requires; refuse anything else."""
    if not isinstance(metadata, _t.Mapping):
        raise exceptions.ValidationError(
            "metadata must be a mapping of strings to strings, not %s" % type(metadata).__name__
        )
    bad = [k for k, v in metadata.items() if not isinstance(k, str) or not isinstance(v, str)]
    if bad:
        raise exceptions.ValidationError(
            "Server metadata keys and values must be strings; check %s"
            % ", ".join(repr(k) for k in bad[:5])
        )
    return dict(metadata)

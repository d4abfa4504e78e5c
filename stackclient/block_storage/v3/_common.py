"""What the Block Storage managers share: actions, metadata, list filters.

Cinder changes a resource with ``POST <resource>/action`` and a body
naming the action (``{"os-extend": {"new_size": 2}}``); volumes and
snapshots keep key/value metadata under ``<resource>/metadata``; list
filters spell "every project" ``all_tenants`` and take metadata as a
dict literal.
"""

from __future__ import annotations

import typing as _t

from stackclient import _jsonutils
from stackclient.apiclient import _ids, _responses, exceptions

if _t.TYPE_CHECKING:  # pragma: no cover
    import requests

__all__ = ["answer", "check_choice", "list_filters", "require"]


class _ActionsMixin:
    """``_action(resource, name, body)``: one ``POST <member>/action``."""

    if _t.TYPE_CHECKING:  # pragma: no cover - given by ServiceManager
        client: _t.Any

        def _member_path(self, resource: _t.Any, argument: str | None = None) -> str: ...

    def _action(
        self,
        resource: _t.Any,
        name: str,
        body: _t.Any = None,
        microversion: str | None = None,
    ) -> requests.Response:
        url = self._member_path(resource) + "/action"
        return self.client.post(url, json={name: body}, microversion=microversion)

    def _action_body(
        self, resource: _t.Any, name: str, body: _t.Any, key: str, microversion: str | None = None
    ) -> _t.Any:
        """Send an action and return ``answer[key]`` of its JSON answer."""
        return answer(self._action(resource, name, body, microversion), key)


class _MetadataMixin:
    """Key/value metadata of a volume or a snapshot (``<member>/metadata``)."""

    if _t.TYPE_CHECKING:  # pragma: no cover - given by ServiceManager
        client: _t.Any

        def _member_path(self, resource: _t.Any, argument: str | None = None) -> str: ...

    def _metadata_url(self, resource: _t.Any) -> str:
        return self._member_path(resource) + "/metadata"

    def _metadata_answer(self, resp: requests.Response, url: str) -> dict[str, str]:
        body = _jsonutils.response_json(resp)
        return _responses.one_object(body, "metadata", resp, url)

    def get_metadata(self, resource: _t.Any) -> dict[str, str]:
        """Return the metadata of ``resource`` as a dict."""
        url = self._metadata_url(resource)
        return self._metadata_answer(self.client.get(url), url)

    def set_metadata(self, resource: _t.Any, metadata: _t.Mapping[str, str]) -> dict[str, str]:
        """Add or change the keys of ``metadata`` (others stay); return all the metadata."""
        url = self._metadata_url(resource)
        resp = self.client.post(url, json={"metadata": dict(metadata)})
        return self._metadata_answer(resp, url)

    def replace_metadata(self, resource: _t.Any, metadata: _t.Mapping[str, str]) -> dict[str, str]:
        """Make ``metadata`` the whole metadata (keys not in it are removed); return it."""
        url = self._metadata_url(resource)
        resp = self.client.put(url, json={"metadata": dict(metadata)})
        return self._metadata_answer(resp, url)

    def delete_metadata(self, resource: _t.Any, keys: _t.Iterable[str]) -> None:
        """Remove each of ``keys`` (one request each); NotFound for a key that is not set."""
        if isinstance(keys, str):
            keys = [keys]
        for key in keys:
            self.client.delete(
                "%s/%s" % (self._metadata_url(resource), _ids.path_segment(key, "key"))
            )


def answer(resp: requests.Response, key: str) -> _t.Any:
    """``body[key]`` of a JSON answer; InvalidResponse naming the request otherwise."""
    return _responses.value(_jsonutils.response_json(resp), key, resp, resp.url or "")


def list_filters(filters: dict[str, _t.Any]) -> dict[str, _t.Any]:
    """Cinder's spelling of list filters.

    ``all_projects=True`` becomes ``all_tenants=1``; a ``metadata`` (or
    ``glance_metadata``) dict becomes the dict literal Cinder parses;
    ``sort_key``/``sort_dir`` and ``sort`` (``"name:asc,size:desc"``) pass
    through, as do ``limit``, ``marker`` and every other filter.
    """
    query = dict(filters)
    if query.pop("all_projects", None):
        query["all_tenants"] = 1
    for key in ("metadata", "glance_metadata"):
        value = query.get(key)
        if isinstance(value, _t.Mapping):
            query[key] = repr({str(k): str(v) for k, v in sorted(value.items())})
    return query


def require(manager: _t.Any, minimum: str, feature: str) -> str:
    """The microversion to send for a call that exists from ``minimum`` on."""
    return str(manager.client.require_microversion(minimum, feature))


def check_choice(value: _t.Any, choices: _t.Iterable[str], argument: str) -> None:
    """Refuse ``value`` unless it is one of ``choices`` (None passes)."""
    allowed = tuple(choices)
    if value is not None and value not in allowed:
        raise exceptions.ValidationError(
            "%s must be one of %s, not %r" % (argument, ", ".join(allowed), value)
        )

"""Quota sets: ``/os-quota-sets/{project_id}`` -- a project's (or a user's) compute quotas.

Keys: ``instances``, ``cores``, ``ram`` (MiB), ``metadata_items``,
``key_pairs``, ``server_groups``, ``server_group_members``,
``injected_files*`` (until 2.57) and the network ones (until 2.36); -1 is
unlimited. Reading another project's quotas and changing any are admin
calls; Nova checks project ids with the identity service (an unknown one
is a ``BadRequest``).
"""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import _ids, exceptions, service
from stackclient.compute.v2 import _base

__all__ = ["QuotaSet", "QuotaSetManager"]


class QuotaSet(service.ServiceResource):
    """One project's quotas: ``id`` (the project) and one field per quota. From
    :meth:`QuotaSetManager.get` with ``detail=True`` each quota is a dict of
    ``limit``, ``in_use`` and ``reserved``.

    Example::

        quota = nova.quota_sets.get(project_id, detail=True)
        quota.instances["limit"] - quota.instances["in_use"]
    """

    __slots__ = ()
    NAME_ATTR = "id"


class QuotaSetManager(_base.ComputeManager):
    """``client.quota_sets``: get (``detail=``, ``user_id=``), defaults, update, delete
    (back to the defaults)."""

    resource_class = QuotaSet
    collection_key = "quota_sets"
    key = "quota_set"
    path = "/os-quota-sets"
    name_filter = None
    verbs = frozenset(("get", "update", "delete"))

    def _url(self, project: _t.Any, tail: str = "", user_id: str | None = None) -> str:
        url = "%s/%s%s" % (self.path, _ids.path_segment(project, "project"), tail)
        return url + self._query({"user_id": user_id})

    def get(  # type: ignore[override]
        self, project: _t.Any, detail: bool = False, user_id: str | None = None
    ) -> QuotaSet:
        """The quotas of ``project`` (of one of its users with ``user_id``); with
        ``detail`` each is ``{"limit", "in_use", "reserved"}``."""
        url = self._url(project, "/detail" if detail else "", user_id)
        return _t.cast(QuotaSet, self._from_body(self.client.get(url), url, self.key))

    def defaults(self, project: _t.Any) -> QuotaSet:
        """The quotas a project gets when none were set for it."""
        url = self._url(project, "/defaults")
        return _t.cast(QuotaSet, self._from_body(self.client.get(url), url, self.key))

    def update(  # type: ignore[override]
        self, project: _t.Any, user_id: str | None = None, force: bool | None = None,
        **quotas: int,
    ) -> QuotaSet:  # fmt: skip
        """Set quotas of ``project`` (admins); ``force`` sets them even below what is in use."""
        if not quotas:
            raise exceptions.ValidationError("Give at least one quota, e.g. instances=20")
        body: dict[str, _t.Any] = dict(quotas)
        if force is not None:
            body["force"] = force
        url = self._url(project, "", user_id)
        resp = self.client.put(url, json={self.key: body})
        return _t.cast(QuotaSet, self._from_body(resp, url, self.key))

    def delete(  # type: ignore[override]
        self, project: _t.Any, user_id: str | None = None, ignore_missing: bool = False
    ) -> None:
        """Forget the quotas set for ``project`` (or its user): the defaults apply again."""
        try:
            self.client.delete(self._url(project, "", user_id))
        except exceptions.NotFound:
            if not ignore_missing:
                raise

    def list(self, *args: _t.Any, **kwargs: _t.Any) -> _t.Any:  # type: ignore[override]
        """Nova lists no quota sets: get them one project at a time."""
        raise exceptions.MethodNotImplemented("Nova lists no quota sets: use get(project)")

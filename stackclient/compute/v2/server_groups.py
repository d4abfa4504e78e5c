"""Server groups: ``/os-server-groups`` -- servers placed together or apart.

A server joins a group at boot, through the scheduler hint
``{"group": group}``. The policy is ``affinity``, ``anti-affinity``,
``soft-affinity`` or ``soft-anti-affinity`` (2.15); ``rules``
(``max_server_per_host``) come with 2.64, which also turns ``policies``
(a list) into ``policy`` (one).
"""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import service
from stackclient.compute.v2 import _base

__all__ = ["ServerGroup", "ServerGroupManager"]


class ServerGroup(service.ServiceResource):
    """A server group: ``id``, ``name``, ``members`` (server ids), ``policies`` (before
    2.64) or ``policy`` and ``rules`` (2.64), ``metadata`` (before 2.64),
    ``project_id`` and ``user_id`` (2.13).

    Example::

        group = nova.server_groups.create("db", "anti-affinity")
        nova.servers.create("db-1", image, flavor, networks=[net],
                            scheduler_hints={"group": group})
    """

    __slots__ = ()

    @property
    def policy(self) -> str | None:
        """The group's policy, whichever microversion it came in (``policy`` or ``policies``)."""
        policy = self.__dict__.get("policy")
        if policy:
            return str(policy)
        policies = self.__dict__.get("policies") or []
        return str(policies[0]) if policies else None


class ServerGroupManager(_base.ComputeManager):
    """``client.server_groups``: list (``all_projects``, ``limit``, ``offset``), get,
    find, create, delete. Nova cannot update a group."""

    resource_class = ServerGroup
    collection_key = "server_groups"
    key = "server_group"
    path = "/os-server-groups"
    name_filter = None
    verbs = frozenset(("list", "get", "create", "delete"))
    uuid_ids = True

    def create(  # type: ignore[override]
        self, name: str, policy: str, rules: _t.Mapping[str, _t.Any] | None = None
    ) -> ServerGroup:
        """Create a group with ``policy`` (and ``rules`` from 2.64, e.g.
        ``{"max_server_per_host": 2}`` for ``anti-affinity``)."""
        body: dict[str, _t.Any] = {"name": name}
        if self._at_least("2.64"):
            body["policy"] = policy
            if rules:
                body["rules"] = dict(rules)
        else:
            if rules:
                self._needs("2.64", "Server group rules")
            body["policies"] = [policy]
        url = self._collection_path()
        resp = self.client.post(url, json={self.key: body})
        return _t.cast(ServerGroup, self._from_body(resp, url, self.key))

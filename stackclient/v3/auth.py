"""What the current token can reach: ``/auth/projects``, ``/auth/domains``,
``/auth/system`` and ``/auth/catalog``.

The answers depend only on the token the client authenticates with, which
makes them the way to discover what a user can rescope to::

    for project in keystone.auth.projects():
        print(project.id, project.name)
    keystone.auth.systems()      # [<System all=True>] for a system admin
    keystone.auth.catalog()      # services with their endpoints

When the token's catalog has no identity endpoint, each call retries once
against the auth URL (``endpoint_filter={'interface': 'auth'}``), as
keystoneclient did.
"""

from __future__ import annotations

from stackclient.apiclient import base, exceptions
from stackclient.v3 import domains, projects, services

__all__ = ["AuthManager", "Domain", "Project", "Service", "System"]

Domain = domains.Domain
Project = projects.Project
Service = services.Service


class System(base.Resource):
    """The deployment system a token can be scoped to: ``all`` (True)."""


class AuthManager(base.BaseManager):
    """List what the client's own token can be rescoped to, and its catalog."""

    _PROJECTS_URL = "/auth/projects"
    _DOMAINS_URL = "/auth/domains"
    _SYSTEM_URL = "/auth/system"
    _CATALOG_URL = "/auth/catalog"

    def _list_for_token(
        self, url: str, response_key: str, obj_class: type[base.Resource]
    ) -> list[base.Resource]:
        try:
            return self._list(url, response_key, obj_class=obj_class)
        except exceptions.EndpointNotFound:
            return self._list(
                url, response_key, obj_class=obj_class, endpoint_filter={"interface": "auth"}
            )

    def projects(self) -> list[base.Resource]:
        """List the projects the token can be rescoped to (:class:`Project` objects)."""
        return self._list_for_token(self._PROJECTS_URL, "projects", Project)

    def domains(self) -> list[base.Resource]:
        """List the domains the token can be rescoped to (:class:`Domain` objects)."""
        return self._list_for_token(self._DOMAINS_URL, "domains", Domain)

    def systems(self) -> list[base.Resource]:
        """List the systems the token can be rescoped to: empty, or ``[System(all=True)]``."""
        return self._list_for_token(self._SYSTEM_URL, "system", System)

    def catalog(self) -> list[base.Resource]:
        """Return the token's service catalog as :class:`Service` objects.

        Each has ``id``, ``type``, ``name`` and ``endpoints`` (a list of
        dicts with ``id``, ``interface``, ``region_id``, ``url``). Works for
        any token, including one validated without its catalog.
        """
        return self._list_for_token(self._CATALOG_URL, "catalog", Service)

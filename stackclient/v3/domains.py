"""Identity v3 domains: ``/v3/domains``.

Example::

    domain = keystone.domains.create("acme", description="ACME Inc.")
    keystone.domains.update(domain, enabled=False)  # required before delete
    keystone.domains.delete(domain)
"""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import base

if _t.TYPE_CHECKING:  # pragma: no cover
    import requests

__all__ = ["Domain", "DomainManager"]


class Domain(base.Resource):
    """An Identity domain: ``id``, ``name``, ``description``, ``enabled``, ``tags``."""


class DomainManager(base.CrudManager):
    """Create, read, update, list and delete Identity domains.

    Keystone refuses to delete an enabled domain (403 Forbidden): disable it
    with ``update(domain, enabled=False)`` first.
    """

    resource_class = Domain
    collection_key = "domains"
    key = "domain"

    def create(
        self, name: str, description: str | None = None, enabled: bool = True, **kwargs: _t.Any
    ) -> Domain:
        """Create a domain; other keywords are sent as extra attributes."""
        return super().create(name=name, description=description, enabled=enabled, **kwargs)

    def get(self, domain: _t.Any) -> Domain:
        """Return one domain (by id or :class:`Domain`)."""
        return super().get(domain_id=base.getid(domain))

    def list(self, **kwargs: _t.Any) -> list[Domain]:
        """Return the domains matching the filters (``name``, ``enabled``, ...).

        ``enabled=False`` is sent as ``enabled=0``, which every Keystone
        release reads as false.
        """
        return super().list(**_domain_filters(kwargs))

    def iterate(self, **kwargs: _t.Any) -> _t.Iterator[Domain]:
        """Like :meth:`list`, but yield domains page by page (``limit`` = page size)."""
        return super().iterate(**_domain_filters(kwargs))

    def update(
        self,
        domain: _t.Any,
        name: str | None = None,
        description: str | None = None,
        enabled: bool | None = None,
        **kwargs: _t.Any,
    ) -> Domain:
        """Change the given attributes of a domain (None means unchanged)."""
        return super().update(
            domain_id=base.getid(domain),
            name=name,
            description=description,
            enabled=enabled,
            **kwargs,
        )

    def delete(self, domain: _t.Any) -> requests.Response:
        """Delete a domain; it must be disabled first (else Forbidden)."""
        return super().delete(domain_id=base.getid(domain))


def _domain_filters(kwargs: dict[str, _t.Any]) -> dict[str, _t.Any]:
    if kwargs.get("enabled") is False:
        return dict(kwargs, enabled=0)
    return kwargs

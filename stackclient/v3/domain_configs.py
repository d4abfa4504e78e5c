"""Identity v3 domain-specific configuration: ``/domains/{domain_id}/config``.

Keystone stores per-domain overrides of the ``identity`` and ``ldap``
option groups (used when domain-specific drivers are enabled)::

    keystone.domain_configs.create(domain, {"identity": {"driver": "ldap"},
                                            "ldap": {"url": "ldap://ldap.example"}})
    keystone.domain_configs.get(domain).ldap     # {'url': 'ldap://ldap.example'}
    keystone.domain_configs.update(domain, {"ldap": {"user_tree_dn": "ou=Users"}})
    keystone.domain_configs.delete(domain)

There is one config per domain: :meth:`DomainConfigManager.list` and
:meth:`~DomainConfigManager.find` are refused.
"""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import _ids, base, exceptions

if _t.TYPE_CHECKING:  # pragma: no cover
    import requests

__all__ = ["DomainConfig", "DomainConfigManager"]


class DomainConfig(base.Resource):
    """A domain's configuration: one attribute per option group (``identity``, ``ldap``)."""


def _check_config(config: _t.Any) -> dict[str, _t.Any]:
    # The refused value is described, not shown: it may hold an LDAP password.
    if not isinstance(config, dict) or not config:
        got = "an empty dict" if isinstance(config, dict) else "a %s" % type(config).__name__
        raise exceptions.ValidationError(
            "config must be a non-empty dict of option groups, e.g. "
            "{'identity': {'driver': 'ldap'}}; got %s" % got
        )
    return config


class DomainConfigManager(base.BaseManager):
    """Create, get, update and delete the configuration of a domain."""

    resource_class = DomainConfig
    key = "config"

    def build_url(self, domain: _t.Any) -> str:
        """Return ``/domains/<domain id>/config``."""
        domain_id = base.getid(domain)
        if not domain_id:
            raise exceptions.ValidationError("A domain (id or Domain) is required")
        return "/domains/%s/config" % _ids.path_segment(domain_id, "domain")

    def create(self, domain: _t.Any, config: dict[str, _t.Any]) -> DomainConfig:
        """Set the whole configuration of ``domain`` (PUT); returns what Keystone stored."""
        body = {self.key: _check_config(config)}
        return _t.cast(DomainConfig, self._put(self.build_url(domain), body, self.key))

    def get(self, domain: _t.Any) -> DomainConfig:
        """Return the configuration of ``domain``; NotFound when it has none."""
        return _t.cast(DomainConfig, self._get(self.build_url(domain), self.key))

    def update(self, domain: _t.Any, config: dict[str, _t.Any]) -> DomainConfig:
        """Merge ``config`` into the configuration of ``domain`` (PATCH); returns the result."""
        body = {self.key: _check_config(config)}
        return _t.cast(DomainConfig, self._patch(self.build_url(domain), body, self.key))

    def delete(self, domain: _t.Any) -> requests.Response:
        """Delete the whole configuration of ``domain``."""
        return self._delete(self.build_url(domain))

    def find(self, **kwargs: _t.Any) -> _t.NoReturn:
        """Refused: a domain has exactly one config; use :meth:`get`."""
        raise exceptions.MethodNotImplemented(
            "Find is not supported for domain configs: use get(domain)"
        )

    def list(self, **kwargs: _t.Any) -> _t.NoReturn:
        """Refused: a domain has exactly one config; use :meth:`get`."""
        raise exceptions.MethodNotImplemented(
            "List is not supported for domain configs: use get(domain)"
        )

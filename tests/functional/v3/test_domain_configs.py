"""Domain-specific configuration against a real Keystone."""

from __future__ import annotations

import typing as _t

import pytest

from stackclient.apiclient import exceptions
from stackclient.v3 import client as v3_client


def test_domain_config_lifecycle(admin: v3_client.Client, domain: _t.Any, cleanup: _t.Any) -> None:
    configs = admin.domain_configs
    with pytest.raises(exceptions.NotFound):
        configs.get(domain)

    created = configs.create(
        domain, {"identity": {"driver": "ldap"}, "ldap": {"url": "ldap://ldap.example"}}
    )
    cleanup.add(configs.delete, domain)
    assert created.identity == {"driver": "ldap"}
    assert created.ldap == {"url": "ldap://ldap.example"}

    assert configs.get(domain.id).ldap["url"] == "ldap://ldap.example"
    updated = configs.update(domain, {"ldap": {"user_tree_dn": "ou=Users,dc=example"}})
    assert updated.ldap == {"url": "ldap://ldap.example", "user_tree_dn": "ou=Users,dc=example"}

    configs.delete(domain)
    with pytest.raises(exceptions.NotFound):
        configs.get(domain)


def test_unknown_option_group_is_refused(admin: v3_client.Client, domain: _t.Any) -> None:
    # Keystone answers 403 (not 400) for an unsupported option group.
    with pytest.raises(exceptions.Forbidden) as info:
        admin.domain_configs.create(domain, {"nonsense": {"x": "y"}})
    assert "nonsense" in str(info.value)

"""Token validation and revocation against a real Keystone."""

from __future__ import annotations

import typing as _t

import pytest

from stackclient import access
from stackclient.apiclient import exceptions
from stackclient.v3 import client as v3_client


def _fresh_admin(keystone: _t.Any) -> v3_client.Client:
    return v3_client.Client(
        auth_url=keystone.auth_url,
        username=keystone.admin_username,
        password=keystone.admin_password,
        project_name=keystone.admin_project_name,
    )


def test_validate_describes_the_token(keystone: _t.Any, admin: v3_client.Client) -> None:
    other = _fresh_admin(keystone)
    ref = admin.tokens.validate(other.auth_token)
    assert isinstance(ref, access.AccessInfoV3)
    assert ref.auth_token == other.auth_token
    assert ref.user_id == other.user_id
    assert ref.project_id == other.project_id
    assert ref.has_service_catalog()
    assert "admin" in ref.role_names


def test_validate_without_catalog(keystone: _t.Any, admin: v3_client.Client) -> None:
    other = _fresh_admin(keystone)
    ref = admin.tokens.validate(other.auth_ref, include_catalog=False)
    assert not ref.has_service_catalog()
    data = admin.tokens.get_token_data(other.auth_token, include_catalog=False)
    assert "catalog" not in data["token"]
    assert data["token"]["user"]["id"] == other.user_id


def test_revoked_token_then_validates_as_not_found(
    keystone: _t.Any, admin: v3_client.Client
) -> None:
    victim = _fresh_admin(keystone)
    token = victim.auth_token
    admin.tokens.validate(token)
    resp = admin.tokens.revoke_token(token)
    assert resp.status_code == 204
    with pytest.raises(exceptions.NotFound):
        admin.tokens.validate(token)
    with pytest.raises(exceptions.NotFound):
        admin.tokens.validate(token, allow_expired=True)


def test_get_revoked_is_forbidden_by_design(admin: v3_client.Client) -> None:
    with pytest.raises(exceptions.Forbidden):
        admin.tokens.get_revoked()
    with pytest.raises(exceptions.Forbidden):
        admin.tokens.get_revoked(audit_id_only=True)

"""Application credentials and access rules against a real Keystone."""

from __future__ import annotations

import datetime
import typing as _t

import pytest

from stackclient import session
from stackclient.apiclient import exceptions
from stackclient.auth import v3 as v3_auth
from stackclient.v3 import client as v3_client


def _app_cred_client(keystone: _t.Any, cred: _t.Any, secret: str) -> v3_client.Client:
    plugin = v3_auth.ApplicationCredential(
        auth_url=keystone.auth_url,
        application_credential_id=cred.id,
        application_credential_secret=secret,
    )
    return v3_client.Client(session=session.Session(auth=plugin))


def test_create_then_authenticate_with_it(
    keystone: _t.Any, admin: v3_client.Client, cleanup: _t.Any, unique: _t.Any
) -> None:
    name = unique("appcred")
    expires = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=2)
    cred = admin.application_credentials.create(name, description="functional", expires_at=expires)
    cleanup.add(admin.application_credentials.delete, cred)
    assert cred.secret
    assert cred.user_id == admin.user_id
    assert cred.project_id == admin.project_id
    assert cred.expires_at.startswith(expires.strftime("%Y-%m-%dT%H:%M"))

    app = _app_cred_client(keystone, cred, cred.secret)
    assert keystone.admin_project_name in [p.name for p in app.projects.list()]
    assert app.auth_ref.application_credential_id == cred.id
    assert app.user_id == admin.user_id

    got = admin.application_credentials.get(cred)
    assert got.name == name
    assert not hasattr(got, "secret")
    assert [c.id for c in admin.application_credentials.list(name=name)] == [cred.id]
    assert admin.application_credentials.find(name=name).id == cred.id

    admin.application_credentials.delete(cred)
    with pytest.raises(exceptions.NotFound):
        admin.application_credentials.get(cred)
    # Keystone 30 answers auth with a deleted application credential with
    # 404 "Could not find Application Credential", not 401.
    with pytest.raises(exceptions.NotFound):
        _app_cred_client(keystone, cred, cred.secret).authenticate()


def test_chosen_secret_roles_and_access_rules(
    keystone: _t.Any, admin: v3_client.Client, cleanup: _t.Any, unique: _t.Any
) -> None:
    admin_role = admin.roles.find(name="admin")
    rules = [{"service": "identity", "method": "GET", "path": "/v3/projects"}]
    secret = unique("secret")
    cred = admin.application_credentials.create(
        unique("appcred"),
        user=admin.user_id,
        secret=secret,
        roles=[admin_role],
        access_rules=rules,
    )
    cleanup.add(admin.application_credentials.delete, cred)
    assert cred.secret == secret
    # Keystone stores the implied roles too (admin implies manager, member, reader).
    assert admin_role.id in [r["id"] for r in cred.roles]
    assert [(r["service"], r["method"], r["path"]) for r in cred.access_rules] == [
        ("identity", "GET", "/v3/projects")
    ]

    rule_id = cred.access_rules[0]["id"]
    listed = admin.access_rules.list()
    assert rule_id in [r.id for r in listed]
    rule = admin.access_rules.get(rule_id)
    assert (rule.service, rule.method, rule.path) == ("identity", "GET", "/v3/projects")

    app = _app_cred_client(keystone, cred, secret)
    assert app.authenticate() is True
    assert "admin" in app.auth_ref.role_names

    # A rule in use cannot be deleted (403); once the credential is gone it can.
    with pytest.raises(exceptions.Forbidden):
        admin.access_rules.delete(rule_id)
    admin.application_credentials.delete(cred)
    admin.access_rules.delete(rule_id)
    with pytest.raises(exceptions.NotFound):
        admin.access_rules.get(rule_id)


def test_wrong_secret_is_unauthorized(
    keystone: _t.Any, admin: v3_client.Client, cleanup: _t.Any, unique: _t.Any
) -> None:
    cred = admin.application_credentials.create(unique("appcred"))
    cleanup.add(admin.application_credentials.delete, cred)
    with pytest.raises(exceptions.Unauthorized) as info:
        _app_cred_client(keystone, cred, "wrong-" + cred.secret).authenticate()
    assert cred.secret not in str(info.value)

"""Credentials, EC2 credentials and policies against the real Keystone."""

from __future__ import annotations

import json
import logging

import pytest

from stackclient.apiclient import exceptions
from stackclient.v3 import credentials, ec2, policies


@pytest.fixture
def user(admin, cleanup, unique, domain):
    made = admin.users.create(unique("user"), domain=domain)
    cleanup.add(admin.users.delete, made)
    return made


def test_credentials_crud(admin, cleanup, user, project, unique):
    blob = json.dumps({"access": unique("acc"), "secret": unique("sec")})
    cred = admin.credentials.create(user, "ec2", blob, project=project)
    cleanup.add(admin.credentials.delete, cred)
    assert isinstance(cred, credentials.Credential)
    assert (cred.user_id, cred.type, cred.project_id) == (user.id, "ec2", project.id)
    assert json.loads(cred.blob) == json.loads(blob)
    assert "sec-" not in repr(cred)

    totp = admin.credentials.create(user, "totp", "GEZDGNBVGY3TQOJQ")
    cleanup.add(admin.credentials.delete, totp)
    assert admin.credentials.get(totp.id).blob == "GEZDGNBVGY3TQOJQ"
    assert {c.id for c in admin.credentials.list(user_id=user.id)} == {cred.id, totp.id}
    assert [c.id for c in admin.credentials.list(user_id=user.id, type="totp")] == [totp.id]

    updated = admin.credentials.update(totp, blob="MFRGGZDFMZTWQ2LK")
    assert updated.blob == "MFRGGZDFMZTWQ2LK"
    # Keystone 30 lets only the blob change.
    with pytest.raises(exceptions.BadRequest):
        admin.credentials.update(totp, type="cert")
    admin.credentials.delete(totp)
    with pytest.raises(exceptions.NotFound):
        admin.credentials.get(totp.id)


def test_ec2_credential_without_project_is_refused(admin, user):
    blob = json.dumps({"access": "a", "secret": "s"})
    with pytest.raises(exceptions.BadRequest):
        admin.credentials.create(user, "ec2", blob)


def test_ec2(admin, cleanup, user, project):
    pair = admin.ec2.create(user.id, project.id)
    cleanup.add(admin.ec2.delete, user.id, pair.access)
    assert isinstance(pair, ec2.EC2)
    assert (pair.user_id, pair.tenant_id) == (user.id, project.id)
    assert pair.secret and pair.secret not in repr(pair)

    got = admin.ec2.get(user, pair.access)
    assert (got.access, got.secret) == (pair.access, pair.secret)
    assert [p.access for p in admin.ec2.list(user)] == [pair.access]
    assert admin.ec2.find(user.id, tenant_id=project.id).access == pair.access

    admin.ec2.delete(user, pair)
    assert admin.ec2.list(user.id) == []
    with pytest.raises(exceptions.NotFound):
        admin.ec2.get(user.id, pair.access)


def test_policies(admin, cleanup):
    # Deprecated in Keystone, but version 30 still serves /v3/policies.
    policy = admin.policies.create('{"default": ""}')
    cleanup.add(admin.policies.delete, policy)
    assert isinstance(policy, policies.Policy)
    assert (policy.blob, policy.type) == ('{"default": ""}', "application/json")
    assert admin.policies.get(policy.id) == policy
    assert policy.id in [p.id for p in admin.policies.list()]
    assert admin.policies.update(policy, type="text/plain").type == "text/plain"
    assert policy.update(blob="{}") is policy and policy.blob == "{}"
    admin.policies.delete(policy)
    with pytest.raises(exceptions.NotFound):
        admin.policies.get(policy.id)


def test_secrets_stay_out_of_the_debug_log(admin, cleanup, user, project, unique, caplog):
    caplog.set_level(logging.DEBUG, logger="stackclient")
    blob = unique("TOTPSECRET")
    cred = admin.credentials.create(user, "totp", blob)
    cleanup.add(admin.credentials.delete, cred)
    admin.credentials.get(cred)
    admin.credentials.update(cred, blob=blob + "2")
    pair = admin.ec2.create(user, project)
    cleanup.add(admin.ec2.delete, user, pair)
    admin.ec2.get(user, pair)
    admin.ec2.list(user)
    assert caplog.records, "debug logging produced nothing: the check would be empty"
    for secret in (blob, blob + "2", pair.secret):
        assert secret not in caplog.text

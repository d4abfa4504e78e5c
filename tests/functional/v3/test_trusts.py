"""OS-TRUST trusts against a real Keystone: delegate, use, list, delete."""

from __future__ import annotations

import datetime
import typing as _t

import pytest

from stackclient.apiclient import exceptions
from stackclient.v3 import client as v3_client


@pytest.fixture
def trustee(admin: v3_client.Client, cleanup: _t.Any, unique: _t.Any) -> tuple[_t.Any, str]:
    password = unique("pw")
    user = admin.users.create(unique("trustee"), domain="default", password=password)
    cleanup.add(admin.users.delete, user)
    return user, password


def test_trust_lifecycle(
    keystone: _t.Any, admin: v3_client.Client, cleanup: _t.Any, trustee: tuple[_t.Any, str]
) -> None:
    user, password = trustee
    expires = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1)
    trust = admin.trusts.create(
        trustee_user=user,
        trustor_user=admin.user_id,
        project=admin.project_id,
        role_names=["member"],
        impersonation=False,
        expires_at=expires,
        remaining_uses=5,
    )
    cleanup.add(admin.trusts.delete, trust)
    assert trust.trustee_user_id == user.id
    assert trust.trustor_user_id == admin.user_id
    assert trust.project_id == admin.project_id
    assert [r["name"] for r in trust.roles] == ["member"]
    assert trust.remaining_uses == 5

    got = admin.trusts.get(trust.id)
    assert got.id == trust.id
    assert trust.id in [t.id for t in admin.trusts.list(trustor_user=admin.user_id)]
    assert trust.id in [t.id for t in admin.trusts.list(trustee_user=user)]
    assert admin.trusts.find(trustee_user_id=user.id).id == trust.id

    # The trustee gets a token scoped to the trust.
    delegated = v3_client.Client(
        auth_url=keystone.auth_url,
        user_id=user.id,
        password=password,
        trust_id=trust.id,
    )
    assert delegated.auth_ref.trust_scoped
    assert delegated.trust_id == trust.id
    assert delegated.project_id == admin.project_id
    assert "member" in delegated.auth_ref.role_names

    admin.trusts.delete(trust)
    with pytest.raises(exceptions.NotFound):
        admin.trusts.get(trust.id)


def test_roles_by_id_and_unknown_trust(
    admin: v3_client.Client, cleanup: _t.Any, trustee: tuple[_t.Any, str]
) -> None:
    user, _ = trustee
    reader = admin.roles.find(name="reader")
    trust = admin.trusts.create(
        trustee_user=user.id, trustor_user=admin.user_id, project=admin.project_id,
        role_ids=[reader],
    )  # fmt: skip
    cleanup.add(admin.trusts.delete, trust)
    assert [r["id"] for r in trust.roles] == [reader.id]
    with pytest.raises(exceptions.NotFound):
        admin.trusts.get("0" * 32)
    with pytest.raises(exceptions.ClientException):
        admin.trusts.update(trust)

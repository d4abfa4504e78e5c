"""What the current token can reach (``/auth/*``) against a real Keystone."""

from __future__ import annotations

import typing as _t

from stackclient.v3 import auth
from stackclient.v3 import client as v3_client


def test_projects_domains_systems_catalog(keystone: _t.Any, admin: v3_client.Client) -> None:
    projects = admin.auth.projects()
    assert all(isinstance(p, auth.Project) for p in projects)
    assert keystone.admin_project_name in [p.name for p in projects]

    domains = admin.auth.domains()
    assert all(isinstance(d, auth.Domain) for d in domains)

    # bootstrap gives the admin user the admin role on the system
    systems = admin.auth.systems()
    assert [s.all for s in systems] == [True]

    catalog = admin.auth.catalog()
    identity = [s for s in catalog if s.type == "identity"]
    assert len(identity) == 1
    urls = {e["interface"]: e["url"] for e in identity[0].endpoints}
    assert urls == {"public": keystone.auth_url, "internal": keystone.auth_url,
                    "admin": keystone.auth_url}  # fmt: skip


def test_a_new_user_without_roles_reaches_nothing(
    keystone: _t.Any, admin: v3_client.Client, cleanup: _t.Any, unique: _t.Any
) -> None:
    password = unique("pw")
    user = admin.users.create(unique("lonely"), domain="default", password=password)
    cleanup.add(admin.users.delete, user)
    lonely = v3_client.Client(
        auth_url=keystone.auth_url, endpoint=keystone.auth_url, user_id=user.id, password=password
    )
    assert lonely.auth.projects() == []
    assert lonely.auth.systems() == []
    assert not lonely.auth_ref.scoped

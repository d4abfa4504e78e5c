"""A tour of the Identity v3 client against a running Keystone.

Reads the server description (JSON with auth_url, admin_username,
admin_password, admin_project_name) from the STACKCLIENT_DEMO_SERVER
environment variable, as printed by ``tools/cloud.py start`` (or
``tools/keystone_server.py start``).
It creates a project, a user and a role grant, shows them as tables,
reuses the stored auth_ref without a new token request, and cleans up.
"""

from __future__ import annotations

import json
import os
import sys
import uuid

import prettytable

from stackclient import access, session
from stackclient.auth import v3
from stackclient.v3 import client


def table(title: str, columns: list[str], rows: list[list[object]]) -> str:
    """Render rows as a prettytable with a title line."""
    out = prettytable.PrettyTable(columns)
    out.align = "l"
    for row in rows:
        out.add_row(row)
    return "%s\n%s" % (title, out.get_string())


def admin_client(server: dict[str, str]) -> client.Client:
    auth = v3.Password(
        auth_url=server["auth_url"],
        username=server["admin_username"],
        password=server["admin_password"],
        project_name=server["admin_project_name"],
        user_domain_id="default",
        project_domain_id="default",
    )
    return client.Client(session=session.Session(auth=auth, timings=True))


def tour(keystone: client.Client) -> None:
    suffix = uuid.uuid4().hex[:8]
    project = keystone.projects.create(
        name="demo-" + suffix, domain="default", description="stackclient demo"
    )
    user = keystone.users.create(
        name="demo-user-" + suffix,
        domain="default",
        default_project=project,
        password=uuid.uuid4().hex,
    )
    try:
        member = keystone.roles.find(name="member")
        keystone.roles.grant(member, user=user, project=project)
        print(
            table(
                "Projects",
                ["id", "name", "domain_id", "enabled"],
                [[p.id, p.name, p.domain_id, p.enabled] for p in keystone.projects.list()],
            )
        )
        print(
            table(
                "Users",
                ["id", "name", "default_project_id"],
                [
                    [u.id, u.name, getattr(u, "default_project_id", "")]
                    for u in keystone.users.list(domain="default")
                ],
            )
        )
        grants = keystone.role_assignments.list(project=project, include_names=True)
        print(
            table(
                "Role assignments on " + project.name,
                ["user", "role"],
                [[a.user["name"], a.role["name"]] for a in grants],
            )
        )
        reuse_auth_ref(keystone)
    finally:
        keystone.users.delete(user)
        keystone.projects.delete(project)


def reuse_auth_ref(keystone: client.Client) -> None:
    """Store the auth_ref as JSON and build a second client from it."""
    stored = keystone.auth_ref.to_json()
    again = client.Client(auth_ref=access.AccessInfo.from_json(stored))
    names = sorted(r.name for r in again.roles.list())
    print(
        table(
            "Roles seen by a client rebuilt from the stored auth_ref (no new token)",
            ["roles"],
            [[", ".join(names)]],
        )
    )


def main() -> int:
    raw = os.environ.get("STACKCLIENT_DEMO_SERVER")
    if not raw:
        print(
            "set STACKCLIENT_DEMO_SERVER to the JSON printed by tools/cloud.py start",
            file=sys.stderr,
        )
        return 2
    keystone = admin_client(json.loads(raw))
    tour(keystone)
    timings = keystone.session.get_timings()
    print(
        table(
            "Requests made",
            ["count", "total seconds"],
            [[len(timings), round(sum(end - start for _, start, end in timings), 3)]],
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

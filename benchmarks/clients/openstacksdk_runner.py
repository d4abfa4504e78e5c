"""openstacksdk: ``openstack.connect`` with password auth, no clouds.yaml, no OS_* variables.

``conn.identity.projects()`` is the generator; scenarios 1 and 2 turn it
into a list.  The stored auth is keystoneauth's ``get_auth_state`` string
of the connection's auth plugin, which is how the SDK caches auth itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import metadata
from typing import Any

import openstack

from benchmarks.clients import base


class Adapter(base.Adapter):
    """openstack.connect(load_yaml_config=False, load_envvars=False, ...)."""

    def __init__(self, auth_url: str) -> None:
        super().__init__(auth_url)
        self.conn: Any = None

    def version(self) -> str:
        return f"openstacksdk {metadata.version('openstacksdk')}, keystoneauth1 {metadata.version('keystoneauth1')}"

    def connect(self) -> None:
        self.conn = openstack.connect(
            load_yaml_config=False,
            load_envvars=False,
            auth_type="password",
            auth={
                "auth_url": self.auth_url,
                "username": base.USERNAME,
                "password": base.PASSWORD,
                "project_name": base.PROJECT_NAME,
                "user_domain_id": base.DOMAIN_ID,
                "project_domain_id": base.DOMAIN_ID,
            },
            identity_api_version="3",
            region_name="RegionOne",
            interface="public",
        )

    def auth_state(self) -> str:
        state = self.conn.session.auth.get_auth_state()
        if not state:
            raise RuntimeError("the SDK's auth plugin has no auth state yet")
        return str(state)

    def connect_from_state(self, state: str) -> None:
        self.connect()
        self.conn.session.auth.set_auth_state(state)

    def list_projects(self) -> list[Any]:
        return list(self.conn.identity.projects())

    def iterate_projects(self, limit: int) -> Iterator[Any]:
        return self.conn.identity.projects(limit=limit)  # type: ignore[no-any-return]

    def get_project(self, project_id: str) -> Any:
        return self.conn.identity.get_project(project_id)

    def create_project(self, name: str) -> Any:
        return self.conn.identity.create_project(name=name, domain_id=base.DOMAIN_ID)

    def create_user(self, name: str, password: str) -> Any:
        return self.conn.identity.create_user(
            name=name, domain_id=base.DOMAIN_ID, password=password
        )

"""stackclient, written against its planned public API.

Expected API (any import or call failure is reported by the harness as
``error: <reason>`` for the scenario, never as a crash)::

    from stackclient import session, access
    from stackclient.auth import v3
    from stackclient.v3 import client
    sess = session.Session(auth=v3.Password(auth_url=..., username=...,
        password=..., project_name=..., user_domain_id=..., project_domain_id=...))
    ks = client.Client(session=sess)
    ks.projects.list(); ks.projects.iterate(limit=1000)
    ks.projects.get(project_id); ks.projects.create(name=..., domain=...)
    ks.auth_ref.to_json(); access.AccessInfo.from_json(s)
    client.Client(auth_ref=auth_ref, session=sess)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import stackclient
from benchmarks.clients import base
from stackclient import session as sc_session
from stackclient.auth import v3 as sc_v3
from stackclient.v3 import client as sc_client


class Adapter(base.Adapter):
    """stackclient.v3.client.Client(session=Session(auth=v3.Password))."""

    def __init__(self, auth_url: str) -> None:
        super().__init__(auth_url)
        self.client: Any = None

    def version(self) -> str:
        return f"stackclient {getattr(stackclient, '__version__', '?')}"

    def _session(self) -> Any:
        plugin = sc_v3.Password(
            auth_url=self.auth_url,
            username=base.USERNAME,
            password=base.PASSWORD,
            project_name=base.PROJECT_NAME,
            user_domain_id=base.DOMAIN_ID,
            project_domain_id=base.DOMAIN_ID,
        )
        return sc_session.Session(auth=plugin)

    def connect(self) -> None:
        self.client = sc_client.Client(session=self._session())

    def auth_state(self) -> str:
        return str(self.client.auth_ref.to_json())

    def connect_from_state(self, state: str) -> None:
        from stackclient import access

        auth_ref = access.AccessInfo.from_json(state)
        self.client = sc_client.Client(auth_ref=auth_ref, session=self._session())

    def list_projects(self) -> Any:
        return self.client.projects.list()

    def iterate_projects(self, limit: int) -> Iterator[Any]:
        return self.client.projects.iterate(limit=limit)  # type: ignore[no-any-return]

    def get_project(self, project_id: str) -> Any:
        return self.client.projects.get(project_id)

    def create_project(self, name: str) -> Any:
        return self.client.projects.create(name=name, domain=base.DOMAIN_ID)

    def create_user(self, name: str, password: str) -> Any:
        return self.client.users.create(name, domain=base.DOMAIN_ID, password=password)

"""python-keystoneclient v3 on a keystoneauth1 Session with a v3.Password plugin.

keystoneclient has no paging generator, so scenario 3 follows pages with
``marker``/``limit`` keyword arguments until a short page comes back (it
cannot see ``links.next``, so it needs one more request than a client that
can).  The stored auth is keystoneauth's own ``get_auth_state`` string.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import metadata
from typing import Any

from keystoneauth1 import session as ks_session
from keystoneauth1.identity import v3 as ks_v3
from keystoneclient.v3 import client as ks_client

from benchmarks.clients import base


class Adapter(base.Adapter):
    """keystoneclient.v3.client.Client(session=Session(auth=v3.Password))."""

    def __init__(self, auth_url: str) -> None:
        super().__init__(auth_url)
        self.plugin: Any = None
        self.client: Any = None

    def version(self) -> str:
        ksc = metadata.version("python-keystoneclient")
        return f"python-keystoneclient {ksc}, keystoneauth1 {metadata.version('keystoneauth1')}"

    def _build(self) -> None:
        self.plugin = ks_v3.Password(
            auth_url=self.auth_url,
            username=base.USERNAME,
            password=base.PASSWORD,
            project_name=base.PROJECT_NAME,
            user_domain_id=base.DOMAIN_ID,
            project_domain_id=base.DOMAIN_ID,
        )
        self.client = ks_client.Client(session=ks_session.Session(auth=self.plugin))

    def connect(self) -> None:
        self._build()

    def auth_state(self) -> str:
        state = self.plugin.get_auth_state()
        if not state:
            raise RuntimeError("keystoneauth has no auth state yet")
        return str(state)

    def connect_from_state(self, state: str) -> None:
        self._build()
        self.plugin.set_auth_state(state)

    def list_projects(self) -> list[Any]:
        return self.client.projects.list()  # type: ignore[no-any-return]

    def iterate_projects(self, limit: int) -> Iterator[Any]:
        marker: dict[str, str] = {}
        while True:
            page = self.client.projects.list(limit=limit, **marker)
            yield from page
            if len(page) < limit:
                return
            marker = {"marker": page[-1].id}

    def get_project(self, project_id: str) -> Any:
        return self.client.projects.get(project_id)

    def create_project(self, name: str) -> Any:
        return self.client.projects.create(name=name, domain=base.DOMAIN_ID)

    def create_user(self, name: str, password: str) -> Any:
        return self.client.users.create(name, domain=base.DOMAIN_ID, password=password)

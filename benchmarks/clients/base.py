"""The adapter interface every client runner implements.

An adapter drives one library the way that library's documentation shows,
with the same credentials, against the same canned server.  The scenario
code in :mod:`benchmarks.clients.scenarios` only talks to this interface,
so every client does the same work: the same requests, the same decode,
and objects whose ``id`` and ``name`` the caller reads.
"""

from __future__ import annotations

import abc
from collections.abc import Iterable, Iterator
from typing import Any

USERNAME = "admin"
PASSWORD = "secret"
PROJECT_NAME = "admin"
DOMAIN_ID = "default"


def keystoneauth_session(auth_url: str) -> Any:
    """A keystoneauth1 Session with the benchmark user's password: how the peers are given one."""
    from keystoneauth1 import session
    from keystoneauth1.identity import v3

    plugin = v3.Password(auth_url=auth_url, username=USERNAME, password=PASSWORD,
                         project_name=PROJECT_NAME, user_domain_id=DOMAIN_ID,
                         project_domain_id=DOMAIN_ID)  # fmt: skip
    return session.Session(auth=plugin)


class Adapter(abc.ABC):
    """One client library, connected to one identity endpoint."""

    def __init__(self, auth_url: str) -> None:
        self.auth_url = auth_url

    @abc.abstractmethod
    def version(self) -> str:
        """Return the version of the library being measured."""

    @abc.abstractmethod
    def connect(self) -> None:
        """Build the client from password credentials."""

    @abc.abstractmethod
    def auth_state(self) -> str:
        """Return the current authentication as a storable string."""

    @abc.abstractmethod
    def connect_from_state(self, state: str) -> None:
        """Build a new client from a stored :meth:`auth_state` string."""

    @abc.abstractmethod
    def list_projects(self) -> Iterable[Any]:
        """Return the projects collection from one GET."""

    @abc.abstractmethod
    def iterate_projects(self, limit: int) -> Iterator[Any]:
        """Yield every project, fetching ``limit`` per page."""

    @abc.abstractmethod
    def get_project(self, project_id: str) -> Any:
        """Return one project."""

    @abc.abstractmethod
    def create_project(self, name: str) -> Any:
        """Create a project in the default domain and return it."""

    @abc.abstractmethod
    def create_user(self, name: str, password: str) -> Any:
        """Create a user in the default domain (the server refuses it: scenario 8)."""

    def item_id(self, item: Any) -> str:
        """Return the id of one returned project object."""
        return item.id  # type: ignore[no-any-return]

    def item_name(self, item: Any) -> str:
        """Return the name of one returned project object."""
        return item.name  # type: ignore[no-any-return]

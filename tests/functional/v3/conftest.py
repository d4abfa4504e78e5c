"""Fixtures for the Identity v3 functional tests against the real Keystone.

``admin`` is a :class:`stackclient.v3.client.Client` authenticated as the
bootstrap admin (``v3.Password``, project-scoped); ``cleanup`` runs
registered deletions after each test (newest first, a resource already gone
is fine); ``unique`` makes names no rerun collides with; ``domain`` and
``project`` give each test fresh ones that are removed afterwards.
"""

from __future__ import annotations

import typing as _t
import uuid
from collections.abc import Callable, Iterator

import pytest

from stackclient import session
from stackclient.apiclient import exceptions
from stackclient.auth import v3 as v3_auth
from stackclient.v3 import client as v3_client


def make_client(
    auth_url: str,
    username: str,
    password: str,
    project_name: str | None = None,
    project_id: str | None = None,
    user_domain_id: str = "default",
    project_domain_id: str = "default",
) -> v3_client.Client:
    """A v3 Client over a Session with a project-scoped ``v3.Password``."""
    plugin = v3_auth.Password(
        auth_url=auth_url,
        username=username,
        password=password,
        user_domain_id=user_domain_id,
        project_id=project_id,
        project_name=project_name,
        project_domain_id=None if project_id else project_domain_id,
    )
    return v3_client.Client(session=session.Session(auth=plugin))


@pytest.fixture(scope="session")
def admin(keystone: _t.Any) -> v3_client.Client:
    """The bootstrap admin, scoped to the admin project."""
    return make_client(
        keystone.auth_url,
        keystone.admin_username,
        keystone.admin_password,
        project_name=keystone.admin_project_name,
    )


@pytest.fixture
def unique() -> Callable[[str], str]:
    """``unique("proj")`` → ``"proj-1a2b3c4d5e6f"``, different on every call."""
    return lambda prefix="sc": "%s-%s" % (prefix, uuid.uuid4().hex[:12])


class Cleanup:
    """Deletions to run after the test, newest first."""

    def __init__(self) -> None:
        self._calls: list[tuple[Callable[..., _t.Any], tuple[_t.Any, ...], dict]] = []

    def add(self, func: Callable[..., _t.Any], *args: _t.Any, **kwargs: _t.Any) -> None:
        self._calls.append((func, args, kwargs))

    def run(self) -> list[BaseException]:
        errors = []
        while self._calls:
            func, args, kwargs = self._calls.pop()
            try:
                func(*args, **kwargs)
            except exceptions.NotFound:
                pass
            except exceptions.ClientException as err:
                errors.append(err)
        return errors


@pytest.fixture
def cleanup() -> Iterator[Cleanup]:
    stack = Cleanup()
    yield stack
    errors = stack.run()
    assert not errors, "cleanup failed: %r" % errors


def delete_domain(admin: v3_client.Client, domain: _t.Any) -> None:
    """Disable then delete a domain (Keystone refuses to delete an enabled one)."""
    admin.domains.update(domain, enabled=False)
    admin.domains.delete(domain)


@pytest.fixture
def domain(admin: v3_client.Client, cleanup: Cleanup, unique: Callable[[str], str]) -> _t.Any:
    """A fresh enabled domain, removed (with what is in it) after the test."""
    dom = admin.domains.create(unique("dom"), description="stackclient functional test")
    cleanup.add(delete_domain, admin, dom)
    return dom


@pytest.fixture
def project(
    admin: v3_client.Client, cleanup: Cleanup, unique: Callable[[str], str], domain: _t.Any
) -> _t.Any:
    """A fresh project in :func:`domain`."""
    proj = admin.projects.create(unique("proj"), domain)
    cleanup.add(admin.projects.delete, proj)
    return proj


@pytest.fixture(scope="session")
def member_role(admin: v3_client.Client) -> _t.Any:
    """Keystone's bootstrap ``member`` role."""
    return admin.roles.find(name="member")

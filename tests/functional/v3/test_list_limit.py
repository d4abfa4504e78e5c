"""Server-side pagination from ``[DEFAULT] list_limit`` on a real Keystone.

A second Keystone is started with ``list_limit = 3``, so every list call
is cut to three items with ``truncated: true`` and a ``links.next``.
Keystone honours ``marker`` for projects, users, groups and domains; for
roles it hands back the same page forever, which ``iterate()`` must detect.
"""

from __future__ import annotations

import logging
import typing as _t
import uuid
from collections.abc import Iterator

import pytest

from stackclient.v3 import client as v3_client
from tests.functional.conftest import KeystoneServer, run_keystone
from tests.functional.v3.conftest import make_client

LIST_LIMIT = 3


@pytest.fixture(scope="module")
def limited(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KeystoneServer]:
    state = tmp_path_factory.mktemp("keystone-list-limit")
    yield from run_keystone(state, "--list-limit", str(LIST_LIMIT))


@pytest.fixture(scope="module")
def admin(limited: KeystoneServer) -> v3_client.Client:
    return make_client(
        limited.auth_url,
        limited.admin_username,
        limited.admin_password,
        project_name=limited.admin_project_name,
    )


@pytest.fixture(scope="module")
def projects(admin: v3_client.Client) -> Iterator[list[_t.Any]]:
    tag = uuid.uuid4().hex[:8]
    made = [admin.projects.create("page-%s-%d" % (tag, i), "default") for i in range(8)]
    yield made
    for project in made:
        admin.projects.delete(project)


def test_list_is_cut_to_list_limit(
    admin: v3_client.Client, projects: list[_t.Any], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="stackclient.pagination")
    found = admin.projects.list()
    assert len(found) == LIST_LIMIT
    assert found.truncated  # and said so: use iterate()
    assert any("iterate()" in r.getMessage() for r in caplog.records)


def test_a_whole_listing_is_not_marked(admin: v3_client.Client) -> None:
    assert not admin.projects.list(name="admin").truncated


def test_iterate_follows_next_through_every_project(
    admin: v3_client.Client, projects: list[_t.Any]
) -> None:
    walked = [p.id for p in admin.projects.iterate()]
    assert len(walked) == len(set(walked))
    assert {p.id for p in projects} <= set(walked)
    assert len(walked) == len(projects) + 1  # and the bootstrap admin project


def test_iterate_stops_when_keystone_repeats_the_roles_page(admin: v3_client.Client) -> None:
    # Bootstrap made five roles; Keystone ignores the marker for roles and
    # sends the first page again, so the walk yields that page once and stops.
    walked = [r.id for r in admin.roles.iterate()]
    assert len(walked) == LIST_LIMIT
    assert len(set(walked)) == LIST_LIMIT

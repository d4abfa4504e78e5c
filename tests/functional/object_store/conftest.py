"""Fixtures for the object-store functional tests: a client of the real Swift.

The client finds Swift in the token's catalog (no endpoint override), as
on a real cloud. Every test gets its own uniquely named container, emptied
and deleted afterwards with its segments container; ``wire`` records what
went over the wire (method, path, query, Range) for the tests that count
requests.
"""

from __future__ import annotations

import typing as _t
import urllib.parse
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from stackclient import session
from stackclient.apiclient import exceptions
from stackclient.auth import v3 as v3_auth
from stackclient.object_store.v1 import client

TIMEOUT = 60


class Sent(_t.NamedTuple):
    """One request as it went over the wire."""

    method: str
    path: str
    query: dict[str, list[str]]
    range: str | None


def make_session(cloud: dict[str, _t.Any], who: str = "member") -> session.Session:
    plugin = v3_auth.Password(
        auth_url=cloud["auth_url"],
        username=cloud[f"{who}_username"],
        password=cloud[f"{who}_password"],
        project_name=cloud[f"{who}_project_name"],
        user_domain_id=cloud["user_domain_id"],
        project_domain_id=cloud["project_domain_id"],
    )
    return session.Session(auth=plugin, timeout=TIMEOUT)


@pytest.fixture(scope="module")
def sess(cloud: dict[str, _t.Any]) -> session.Session:
    return make_session(cloud)


@pytest.fixture(scope="module")
def swift(sess: session.Session) -> client.Client:
    return client.Client(session=sess)


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def remove(swift: client.Client, name: str) -> None:
    """Delete a container and everything in it, if it is there."""
    try:
        swift.containers.delete(name, empty=True, ignore_missing=True)
    except exceptions.ClientException:
        swift.containers.delete(name, empty=True, ignore_missing=True)


@pytest.fixture
def container(swift: client.Client) -> Iterator[str]:
    name = unique("objstore")
    swift.containers.create(name)
    try:
        yield name
    finally:
        remove(swift, name)
        remove(swift, name + "_segments")


@pytest.fixture
def wire(sess: session.Session) -> Iterator[list[Sent]]:
    seen: list[Sent] = []

    def record(response: _t.Any, *args: _t.Any, **kwargs: _t.Any) -> None:
        request = response.request
        parts = urllib.parse.urlsplit(request.url)
        query = urllib.parse.parse_qs(parts.query, keep_blank_values=True)
        path = urllib.parse.unquote(parts.path)
        seen.append(Sent(request.method, path, query, request.headers.get("Range")))

    hooks = sess.session.hooks["response"]
    hooks.append(record)
    try:
        yield seen
    finally:
        hooks.remove(record)


@pytest.fixture(scope="module")
def devices(cloud: dict[str, _t.Any]) -> Path:
    """Where the Swift object server keeps its files (to corrupt them on purpose)."""
    return Path(cloud["services"]["swift"]["state_dir"]) / "devices"

"""Seeds 000 and 001 run verbatim (openstack renamed stackclient) against the real Keystone.

The module adds the regions the seeds name (``earth1``, ``earth``,
``example-region``) to Keystone, each with identity endpoints at
``http://localhost:<port>/v3`` (and, for ``example-region``, a public one
at ``127.0.0.1``), so a connection that picked the wrong region or
interface would end up at Keystone's bootstrap endpoint (``127.0.0.1``)
and the test would see it. clouds.yaml is written into a private
directory; the user's configuration is never read.
"""

from __future__ import annotations

import argparse
import sys
import typing as _t
import urllib.parse
from collections.abc import Iterator

import pytest

import stackclient
import stackclient.config
from stackclient import connection
from stackclient import session as sc_session
from stackclient.apiclient import exceptions
from stackclient.auth import v3
from stackclient.v3 import client as v3_client
from tests.unit.cloud_env import cloud_env  # noqa: F401 - the fixture

SEED_REGIONS = ("earth1", "earth", "example-region")


def _admin(keystone: _t.Any) -> v3_client.Client:
    plugin = v3.Password(auth_url=keystone.auth_url, username=keystone.admin_username,
                         password=keystone.admin_password, project_name=keystone.admin_project_name,
                         user_domain_id="default", project_domain_id="default")  # fmt: skip
    return v3_client.Client(session=sc_session.Session(auth=plugin))


def _local_url(keystone: _t.Any) -> str:
    parts = urllib.parse.urlsplit(keystone.auth_url)
    return parts._replace(netloc="localhost:%d" % parts.port).geturl()


@pytest.fixture(scope="module")
def seed_cloud(keystone: _t.Any) -> Iterator[dict[str, _t.Any]]:
    """The seeds' regions and endpoints in Keystone; removed afterwards."""
    admin = _admin(keystone)
    identity = admin.services.find(type="identity")
    local = _local_url(keystone)
    made_regions, made_endpoints = [], []
    try:
        for region in SEED_REGIONS:
            made_regions.append(admin.regions.create(id=region, description="seed region"))
            for interface in ("public", "internal"):
                url = (
                    keystone.auth_url
                    if (region, interface) == ("example-region", "public")
                    else local
                )
                made_endpoints.append(
                    admin.endpoints.create(identity, url, interface, region=region)
                )
        yield {
            "auth_url": keystone.auth_url,
            "local_url": local,
            "username": keystone.admin_username,
            "password": keystone.admin_password,
            "project_id": admin.auth_ref.project_id,
        }
    finally:
        for endpoint in made_endpoints:
            admin.endpoints.delete(endpoint)
        for region in made_regions:
            admin.regions.delete(region)


@pytest.fixture
def example_cloud(seed_cloud: dict[str, _t.Any], cloud_env: _t.Any) -> dict[str, _t.Any]:  # noqa: F811
    """clouds.yaml (in the private cwd) with the seeds' cloud ``example``; secrets in secure.yaml."""
    cloud_env.write("cwd/clouds.yaml", f"""
        clouds:
          example:
            auth:
              auth_url: {seed_cloud["auth_url"]}
              username: {seed_cloud["username"]}
              project_id: {seed_cloud["project_id"]}
              user_domain_id: default
            regions: [earth1, earth, example-region]
    """)  # fmt: skip
    cloud_env.write("cwd/secure.yaml", f"""
        clouds:
          example:
            auth:
              password: {seed_cloud["password"]}
    """)  # fmt: skip
    return seed_cloud


def _lists_the_admin_project(projects: _t.Iterable[_t.Any], cloud: dict[str, _t.Any]) -> None:
    assert cloud["project_id"] in [project.id for project in projects]


# -- seed 000 ----------------------------------------------------------------------------


def test_connect_to_a_named_cloud_and_region(example_cloud: dict[str, _t.Any]) -> None:
    conn = stackclient.connect(cloud="example", region_name="earth1")
    projects = conn.identity.projects()
    _lists_the_admin_project(projects, example_cloud)
    assert conn.identity.management_url == example_cloud["local_url"]


def test_connect_with_argparse(
    example_cloud: dict[str, _t.Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        sys, "argv", ["awesome-app", "--os-cloud", "example", "--os-region-name", "earth"]
    )
    options = argparse.ArgumentParser(description="Awesome OpenStack App")
    conn = stackclient.connect(options=options)
    projects = conn.identity.projects()
    _lists_the_admin_project(projects, example_cloud)
    assert conn.config.region_name == "earth"
    assert "--os-cloud" in options.format_help()


def test_connection_from_arguments(seed_cloud: dict[str, _t.Any]) -> None:
    conn = connection.Connection(
        region_name="example-region",
        auth=dict(
            auth_url=seed_cloud["auth_url"],
            username=seed_cloud["username"],
            password=seed_cloud["password"],
            project_id=seed_cloud["project_id"],
            user_domain_id="default"),
        compute_api_version="2",
        identity_interface="internal")  # fmt: skip
    projects = conn.identity.projects()
    _lists_the_admin_project(projects, seed_cloud)
    assert conn.identity.management_url == seed_cloud["local_url"]  # internal, not public


def test_connection_from_a_session(seed_cloud: dict[str, _t.Any]) -> None:
    session = sc_session.Session(auth=v3.Password(
        auth_url=seed_cloud["auth_url"], username=seed_cloud["username"],
        password=seed_cloud["password"], project_id=seed_cloud["project_id"],
        user_domain_id="default"))  # fmt: skip
    conn = connection.Connection(
        session=session,
        region_name="example-region",
        compute_api_version="2",
        identity_interface="internal")  # fmt: skip
    projects = conn.identity.projects()
    _lists_the_admin_project(projects, seed_cloud)
    assert conn.identity.management_url == seed_cloud["local_url"]


def test_connection_from_a_cloud_region(example_cloud: dict[str, _t.Any]) -> None:
    config = stackclient.config.get_cloud_region(
        cloud="example", region_name="earth")  # fmt: skip
    conn = connection.Connection(config=config)
    projects = conn.identity.projects()
    _lists_the_admin_project(projects, example_cloud)
    assert str(conn.config.origin("auth.password")).startswith("secure file ")


def test_authorize_returns_a_token_keystone_accepts(example_cloud: dict[str, _t.Any]) -> None:
    conn = stackclient.connect(cloud="example")
    token = conn.authorize()
    assert conn.identity.tokens.validate(token).project_id == example_cloud["project_id"]


def test_find_project_by_name(example_cloud: dict[str, _t.Any]) -> None:
    conn = stackclient.connect(cloud="example")
    assert conn.identity.find_project("admin").id == example_cloud["project_id"]
    assert conn.identity.find_project("no-such-project") is None


# -- seed 001 ----------------------------------------------------------------------------


def test_older_connection_with_auth_args(seed_cloud: dict[str, _t.Any]) -> None:
    auth_args = {
        "auth_url": seed_cloud["auth_url"],
        "project_name": "admin",
        "username": seed_cloud["username"],
        "password": seed_cloud["password"],
    }
    conn = connection.Connection(**auth_args)
    projects = conn.identity.list_projects()
    _lists_the_admin_project(projects, seed_cloud)
    conn = connection.Connection(auth_plugin="password", **auth_args)
    _lists_the_admin_project(conn.identity.list_projects(), seed_cloud)


def test_wrong_password_is_unauthorized(example_cloud: dict[str, _t.Any]) -> None:
    conn = stackclient.connect(cloud="example", auth={"password": "not-the-password"})
    with pytest.raises(exceptions.Unauthorized):
        conn.authorize()

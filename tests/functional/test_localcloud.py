"""Smoke tests of the local cloud: one real thing per service.

Each test logs in with stackclient's ``Session`` and ``v3.Password``,
finds the service's endpoint in the token's catalog, and drives the
service with plain ``requests`` calls through the session (no service
client is involved).
"""

from __future__ import annotations

import typing as _t
import uuid

import pytest

from stackclient import session
from stackclient.apiclient import exceptions
from stackclient.auth import v3 as v3_auth

TIMEOUT = 60


def _session(cloud: dict[str, _t.Any], who: str = "admin") -> session.Session:
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
def admin(cloud: dict[str, _t.Any]) -> session.Session:
    return _session(cloud, "admin")


@pytest.fixture(scope="module")
def member(cloud: dict[str, _t.Any]) -> session.Session:
    return _session(cloud, "member")


def _endpoint(sess: session.Session, service_type: str) -> str:
    url = sess.get_endpoint(service_type=service_type, interface="public")
    assert url, f"no {service_type} endpoint in the catalog"
    return str(url).rstrip("/")


def _name(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def test_identity_catalog_matches_cloud_json(
    cloud: dict[str, _t.Any], admin: session.Session
) -> None:
    assert _endpoint(admin, "identity") == cloud["services"]["keystone"]["endpoints"]["identity"]
    for name, entry in cloud["services"].items():
        for service_type, url in entry.get("endpoints", {}).items():
            found = admin.get_endpoint(service_type=service_type, interface="internal")
            assert found, f"{name}: {service_type} missing from the catalog"
            assert url.split("%(")[0].rstrip("/") in found


def test_identity_member_is_not_admin(cloud: dict[str, _t.Any], member: session.Session) -> None:
    assert member.get_token()
    with pytest.raises(exceptions.Forbidden):
        member.get("/users", endpoint_filter={"service_type": "identity"})


def test_network_create_list_delete(member: session.Session) -> None:
    base = _endpoint(member, "network")
    name = _name("net")
    created = member.post(f"{base}/v2.0/networks", json={"network": {"name": name}}).json()
    net_id = created["network"]["id"]
    try:
        found = member.get(f"{base}/v2.0/networks", params={"name": name}).json()
        assert [n["id"] for n in found["networks"]] == [net_id]
        assert created["network"]["port_security_enabled"] is True
    finally:
        member.delete(f"{base}/v2.0/networks/{net_id}")


def test_network_ports_are_bound_for_compute(
    cloud: dict[str, _t.Any], admin: session.Session
) -> None:
    base = _endpoint(admin, "network")
    shared = cloud["services"]["neutron"]["shared_network"]
    port = {"network_id": shared["id"], "binding:host_id": "compute-1", "name": _name("port")}
    created = admin.post(f"{base}/v2.0/ports", json={"port": port}).json()["port"]
    try:
        assert created["binding:vif_type"] == "ovs"
        assert created["status"] == "ACTIVE"
        assert created["fixed_ips"][0]["subnet_id"] == shared["subnet_id"]
    finally:
        admin.delete(f"{base}/v2.0/ports/{created['id']}")


def test_network_lists_paginate(admin: session.Session) -> None:
    base = _endpoint(admin, "network")
    page = admin.get(
        f"{base}/v2.0/networks", params={"limit": 1, "sort_key": "name", "sort_dir": "asc"}
    ).json()
    assert len(page["networks"]) == 1
    assert any(link["rel"] == "next" for link in page.get("networks_links", []))

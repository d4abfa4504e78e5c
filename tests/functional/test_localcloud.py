"""Smoke tests of the local cloud: one real thing per service.

Each test logs in with stackclient's ``Session`` and ``v3.Password``,
finds the service's endpoint in the token's catalog, and drives the
service with plain ``requests`` calls through the session (no service
client is involved).
"""

from __future__ import annotations

import hashlib
import http.server
import threading
import time
import typing as _t
import uuid
from collections.abc import Iterator

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


def _wait_for(check: _t.Callable[[], bool], what: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, f"{what}: not done in {timeout:.0f} s"
        time.sleep(0.5)


@pytest.fixture
def image(admin: session.Session) -> Iterator[tuple[str, str]]:
    """An empty (queued) image; yields ``(image endpoint, image id)``."""
    base = _endpoint(admin, "image")
    body = {"name": _name("img"), "disk_format": "raw", "container_format": "bare"}
    image_id = admin.post(f"{base}/v2/images", json=body).json()["id"]
    yield base, image_id
    admin.delete(f"{base}/v2/images/{image_id}", raise_exc=False)


def _get_image(sess: session.Session, base: str, image_id: str) -> dict[str, _t.Any]:
    return dict(sess.get(f"{base}/v2/images/{image_id}").json())


def test_image_upload_and_download(admin: session.Session, image: tuple[str, str]) -> None:
    base, image_id = image
    data = b"stackclient image bytes " * 1000
    headers = {"Content-Type": "application/octet-stream"}
    admin.put(f"{base}/v2/images/{image_id}/file", data=data, headers=headers)
    shown = _get_image(admin, base, image_id)
    assert shown["status"] == "active"
    assert shown["stores"] == "fs1"
    assert shown["os_hash_value"] == hashlib.sha512(data).hexdigest()
    assert admin.get(f"{base}/v2/images/{image_id}/file").content == data


def test_image_copy_to_second_store(admin: session.Session, image: tuple[str, str]) -> None:
    base, image_id = image
    headers = {"Content-Type": "application/octet-stream"}
    admin.put(f"{base}/v2/images/{image_id}/file", data=b"x" * 4096, headers=headers)
    body = {"method": {"name": "copy-image"}, "stores": ["fs2"]}
    admin.post(f"{base}/v2/images/{image_id}/import", json=body)
    _wait_for(
        lambda: set(_get_image(admin, base, image_id)["stores"].split(",")) == {"fs1", "fs2"},
        "copy-image to fs2",
    )


class _OneFile(http.server.BaseHTTPRequestHandler):
    payload = b"served over loopback " * 512

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self.send_response(200)
        self.send_header("Content-Length", str(len(self.payload)))
        self.end_headers()
        self.wfile.write(self.payload)

    def log_message(self, *args: _t.Any) -> None:
        pass


def test_image_web_download_from_loopback(admin: session.Session, image: tuple[str, str]) -> None:
    base, image_id = image
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _OneFile)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        uri = f"http://127.0.0.1:{server.server_address[1]}/disk.raw"
        body = {"method": {"name": "web-download", "uri": uri}}
        admin.post(f"{base}/v2/images/{image_id}/import", json=body)
        _wait_for(lambda: _get_image(admin, base, image_id)["status"] == "active", "web-download")
    finally:
        server.shutdown()
        server.server_close()
    assert admin.get(f"{base}/v2/images/{image_id}/file").content == _OneFile.payload


def test_object_put_get_with_metadata(cloud: dict[str, _t.Any], member: session.Session) -> None:
    base = _endpoint(member, "object-store")
    # ~4 KiB of metadata needs the tmpfs device (ext4 keeps xattrs in one block)
    keys = 20 if cloud["services"]["swift"]["tmpfs"] else 2
    assert f"AUTH_{member.get_project_id()}" in base
    container, data = _name("ctr"), b"object bytes " * 100
    member.put(f"{base}/{container}")
    try:
        meta = {f"X-Object-Meta-K{i}": "v" * 200 for i in range(keys)}
        member.put(f"{base}/{container}/obj", data=data, headers=meta)
        got = member.get(f"{base}/{container}/obj")
        assert got.content == data
        assert got.headers[f"X-Object-Meta-K{keys - 1}"] == "v" * 200
        listing = member.get(f"{base}/{container}", params={"format": "json"}).json()
        assert [o["name"] for o in listing] == ["obj"]
    finally:
        member.delete(f"{base}/{container}/obj", raise_exc=False)
        member.delete(f"{base}/{container}", raise_exc=False)


def test_object_store_keeps_projects_apart(
    admin: session.Session, member: session.Session
) -> None:
    admin_account = _endpoint(admin, "object-store")
    with pytest.raises(exceptions.Forbidden):
        member.get(admin_account)

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
import requests

from stackclient import session
from stackclient.apiclient import exceptions
from stackclient.auth import v3 as v3_auth
from tests.conftest import register_secret

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


def test_object_store_middleware_is_enabled(cloud: dict[str, _t.Any]) -> None:
    info = requests.get(cloud["services"]["swift"]["url"] + "/info", timeout=TIMEOUT).json()
    wanted = {"slo", "bulk_upload", "bulk_delete", "tempurl", "versioned_writes"}
    wanted |= {"symlink", "container_quotas", "account_quotas", "object_versioning"}
    assert wanted <= set(info)


def test_image_service_reports_its_stores_and_import_methods(admin: session.Session) -> None:
    base = _endpoint(admin, "image")
    stores = admin.get(f"{base}/v2/info/stores").json()["stores"]
    assert {s["id"] for s in stores} == {"fs1", "fs2"}
    assert [s["id"] for s in stores if s.get("default")] == ["fs1"]
    methods = admin.get(f"{base}/v2/info/import").json()["import-methods"]["value"]
    assert set(methods) == {"glance-direct", "web-download", "copy-image"}


def test_object_store_joins_dynamic_large_object_segments(member: session.Session) -> None:
    base = _endpoint(member, "object-store")
    container = _name("dlo")
    member.put(f"{base}/{container}")
    names = ["seg/1", "seg/2", "big"]
    try:
        member.put(f"{base}/{container}/seg/1", data=b"first,")
        member.put(f"{base}/{container}/seg/2", data=b"second")
        manifest = {"X-Object-Manifest": f"{container}/seg/"}
        member.put(f"{base}/{container}/big", data=b"", headers=manifest)
        assert member.get(f"{base}/{container}/big").content == b"first,second"
    finally:
        for name in names:
            member.delete(f"{base}/{container}/{name}", raise_exc=False)
        member.delete(f"{base}/{container}", raise_exc=False)


def test_network_lets_the_service_role_bind_ports(
    cloud: dict[str, _t.Any], admin: session.Session
) -> None:
    identity, network = _endpoint(admin, "identity"), _endpoint(admin, "network")
    password = uuid.uuid4().hex
    register_secret(password)
    body = {"user": {"name": _name("binder"), "password": password, "domain_id": "default"}}
    user = admin.post(f"{identity}/users", json=body).json()["user"]
    try:
        role = admin.get(f"{identity}/roles", params={"name": "service"}).json()["roles"][0]
        grant = f"{identity}/projects/{cloud['member_project_id']}/users/{user['id']}/roles"
        admin.put(f"{grant}/{role['id']}")
        plugin = v3_auth.Password(
            auth_url=cloud["auth_url"],
            username=user["name"],
            password=password,
            project_id=cloud["member_project_id"],
            user_domain_id="default",
        )
        binder = session.Session(auth=plugin, timeout=TIMEOUT)
        shared = cloud["services"]["neutron"]["shared_network"]
        port = {"network_id": shared["id"], "binding:host_id": "compute-2"}
        created = binder.post(f"{network}/v2.0/ports", json={"port": port}).json()["port"]
        admin.delete(f"{network}/v2.0/ports/{created['id']}")
        assert created["binding:vif_type"] == "ovs"
    finally:
        admin.delete(f"{identity}/users/{user['id']}")


def test_image_glance_direct_import_through_the_staging_store(
    admin: session.Session, image: tuple[str, str]
) -> None:
    base, image_id = image
    data = b"staged bytes " * 300
    headers = {"Content-Type": "application/octet-stream"}
    admin.put(f"{base}/v2/images/{image_id}/stage", data=data, headers=headers)
    assert _get_image(admin, base, image_id)["status"] == "uploading"
    admin.post(f"{base}/v2/images/{image_id}/import", json={"method": {"name": "glance-direct"}})
    _wait_for(lambda: _get_image(admin, base, image_id)["status"] == "active", "glance-direct")
    assert admin.get(f"{base}/v2/images/{image_id}/file").content == data


# -- compute (Nova with placement, on Neutron's shared network and Glance) --


def _status(sess: session.Session, url: str, key: str) -> str | None:
    """Return ``body[key]["status"]`` of a GET on ``url``, or None once it is gone."""
    response = sess.get(url, raise_exc=False)
    if response.status_code == 404:
        return None
    response.raise_for_status()
    return str(response.json()[key]["status"])


@pytest.fixture
def member_image(member: session.Session) -> Iterator[str]:
    """An active image of the member's project, removed afterwards; yields its id."""
    base = _endpoint(member, "image")
    body = {"name": _name("boot"), "disk_format": "raw", "container_format": "bare"}
    image_id = member.post(f"{base}/v2/images", json=body).json()["id"]
    headers = {"Content-Type": "application/octet-stream"}
    member.put(f"{base}/v2/images/{image_id}/file", data=b"\0" * 65536, headers=headers)
    yield image_id
    member.delete(f"{base}/v2/images/{image_id}", raise_exc=False)


def _flavor_id(sess: session.Session, compute: str, name: str) -> str:
    flavors = sess.get(f"{compute}/flavors").json()["flavors"]
    matches = [f["id"] for f in flavors if f["name"] == name]
    assert matches, f"flavor {name} missing: {flavors}"
    return str(matches[0])


def test_compute_boots_a_server_to_active_on_the_shared_network(
    cloud: dict[str, _t.Any], member: session.Session, member_image: str
) -> None:
    compute = _endpoint(member, "compute")
    network = _endpoint(member, "network")
    shared = cloud["services"]["neutron"]["shared_network"]
    server = {
        "name": _name("vm"),
        "imageRef": member_image,
        "flavorRef": _flavor_id(member, compute, "m1.tiny"),
        "networks": [{"uuid": shared["id"]}],
    }
    server_id = member.post(f"{compute}/servers", json={"server": server}).json()["server"]["id"]
    url = f"{compute}/servers/{server_id}"
    try:
        _wait_for(lambda: _status(member, url, "server") != "BUILD", "server build", 180)
        shown = member.get(url).json()["server"]
        assert shown["status"] == "ACTIVE", shown.get("fault")
        assert [a["addr"] for a in shown["addresses"][shared["name"]]]
        ports = member.get(f"{network}/v2.0/ports", params={"device_id": server_id}).json()
        assert [(p["network_id"], p["status"]) for p in ports["ports"]] == [
            (shared["id"], "ACTIVE")
        ]
    finally:
        member.delete(url, raise_exc=False)
    _wait_for(lambda: _status(member, url, "server") is None, "server delete", 120)
    ports = member.get(f"{network}/v2.0/ports", params={"device_id": server_id}).json()
    assert ports["ports"] == []


def test_compute_reports_its_hypervisor_to_placement(admin: session.Session) -> None:
    compute = _endpoint(admin, "compute")
    hypervisors = admin.get(f"{compute}/os-hypervisors/detail").json()["hypervisors"]
    assert [(h["state"], h["status"]) for h in hypervisors] == [("up", "enabled")]
    placement = _endpoint(admin, "placement")
    headers = {"OpenStack-API-Version": "placement 1.14"}
    providers = admin.get(f"{placement}/resource_providers", headers=headers).json()
    assert [p["name"] for p in providers["resource_providers"]] == [
        hypervisors[0]["hypervisor_hostname"]
    ]


# -- block storage (Cinder with the fake volume driver) ----------------------


def test_block_storage_volume_and_snapshot_reach_available(member: session.Session) -> None:
    volumes = _endpoint(member, "block-storage")
    assert _endpoint(member, "volumev3") == volumes
    body = {"volume": {"size": 1, "name": _name("vol")}}
    volume_id = member.post(f"{volumes}/volumes", json=body).json()["volume"]["id"]
    volume_url = f"{volumes}/volumes/{volume_id}"
    try:
        _wait_for(lambda: _status(member, volume_url, "volume") != "creating", "volume create")
        assert _status(member, volume_url, "volume") == "available"
        body = {"snapshot": {"volume_id": volume_id, "name": _name("snap")}}
        snap_id = member.post(f"{volumes}/snapshots", json=body).json()["snapshot"]["id"]
        snap_url = f"{volumes}/snapshots/{snap_id}"
        _wait_for(lambda: _status(member, snap_url, "snapshot") != "creating", "snapshot")
        assert _status(member, snap_url, "snapshot") == "available"
        member.delete(snap_url)
        _wait_for(lambda: _status(member, snap_url, "snapshot") is None, "snapshot delete")
    finally:
        member.delete(volume_url, raise_exc=False)
    _wait_for(lambda: _status(member, volume_url, "volume") is None, "volume delete")


def _actions(sess: session.Session, server_url: str) -> list[str]:
    actions = sess.get(f"{server_url}/os-instance-actions").json()["instanceActions"]
    return [str(a["action"]) for a in actions]


def test_block_storage_and_compute_tell_each_other_of_attach_and_extend(
    cloud: dict[str, _t.Any], member: session.Session, member_image: str
) -> None:
    compute = _endpoint(member, "compute")
    volumes = _endpoint(member, "block-storage")
    server = {
        "name": _name("vm"),
        "imageRef": member_image,
        "flavorRef": _flavor_id(member, compute, "m1.tiny"),
        "networks": [{"uuid": cloud["services"]["neutron"]["shared_network"]["id"]}],
    }
    server_id = member.post(f"{compute}/servers", json={"server": server}).json()["server"]["id"]
    server_url = f"{compute}/servers/{server_id}"
    body = {"volume": {"size": 1, "name": _name("vol")}}
    volume_id = member.post(f"{volumes}/volumes", json=body).json()["volume"]["id"]
    volume_url = f"{volumes}/volumes/{volume_id}"
    try:
        _wait_for(lambda: _status(member, server_url, "server") != "BUILD", "server build", 180)
        _wait_for(lambda: _status(member, volume_url, "volume") == "available", "volume create")
        attach = {"volumeAttachment": {"volumeId": volume_id}}
        member.post(f"{server_url}/os-volume_attachments", json=attach)
        _wait_for(lambda: _status(member, volume_url, "volume") == "in-use", "volume attach")
        # Extending an attached volume makes Cinder send Nova an external event.
        extend = {"os-extend": {"new_size": 2}}
        version = {"OpenStack-API-Version": "volume 3.42"}
        member.post(f"{volume_url}/action", json=extend, headers=version)
        _wait_for(lambda: "extend_volume" in _actions(member, server_url), "extend event")
        member.delete(f"{server_url}/os-volume_attachments/{volume_id}")
        _wait_for(lambda: _status(member, volume_url, "volume") == "available", "volume detach")
        assert member.get(volume_url).json()["volume"]["size"] == 2
    finally:
        member.delete(server_url, raise_exc=False)
        _wait_for(lambda: _status(member, server_url, "server") is None, "server delete", 120)
        member.delete(volume_url, raise_exc=False)
    _wait_for(lambda: _status(member, volume_url, "volume") is None, "volume delete")

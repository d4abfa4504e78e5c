"""Helpers for the block storage functional tests: sessions, names, a server, images.

Servers and images are made with plain requests through the shared
Session (the compute client is built separately), found in the token's
catalog like everything else.
"""

from __future__ import annotations

import json
import time
import typing as _t
import uuid

from stackclient import session
from stackclient.auth import v3 as v3_auth

__all__ = ["Cloud", "endpoint", "member_server", "name", "nova_style_image", "plain_image"]

#: Seconds one HTTP request may take.
TIMEOUT = 60
#: Seconds a server may take to boot on a loaded 2-core machine.
BOOT_TIMEOUT = 180


def new_session(cloud: dict[str, _t.Any], who: str) -> session.Session:
    """A session for the cloud's ``admin`` or ``member`` user."""
    return session.Session(
        auth=v3_auth.Password(
            auth_url=cloud["auth_url"],
            username=cloud[f"{who}_username"],
            password=cloud[f"{who}_password"],
            project_name=cloud[f"{who}_project_name"],
            user_domain_id=cloud["user_domain_id"],
            project_domain_id=cloud["project_domain_id"],
        ),
        timeout=TIMEOUT,
    )


Cloud = dict[str, _t.Any]


def name(prefix: str) -> str:
    """A unique name, so that concurrent runs and leftovers never collide."""
    return f"sc-{prefix}-{uuid.uuid4().hex[:10]}"


def endpoint(sess: session.Session, service_type: str) -> str:
    url = sess.get_endpoint(service_type=service_type, interface="public")
    assert url, f"no {service_type} endpoint in the catalog"
    return str(url).rstrip("/")


def _until(check: _t.Callable[[], bool], what: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.5)


def _server_status(sess: session.Session, url: str) -> str | None:
    resp = sess.get(url, raise_exc=False)
    return None if resp.status_code == 404 else str(resp.json()["server"]["status"])


class member_server:  # noqa: N801 - a context manager, used like open()
    """Boot an ACTIVE server for the member on the shared network; delete it on exit."""

    def __init__(self, cloud: Cloud, sess: session.Session, image_id: str) -> None:
        self.sess = sess
        compute = endpoint(sess, "compute")
        flavors = sess.get(f"{compute}/flavors").json()["flavors"]
        flavor = next(f["id"] for f in flavors if f["name"] == "m1.tiny")
        body = {"server": {"name": name("vm"), "imageRef": image_id, "flavorRef": flavor,
                           "networks": [{"uuid": cloud["services"]["neutron"]["shared_network"]["id"]}]}}  # fmt: skip
        self.id = str(sess.post(f"{compute}/servers", json=body).json()["server"]["id"])
        self.url = f"{compute}/servers/{self.id}"

    def __enter__(self) -> member_server:
        _until(
            lambda: _server_status(self.sess, self.url) != "BUILD", "server build", BOOT_TIMEOUT
        )
        status = _server_status(self.sess, self.url)
        assert status == "ACTIVE", self.sess.get(self.url).json()["server"].get("fault")
        return self

    def __exit__(self, *exc: object) -> None:
        self.sess.delete(self.url, raise_exc=False)
        _until(lambda: _server_status(self.sess, self.url) is None, "server delete", 120)


def plain_image(sess: session.Session, data: bytes = b"\0" * 65536) -> str:
    """An active raw image with ``data``; returns its id (delete it with :func:`delete_image`)."""
    glance = endpoint(sess, "image")
    body = {"name": name("img"), "disk_format": "raw", "container_format": "bare"}
    image_id = str(sess.post(f"{glance}/v2/images", json=body).json()["id"])
    headers = {"Content-Type": "application/octet-stream"}
    sess.put(f"{glance}/v2/images/{image_id}/file", data=data, headers=headers)
    return image_id


def nova_style_image(sess: session.Session, snapshot_id: str, size_gb: int) -> str:
    """An image as Nova makes of a volume-backed server: no data, a snapshot in its
    ``block_device_mapping`` property. Cinder (3.46+) makes a volume of it from the snapshot."""
    glance = endpoint(sess, "image")
    mapping = [{"source_type": "snapshot", "destination_type": "volume", "boot_index": 0,
                "snapshot_id": snapshot_id, "volume_size": size_gb, "delete_on_termination": False}]  # fmt: skip
    body = {"name": name("img"), "disk_format": "raw", "container_format": "bare",
            "block_device_mapping": json.dumps(mapping), "bdm_v2": "True"}  # fmt: skip
    return str(sess.post(f"{glance}/v2/images", json=body).json()["id"])


def delete_image(sess: session.Session, image_id: str) -> None:
    sess.delete(f"{endpoint(sess, 'image')}/v2/images/{image_id}", raise_exc=False)

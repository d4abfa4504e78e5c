"""A tour of the local cloud through stackclient's Session and the catalog.

Reads the cloud description (cloud.json, as printed by ``tools/cloud.py
start``) from the STACKCLIENT_DEMO_SERVER environment variable, logs in as
the non-admin ``member`` user, prints the service catalog its token
carries, then does one real thing with each service it finds there --
a network, an image, an object -- and cleans up.
"""

from __future__ import annotations

import json
import os
import sys
import typing as _t
import uuid

import prettytable

from stackclient import session
from stackclient.apiclient import exceptions
from stackclient.auth import v3


def table(title: str, columns: list[str], rows: list[list[object]]) -> str:
    """Render rows as a prettytable with a title line."""
    out = prettytable.PrettyTable(columns)
    out.align = "l"
    for row in rows:
        out.add_row(row)
    return "%s\n%s" % (title, out.get_string())


def member_session(cloud: dict[str, _t.Any]) -> session.Session:
    """A Session for the cloud's non-admin user, scoped to its project."""
    auth = v3.Password(
        auth_url=cloud["auth_url"],
        username=cloud["member_username"],
        password=cloud["member_password"],
        project_name=cloud["member_project_name"],
        user_domain_id=cloud["user_domain_id"],
        project_domain_id=cloud["project_domain_id"],
    )
    return session.Session(auth=auth, timeout=60)


def catalog_rows(sess: session.Session, types: list[str]) -> list[list[object]]:
    """One row per service type found in the token's catalog."""
    rows = []
    for service_type in types:
        try:
            url = sess.get_endpoint(service_type=service_type, interface="public")
        except exceptions.EndpointNotFound:
            continue  # a cloud started with --services has only some
        if url:
            rows.append([service_type, url])
    return rows


def network_step(sess: session.Session, url: str, name: str) -> list[object]:
    net = sess.post(f"{url}/v2.0/networks", json={"network": {"name": name}}).json()["network"]
    sess.delete(f"{url}/v2.0/networks/{net['id']}")
    return ["network", f"created and deleted network {name} ({net['status']})"]


def image_step(sess: session.Session, url: str, name: str) -> list[object]:
    body = {"name": name, "disk_format": "raw", "container_format": "bare"}
    image = sess.post(f"{url}/v2/images", json=body).json()
    headers = {"Content-Type": "application/octet-stream"}
    sess.put(f"{url}/v2/images/{image['id']}/file", data=b"\0" * 65536, headers=headers)
    shown = sess.get(f"{url}/v2/images/{image['id']}").json()
    sess.delete(f"{url}/v2/images/{image['id']}")
    return ["image", f"uploaded {shown['size']} bytes to image {name}: {shown['status']}"]


def object_step(sess: session.Session, url: str, name: str) -> list[object]:
    sess.put(f"{url}/{name}")
    sess.put(f"{url}/{name}/hello.txt", data=b"hello from stackclient\n")
    text = sess.get(f"{url}/{name}/hello.txt").text.strip()
    sess.delete(f"{url}/{name}/hello.txt")
    sess.delete(f"{url}/{name}")
    return ["object-store", f"put and got {name}/hello.txt: {text!r}"]


STEPS = {"network": network_step, "image": image_step, "object-store": object_step}


def main() -> int:
    raw = os.environ.get("STACKCLIENT_DEMO_SERVER")
    if not raw:
        print("set STACKCLIENT_DEMO_SERVER to the JSON printed by tools/cloud.py start",
              file=sys.stderr)  # fmt: skip
        return 2
    sess = member_session(json.loads(raw))
    types = ["identity", "network", "image", "compute", "block-storage", "object-store"]
    rows = catalog_rows(sess, types)
    print(table("Catalog of the member's token (public interface)", ["type", "URL"], rows))
    done = []
    for service_type, _url in rows:
        step = STEPS.get(str(service_type))
        if step:
            done.append(step(sess, str(_url).rstrip("/"), "tour-" + uuid.uuid4().hex[:8]))
    print(table("One real thing per service", ["service", "what happened"], done))
    return 0


if __name__ == "__main__":
    sys.exit(main())

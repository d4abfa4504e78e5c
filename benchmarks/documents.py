"""Keystone-shaped JSON documents served by the canned benchmark server.

Every function here is pure: it builds plain dicts from its arguments, so
the server can encode them once and replay the bytes.  ``base`` is always
the URL the identity service lives under, without the version segment
(for example ``http://127.0.0.1:5000/c/20``).
"""

from __future__ import annotations

import datetime
import hashlib
from typing import Any

DOMAIN_ID = "default"
DOMAIN_NAME = "Default"
USER_NAME = "admin"
USER_PASSWORD = "secret"
PROJECT_NAME = "admin"
USER_ID = "4b8c3e1f0a2d4c6e8f1a3b5c7d9e0f12"
ADMIN_PROJECT_ID = "9f2e4d6c8b0a41c3a5e7f9b1d3c5e7a9"
ROLES = (
    ("0d4a3b2c1e5f47a8b9c0d1e2f3a4b5c6", "admin"),
    ("1e5b4c3d2f6a48b9c0d1e2f3a4b5c6d7", "member"),
    ("2f6c5d4e3a7b49c0d1e2f3a4b5c6d7e8", "reader"),
)
# Services listed in the catalog besides identity, as a real cloud has them.
OTHER_SERVICES = (
    ("compute", "nova", "/compute/v2.1"),
    ("image", "glance", "/image"),
    ("network", "neutron", "/network"),
    ("volumev3", "cinderv3", "/volume/v3/" + ADMIN_PROJECT_ID),
    ("placement", "placement", "/placement"),
)
INTERFACES = ("public", "internal", "admin")
REGION = "RegionOne"
_INDEX_HEX = 12


def domain() -> dict[str, str]:
    """Return the default domain reference."""
    return {"id": DOMAIN_ID, "name": DOMAIN_NAME}


def isotime(timestamp: float, micro: bool = True) -> str:
    """Format a POSIX timestamp the way Keystone does (UTC, trailing Z)."""
    moment = datetime.datetime.fromtimestamp(timestamp, datetime.timezone.utc)
    if micro:
        return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def project_id(index: int) -> str:
    """Return the 32-hex id of project number ``index`` (deterministic)."""
    digest = hashlib.blake2b(index.to_bytes(8, "big"), digest_size=10)
    return f"{digest.hexdigest()}{index:0{_INDEX_HEX}x}"


def project_index(value: str) -> int | None:
    """Return the index encoded in a project id, or None if it is not one."""
    if len(value) != 32:
        return None
    try:
        index = int(value[-_INDEX_HEX:], 16)
    except ValueError:
        return None
    return index if project_id(index) == value else None


def project(index: int, base: str) -> dict[str, Any]:
    """Return one realistic project dict."""
    pid = project_id(index)
    return {
        "id": pid,
        "name": f"project-{index:06d}",
        "domain_id": DOMAIN_ID,
        "description": f"Benchmark project number {index}",
        "enabled": index % 17 != 0,
        "parent_id": DOMAIN_ID,
        "is_domain": False,
        "tags": ["team-a", "batch"] if index % 10 == 0 else [],
        "options": {},
        "links": {"self": f"{base}/v3/projects/{pid}"},
    }


def collection_url(base: str, limit: int | None, marker: str | None) -> str:
    """Return the canonical URL of one page of the projects collection."""
    query = []
    if marker is not None:
        query.append(f"marker={marker}")
    if limit is not None:
        query.append(f"limit={limit}")
    suffix = "?" + "&".join(query) if query else ""
    return f"{base}/v3/projects{suffix}"


def collection(
    base: str, total: int, limit: int | None, start: int, marker: str | None
) -> dict[str, Any]:
    """Return a Keystone-style page of projects starting at ``start``."""
    stop = total if limit is None else min(total, start + limit)
    items = [project(index, base) for index in range(start, stop)]
    following = None
    if limit is not None and stop < total and items:
        following = collection_url(base, limit, items[-1]["id"])
    return {
        "projects": items,
        "links": {
            "self": collection_url(base, limit, marker),
            "previous": None,
            "next": following,
        },
    }


def _media(version: str) -> list[dict[str, str]]:
    kind = f"application/vnd.openstack.identity-{version}+json"
    return [{"base": "application/json", "type": kind}]


def version_v3(base: str) -> dict[str, Any]:
    """Return the v3 version record (as in ``GET /v3``)."""
    return {
        "id": "v3.14",
        "status": "stable",
        "updated": "2020-04-07T00:00:00Z",
        "links": [{"rel": "self", "href": f"{base}/v3/"}],
        "media-types": _media("v3"),
    }


def version_v2(base: str) -> dict[str, Any]:
    """Return the v2.0 version record (as in ``GET /v2.0``)."""
    return {
        "id": "v2.0",
        "status": "deprecated",
        "updated": "2016-08-04T00:00:00Z",
        "links": [
            {"rel": "self", "href": f"{base}/v2.0/"},
            {
                "rel": "describedby",
                "type": "text/html",
                "href": "https://docs.openstack.org/",
            },
        ],
        "media-types": _media("v2.0"),
    }


def versions(base: str) -> dict[str, Any]:
    """Return the multiple-choice document served at the identity root."""
    return {"versions": {"values": [version_v3(base), version_v2(base)]}}


def _endpoint_id(service: str, interface: str) -> str:
    seed = f"{service}/{interface}".encode()
    return hashlib.blake2b(seed, digest_size=16).hexdigest()


def _services(base: str) -> list[tuple[str, str, str]]:
    root = base.split("/", 3)
    host = "/".join(root[:3])
    listed = [("identity", "keystone", f"{base}/v3")]
    listed.extend((kind, name, host + path) for kind, name, path in OTHER_SERVICES)
    return listed


def catalog_v3(base: str) -> list[dict[str, Any]]:
    """Return a v3 service catalog; identity points back at ``base``/v3."""
    catalog = []
    for kind, name, url in _services(base):
        endpoints = [
            {
                "id": _endpoint_id(kind, interface),
                "interface": interface,
                "region_id": REGION,
                "region": REGION,
                "url": url,
            }
            for interface in INTERFACES
        ]
        catalog.append(
            {"endpoints": endpoints, "id": _endpoint_id(kind, ""), "type": kind, "name": name}
        )
    return catalog


def catalog_v2(base: str) -> list[dict[str, Any]]:
    """Return a v2.0 ``serviceCatalog``."""
    catalog = []
    for kind, name, url in _services(base):
        endpoint = {
            "id": _endpoint_id(kind, "v2"),
            "region": REGION,
            "publicURL": url,
            "internalURL": url,
            "adminURL": url,
        }
        catalog.append(
            {"endpoints": [endpoint], "endpoints_links": [], "type": kind, "name": name}
        )
    return catalog


def token_v3(
    base: str, issued: float, expires: float, methods: list[str], audit_id: str
) -> dict[str, Any]:
    """Return a project-scoped v3 token body with a catalog."""
    return {
        "token": {
            "methods": methods,
            "user": {
                "domain": domain(),
                "id": USER_ID,
                "name": USER_NAME,
                "password_expires_at": None,
            },
            "audit_ids": [audit_id],
            "expires_at": isotime(expires),
            "issued_at": isotime(issued),
            "project": {"domain": domain(), "id": ADMIN_PROJECT_ID, "name": PROJECT_NAME},
            "is_domain": False,
            "roles": [{"id": rid, "name": name} for rid, name in ROLES],
            "catalog": catalog_v3(base),
        }
    }


def access_v2(
    base: str, token: str, issued: float, expires: float, audit_id: str
) -> dict[str, Any]:
    """Return a v2.0 ``access`` body with a service catalog."""
    tenant = {
        "id": ADMIN_PROJECT_ID,
        "name": PROJECT_NAME,
        "description": "Admin project",
        "enabled": True,
    }
    return {
        "access": {
            "token": {
                "id": token,
                "issued_at": isotime(issued),
                "expires": isotime(expires, micro=False),
                "tenant": tenant,
                "audit_ids": [audit_id],
            },
            "serviceCatalog": catalog_v2(base),
            "user": {
                "id": USER_ID,
                "name": USER_NAME,
                "username": USER_NAME,
                "roles": [{"name": name} for _, name in ROLES],
                "roles_links": [],
            },
            "metadata": {"is_admin": 0, "roles": [rid for rid, _ in ROLES]},
        }
    }


def error(code: int, title: str, message: str) -> dict[str, Any]:
    """Return a Keystone error body."""
    return {"error": {"code": code, "title": title, "message": message}}


def echo_error(size: int) -> dict[str, Any]:
    """A Keystone 400 of about ``size`` bytes that quotes the input it refused.

    Keystone quotes the offending value in a validation error (``Value:
    ...``); a batch of users refused at once makes such a message large,
    and every user in it carries a password that no log may show.
    """
    parts, total, index = [], 0, 0
    while total < size:
        user = "{'name': 'user-%06d', 'password': 'pw-%06d-not-for-logs'}, " % (index, index)
        parts.append(user)
        total += len(user)
        index += 1
    value = "[" + "".join(parts).rstrip(", ") + "]"
    message = "Invalid input for field/attribute users. Value: %s. %s is not valid" % (
        value,
        "'name'",
    )
    return error(400, "Bad Request", message)

"""Block storage scenario runners: one client library, one scenario, one fresh process.

``python -m benchmarks.volume_clients CLIENT SCENARIO --params JSON`` prints
one ``BENCH-RESULT {...}`` line (``status`` ``ok``, ``not installed`` or
``error: ...``). Scenarios:

``list``  list ``total`` volumes in detail (``limit=total``: 1,000, or 20), reading ``id``,
          ``name`` and ``status`` of each; client CPU per call (median).
``get``   show one volume, reading ``id``, ``name`` and ``size``; client
          CPU per call (median).
``walk``  every volume of a collection of ``total`` (20,000) in pages of
          ``limit`` (1,000), consumed as the library offers it, reading ``id``
          and ``name`` of each; client CPU and wall per item, peak RSS growth
          (:mod:`benchmarks.paging`).
``create`` create a 1 GiB volume by name, reading ``id``, ``name`` and
          ``size``; client CPU per call (median).

Every result is checked: count and first and last ids for lists, id and
size for gets; for the walk the count, the first and last volumes and
that the server was asked for every page; for creates the name sent, the
size and a new id on every answer, and the server's count of creates.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from benchmarks import child, control, paging
from benchmarks.clients import base

USERNAME, PASSWORD = base.USERNAME, base.PASSWORD
PROJECT, DOMAIN = base.PROJECT_NAME, base.DOMAIN_ID
FIRST = "00000000-0000-4000-8000-000000000000"

__all__ = ["main"]


class StackclientRunner:
    def __init__(self, auth_url: str) -> None:
        import stackclient
        from stackclient import session
        from stackclient.auth import v3
        from stackclient.block_storage.v3 import client

        self.version = stackclient.__version__
        plugin = v3.Password(auth_url=auth_url, username=USERNAME, password=PASSWORD,
                             project_name=PROJECT, user_domain_id=DOMAIN,
                             project_domain_id=DOMAIN)  # fmt: skip
        self.cinder = client.Client(session=session.Session(auth=plugin))
        self.cinder.endpoint  # noqa: B018 - authenticate and discover before timing

    def list(self, limit: int = 1000) -> list[tuple[str, str, str]]:
        return [(v.id, v.name, v.status) for v in self.cinder.volumes.list(limit=limit)]

    def get(self, volume_id: str) -> tuple[str, str, int]:
        volume = self.cinder.volumes.get(volume_id)
        return volume.id, volume.name, volume.size

    def iterate(self, limit: int) -> Iterator[tuple[str, str]]:
        return ((v.id, v.name) for v in self.cinder.volumes.iterate(limit=limit))

    def create(self, name: str) -> tuple[str, str, int]:
        volume = self.cinder.volumes.create(size=1, name=name)
        return volume.id, volume.name, volume.size


class RequestsRunner:
    """Hand-written requests: the same URL and header, no objects beyond the dicts."""

    def __init__(self, auth_url: str) -> None:
        import requests

        self.version = requests.__version__
        self.http = requests.Session()
        body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
            "name": USERNAME, "password": PASSWORD, "domain": {"id": DOMAIN}}}},
            "scope": {"project": {"name": PROJECT, "domain": {"id": DOMAIN}}}}}  # fmt: skip
        resp = self.http.post(auth_url + "/auth/tokens", json=body)
        resp.raise_for_status()
        self.http.headers["X-Auth-Token"] = resp.headers["X-Subject-Token"]
        self.http.headers["OpenStack-API-Version"] = "volume 3.71"
        catalog = resp.json()["token"]["catalog"]
        volume = next(s for s in catalog if s["type"] == "volumev3")
        self.base = next(e["url"] for e in volume["endpoints"] if e["interface"] == "public")

    def list(self, limit: int = 1000) -> list[tuple[str, str, str]]:
        resp = self.http.get(self.base + "/volumes/detail", params={"limit": limit})
        resp.raise_for_status()
        return [(v["id"], v["name"], v["status"]) for v in resp.json()["volumes"]]

    def get(self, volume_id: str) -> tuple[str, str, int]:
        resp = self.http.get("%s/volumes/%s" % (self.base, volume_id))
        resp.raise_for_status()
        volume = resp.json()["volume"]
        return volume["id"], volume["name"], volume["size"]

    def iterate(self, limit: int) -> Iterator[tuple[str, str]]:
        """Follow ``volumes_links`` ``next`` by hand, one page at a time."""
        url: str | None = self.base + "/volumes/detail"
        params: dict[str, Any] | None = {"limit": limit}
        while url:
            resp = self.http.get(url, params=params)
            resp.raise_for_status()
            page = resp.json()
            for volume in page["volumes"]:
                yield volume["id"], volume["name"]
            links = page.get("volumes_links", [])
            url, params = next((ln["href"] for ln in links if ln["rel"] == "next"), None), None

    def create(self, name: str) -> tuple[str, str, int]:
        resp = self.http.post(self.base + "/volumes", json={"volume": {"size": 1, "name": name}})
        resp.raise_for_status()
        volume = resp.json()["volume"]
        return volume["id"], volume["name"], volume["size"]


class CinderclientRunner:
    def __init__(self, auth_url: str) -> None:
        import cinderclient
        from cinderclient import client
        from keystoneauth1 import session
        from keystoneauth1.identity import v3

        self.version = getattr(cinderclient, "__version__", "?")
        auth = v3.Password(auth_url=auth_url, username=USERNAME, password=PASSWORD,
                           project_name=PROJECT, user_domain_id=DOMAIN, project_domain_id=DOMAIN)  # fmt: skip
        self.cinder = client.Client("3.71", session=session.Session(auth=auth))

    def list(self, limit: int = 1000) -> list[tuple[str, str, str]]:
        return [(v.id, v.name, v.status) for v in self.cinder.volumes.list(limit=limit)]

    def get(self, volume_id: str) -> tuple[str, str, int]:
        volume = self.cinder.volumes.get(volume_id)
        return volume.id, volume.name, volume.size

    def iterate(self, limit: int) -> Iterator[tuple[str, str]]:
        """No generator in cinderclient: ``list(limit=, marker=)`` page after page."""
        marker = None
        while True:
            page = self.cinder.volumes.list(limit=limit, marker=marker)
            for volume in page:
                yield volume.id, volume.name
            if len(page) < limit:
                return
            marker = page[-1].id

    def create(self, name: str) -> tuple[str, str, int]:
        volume = self.cinder.volumes.create(1, name=name)
        return volume.id, volume.name, volume.size


class OpenstacksdkRunner:
    def __init__(self, auth_url: str) -> None:
        import openstack
        import openstack.version

        self.version = openstack.version.__version__
        self.conn = openstack.connect(auth_url=auth_url, username=USERNAME, password=PASSWORD,
                                      project_name=PROJECT, user_domain_id=DOMAIN,
                                      project_domain_id=DOMAIN, region_name="RegionOne",
                                      block_storage_api_version="3")  # fmt: skip
        self.conn.block_storage.get_endpoint()

    def list(self, limit: int = 1000) -> list[tuple[str, str, str]]:
        return [(v.id, v.name, v.status) for v in self.conn.block_storage.volumes(limit=limit)]

    def get(self, volume_id: str) -> tuple[str, str, int]:
        volume = self.conn.block_storage.get_volume(volume_id)
        return volume.id, volume.name, volume.size

    def iterate(self, limit: int) -> Iterator[tuple[str, str]]:
        return ((v.id, v.name) for v in self.conn.block_storage.volumes(limit=limit))

    def create(self, name: str) -> tuple[str, str, int]:
        volume = self.conn.block_storage.create_volume(size=1, name=name)
        return volume.id, volume.name, volume.size


RUNNERS = {
    "stackclient": (StackclientRunner, ()),
    "requests": (RequestsRunner, ("requests",)),
    "cinderclient": (CinderclientRunner, ("cinderclient", "keystoneauth1")),
    "openstacksdk": (OpenstacksdkRunner, ("openstack",)),
}


def list_volumes(runner: Any, params: dict[str, Any]) -> dict[str, Any]:
    total = params["total"]
    last = "%08x-0000-4000-8000-%012x" % (total - 1, total - 1)

    def check(rows: list[tuple[str, str, str]]) -> None:
        if len(rows) != total or rows[0][0] != FIRST or rows[-1][0] != last:
            raise RuntimeError(
                "listed %d volumes, expected %d from %s" % (len(rows), total, FIRST)
            )
        if rows[-1][2] != "available":
            raise RuntimeError("the last volume's status was not read")

    return child.cpu_per_call(lambda: runner.list(total), check, params)


def get_volume(runner: Any, params: dict[str, Any]) -> dict[str, Any]:
    def check(row: tuple[str, str, int]) -> None:
        if row != (FIRST, "volume-000000", 1):
            raise RuntimeError("got %r" % (row,))

    return child.cpu_per_call(lambda: runner.get(FIRST), check, params)


def _volume(index: int) -> tuple[str, str]:
    return "%08x-0000-4000-8000-%012x" % (index, index), "volume-%06d" % index


def walk_volumes(runner: Any, params: dict[str, Any]) -> dict[str, Any]:
    """Every volume in ``limit``-volume pages, every id and name read (:mod:`benchmarks.paging`)."""
    return paging.walk(
        runner.iterate,
        params,
        _volume,
        lambda: control.stats(params["server"])["volumes_list"],
    )


def create_volume(runner: Any, params: dict[str, Any]) -> dict[str, Any]:
    """A 1 GiB volume by name, its id, name and size read; client CPU per call."""
    names = ("bench-volume-%d" % number for number in itertools.count())
    name = ""
    ids: set[str] = set()

    def create() -> tuple[str, str, int]:
        nonlocal name
        name = next(names)
        return runner.create(name)

    def check(row: tuple[str, str, int]) -> None:
        if row[1:] != (name, 1) or len(row[0]) != 36 or row[0] in ids:
            raise RuntimeError("created %r, expected a new 1 GiB volume %r" % (row, name))
        ids.add(row[0])

    before = control.stats(params["server"])["volumes_create"]
    figures = child.cpu_per_call(create, check, params)
    made = control.stats(params["server"])["volumes_create"] - before
    if made != len(ids):
        raise RuntimeError("%d volumes created, the server saw %d" % (len(ids), made))
    return figures


SCENARIOS = {
    "list": list_volumes,
    "get": get_volume,
    "walk": walk_volumes,
    "create": create_volume,
}


def run(client: str, scenario: str, params: dict[str, Any]) -> dict[str, Any]:
    """Build the client and run the scenario; never raise (see :mod:`benchmarks.child`)."""
    return child.run(RUNNERS, SCENARIOS, client, scenario, params)


def main(argv: list[str] | None = None) -> int:
    return child.main("python -m benchmarks.volume_clients", RUNNERS, SCENARIOS, argv)


if __name__ == "__main__":
    raise SystemExit(main())

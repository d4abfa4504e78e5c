"""Runners for the compute benchmarks: ``python -m benchmarks.compute_clients CLIENT SCENARIO``.

One process per client per scenario (see :mod:`benchmarks.compute_run`).
Each runner authenticates against the canned server, finds Nova in the
token's catalog, asks for microversion 2.100 (stackclient negotiates it,
the others are told), then:

``list``
    lists the 2,000 servers of ``/servers/detail`` (one page) and reads
    ``id`` and ``name`` of each, as the caller would; client CPU per call
    (median), after warm-up calls. The count and the first and last ids are
    checked every call. Against a server holding 20 servers it is the
    harness's ``list20``.
``get``
    gets one server by id, again and again on one client, reading its name;
    client CPU per call. Checked every call: the name.
``walk``
    walks a collection of 20,000 servers 1,000 per page, as the client
    yields them (stackclient ``servers.iterate(limit=)``, openstacksdk
    ``compute.servers(details=True, limit=)``, python-novaclient
    ``servers.list(limit=, marker=)`` in a loop, raw requests following
    ``servers_links``), reading ``id`` and ``name`` of each; client CPU per
    item, peak RSS growth, page requests (:mod:`benchmarks.paging`). A
    client still walking when the budget is spent stops at the end of a
    page. Checked: count (all, or whole pages), first and last servers
    (id and name), a page request at least for every page walked.
``create``
    boots a server (``POST /servers``: name, image, flavor, ``networks:
    none``) and reads the id Nova answers with (its answer has no name);
    client CPU per call. Checked every call: the id is the next one the
    server gave, so each call was one boot the server accepted.
``negotiate``
    builds two clients on one session (or one keystoneauth session) and
    makes 20 ``get server`` calls with each; reports the version documents
    the server served in that time (stackclient: one per endpoint per
    session) and the compute requests per call.

The result is one ``BENCH-RESULT {json}`` line on stdout.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator
from typing import Any

from benchmarks import child, control, paging
from benchmarks.clients import base
from benchmarks.compute_server import FLAVOR_ID, IMAGE_ID, created_id, server_id

USERNAME, PASSWORD = base.USERNAME, base.PASSWORD
PROJECT, DOMAIN = base.PROJECT_NAME, base.DOMAIN_ID
MICROVERSION = "2.100"

__all__ = ["main"]


class StackclientRunner:
    def __init__(self, auth_url: str) -> None:
        import stackclient
        from stackclient.auth import v3

        self.version = stackclient.__version__
        plugin = v3.Password(auth_url=auth_url, username=USERNAME, password=PASSWORD,
                             project_name=PROJECT, user_domain_id=DOMAIN,
                             project_domain_id=DOMAIN)  # fmt: skip
        self.plugin = plugin
        self.new_session()
        self.nova = self.client()
        self.nova.endpoint  # noqa: B018 - authenticate and negotiate before timing

    def new_session(self) -> None:
        from stackclient import session

        self.session = session.Session(auth=self.plugin)

    def client(self) -> Any:
        from stackclient.compute.v2 import client

        return client.Client(session=self.session)

    def list(self) -> list[tuple[str, str]]:
        return [(s.id, s.name) for s in self.nova.servers.list()]

    def get(self, nova: Any, ident: str) -> str:
        return str(nova.get_server(ident).name)

    def walk(self, limit: int) -> Iterator[Any]:
        return self.nova.servers.iterate(limit=limit)  # type: ignore[no-any-return]

    def item(self, server: Any) -> tuple[str, str]:
        return server.id, server.name

    def create(self, name: str) -> str:
        server = self.nova.servers.create(name, image=IMAGE_ID, flavor=FLAVOR_ID,
                                          networks="none")  # fmt: skip
        return str(server.id)


class RequestsRunner:
    """Hand-written requests: the microversion header written out, ``.json()`` on the answer."""

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
        self.http.headers["OpenStack-API-Version"] = "compute " + MICROVERSION
        catalog = resp.json()["token"]["catalog"]
        compute = next(s for s in catalog if s["type"] == "compute")
        self.base = next(e["url"] for e in compute["endpoints"] if e["interface"] == "public")
        self.nova = self

    def new_session(self) -> None:
        """Nothing to renew: the microversion is written out, never negotiated."""

    def client(self) -> Any:
        return self

    def list(self) -> list[tuple[str, str]]:
        servers = self.http.get(self.base + "/servers/detail").json()["servers"]
        return [(s["id"], s["name"]) for s in servers]

    def get(self, nova: Any, ident: str) -> str:
        resp = self.http.get("%s/servers/%s" % (self.base, ident))
        resp.raise_for_status()
        return str(resp.json()["server"]["name"])

    def walk(self, limit: int) -> Iterator[dict[str, Any]]:
        url: str | None = "%s/servers/detail?limit=%d" % (self.base, limit)
        while url:
            resp = self.http.get(url)
            resp.raise_for_status()
            page = resp.json()
            yield from page["servers"]
            links = page.get("servers_links", [])
            url = next((link["href"] for link in links if link["rel"] == "next"), None)

    def item(self, server: dict[str, Any]) -> tuple[str, str]:
        return server["id"], server["name"]

    def create(self, name: str) -> str:
        body = {"server": {"name": name, "imageRef": IMAGE_ID, "flavorRef": FLAVOR_ID,
                           "networks": "none"}}  # fmt: skip
        resp = self.http.post(self.base + "/servers", json=body)
        resp.raise_for_status()
        return str(resp.json()["server"]["id"])


class NovaclientRunner:
    """python-novaclient at its newest microversion (it does not negotiate)."""

    def __init__(self, auth_url: str) -> None:
        import novaclient

        self.version = novaclient.__version__
        self.microversion = min(novaclient.API_MAX_VERSION.get_string(), MICROVERSION,
                                key=lambda v: tuple(int(p) for p in v.split(".")))  # fmt: skip
        self.auth_url = auth_url
        self.new_session()
        self.nova = self.client()
        self.nova.servers.get(server_id(0))

    def new_session(self) -> None:
        self.session = base.keystoneauth_session(self.auth_url)

    def client(self) -> Any:
        from novaclient import client

        return client.Client(self.microversion, session=self.session)

    def list(self) -> list[tuple[str, str]]:
        return [(s.id, s.name) for s in self.nova.servers.list()]

    def get(self, nova: Any, ident: str) -> str:
        return str(nova.servers.get(ident).name)

    def walk(self, limit: int) -> Iterator[Any]:
        """Its ``list`` fetches one page when given a limit: the caller loops on the marker."""
        marker = None
        while True:
            page = self.nova.servers.list(limit=limit, marker=marker)
            yield from page
            if len(page) < limit:
                return
            marker = page[-1].id

    def item(self, server: Any) -> tuple[str, str]:
        return server.id, server.name

    def create(self, name: str) -> str:
        server = self.nova.servers.create(name, image=IMAGE_ID, flavor=FLAVOR_ID, nics="none")
        return str(server.id)


class OpenstacksdkRunner:
    def __init__(self, auth_url: str) -> None:
        import openstack
        import openstack.version

        self.version = openstack.version.__version__
        self.auth_url = auth_url
        self.new_session()
        self.conn.compute.get_server(server_id(0))

    def new_session(self) -> None:
        self.conn = self._connect()

    def _connect(self) -> Any:
        import openstack

        return openstack.connect(auth_url=self.auth_url, username=USERNAME, password=PASSWORD,
                                 project_name=PROJECT, user_domain_id=DOMAIN,
                                 project_domain_id=DOMAIN, region_name="RegionOne",
                                 compute_api_version="2")  # fmt: skip

    def client(self) -> Any:
        from openstack import connection

        return connection.Connection(session=self.conn.session, region_name="RegionOne",
                                     compute_api_version="2")  # fmt: skip

    def list(self) -> list[tuple[str, str]]:
        return [(s.id, s.name) for s in self.conn.compute.servers(details=True)]

    def get(self, nova: Any, ident: str) -> str:
        return str(nova.compute.get_server(ident).name)

    def walk(self, limit: int) -> Iterator[Any]:
        return self.conn.compute.servers(details=True, limit=limit)  # type: ignore[no-any-return]

    def item(self, server: Any) -> tuple[str, str]:
        return server.id, server.name

    def create(self, name: str) -> str:
        server = self.conn.compute.create_server(name=name, image_id=IMAGE_ID,
                                                 flavor_id=FLAVOR_ID, networks="none")  # fmt: skip
        return str(server.id)


RUNNERS = {
    "stackclient": (StackclientRunner, ()),
    "requests": (RequestsRunner, ("requests",)),
    "novaclient": (NovaclientRunner, ("novaclient", "keystoneauth1")),
    "openstacksdk": (OpenstacksdkRunner, ("openstack",)),
}


# -- scenarios -------------------------------------------------------------------------


def list_servers(runner: Any, params: dict[str, Any]) -> dict[str, Any]:
    total = params["total"]
    first, last = server_id(0), server_id(total - 1)
    for _ in range(params["warmup"]):
        runner.list()
    cpu_times: list[float] = []
    walls: list[float] = []
    started = time.perf_counter()
    while len(cpu_times) < params["calls"]:
        cpu, wall = time.process_time(), time.perf_counter()
        pairs = runner.list()
        walls.append(time.perf_counter() - wall)
        cpu_times.append(time.process_time() - cpu)
        if len(pairs) != total or pairs[0][0] != first or pairs[-1][0] != last:
            raise RuntimeError("listed %d servers, expected %d" % (len(pairs), total))
        if (
            len(cpu_times) >= params["min_calls"]
            and time.perf_counter() - started > params["budget_s"]
        ):
            break
    cpu_times.sort()
    walls.sort()
    return {"cpu_ms": 1000 * cpu_times[len(cpu_times) // 2],
            "wall_ms": 1000 * walls[len(walls) // 2], "calls": len(cpu_times)}  # fmt: skip


def get_server(runner: Any, params: dict[str, Any]) -> dict[str, Any]:
    """``calls`` gets of one server by id on one client: client CPU per call."""
    nova = runner.client()
    ident = server_id(0)

    def check(name: str) -> None:
        if name != "vm-000000":
            raise RuntimeError("got the wrong server: %r" % name)

    return child.cpu_per_call(lambda: runner.get(nova, ident), check, params, key="cpu_ms")


def walk_servers(runner: Any, params: dict[str, Any]) -> dict[str, Any]:
    """``total`` servers, ``limit`` per page, as the client yields them (:mod:`benchmarks.paging`)."""
    return paging.walk(
        lambda limit: map(runner.item, runner.walk(limit)),
        params,
        lambda index: (server_id(index), "vm-%06d" % index),
        lambda: control.stats(params["server"]).get("servers_list", 0),
    )


def create_server(runner: Any, params: dict[str, Any]) -> dict[str, Any]:
    """``calls`` boots on one client: client CPU per call, each answer's id read."""
    names = ("bench-%d" % number for number in itertools.count())
    done = [control.stats(params["server"]).get("servers_create", 0)]

    def check(ident: str) -> None:
        done[0] += 1
        if ident != created_id(done[0]):
            raise RuntimeError("boot %d answered %r, not %r" % (done[0], ident,
                                                                created_id(done[0])))  # fmt: skip

    return child.cpu_per_call(lambda: runner.create(next(names)), check, params, key="cpu_ms")


def negotiate(runner: Any, params: dict[str, Any]) -> dict[str, Any]:
    """Two new clients on a new session, ``calls`` gets each: version documents fetched."""
    server = params["server"]
    before = control.stats(server)
    runner.new_session()
    clients = [runner.client(), runner.client()]
    for nova in clients:
        for _ in range(params["calls"]):
            if runner.get(nova, server_id(0)) != "vm-000000":
                raise RuntimeError("got the wrong server")
    after = control.stats(server)
    versions = after.get("compute_versions", 0) - before.get("compute_versions", 0)
    compute = after.get("compute_requests", 0) - before.get("compute_requests", 0)
    calls = 2 * params["calls"]
    return {"version_requests": versions, "requests_per_call": (compute - versions) / calls}


SCENARIOS = {"list": list_servers, "get": get_server, "walk": walk_servers,
             "create": create_server, "negotiate": negotiate}  # fmt: skip


def run(client: str, scenario: str, params: dict[str, Any]) -> dict[str, Any]:
    """Build the client and run the scenario; never raise (see :mod:`benchmarks.child`)."""
    return child.run(RUNNERS, SCENARIOS, client, scenario, params, nest="metrics")


def main(argv: list[str] | None = None) -> int:
    return child.main(
        "python -m benchmarks.compute_clients", RUNNERS, SCENARIOS, argv, nest="metrics"
    )


if __name__ == "__main__":
    raise SystemExit(main())

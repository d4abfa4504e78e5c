"""Network scenario runners: one client library, one scenario, one fresh process.

``python -m benchmarks.network_clients CLIENT SCENARIO --params JSON``
prints one ``BENCH-RESULT {...}`` line (``status`` ``ok``, ``not
installed`` or ``error: ...``). Each library is driven as its
documentation shows, against the canned server of
:mod:`benchmarks.network_server`, finding Neutron in the token's catalog.

``list``  ``ports`` of 2,000 items in one page, reading ``id`` and ``name``
          of each inside the timed section; client CPU and wall per call.
          Checked: the count and the first and last ids.
``find``  find the network named ``bench-net``; the requests the server
          saw per call, and client CPU per call. Checked: the id found.
``get``   get that network by id; client CPU per call. Checked: id and name.
``walk``  every port of a collection of ``total`` (20,000) in pages of ``limit``
          (1,000), consumed as the library offers it (a generator), reading
          ``id`` and ``name`` of each; client CPU and wall per item, peak RSS
          growth (:mod:`benchmarks.paging`). Checked: the count, the first
          and last ports, and that the server was asked for every page.
``create`` create a network by name; client CPU per call. Checked: every
          answer carries the name sent and a new id, and the server saw
          one create per call.

``list`` also runs against a server holding 20 ports (``list20`` in the
harness), the small-page case.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from importlib import metadata
from typing import Any

from benchmarks import control, network_server, paging
from benchmarks.clients import base
from benchmarks.clients.scenarios import peak_rss_kib, timed, warm

RESULT_MARK = "BENCH-RESULT "

__all__ = ["RUNNERS", "SCENARIOS", "main"]


def _version(*dists: str) -> str:
    return ", ".join("%s %s" % (d, metadata.version(d)) for d in dists)


class StackclientRunner:
    """``stackclient.network.v2_0.client.Client(session=Session(auth=v3.Password))``."""

    def __init__(self, auth_url: str) -> None:
        from stackclient import session
        from stackclient.auth import v3
        from stackclient.network.v2_0 import client

        plugin = v3.Password(auth_url=auth_url, username=base.USERNAME, password=base.PASSWORD,
                             project_name=base.PROJECT_NAME, user_domain_id=base.DOMAIN_ID,
                             project_domain_id=base.DOMAIN_ID)  # fmt: skip
        self.neutron = client.Client(session=session.Session(auth=plugin))

    def version(self) -> str:
        import stackclient

        return "stackclient %s" % stackclient.__version__

    def list_ports(self) -> Any:
        return self.neutron.ports.list()

    def iterate_ports(self, limit: int) -> Any:
        return self.neutron.ports.iterate(limit=limit)

    def create_network(self, name: str) -> Any:
        return self.neutron.networks.create(name=name)

    def find_network(self, name: str) -> Any:
        return self.neutron.find_network(name)

    def get_network(self, ident: str) -> Any:
        return self.neutron.networks.get(ident)

    def item(self, obj: Any) -> tuple[str, str]:
        return obj.id, obj.name


class RequestsRunner:
    """A hand-written script: ``requests.Session``, the token POST, ``.json()``."""

    def __init__(self, auth_url: str) -> None:
        import requests

        from benchmarks.clients.requests_runner import password_body

        self.http = requests.Session()
        resp = self.http.post(auth_url + "/auth/tokens", json=password_body())
        resp.raise_for_status()
        self.headers = {"X-Auth-Token": resp.headers["X-Subject-Token"]}
        catalog = resp.json()["token"]["catalog"]
        network = [s for s in catalog if s["type"] == "network"][0]
        public = [e for e in network["endpoints"] if e["interface"] == "public"][0]
        self.endpoint = public["url"].rstrip("/") + "/v2.0"

    def version(self) -> str:
        return _version("requests")

    def list_ports(self) -> Any:
        resp = self.http.get(self.endpoint + "/ports", headers=self.headers)
        resp.raise_for_status()
        return resp.json()["ports"]

    def iterate_ports(self, limit: int) -> Any:
        """Follow ``ports_links`` ``next`` by hand, one page at a time."""
        url: str | None = self.endpoint + "/ports"
        params: dict[str, Any] | None = {"limit": limit}
        while url:
            resp = self.http.get(url, params=params, headers=self.headers)
            resp.raise_for_status()
            page = resp.json()
            yield from page["ports"]
            links = page.get("ports_links", [])
            url, params = next((ln["href"] for ln in links if ln["rel"] == "next"), None), None

    def create_network(self, name: str) -> Any:
        resp = self.http.post(self.endpoint + "/networks", json={"network": {"name": name}},
                              headers=self.headers)  # fmt: skip
        resp.raise_for_status()
        return resp.json()["network"]

    def find_network(self, name: str) -> Any:
        resp = self.http.get(self.endpoint + "/networks", params={"name": name},
                             headers=self.headers)  # fmt: skip
        resp.raise_for_status()
        found = resp.json()["networks"]
        if len(found) != 1:
            raise LookupError("%d networks named %r" % (len(found), name))
        return found[0]

    def get_network(self, ident: str) -> Any:
        resp = self.http.get(self.endpoint + "/networks/" + ident, headers=self.headers)
        resp.raise_for_status()
        return resp.json()["network"]

    def item(self, obj: Any) -> tuple[str, str]:
        return obj["id"], obj["name"]


class NeutronclientRunner:
    """``neutronclient.v2_0.client.Client(session=<keystoneauth1 Session>)``."""

    def __init__(self, auth_url: str) -> None:
        from neutronclient.v2_0 import client

        self.neutron = client.Client(session=base.keystoneauth_session(auth_url))

    def version(self) -> str:
        return _version("python-neutronclient", "keystoneauth1")

    def list_ports(self) -> Any:
        return self.neutron.list_ports()["ports"]

    def iterate_ports(self, limit: int) -> Any:
        """``list_ports(retrieve_all=False)``: its generator of pages, following ``ports_links``."""
        pages = self.neutron.list_ports(retrieve_all=False, limit=limit)
        return (item for page in pages for item in page["ports"])

    def create_network(self, name: str) -> Any:
        return self.neutron.create_network({"network": {"name": name}})["network"]

    def find_network(self, name: str) -> Any:
        return self.neutron.find_resource("network", name)

    def get_network(self, ident: str) -> Any:
        return self.neutron.show_network(ident)["network"]

    def item(self, obj: Any) -> tuple[str, str]:
        return obj["id"], obj["name"]


class OpenstacksdkRunner:
    """``openstack.connect(...)`` with password auth, no clouds.yaml, no OS_* variables."""

    def __init__(self, auth_url: str) -> None:
        import openstack

        self.conn = openstack.connect(
            load_yaml_config=False, load_envvars=False, auth_type="password",
            auth={"auth_url": auth_url, "username": base.USERNAME, "password": base.PASSWORD,
                  "project_name": base.PROJECT_NAME, "user_domain_id": base.DOMAIN_ID,
                  "project_domain_id": base.DOMAIN_ID},
            region_name="RegionOne", interface="public")  # fmt: skip

    def version(self) -> str:
        return _version("openstacksdk", "keystoneauth1")

    def list_ports(self) -> Any:
        return list(self.conn.network.ports())

    def iterate_ports(self, limit: int) -> Any:
        return self.conn.network.ports(limit=limit)

    def create_network(self, name: str) -> Any:
        return self.conn.network.create_network(name=name)

    def find_network(self, name: str) -> Any:
        return self.conn.network.find_network(name, ignore_missing=False)

    def get_network(self, ident: str) -> Any:
        return self.conn.network.get_network(ident)

    def item(self, obj: Any) -> tuple[str, str]:
        return obj.id, obj.name


RUNNERS = {
    "stackclient": (StackclientRunner, ()),
    "requests": (RequestsRunner, ("requests",)),
    "neutronclient": (NeutronclientRunner, ("neutronclient", "keystoneauth1")),
    "openstacksdk": (OpenstacksdkRunner, ("openstack", "keystoneauth1")),
}


def _touch(runner: Any, items: Any) -> int:
    count = 0
    for obj in items:
        runner.item(obj)
        count += 1
    return count


def list_ports(runner: Any, params: dict[str, Any]) -> dict[str, Any]:
    """Scenario ``list``: 2,000 ports from one page, every id and name read."""
    total = params["total"]
    first = runner.list_ports()
    ids = [runner.item(first[0])[0], runner.item(first[-1])[0]]
    if len(first) != total or ids != [
        network_server.port_id(0),
        network_server.port_id(total - 1),
    ]:
        raise AssertionError("expected %d ports from %s to %s" % (total, *ids))
    warm(lambda: _touch(runner, runner.list_ports()), params)
    cpu, wall, calls = timed(lambda: _touch(runner, runner.list_ports()), params)
    return {"metrics": {"cpu_ms": cpu * 1e3, "wall_ms": wall * 1e3, "cpu_us": cpu * 1e6},
            "counters": {"calls": calls}}  # fmt: skip


def get_network(runner: Any, params: dict[str, Any]) -> dict[str, Any]:
    """Scenario ``get``: one network by id, its id and name read; client CPU per call."""
    wanted = (network_server.NETWORK_ID, network_server.NETWORK_NAME)
    if runner.item(runner.get_network(wanted[0])) != wanted:
        raise AssertionError("get returned the wrong network")
    warm(lambda: runner.item(runner.get_network(wanted[0])), params)
    cpu, wall, calls = timed(lambda: runner.item(runner.get_network(wanted[0])), params)
    return {"metrics": {"cpu_us": cpu * 1e6, "wall_us": wall * 1e6},
            "counters": {"calls": calls}}  # fmt: skip


def find_network(runner: Any, params: dict[str, Any]) -> dict[str, Any]:
    """Scenario ``find``: requests per ``find_network(name)``, and client CPU per call."""
    found = runner.find_network(network_server.NETWORK_NAME)
    if runner.item(found)[0] != network_server.NETWORK_ID:
        raise AssertionError("found the wrong network")
    warm(lambda: runner.find_network(network_server.NETWORK_NAME), params)
    before = control.stats(params["server"])
    cpu, wall, calls = timed(lambda: runner.find_network(network_server.NETWORK_NAME), params)
    seen = control.diff(control.stats(params["server"]), before)
    return {
        "metrics": {"cpu_us": cpu * 1e6, "wall_us": wall * 1e6,
                    "requests_per_call": seen.get("network_requests", 0) / calls},
        "counters": {"calls": calls, "auth_requests": control.auth_count(seen)},
    }  # fmt: skip


def walk_ports(runner: Any, params: dict[str, Any]) -> dict[str, Any]:
    """Scenario ``walk``: every port in ``limit``-port pages, every id and name read."""
    figures = paging.walk(
        lambda limit: map(runner.item, runner.iterate_ports(limit)),
        params,
        lambda index: (network_server.port_id(index), "port-%06d" % index),
        lambda: control.stats(params["server"]).get("ports_list", 0),
    )
    counters = ("items", "partial", "page_requests", "rss_before_kib", "peak_before_kib",
                "peak_after_kib")  # fmt: skip
    return {"metrics": {k: v for k, v in figures.items() if k not in counters},
            "counters": {k: figures[k] for k in counters}}  # fmt: skip


def create_network(runner: Any, params: dict[str, Any]) -> dict[str, Any]:
    """Scenario ``create``: a network by name, its id and name read; client CPU per call."""
    numbers = itertools.count()
    seen: set[str] = set()

    def create() -> None:
        name = "bench-new-%d" % next(numbers)
        ident, named = runner.item(runner.create_network(name))
        if named != name or len(ident) != 36 or ident in seen:
            raise AssertionError("created %r named %r, expected a new id named %r"
                                 % (ident, named, name))  # fmt: skip
        seen.add(ident)

    start = control.stats(params["server"])
    create()
    warm(create, params)
    before = control.stats(params["server"])
    cpu, wall, calls = timed(create, params)
    after = control.stats(params["server"])
    made = control.diff(after, start).get("networks_create", 0)
    if made != len(seen):
        raise AssertionError("%d networks created, the server saw %d" % (len(seen), made))
    sent = control.diff(after, before).get("network_requests", 0)
    return {"metrics": {"cpu_us": cpu * 1e6, "wall_us": wall * 1e6,
                        "requests_per_call": sent / calls},
            "counters": {"calls": calls, "created": made}}  # fmt: skip


SCENARIOS = {
    "list": list_ports,
    "find": find_network,
    "get": get_network,
    "walk": walk_ports,
    "create": create_network,
}


def run(client: str, scenario: str, params: dict[str, Any]) -> dict[str, Any]:
    """Build the client and run the scenario; never raise."""
    result: dict[str, Any] = {"client": client, "scenario": scenario, "status": "ok"}
    runner_class, packages = RUNNERS[client]
    try:
        runner = runner_class(params["server"] + "/v3")
    except ModuleNotFoundError as exc:
        missing = (exc.name or "").split(".")[0]
        result["status"] = "not installed" if missing in packages else "error: %s" % exc
        return result
    except Exception as exc:  # noqa: BLE001 - reported, never raised
        result["status"] = "error: %s: %s" % (type(exc).__name__, str(exc)[:140])
        return result
    try:
        result["version"] = runner.version()
        started = time.perf_counter()
        result.update(SCENARIOS[scenario](runner, params))
        result["seconds"] = time.perf_counter() - started
    except Exception as exc:  # noqa: BLE001 - reported, never raised
        result["status"] = "error: %s: %s" % (type(exc).__name__, str(exc)[:140])
    result["maxrss_kib"] = peak_rss_kib()
    return result


def main(argv: list[str] | None = None) -> int:
    """Parse the command line, run, print the result line."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.network_clients")
    parser.add_argument("client", choices=sorted(RUNNERS))
    parser.add_argument("scenario", choices=sorted(SCENARIOS))
    parser.add_argument("--params", required=True, help="JSON object of scenario parameters")
    args = parser.parse_args(argv)
    result = run(args.client, args.scenario, json.loads(args.params))
    sys.stdout.write(RESULT_MARK + json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

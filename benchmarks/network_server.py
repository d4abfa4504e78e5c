"""Canned Keystone + Neutron server for the network benchmarks, in its own process.

Run ``python -m benchmarks.network_server --port 0 [--ports N]``; it prints
``READY <url>``. It is the identity server of :mod:`benchmarks.server`
(same protocol, tokens and counters) with a canned Neutron under
``/network``, where the token's catalog puts the network service::

    GET  /network , /network/             version discovery (v2.0)
    GET  /network/v2.0                    the resources document
    GET  /network/v2.0/ports              N ports in one page (encoded once)
    GET  /network/v2.0/ports?limit=&marker=   N ports in pages, with ``ports_links``
    GET  /network/v2.0/networks[?name=|id=]   the one canned network, filtered
    POST /network/v2.0/networks           201, the network as created (the name given)
    GET  /network/v2.0/networks/<id>      that network; 404 (NeutronError) otherwise
    GET  /network/v2.0/extensions         a short extension list

Ports have the fields and sizes a real Neutron 29 sends (about 840 bytes
each). Paged as Neutron pages them: a ``next`` link while ports remain
and a ``previous`` link after the first page, both carrying ``limit`` and
``marker``; ``--page-size`` encodes the pages of that size at start-up.
``GET /_stats`` counts ``network_requests``, ``ports_list`` (each page),
``networks_list``, ``networks_get`` and ``networks_create`` besides the
identity counters.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import urllib.parse
import uuid
from typing import Any

from benchmarks import documents, server

__all__ = ["NETWORK_ID", "NETWORK_NAME", "main", "port"]

NETWORK_ID = "6a1c2e4f-8b0d-4f2a-9c4e-6f8a0b2c4d6e"
NETWORK_NAME = "bench-net"
SUBNET_ID = "7b2d3f5a-9c1e-4a3b-8d5f-7a9b1c3d5e7f"
GROUP_ID = "8c3e4a6b-0d2f-4b4c-9e6a-8b0c2d4e6f8a"


def port_id(index: int) -> str:
    """The id of canned port ``index``."""
    return "%08x-1c2d-4e3f-8a4b-%012x" % (index, index)


def port(index: int) -> dict[str, Any]:
    """Canned port ``index``, shaped as Neutron 29 shows a port."""
    project = documents.ADMIN_PROJECT_ID
    return {
        "id": port_id(index),
        "name": "port-%06d" % index,
        "network_id": NETWORK_ID,
        "project_id": project,
        "mac_address": "fa:16:3e:%02x:%02x:%02x"
        % (index >> 16 & 255, index >> 8 & 255, index & 255),
        "admin_state_up": True,
        "status": "ACTIVE",
        "device_id": "%08x-aaaa-4bbb-8ccc-%012x" % (index, index),
        "device_owner": "compute:nova",
        "fixed_ips": [
            {
                "subnet_id": SUBNET_ID,
                "ip_address": "10.%d.%d.%d" % (index >> 16 & 255, index >> 8 & 255, index & 255),
            }
        ],  # fmt: skip
        "tenant_id": project,
        "port_security_enabled": True,
        "security_groups": [GROUP_ID],
        "binding:vnic_type": "normal",
        "binding:profile": {},
        "binding:host_id": "compute-1",
        "binding:vif_type": "ovs",
        "binding:vif_details": {"port_filter": True, "connectivity": "l2"},
        "allowed_address_pairs": [],
        "extra_dhcp_opts": [],
        "description": "",
        "tags": [],
        "created_at": "2026-01-01T00:00:00Z",
        "updated_at": "2026-01-01T00:00:01Z",
        "revision_number": 3,
    }


def network() -> dict[str, Any]:
    """The one canned network."""
    project = documents.ADMIN_PROJECT_ID
    return {
        "id": NETWORK_ID, "name": NETWORK_NAME, "tenant_id": project, "project_id": project,
        "admin_state_up": True, "mtu": 1450, "status": "ACTIVE", "subnets": [SUBNET_ID],
        "shared": False, "availability_zone_hints": [], "availability_zones": [],
        "ipv4_address_scope": None, "ipv6_address_scope": None, "router:external": False,
        "description": "", "port_security_enabled": True, "tags": [],
        "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z",
        "revision_number": 1, "provider:network_type": "vxlan",
        "provider:physical_network": None, "provider:segmentation_id": 101,
    }  # fmt: skip


def _count(stats: dict[str, int], name: str) -> None:
    stats[name] = stats.get(name, 0) + 1


class NetworkApp(server.App):
    """The identity App, plus a canned Neutron under ``/network``."""

    def __init__(self, host_port: str, token_ttl: float, ports: int, page_size: int = 0) -> None:
        super().__init__(host_port, token_ttl, 20)
        self.ports = ports
        if page_size:  # every page of that size encoded before READY
            lasts = range(page_size - 1, ports - 1, page_size)
            for marker in [None, *map(port_id, lasts)]:
                self._paged(page_size, marker)

    def handle(self, method: str, target: str, token: str | None, body: bytes) -> bytes:
        path, _, query = target.partition("?")
        if path != "/network" and not path.startswith("/network/"):
            return super().handle(method, target, token, body)
        _count(self.stats, "requests")
        _count(self.stats, "network_requests")
        rest = path[len("/network") :].rstrip("/")
        if rest == "" and method == "GET":
            return self._cached(("netversions",), self._versions)
        if not self._token_ok(token):
            _count(self.stats, "unauthorized")
            return self._error(401, "Unauthorized", "The request requires authentication.")
        if method == "POST" and rest == "/v2.0/networks":
            _count(self.stats, "networks_create")
            return self._create_network(body)
        if method != "GET":
            return self._error(405, "Method Not Allowed", "Only GET is canned here.")
        return self._neutron(rest, urllib.parse.parse_qs(query))

    def _versions(self) -> bytes:
        href = "http://%s/network/v2.0/" % self.host_port
        doc = {"versions": [{"id": "v2.0", "status": "CURRENT",
                             "links": [{"href": href, "rel": "self"}]}]}  # fmt: skip
        return server.http_response(200, server.encode(doc))

    def _neutron(self, rest: str, query: dict[str, list[str]]) -> bytes:
        if rest == "/v2.0":
            return server.http_response(200, server.encode({"resources": []}))
        if rest == "/v2.0/ports":
            _count(self.stats, "ports_list")
            if "limit" in query or "marker" in query:
                return self._paged_query(query)
            return self._cached(("ports", self.ports), self._ports)
        if rest == "/v2.0/networks":
            _count(self.stats, "networks_list")
            return self._networks(query)
        if rest.startswith("/v2.0/networks/"):
            _count(self.stats, "networks_get")
            if rest.rsplit("/", 1)[1] == NETWORK_ID:
                return server.http_response(200, server.encode({"network": network()}))
            return self._not_found(rest.rsplit("/", 1)[1])
        if rest == "/v2.0/extensions":
            ext = {"alias": "tag-ext", "name": "Tags", "description": "", "updated": "",
                   "links": []}  # fmt: skip
            return server.http_response(200, server.encode({"extensions": [ext]}))
        return self._error(404, "Not Found", "Could not find %s." % rest)

    def _ports(self) -> bytes:
        listed = [port(index) for index in range(self.ports)]
        return server.http_response(200, server.encode({"ports": listed}))

    def _paged_query(self, query: dict[str, list[str]]) -> bytes:
        try:
            limit = int(query.get("limit", [str(self.ports)])[0])
        except ValueError:
            limit = 0
        if limit < 1:
            return self._bad_request("Bad limit request: limit must be a positive integer.")
        marker = query.get("marker", [None])[0]
        if marker is not None and server.canned_index(marker, port_id) is None:
            return self._port_not_found(marker)
        return self._paged(limit, marker)

    def _paged(self, limit: int, marker: str | None) -> bytes:
        """The ``limit`` ports after ``marker``, with Neutron's ``ports_links``."""
        return self._cached(("ports", limit, marker), lambda: self._page(limit, marker))

    def _page(self, limit: int, marker: str | None) -> bytes:
        start = 0 if marker is None else (server.canned_index(marker, port_id) or 0) + 1
        listed = [port(index) for index in range(start, min(start + limit, self.ports))]
        href = "http://%s/network/v2.0/ports?limit=%d&marker=%%s" % (self.host_port, limit)
        links = []
        if listed and start + limit < self.ports:
            links.append({"href": href % listed[-1]["id"], "rel": "next"})
        if listed and marker is not None:
            links.append({"href": href % listed[0]["id"] + "&page_reverse=True",
                          "rel": "previous"})  # fmt: skip
        page: dict[str, Any] = {"ports": listed}
        if links:
            page["ports_links"] = links
        return server.http_response(200, server.encode(page))

    def _create_network(self, body: bytes) -> bytes:
        try:
            given = json.loads(body)["network"]
            name = str(given["name"])
        except (ValueError, KeyError, TypeError):
            return self._bad_request("Body contains invalid data: no network name.")
        created = dict(network(), id=str(uuid.uuid4()), name=name, subnets=[], revision_number=0)
        return server.http_response(201, server.encode({"network": created}))

    def _bad_request(self, message: str) -> bytes:
        error = {"NeutronError": {"type": "HTTPBadRequest", "detail": "", "message": message}}
        return server.http_response(400, server.encode(error))

    def _port_not_found(self, ident: str) -> bytes:
        error = {"NeutronError": {"type": "PortNotFound", "detail": "",
                                  "message": "Port %s could not be found." % ident}}  # fmt: skip
        return server.http_response(404, server.encode(error))

    def _networks(self, query: dict[str, list[str]]) -> bytes:
        item = network()
        for field in ("name", "id"):
            if field in query and item[field] not in query[field]:
                return server.http_response(200, server.encode({"networks": []}))
        fields = query.get("fields")
        if fields:
            item = {k: v for k, v in item.items() if k in fields}
        return server.http_response(200, server.encode({"networks": [item]}))

    def _not_found(self, ident: str) -> bytes:
        error = {"NeutronError": {"type": "NetworkNotFound", "detail": "",
                                  "message": "Network %s could not be found." % ident}}  # fmt: skip
        return server.http_response(404, server.encode(error))


async def serve(
    host: str, port_number: int, ports: int, watch_stdin: bool, page_size: int = 0
) -> None:
    """Serve until told to stop (see :func:`benchmarks.server.serve_app`)."""
    await server.serve_app(
        lambda address: NetworkApp(address, 3600.0, ports, page_size), host, port_number,
        watch_stdin,
    )  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    """Run the server until SIGTERM/SIGINT (or stdin EOF when asked)."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.network_server")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--ports", type=int, default=2000, help="ports in the one page")
    parser.add_argument("--page-size", type=int, default=0,
                        help="encode the pages of this size at start-up")  # fmt: skip
    parser.add_argument("--exit-on-stdin-eof", action="store_true")
    args = parser.parse_args(argv)
    asyncio.run(serve(args.host, args.port, args.ports, args.exit_on_stdin_eof, args.page_size))
    return 0


if __name__ == "__main__":
    sys.exit(main())

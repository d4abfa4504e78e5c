"""Canned Keystone + Nova server for the compute benchmarks, in its own process.

Run ``python -m benchmarks.compute_server --port 0 [--servers N]``; it prints
``READY <url>``. It is the identity server of :mod:`benchmarks.server` (same
protocol, tokens and counters) with a canned Nova under ``/compute``, where
the token's catalog puts the compute service (``/compute/v2.1``)::

    GET  /compute , /compute/               the versions document (v2.0, v2.1)
    GET  /compute/v2.1 , /compute/v2.1/     the v2.1 document: microversions 2.1 to 2.100
    GET  /compute/v2.1/servers/detail       N servers in one page (encoded once)
    GET  /compute/v2.1/servers/detail?limit=L&marker=M
                                            a page of L servers after M, with a
                                            ``servers_links`` next link when full
    GET  /compute/v2.1/servers/<id>         one server; 404 (itemNotFound) otherwise
    POST /compute/v2.1/servers              202, what Nova answers a boot with

Servers have the fields and sizes a real Nova 34 sends at 2.100 (about 1.5 KB
each). A page is full, and links to the next one, as Nova's are: when it has
``limit`` servers, so a walk ends on an empty page when the total is a
multiple of the page size. A boot must name the canned image and flavor
and, from 2.37, ``networks``; anything else is a 400 (badRequest). Every
compute answer carries ``OpenStack-API-Version`` with the microversion
asked for (2.1 when none). ``GET /_stats`` counts ``compute_requests``,
``compute_versions`` (version documents served), ``servers_list``,
``servers_get`` and ``servers_create`` besides the identity counters.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import urllib.parse
from typing import Any

from benchmarks import documents, server

__all__ = ["FLAVOR_ID", "IMAGE_ID", "created_id", "main", "server_body", "server_id"]

MAX_MICROVERSION = "2.100"
IMAGE_ID = "5b7c1d2e-3f4a-4b5c-8d6e-7f8091a2b3c4"
FLAVOR_ID = "1"
NETWORK = "shared"
#: The microversion from which Nova requires ``networks`` in a boot.
NETWORKS_REQUIRED = (2, 37)


def server_id(index: int) -> str:
    """The id of canned server ``index``."""
    return "%08x-5e7f-4a1b-8c2d-%012x" % (index, index)


def created_id(number: int) -> str:
    """The id the server gives the ``number``-th server it boots (from 1)."""
    return "%08x-c7ea-4e0d-8b0e-%012x" % (number, number)


def server_body(index: int, base: str) -> dict[str, Any]:
    """Canned server ``index``, shaped as Nova 34 shows a server at 2.100."""
    ident = server_id(index)
    project = documents.ADMIN_PROJECT_ID
    link = "%s/compute/v2.1/servers/%s" % (base, ident)
    return {
        "id": ident, "name": "vm-%06d" % index, "status": "ACTIVE",
        "tenant_id": project, "user_id": documents.USER_ID, "metadata": {"role": "web"},
        "hostId": "434ef5b5fb679114c919973ef355f95306718b5a4cb198c1e0bdd0aa",
        "image": {"id": IMAGE_ID, "links": [{"rel": "bookmark", "href": "%s/compute/images/%s"
                                             % (base, IMAGE_ID)}], "properties": {}},
        "flavor": {"vcpus": 1, "ram": 512, "disk": 1, "ephemeral": 0, "swap": 0,
                   "original_name": "m1.tiny", "extra_specs": {}},
        "created": "2026-11-30T23:32:15Z", "updated": "2026-11-30T23:32:24Z",
        "addresses": {NETWORK: [{"version": 4, "addr": "10.%d.%d.%d" % (
            index >> 16 & 255, index >> 8 & 255, index & 255), "OS-EXT-IPS:type": "fixed",
            "OS-EXT-IPS-MAC:mac_addr": "fa:16:3e:%02x:%02x:%02x" % (
                index >> 16 & 255, index >> 8 & 255, index & 255)}]},
        "accessIPv4": "", "accessIPv6": "",
        "links": [{"rel": "self", "href": link}, {"rel": "bookmark", "href": link}],
        "OS-DCF:diskConfig": "MANUAL", "progress": 0, "OS-EXT-AZ:availability_zone": "nova",
        "config_drive": "", "key_name": "ci", "OS-SRV-USG:launched_at":
        "2026-11-30T23:32:23.000000", "OS-SRV-USG:terminated_at": None,
        "OS-EXT-STS:task_state": None, "OS-EXT-STS:vm_state": "active",
        "OS-EXT-STS:power_state": 1, "os-extended-volumes:volumes_attached": [],
        "locked": False, "description": None, "tags": [], "trusted_image_certificates": None,
        "locked_reason": None, "OS-EXT-SRV-ATTR:hostname": "vm-%06d" % index,
        "pinned_availability_zone": None, "scheduler_hints": {},
        "security_groups": [{"name": "default"}],
    }  # fmt: skip


def _version(base: str) -> dict[str, Any]:
    return {"id": "v2.1", "status": "CURRENT", "version": MAX_MICROVERSION,
            "min_version": "2.1", "updated": "2013-07-23T11:33:21Z",
            "links": [{"rel": "self", "href": "%s/compute/v2.1/" % base}]}  # fmt: skip


def _count(stats: dict[str, int], name: str) -> None:
    stats[name] = stats.get(name, 0) + 1


def _at_least(version: str, wanted: tuple[int, int]) -> bool:
    try:
        major, minor = (int(part) for part in version.split("."))
    except ValueError:
        return False
    return (major, minor) >= wanted


def boot_error(body: bytes, microversion: str) -> str | None:
    """Why Nova would refuse this boot request; None when it is good."""
    try:
        given = json.loads(body)["server"]
    except (ValueError, KeyError, TypeError):
        return "Invalid input: 'server' is a required property"
    if not isinstance(given, dict) or not isinstance(given.get("name"), str):
        return "Invalid input: 'name' is a required property"
    if given.get("imageRef") != IMAGE_ID:
        return "Can not find requested image"
    if str(given.get("flavorRef")) != FLAVOR_ID:
        return "Flavor %s could not be found." % given.get("flavorRef")
    if _at_least(microversion, NETWORKS_REQUIRED) and "networks" not in given:
        return "Invalid input: 'networks' is a required property"
    return None


class ComputeApp(server.App):
    """The identity App, plus a canned Nova under ``/compute``."""

    def __init__(self, host_port: str, token_ttl: float, servers: int) -> None:
        super().__init__(host_port, token_ttl, 20)
        self.servers = servers
        self.base = "http://%s" % host_port
        self.microversion = "2.1"
        #: Each server encoded once, at start-up: pages are joined from these.
        self.encoded = [server.encode(server_body(i, self.base)) for i in range(servers)]

    def handle(self, method: str, target: str, token: str | None, body: bytes) -> bytes:
        path = target.partition("?")[0]
        if path != "/compute" and not path.startswith("/compute/"):
            return super().handle(method, target, token, body)
        _count(self.stats, "requests")
        _count(self.stats, "compute_requests")
        rest = path[len("/compute") :].rstrip("/")
        if method == "GET" and rest in ("", "/v2.1"):
            _count(self.stats, "compute_versions")
            return self._cached(("versions", rest), lambda: self._versions(rest))
        if not self._token_ok(token):
            _count(self.stats, "unauthorized")
            return self._error(401, "Unauthorized", "The request requires authentication.")
        if method == "POST" and rest == "/v2.1/servers":
            return self._boot(body)
        if method != "GET":
            return self._error(405, "Method Not Allowed", "Only GET and boots are canned here.")
        return self._nova(rest, urllib.parse.parse_qs(target.partition("?")[2]))

    def _versions(self, rest: str) -> bytes:
        if rest == "/v2.1":
            return server.http_response(200, server.encode({"version": _version(self.base)}))
        older = {"id": "v2.0", "status": "SUPPORTED", "version": "", "min_version": "",
                 "links": [{"rel": "self", "href": "%s/compute/v2/" % self.base}]}  # fmt: skip
        doc = {"versions": [older, _version(self.base)]}
        return server.http_response(200, server.encode(doc))

    def _headers(self) -> tuple[tuple[str, str], ...]:
        return (("OpenStack-API-Version", "compute %s" % self.microversion),
                ("X-OpenStack-Nova-API-Version", self.microversion))  # fmt: skip

    def _nova(self, rest: str, query: dict[str, list[str]]) -> bytes:
        headers = self._headers()
        if rest == "/v2.1/servers/detail" and ("limit" in query or "marker" in query):
            _count(self.stats, "servers_list")
            return self._page(query, headers)
        if rest == "/v2.1/servers/detail":
            _count(self.stats, "servers_list")
            return self._cached(("servers", self.microversion), lambda: server.http_response(
                200, b'{"servers":[' + b",".join(self.encoded) + b"]}", headers))  # fmt: skip
        if rest.startswith("/v2.1/servers/"):
            _count(self.stats, "servers_get")
            ident = rest.rsplit("/", 1)[1]
            if ident == server_id(0):
                doc = {"server": server_body(0, self.base)}
                return server.http_response(200, server.encode(doc), headers)
            error = {"itemNotFound": {"code": 404,
                                      "message": "Instance %s could not be found." % ident}}  # fmt: skip
            return server.http_response(404, server.encode(error), headers)
        return self._error(404, "Not Found", "Could not find %s." % rest)

    def _page(self, query: dict[str, list[str]], headers: tuple[tuple[str, str], ...]) -> bytes:
        """``limit`` servers after ``marker``; a next link when the page is full."""
        try:
            limit = int(query["limit"][0]) if "limit" in query else self.servers
        except ValueError:
            limit = -1
        if limit < 0:
            return self._bad_request("limit must be a non-negative integer", headers)
        start = 0
        if "marker" in query:
            index = server.canned_index(query["marker"][0], server_id)
            if index is None or index >= self.servers:
                return self._bad_request("marker [%s] not found" % query["marker"][0], headers)
            start = index + 1
        page = self.encoded[start : start + limit]
        links = b""
        if limit and len(page) == limit:
            href = "%s/compute/v2.1/servers/detail?limit=%d&marker=%s" % (
                self.base, limit, server_id(start + limit - 1))  # fmt: skip
            links = b',"servers_links":' + server.encode([{"rel": "next", "href": href}])
        body = b'{"servers":[' + b",".join(page) + b"]" + links + b"}"
        return server.http_response(200, body, headers)

    def _bad_request(self, message: str, headers: tuple[tuple[str, str], ...]) -> bytes:
        error = {"badRequest": {"code": 400, "message": message}}
        return server.http_response(400, server.encode(error), headers)

    def _boot(self, body: bytes) -> bytes:
        """Nova's answer to a boot: the new id, links, the admin password; no name."""
        headers = self._headers()
        refused = boot_error(body, self.microversion)
        if refused:
            return self._bad_request(refused, headers)
        _count(self.stats, "servers_create")
        ident = created_id(self.stats["servers_create"])
        link = "%s/compute/v2.1/servers/%s" % (self.base, ident)
        doc = {"server": {"id": ident, "OS-DCF:diskConfig": "MANUAL", "adminPass": "bench-pw",
                          "security_groups": [{"name": "default"}],
                          "links": [{"rel": "self", "href": link},
                                    {"rel": "bookmark", "href": link}]}}  # fmt: skip
        return server.http_response(202, server.encode(doc), headers)


class _Protocol(server.HttpProtocol):
    """Notes the microversion a request asks for, so the answer can echo it.

    A request's head arrives in one piece, at the start of the data; a
    boot's body may follow in another piece, which leaves the version alone.
    """

    def data_received(self, data: bytes) -> None:
        if self.buffer:  # the rest of a request already begun
            super().data_received(data)
            return
        head = data.split(b"\r\n\r\n", 1)[0].lower()
        version = "2.1"
        for name in (b"\r\nopenstack-api-version: compute ", b"\r\nx-openstack-nova-api-version:"):
            start = head.find(name)
            if start >= 0:
                end = head.find(b"\r\n", start + len(name))
                version = head[start + len(name) : end if end >= 0 else None].decode().strip()
                break
        self.app.microversion = version  # type: ignore[attr-defined]
        super().data_received(data)


async def serve(host: str, port_number: int, servers: int, watch_stdin: bool) -> None:
    """Serve until told to stop (see :func:`benchmarks.server.serve_app`)."""
    await server.serve_app(
        lambda address: ComputeApp(address, 3600.0, servers),
        host,
        port_number,
        watch_stdin,
        protocol=_Protocol,
    )


def main(argv: list[str] | None = None) -> int:
    """Run the server until SIGTERM/SIGINT (or stdin EOF when asked)."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.compute_server")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--servers", type=int, default=2000, help="servers in the collection")
    parser.add_argument("--exit-on-stdin-eof", action="store_true")
    args = parser.parse_args(argv)
    asyncio.run(serve(args.host, args.port, args.servers, args.exit_on_stdin_eof))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Canned Keystone + Nova server for the compute benchmarks, in its own process.

Run ``python -m benchmarks.compute_server --port 0 [--servers N]``; it prints
``READY <url>``. It is the identity server of :mod:`benchmarks.server` (same
protocol, tokens and counters) with a canned Nova under ``/compute``, where
the token's catalog puts the compute service (``/compute/v2.1``)::

    GET  /compute , /compute/               the versions document (v2.0, v2.1)
    GET  /compute/v2.1 , /compute/v2.1/     the v2.1 document: microversions 2.1 to 2.100
    GET  /compute/v2.1/servers/detail       N servers in one page (encoded once)
    GET  /compute/v2.1/servers/<id>         one server; 404 (itemNotFound) otherwise

Servers have the fields and sizes a real Nova 34 sends at 2.100 (about 1.5 KB
each). Every compute answer carries ``OpenStack-API-Version`` with the
microversion asked for (2.1 when none). ``GET /_stats`` counts
``compute_requests``, ``compute_versions`` (version documents served),
``servers_list`` and ``servers_get`` besides the identity counters.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import Any

from benchmarks import documents, server

__all__ = ["main", "server_body", "server_id"]

MAX_MICROVERSION = "2.100"
IMAGE_ID = "5b7c1d2e-3f4a-4b5c-8d6e-7f8091a2b3c4"
NETWORK = "shared"


def server_id(index: int) -> str:
    """The id of canned server ``index``."""
    return "%08x-5e7f-4a1b-8c2d-%012x" % (index, index)


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


class ComputeApp(server.App):
    """The identity App, plus a canned Nova under ``/compute``."""

    def __init__(self, host_port: str, token_ttl: float, servers: int) -> None:
        super().__init__(host_port, token_ttl, 20)
        self.servers = servers
        self.base = "http://%s" % host_port
        self.microversion = "2.1"

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
        if method != "GET":
            return self._error(405, "Method Not Allowed", "Only GET is canned here.")
        return self._nova(rest)

    def _versions(self, rest: str) -> bytes:
        if rest == "/v2.1":
            return server.http_response(200, server.encode({"version": _version(self.base)}))
        older = {"id": "v2.0", "status": "SUPPORTED", "version": "", "min_version": "",
                 "links": [{"rel": "self", "href": "%s/compute/v2/" % self.base}]}  # fmt: skip
        doc = {"versions": [older, _version(self.base)]}
        return server.http_response(200, server.encode(doc))

    def _nova(self, rest: str) -> bytes:
        headers = (("OpenStack-API-Version", "compute %s" % self.microversion),
                   ("X-OpenStack-Nova-API-Version", self.microversion))  # fmt: skip
        if rest == "/v2.1/servers/detail":
            _count(self.stats, "servers_list")
            return self._cached(("servers", self.microversion), lambda: server.http_response(
                200, server.encode({"servers": [server_body(i, self.base)
                                                for i in range(self.servers)]}), headers))  # fmt: skip
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


class _Protocol(server.HttpProtocol):
    """Notes the microversion a request asks for, so the answer can echo it.

    Requests here are small GETs, each arriving in one piece.
    """

    def data_received(self, data: bytes) -> None:
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
    parser.add_argument("--servers", type=int, default=2000, help="servers in the one page")
    parser.add_argument("--exit-on-stdin-eof", action="store_true")
    args = parser.parse_args(argv)
    asyncio.run(serve(args.host, args.port, args.servers, args.exit_on_stdin_eof))
    return 0


if __name__ == "__main__":
    sys.exit(main())

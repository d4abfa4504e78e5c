"""Canned Keystone + Neutron for the command-line benchmarks, in its own process.

Run ``python -m benchmarks.cli_server --port 0 [--networks N]``; it prints
``READY <url>``. It is :class:`benchmarks.network_server.NetworkApp` (the
identity server, counters and Neutron under ``/network``) whose
``GET /network/v2.0/networks`` answers N networks in one page (each shaped
as Neutron 29 shows a network), so ``stack network list`` and
``openstack network list`` print the same N rows. Projects come from the
identity server: under ``/c/<N>/v3`` the collection has N projects.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import Any

from benchmarks import network_server, server

__all__ = ["CliApp", "main", "network_id"]


def network_id(index: int) -> str:
    """The id of canned network ``index``."""
    return "%08x-2d3e-4f5a-8b6c-%012x" % (index, index)


def network(index: int) -> dict[str, Any]:
    """Canned network ``index``: the one canned network with its own id and name."""
    item = network_server.network()
    item.update(id=network_id(index), name="net-%06d" % index, revision_number=index % 7 + 1)
    return item


class CliApp(network_server.NetworkApp):
    """NetworkApp whose unfiltered networks collection has ``networks`` items."""

    def __init__(self, host_port: str, token_ttl: float, networks: int) -> None:
        super().__init__(host_port, token_ttl, 1)
        self.networks = networks

    def _networks(self, query: dict[str, list[str]]) -> bytes:
        if query:
            return super()._networks(query)
        return self._cached(("networks", self.networks), self._all_networks)

    def _all_networks(self) -> bytes:
        listed = [network(index) for index in range(self.networks)]
        return server.http_response(200, server.encode({"networks": listed}))


async def serve(host: str, port_number: int, networks: int, watch_stdin: bool) -> None:
    """Serve until told to stop (see :func:`benchmarks.server.serve_app`)."""
    await server.serve_app(
        lambda address: CliApp(address, 3600.0, networks), host, port_number, watch_stdin
    )


def main(argv: list[str] | None = None) -> int:
    """Run the server until SIGTERM/SIGINT (or stdin EOF when asked)."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.cli_server")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--networks", type=int, default=2000, help="networks in the one page")
    parser.add_argument("--exit-on-stdin-eof", action="store_true")
    args = parser.parse_args(argv)
    asyncio.run(serve(args.host, args.port, args.networks, args.exit_on_stdin_eof))
    return 0


if __name__ == "__main__":
    sys.exit(main())

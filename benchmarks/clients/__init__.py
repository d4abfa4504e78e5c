"""Client runners: one adapter per library, each run in a fresh process.

``python -m benchmarks.clients CLIENT SCENARIO --params JSON`` prints one
JSON result line; the harness (``benchmarks.run``) starts these processes.
"""

from __future__ import annotations

from typing import NamedTuple


class ClientSpec(NamedTuple):
    """Where a client's adapter lives and which packages it needs."""

    name: str
    module: str
    packages: tuple[str, ...]
    label: str


CLIENTS = (
    ClientSpec("stackclient", "benchmarks.clients.stackclient_runner", (), "stackclient"),
    ClientSpec("requests", "benchmarks.clients.requests_runner", ("requests",), "raw requests"),
    ClientSpec(
        "keystoneclient",
        "benchmarks.clients.keystoneclient_runner",
        ("keystoneclient", "keystoneauth1"),
        "keystoneclient",
    ),
    ClientSpec(
        "openstacksdk", "benchmarks.clients.openstacksdk_runner", ("openstack",), "openstacksdk"
    ),
)
BASELINE = "requests"


def spec(name: str) -> ClientSpec:
    """Return the spec of the client called ``name``."""
    for entry in CLIENTS:
        if entry.name == name:
            return entry
    raise KeyError(name)

"""Fixtures for the Network v2.0 functional tests against the local cloud's Neutron.

The clients find Neutron in the token's catalog, as on a real cloud (no
``endpoint_override``): ``admin`` is the cloud's admin, ``member`` the
ordinary user of another project. ``cleanup`` runs registered deletions
after each test (newest first; a resource already gone is fine);
``unique`` makes names no rerun collides with.
"""

from __future__ import annotations

import typing as _t
import uuid
from collections.abc import Callable, Iterator

import pytest

from stackclient import session
from stackclient.apiclient import exceptions
from stackclient.auth import v3 as v3_auth
from stackclient.network.v2_0 import client

#: Seconds one request may take.
TIMEOUT = 60


def make_client(cloud: dict[str, _t.Any], who: str) -> client.Client:
    """A Network client for ``who`` (``admin`` or ``member``) of the local cloud."""
    plugin = v3_auth.Password(
        auth_url=cloud["auth_url"],
        username=cloud["%s_username" % who],
        password=cloud["%s_password" % who],
        project_name=cloud["%s_project_name" % who],
        user_domain_id=cloud["user_domain_id"],
        project_domain_id=cloud["project_domain_id"],
    )
    sess = session.Session(auth=plugin, timeout=TIMEOUT)
    return client.Client(session=sess, region_name=cloud.get("region_name"))


@pytest.fixture(scope="session")
def admin(cloud: dict[str, _t.Any]) -> client.Client:
    return make_client(cloud, "admin")


@pytest.fixture(scope="session")
def member(cloud: dict[str, _t.Any]) -> client.Client:
    return make_client(cloud, "member")


@pytest.fixture
def unique() -> Callable[[str], str]:
    """``unique("net")`` -> ``"sc-net-1a2b3c4d5e"``, different on every call."""
    return lambda prefix="x": "sc-%s-%s" % (prefix, uuid.uuid4().hex[:10])


@pytest.fixture
def cleanup() -> Iterator[Callable[..., None]]:
    """``cleanup(func, *args)`` runs ``func(*args)`` after the test, newest first."""
    actions: list[tuple[Callable[..., _t.Any], tuple[_t.Any, ...]]] = []
    yield lambda func, *args: actions.append((func, args))
    for func, args in reversed(actions):
        try:
            func(*args)
        except exceptions.NotFound:
            pass


@pytest.fixture
def network(admin: client.Client, unique: _t.Any, cleanup: _t.Any) -> _t.Any:
    """A fresh admin network with an IPv4 subnet (``network.subnet``)."""
    net = admin.create_network(name=unique("net"))
    cleanup(admin.networks.delete, net)
    subnet = admin.create_subnet(network_id=net, ip_version=4, cidr="10.20.0.0/24",
                                 name=unique("subnet"))  # fmt: skip
    cleanup(admin.subnets.delete, subnet)
    net.subnet = subnet
    return net


@pytest.fixture
def external(admin: client.Client, unique: _t.Any, cleanup: _t.Any) -> _t.Any:
    """A fresh external network (``router:external``) with a subnet for gateways and floating IPs."""
    net = admin.create_network(name=unique("ext"), **{"router:external": True})
    cleanup(admin.networks.delete, net)
    subnet = admin.create_subnet(network_id=net, ip_version=4, cidr="192.0.2.0/24",
                                 name=unique("ext-subnet"), enable_dhcp=False)  # fmt: skip
    cleanup(admin.subnets.delete, subnet)
    net.subnet = subnet
    return net

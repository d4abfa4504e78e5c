"""Fixtures for the Compute v2.1 functional tests against the local cloud's Nova.

Clients find Nova (and Glance) in the token's catalog, as on a real cloud:
``nova`` is the ordinary member of project ``demo``, ``nova_admin`` the
cloud's admin. Servers boot from a small raw image the member uploads
through the image client, on the cloud's shared network, with the
``m1.tiny`` flavor; the fake virt driver takes them from BUILD to ACTIVE in
seconds; ``neutron`` and ``cinder`` (the network and block-storage
clients) check the ports and volumes Nova uses. ``cleanup`` runs registered deletions after a test (newest first;
what is gone already is fine); ``unique`` makes names no rerun collides with.
"""

from __future__ import annotations

import time
import typing as _t
import uuid
from collections.abc import Callable, Iterator

import pytest

from stackclient import session
from stackclient.apiclient import exceptions
from stackclient.auth import v3 as v3_auth
from stackclient.block_storage.v3 import client as volume_client
from stackclient.compute.v2 import client
from stackclient.image.v2 import client as image_client
from stackclient.network.v2_0 import client as network_client

#: Seconds one request may take.
TIMEOUT = 60
#: Seconds a boot, an action or a delete may take on the fake driver (2 shared cores).
WAIT = 180
#: Seconds between two reads while waiting.
INTERVAL = 0.5


def make_session(cloud: dict[str, _t.Any], who: str) -> session.Session:
    """A Session for ``who`` (``admin`` or ``member``) of the local cloud."""
    plugin = v3_auth.Password(
        auth_url=cloud["auth_url"],
        username=cloud["%s_username" % who],
        password=cloud["%s_password" % who],
        project_name=cloud["%s_project_name" % who],
        user_domain_id=cloud["user_domain_id"],
        project_domain_id=cloud["project_domain_id"],
    )
    return session.Session(auth=plugin, timeout=TIMEOUT)


@pytest.fixture(scope="session")
def member_session(cloud: dict[str, _t.Any]) -> session.Session:
    return make_session(cloud, "member")


@pytest.fixture(scope="session")
def admin_session(cloud: dict[str, _t.Any]) -> session.Session:
    return make_session(cloud, "admin")


@pytest.fixture(scope="session")
def nova(cloud: dict[str, _t.Any], member_session: session.Session) -> client.Client:
    return client.Client(session=member_session, region_name=cloud.get("region_name"))


@pytest.fixture(scope="session")
def nova_admin(cloud: dict[str, _t.Any], admin_session: session.Session) -> client.Client:
    return client.Client(session=admin_session, region_name=cloud.get("region_name"))


@pytest.fixture(scope="session")
def glance(member_session: session.Session) -> image_client.Client:
    return image_client.Client(session=member_session)


@pytest.fixture(scope="session")
def neutron(member_session: session.Session) -> network_client.Client:
    return network_client.Client(session=member_session)


@pytest.fixture(scope="session")
def cinder(member_session: session.Session) -> volume_client.Client:
    return volume_client.Client(session=member_session)


def unique_name(prefix: str = "x") -> str:
    """``unique_name("vm")`` -> ``"sc-vm-1a2b3c4d5e"``, different on every call."""
    return "sc-%s-%s" % (prefix, uuid.uuid4().hex[:10])


@pytest.fixture
def unique() -> Callable[[str], str]:
    return unique_name


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


@pytest.fixture(scope="session")
def boot_image(glance: image_client.Client) -> Iterator[str]:
    """The id of an active raw image of the member's project (64 KiB of zeros)."""
    image = glance.images.create(
        name=unique_name("boot"), disk_format="raw", container_format="bare"
    )
    try:
        glance.images.upload(image, b"\0" * 65536)
        yield image.id
    finally:
        glance.images.delete(image, ignore_missing=True)


@pytest.fixture(scope="session")
def network_id(cloud: dict[str, _t.Any]) -> str:
    """The cloud's shared network, where servers get their port."""
    return str(cloud["services"]["neutron"]["shared_network"]["id"])


@pytest.fixture(scope="session")
def tiny(nova: client.Client) -> _t.Any:
    return nova.find_flavor("m1.tiny", ignore_missing=False)


@pytest.fixture(scope="session")
def small(nova: client.Client) -> _t.Any:
    return nova.find_flavor("m1.small", ignore_missing=False)


@pytest.fixture(scope="session")
def keypair(nova: client.Client) -> Iterator[_t.Any]:
    """A key pair Nova generated for the member (its private key is not kept)."""
    pair = nova.keypairs.create(unique_name("key"))
    try:
        yield pair
    finally:
        nova.keypairs.delete(pair, ignore_missing=True)


def boot(
    nova: client.Client,
    image: str,
    flavor: _t.Any,
    network: str,
    cleanup: Callable[..., None] | None = None,
    **options: _t.Any,
) -> _t.Any:
    """Boot a server on ``network`` and wait until it is ACTIVE; delete it after the test."""
    server = nova.servers.create(unique_name("vm"), image, flavor, networks=[network], **options)
    if cleanup is not None:
        cleanup(delete_and_wait, nova, server)
    return nova.wait_for_server(server, interval=INTERVAL, timeout=WAIT)


def delete_and_wait(nova: client.Client, server: _t.Any) -> None:
    """Delete ``server`` (force, whatever its state) and wait until it is gone."""
    nova.delete_server(server, force=True)
    nova.wait_for_delete(server, interval=INTERVAL, timeout=WAIT)


@pytest.fixture(scope="module")
def server(
    nova: client.Client, boot_image: str, tiny: _t.Any, network_id: str, keypair: _t.Any
) -> Iterator[_t.Any]:
    """One ACTIVE server (with a key pair) for a module's tests, deleted at its end.

    Tests that change its state leave it ACTIVE again.
    """
    vm = nova.servers.create(unique_name("vm"), boot_image, tiny, networks=[network_id],
                             key_name=keypair, metadata={"suite": "compute"})  # fmt: skip
    try:
        yield nova.wait_for_server(vm, interval=INTERVAL, timeout=WAIT)
    finally:
        delete_and_wait(nova, vm)


def wait_status(nova: client.Client, server: _t.Any, status: str) -> _t.Any:
    """Wait until ``server`` has ``status`` and no task runs on it; return it fresh."""
    fresh = nova.wait_for_server(server, status, interval=INTERVAL, timeout=WAIT)
    deadline = time.monotonic() + WAIT
    while fresh.__dict__.get("OS-EXT-STS:task_state") is not None:
        assert time.monotonic() < deadline, "task_state stuck: %s" % fresh.to_dict()
        time.sleep(INTERVAL)
        fresh = nova.get_server(server)
    return fresh

"""Servers against the real Nova: boot, find, list filters, update, metadata, what a
server reports, security groups, interfaces, instance actions, delete."""

from __future__ import annotations

import datetime
import time
import typing as _t

import pytest

from stackclient.apiclient import exceptions
from tests.functional.compute.conftest import INTERVAL, WAIT, boot, delete_and_wait


def test_boot_with_a_network_and_a_key_pair_reaches_active(
    cloud: dict[str, _t.Any], nova: _t.Any, neutron: _t.Any, server: _t.Any, keypair: _t.Any,
    network_id: str,
) -> None:  # fmt: skip
    assert server.status == "ACTIVE"
    assert server.key_name == keypair.name
    assert server.metadata == {"suite": "compute"}
    assert server.microversion == nova.microversion == "2.104"
    assert server.flavor_name == "m1.tiny" and server.flavor["vcpus"] == 1
    shared = cloud["services"]["neutron"]["shared_network"]
    assert [a["addr"] for a in server.addresses[shared["name"]]] == server.ip_addresses
    ports = neutron.ports.list(device_id=server.id)
    assert [(p.network_id, p.status) for p in ports] == [(network_id, "ACTIVE")]
    assert [ip["ip_address"] for ip in ports[0].fixed_ips] == server.ip_addresses


def test_find_is_exact_while_the_name_filter_is_a_regex(
    nova: _t.Any, server: _t.Any, boot_image: str, tiny: _t.Any, cleanup: _t.Any
) -> None:
    twin = nova.servers.create(server.name + "-2", boot_image, tiny, networks="none",
                               tags=["twin"])  # fmt: skip
    cleanup(delete_and_wait, nova, twin)
    assert nova.find_server(server.name).id == server.id
    assert nova.find_server(twin.id).id == twin.id
    assert nova.find_server(server.name + "-nope") is None
    listed = {s.id for s in nova.servers(name="^%s" % server.name)}
    assert listed == {server.id, twin.id}
    assert [s.id for s in nova.servers(tags=["twin"])] == [twin.id]
    assert twin.id not in {s.id for s in nova.servers(not_tags="twin", name=server.name)}
    assert {s.id for s in nova.servers(details=False, name=server.name)} >= {server.id}
    since = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1)
    assert list(nova.servers(changes_since=since)) == []
    assert server.id in {s.id for s in nova.servers(status="ACTIVE", flavor="1")}


def test_pages_follow_servers_links(nova: _t.Any, server: _t.Any, boot_image: str,
                                    tiny: _t.Any, cleanup: _t.Any) -> None:  # fmt: skip
    more = nova.servers.create(server.name + "-p", boot_image, tiny, networks="none")
    cleanup(delete_and_wait, nova, more)
    # While a server is being scheduled Nova lists its build request, and
    # paging past it by marker can return it again (the walk then stops).
    nova.wait_for_server(more, interval=INTERVAL, timeout=WAIT)
    ids = [s.id for s in nova.servers(limit=1, name="^%s" % server.name)]
    assert sorted(ids) == sorted({server.id, more.id}) and len(ids) == 2


def test_update_name_and_description(nova: _t.Any, server: _t.Any) -> None:
    renamed = nova.update_server(server, name=server.name + "-r", description="renamed")
    try:
        assert (renamed.name, renamed.description) == (server.name + "-r", "renamed")
        assert nova.get_server(server).description == "renamed"
    finally:
        nova.update_server(server, name=server.name, description=None)


def test_metadata(nova: _t.Any, server: _t.Any) -> None:
    assert nova.get_server_metadata(server) == {"suite": "compute"}
    assert nova.set_server_metadata(server, role="web", tier="1") == {
        "suite": "compute", "role": "web", "tier": "1"}  # fmt: skip
    nova.servers.set_metadata_item(server, "tier", "2")
    assert nova.servers.get_metadata_item(server, "tier") == "2"
    nova.delete_server_metadata(server, ["role", "tier"])
    assert nova.servers.replace_metadata(server, {"suite": "compute"}) == {"suite": "compute"}
    error = _raises(exceptions.NotFound, nova.servers.get_metadata_item, server, "role")
    assert "role" in str(error) and error.request_id


def test_tags(nova: _t.Any, server: _t.Any) -> None:
    assert nova.get_tags(server) == []
    nova.add_tag(server, "web")
    assert sorted(nova.set_tags(server, ["web", "prod"])) == ["prod", "web"]
    assert sorted(nova.get_tags(server)) == ["prod", "web"]
    assert nova.check_tag(server, "prod") and not nova.check_tag(server, "dev")
    assert [s.id for s in nova.servers(tags=["web", "prod"], name=server.name)] == [server.id]
    assert [s.id for s in nova.servers(tags_any=["dev", "prod"], name=server.name)] == [server.id]
    assert list(nova.servers(not_tags_any=["prod"], name=server.name)) == []
    fresh = nova.get_server(server)
    fresh.remove_tag("prod")
    assert fresh.tags == ["web"] == nova.get_tags(server)
    with pytest.raises(exceptions.NotFound) as caught:
        nova.remove_tag(server, "prod")
    assert "prod" in str(caught.value)
    nova.remove_all_tags(server)
    assert nova.get_server(server).tags == []


def test_what_a_server_reports(nova: _t.Any, nova_admin: _t.Any, server: _t.Any) -> None:
    assert "FAKE CONSOLE OUTPUT" in nova.get_server_console_output(server)
    assert nova.get_server_console_output(server, length=1) == "LAST LINE"
    console = nova.create_server_remote_console(server, "vnc", "novnc")
    assert console["type"] == "novnc" and console["url"].startswith("http")
    diagnostics = nova_admin.get_server_diagnostics(server)
    assert diagnostics["state"] == "running" and diagnostics["driver"] == "libvirt"
    addresses = nova.server_ips(server)
    assert [a["addr"] for entries in addresses.values() for a in entries] == server.ip_addresses
    (label,) = addresses
    assert nova.server_ips(server, label) == {label: addresses[label]}
    assert nova.get_server_password(server) == ""
    nova.clear_server_password(server)
    assert nova.get_server_topology(server) is not None


def test_security_groups(nova: _t.Any, neutron: _t.Any, server: _t.Any, unique: _t.Any,
                         cleanup: _t.Any) -> None:  # fmt: skip
    group = neutron.create_security_group(name=unique("sg"))
    cleanup(neutron.security_groups.delete, group)
    nova.add_security_group_to_server(server, group)
    names = {g["name"] for g in nova.fetch_server_security_groups(server)}
    assert {"default", group.name} <= names
    (port,) = neutron.ports.list(device_id=server.id)
    assert group.id in port.security_groups
    nova.remove_security_group_from_server(server, group.name)
    assert group.name not in {g["name"] for g in nova.fetch_server_security_groups(server)}
    error = _raises(exceptions.HttpError, nova.remove_security_group_from_server, server,
                    group.name)  # fmt: skip
    assert group.name in str(error)


def test_interfaces_attach_and_detach(nova: _t.Any, neutron: _t.Any, server: _t.Any,
                                      network_id: str) -> None:  # fmt: skip
    before = {i.port_id for i in nova.server_interfaces(server)}
    attached = nova.create_server_interface(server, net_id=network_id)
    assert attached.net_id == network_id and attached.port_id not in before
    assert neutron.get_port(attached.port_id).device_id == server.id
    assert nova.get_server_interface(attached.port_id, server).fixed_ips
    _until(lambda: attached.port_id in {i.id for i in nova.server_interfaces(server)})
    nova.delete_server_interface(attached, server)
    _until(lambda: {i.port_id for i in nova.server_interfaces(server)} == before)
    _until(lambda: neutron.find_port(attached.port_id) is None)  # Nova made it, Nova deletes it


def test_instance_actions_with_their_events(nova: _t.Any, server: _t.Any) -> None:
    actions = list(nova.server_actions(server))
    assert actions[-1].action == "create"
    create = nova.get_server_action(actions[-1].request_id, server)
    assert create.events and not create.failed
    assert {e["result"] for e in create.events} == {"Success"}
    assert create.microversion == "2.104"


def test_delete_and_wait_until_gone(nova: _t.Any, boot_image: str, tiny: _t.Any,
                                    network_id: str) -> None:  # fmt: skip
    vm = boot(nova, boot_image, tiny, network_id)
    nova.delete_server(vm)
    nova.wait_for_delete(vm.id, interval=INTERVAL, timeout=WAIT)
    _raises(exceptions.NotFound, nova.servers.get, vm.id)
    nova.delete_server(vm)  # gone already: ignored
    _raises(exceptions.NotFound, nova.servers.delete, vm)


def _raises(cls: type[BaseException], func: _t.Callable[..., _t.Any], *args: _t.Any) -> _t.Any:
    try:
        func(*args)
    except cls as error:
        return error
    raise AssertionError("%s did not raise %s" % (func, cls.__name__))


def _until(check: _t.Callable[[], bool]) -> None:
    deadline = time.monotonic() + WAIT
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(INTERVAL)

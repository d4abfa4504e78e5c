"""Ports, routers and floating IPs against the real Neutron."""

from __future__ import annotations

import pytest

from stackclient.apiclient import exceptions


def test_port_with_fixed_ip_address_pairs_and_security_groups(admin, network, unique, cleanup):
    group = admin.create_security_group(name=unique("sg"))
    cleanup(admin.security_groups.delete, group)
    port = admin.create_port(
        network_id=network, name=unique("port"),
        fixed_ips=[{"subnet_id": network.subnet.id, "ip_address": "10.20.0.50"}],
        allowed_address_pairs=[{"ip_address": "10.20.0.200"}],
        security_groups=[group.id])  # fmt: skip
    cleanup(admin.ports.delete, port)
    assert port.fixed_ips == [{"subnet_id": network.subnet.id, "ip_address": "10.20.0.50"}]
    assert port.allowed_address_pairs[0]["ip_address"] == "10.20.0.200"
    assert port.security_groups == [group.id]
    found = admin.ports.list(fixed_ips=["ip_address=10.20.0.50"], network_id=network.id)
    assert [p.id for p in found] == [port.id]
    cleared = admin.update_port(port, security_groups=[], allowed_address_pairs=[])
    assert (cleared.security_groups, cleared.allowed_address_pairs) == ([], [])


def test_port_waiters(admin, network, unique, cleanup):
    port = admin.create_port(network_id=network.id, name=unique("port"))
    cleanup(admin.ports.delete, port)
    assert admin.wait_port_while(port, "BUILD", timeout=30).status == "DOWN"
    with pytest.raises(exceptions.WaitTimeout) as caught:
        admin.wait_port_until(port, "ACTIVE", interval=0.2, timeout=0.5)
    assert caught.value.status == "DOWN"
    admin.update_port(
        port, **{"binding:host_id": "compute-1"}
    )  # bound: the cloud's driver activates it
    progress = []
    active = admin.ports.wait_until(port, "ACTIVE", interval=0.2, timeout=30,
                                    callback=progress.append)  # fmt: skip
    assert active.status == "ACTIVE" and progress[-1].status == "ACTIVE"


def test_bulk_ports_are_all_or_nothing(admin, network, unique, cleanup):
    name = unique("bulk-port")
    made = admin.create_ports([{"network_id": network.id, "name": name},
                               {"network_id": network.id, "name": name}])  # fmt: skip
    for port in made:
        cleanup(admin.ports.delete, port)
    assert len(admin.ports.list(name=name)) == 2
    other = unique("bulk-port")
    with pytest.raises(exceptions.ClientException):
        admin.create_ports([
            {"network_id": network.id, "name": other},
            {"network_id": network.id, "name": other,
             "fixed_ips": [{"subnet_id": network.subnet.id, "ip_address": "10.99.99.99"}]},
        ])  # fmt: skip
    assert admin.ports.list(name=other) == []


def test_router_gateway_interfaces_and_extra_routes(admin, network, external, unique, cleanup):
    router = admin.find_or_create_router(unique("router"))
    cleanup(admin.routers.delete, router)
    assert admin.find_or_create_router(router.name).id == router.id
    gateway = admin.add_gateway_to_router(router, external)
    assert gateway.external_gateway_info["network_id"] == external.id
    added = admin.add_interface_to_router(router, subnet_id=network.subnet)
    cleanup(admin.routers.remove_interface, router, network.subnet)
    assert (added["subnet_id"], added["id"]) == (network.subnet.id, router.id)
    other = admin.create_subnet(network_id=network, ip_version=4, cidr="10.20.1.0/24")
    cleanup(admin.subnets.delete, other)
    port = admin.create_port(network_id=network.id, name=unique("rport"),
                             fixed_ips=[{"subnet_id": other.id}])  # fmt: skip
    cleanup(admin.ports.delete, port)
    by_port = admin.routers.add_interface(router, port=port)
    assert by_port["port_id"] == port.id
    routes = [{"destination": "10.77.0.0/24", "nexthop": "10.20.0.9"}]
    assert admin.add_extra_routes_to_router(router, routes).routes == routes
    more = [{"destination": "10.78.0.0/24", "nexthop": "10.20.0.9"}]
    assert len(admin.routers.add_extra_routes(router, more).routes) == 2
    assert admin.remove_extra_routes_from_router(router, routes).routes == more
    admin.routers.remove_extra_routes(router, more)
    admin.remove_interface_from_router(router, port_id=port.id)
    admin.routers.remove_interface(router, subnet=network.subnet)
    assert admin.remove_gateway_from_router(router).external_gateway_info is None


def test_floating_ip_create_associate_disassociate(admin, network, external, unique, cleanup):
    router = admin.create_router(name=unique("router"))
    cleanup(admin.routers.delete, router)
    admin.routers.set_gateway(router, external)
    cleanup(admin.routers.clear_gateway, router)
    admin.routers.add_interface(router, subnet=network.subnet)
    cleanup(admin.routers.remove_interface, router, network.subnet)
    port = admin.create_port(network_id=network.id, name=unique("port"))
    cleanup(admin.ports.delete, port)
    fip = admin.create_ip(floating_network_id=external.id)
    cleanup(admin.floating_ips.delete, fip)
    assert fip.port_id is None
    associated = admin.floating_ips.associate(fip, port)
    assert (associated.port_id, associated.router_id) == (port.id, router.id)
    assert associated.fixed_ip_address == port.fixed_ips[0]["ip_address"]
    assert admin.find_ip(fip.floating_ip_address).id == fip.id
    assert [f.id for f in admin.ips(port_id=port.id)] == [fip.id]
    assert admin.floating_ips.disassociate(fip).port_id is None
    admin.delete_ip(fip)
    assert admin.find_ip(fip.id) is None

"""Networks and subnets against the real Neutron: lifecycle, paging, fields, tags, bulk, find."""

from __future__ import annotations

import threading

import pytest

from stackclient.apiclient import exceptions


def test_the_endpoint_comes_from_the_catalog(admin, cloud):
    assert admin.endpoint_override is None
    assert admin.endpoint == cloud["services"]["neutron"]["endpoints"]["network"] + "/v2.0"


def test_seed_find_network_then_create_it(admin, unique, cleanup):
    name = unique("zuul")
    network = admin.find_network(name)
    assert network is None
    network = admin.create_network(name=name)
    cleanup(admin.networks.delete, network)
    assert admin.find_network(name).id == network.id
    assert admin.find_network(network.id).name == name


def test_network_lifecycle(admin, unique):
    net = admin.networks.create(name=unique("net"), admin_state_up=True, mtu=1400,
                                description="made by the tests")  # fmt: skip
    assert (net.status, net.mtu, net.admin_state_up) == ("ACTIVE", 1400, True)
    assert admin.get_network(net.id).description == "made by the tests"
    updated = admin.update_network(net, description="changed", mtu=1300)
    assert (updated.description, updated.mtu) == ("changed", 1300)
    assert [n.id for n in admin.networks(name=net.name)] == [net.id]
    admin.delete_network(net)
    assert admin.find_network(net.id) is None
    with pytest.raises(exceptions.NotFound):
        admin.delete_network(net, ignore_missing=False)


def test_pages_of_two_are_walked_in_order(admin, unique, cleanup):
    tag = unique("page")
    made = admin.create_networks([{"name": "%s-%d" % (tag, i)} for i in range(5)])
    for net in made:
        cleanup(admin.networks.delete, net)
        admin.networks.add_tag(net, tag)
    walked = admin.networks(tags=tag, limit=2, sort_key="name", sort_dir="desc")
    assert [n.name for n in walked] == ["%s-%d" % (tag, i) for i in (4, 3, 2, 1, 0)]
    assert len(admin.networks.list(tags=tag, limit=2)) == 5
    first_page = admin.networks.list(tags=tag, limit=2, sort_key="name", sort_dir="asc",
                                     marker=made[1].id)  # fmt: skip
    assert len(first_page) == 3  # the two after the marker, then the last page


def test_fields_limits_what_comes_back(admin, network):
    listed = admin.networks.list(id=network.id, fields=["id", "name"])
    assert [sorted(n.to_dict()) for n in listed] == [["id", "name"]]
    got = admin.networks.get(network, fields=["id", "status"])
    assert sorted(got.to_dict()) == ["id", "status"]


def test_tags_set_add_remove_replace_and_filter(admin, unique, cleanup):
    a, b, c = unique("a"), unique("b"), unique("c")
    nets = admin.create_networks([{"name": unique("t")} for _ in range(3)])
    for net in nets:
        cleanup(admin.networks.delete, net)
    assert nets[0].set_tags([a, b]) == [a, b]
    admin.networks.add_tag(nets[1], a)
    admin.networks.add_tags(nets[2], [b, c])
    assert sorted(admin.get_tags(nets[0])) == sorted([a, b])
    assert admin.check_tag(nets[1], a) and not admin.check_tag(nets[1], b)

    def ids(**filters):
        return {n.id for n in admin.networks(**filters)} & {n.id for n in nets}

    assert ids(tags=[a, b]) == {nets[0].id}
    assert ids(tags_any=[a, c]) == {nets[0].id, nets[1].id, nets[2].id}
    assert ids(not_tags=[a, b], tags_any=[a, b, c]) == {nets[1].id, nets[2].id}
    assert ids(not_tags_any=[a], tags_any=[b, c]) == {nets[2].id}
    nets[0].remove_tag(a)
    assert nets[0].tags == [b] and admin.get_tags(nets[0]) == [b]
    assert admin.replace_tags(nets[0], [c]) == [c]
    admin.remove_all_tags(nets[0])
    assert admin.get_network(nets[0].id).tags == []
    with pytest.raises(exceptions.NotFound):
        admin.remove_tag(nets[0], a)


def test_bulk_create_is_all_or_nothing(admin, unique, cleanup):
    names = [unique("bulk") for _ in range(3)]
    made = admin.create_networks([{"name": names[0]}, {"name": names[1], "mtu": 1400}])
    for net in made:
        cleanup(admin.networks.delete, net)
    assert [n.name for n in made] == names[:2]
    with pytest.raises(exceptions.BadRequest):
        admin.create_networks([{"name": names[2]}, {"name": names[2], "mtu": "lots"}])
    assert admin.networks.list(name=names[2]) == []


def test_bulk_subnets_are_all_or_nothing(admin, network, unique):
    name = unique("bulk-subnet")
    with pytest.raises(exceptions.BadRequest):
        admin.create_subnets([
            {"network_id": network.id, "ip_version": 4, "cidr": "10.30.0.0/24", "name": name},
            {"network_id": network.id, "ip_version": 4, "cidr": "not-a-cidr", "name": name},
        ])  # fmt: skip
    assert admin.subnets.list(name=name) == []


def test_subnets_v4_with_pools_routes_and_dns_and_v6(admin, network, unique, cleanup):
    v4 = admin.create_subnet(
        network_id=network, ip_version=4, cidr="10.21.0.0/24", name=unique("v4"),
        gateway_ip="10.21.0.1", allocation_pools=[{"start": "10.21.0.10", "end": "10.21.0.20"}],
        host_routes=[{"destination": "10.99.0.0/24", "nexthop": "10.21.0.5"}],
        dns_nameservers=["10.21.0.2"])  # fmt: skip
    cleanup(admin.subnets.delete, v4)
    assert v4.allocation_pools == [{"start": "10.21.0.10", "end": "10.21.0.20"}]
    assert v4.host_routes == [{"destination": "10.99.0.0/24", "nexthop": "10.21.0.5"}]
    assert v4.dns_nameservers == ["10.21.0.2"]
    v6 = admin.create_subnet(network_id=network.id, ip_version=6, cidr="fd00:21::/64",
                             ipv6_ra_mode="slaac", ipv6_address_mode="slaac",
                             name=unique("v6"))  # fmt: skip
    cleanup(admin.subnets.delete, v6)
    assert (v6.ip_version, v6.ipv6_address_mode) == (6, "slaac")
    changed = admin.update_subnet(v4, dns_nameservers=[], host_routes=[])
    assert (changed.dns_nameservers, changed.host_routes) == ([], [])
    assert {s.id for s in admin.subnets(network_id=network.id)} >= {v4.id, v6.id}


def test_find_or_create_network_and_subnet(admin, unique, cleanup):
    name = unique("foc")
    net = admin.find_or_create_network(name, mtu=1400)
    cleanup(admin.networks.delete, net)
    assert admin.find_or_create_network(name).id == net.id
    subnet = admin.find_or_create_subnet("sub", network_id=net.id, ip_version=4,
                                         cidr="10.40.0.0/24")  # fmt: skip
    cleanup(admin.subnets.delete, subnet)
    again = admin.find_or_create_subnet("sub", network_id=net.id, ip_version=4,
                                        cidr="10.40.0.0/24")  # fmt: skip
    assert again.id == subnet.id


def test_find_or_create_tolerates_concurrent_creators(admin, unique, cleanup):
    name = unique("race")
    found, errors = [], []
    barrier = threading.Barrier(4)

    def create():
        barrier.wait()
        try:
            found.append(admin.find_or_create_network(name).id)
        except exceptions.ClientException as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=create) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    left = admin.networks.list(name=name)
    for net in left:
        cleanup(admin.networks.delete, net)
    assert errors == []
    assert len(set(found)) == 1 and len(found) == 4
    assert [n.id for n in left] == found[:1]


def test_ambiguous_names_raise_with_every_candidate(admin, unique, cleanup):
    name = unique("twin")
    twins = admin.create_networks([{"name": name}, {"name": name}])
    for net in twins:
        cleanup(admin.networks.delete, net)
    with pytest.raises(exceptions.NoUniqueMatch) as caught:
        admin.find_network(name)
    for net in twins:
        assert "%s (project %s)" % (net.id, net.project_id) in str(caught.value)
    assert admin.find_network(name, project_id="0" * 32) is None


def test_an_unknown_attribute_is_a_bad_request_with_neutrons_text(admin, unique):
    with pytest.raises(exceptions.BadRequest) as caught:
        admin.create_network(name=unique("bad"), colour="red")
    assert "colour" in str(caught.value)
    assert caught.value.request_id


def test_empty_ids_are_refused_before_sending(admin):
    for call in (admin.get_network, admin.delete_network, admin.update_subnet):
        for bad in (None, ""):
            with pytest.raises(exceptions.ValidationError):
                call(bad)

"""Security groups and rules, subnet pools, quotas, read-only collections, other projects."""

from __future__ import annotations

import pytest

from stackclient.apiclient import exceptions

WEB = {"direction": "ingress", "ethertype": "IPv4", "protocol": "tcp",
       "port_range_min": 80, "port_range_max": 80, "remote_ip_prefix": "0.0.0.0/0"}  # fmt: skip


def test_security_group_and_rules(admin, unique, cleanup):
    group = admin.find_or_create_security_group(unique("sg"), description="web")
    cleanup(admin.security_groups.delete, group)
    assert admin.find_or_create_security_group(group.name).id == group.id
    rule = admin.create_security_group_rule(security_group_id=group, **WEB)
    assert (rule.port_range_min, rule.security_group_id) == (80, group.id)
    with pytest.raises(exceptions.Conflict) as caught:
        admin.create_security_group_rule(security_group_id=group.id, **WEB)
    assert "already exists" in str(caught.value) and rule.id in str(caught.value)
    assert admin.find_security_group_rule(rule.id).id == rule.id
    assert admin.update_security_group(group, description="www").description == "www"
    listed = {r.id for r in admin.security_group_rules(security_group_id=group.id)}
    assert rule.id in listed
    admin.delete_security_group_rule(rule)
    assert admin.find_security_group_rule(rule.id) is None


def test_bulk_rules_are_all_or_nothing(admin, unique, cleanup):
    group = admin.create_security_group(name=unique("sg"))
    cleanup(admin.security_groups.delete, group)
    ssh = dict(WEB, port_range_min=22, port_range_max=22, security_group_id=group.id)
    https = dict(WEB, port_range_min=443, port_range_max=443, security_group_id=group.id)
    bad = dict(WEB, port_range_min=8080, port_range_max=8080, security_group_id=group.id,
               protocol="not-a-protocol")  # fmt: skip
    with pytest.raises(exceptions.BadRequest):
        admin.create_security_group_rules([ssh, https, bad])
    ports = {r.port_range_min for r in admin.security_group_rules(security_group_id=group.id)}
    assert ports & {22, 443, 8080} == set()
    made = admin.create_security_group_rules([ssh, https])
    assert sorted(r.port_range_min for r in made) == [22, 443]


def test_subnet_pool_and_its_prefixes(admin, unique, cleanup):
    pool = admin.create_subnet_pool(name=unique("pool"), prefixes=["10.128.0.0/16"],
                                    default_prefixlen=24)  # fmt: skip
    cleanup(admin.subnet_pools.delete, pool)
    prefixes = admin.subnet_pools.add_prefixes(pool, ["10.130.0.0/16"])
    assert sorted(prefixes) == ["10.128.0.0/16", "10.130.0.0/16"]
    net = admin.create_network(name=unique("net"))
    cleanup(admin.networks.delete, net)
    subnet = admin.create_subnet(network_id=net, subnetpool_id=pool, ip_version=4)
    cleanup(admin.subnets.delete, subnet)
    assert subnet.cidr.endswith("/24") and subnet.subnetpool_id == pool.id
    assert admin.subnet_pools.remove_prefixes(pool, ["10.130.0.0/16"]) == ["10.128.0.0/16"]
    assert admin.update_subnet_pool(pool, min_prefixlen=20).min_prefixlen == 20
    assert admin.find_subnet_pool(pool.name).id == pool.id


def test_quotas_show_update_defaults_details_reset(admin, cloud, cleanup):
    project = cloud["member_project_id"]
    defaults = admin.get_quota_default(project)
    cleanup(admin.delete_quota, project)
    updated = admin.update_quota(project, network=defaults.network + 7)
    assert (updated.network, updated.project_id) == (defaults.network + 7, project)
    assert admin.get_quota(project).network == defaults.network + 7
    details = admin.get_quota(project, details=True)
    assert details.network["limit"] == defaults.network + 7 and "used" in details.network
    assert project in {q.project_id for q in admin.quotas()}
    admin.delete_quota(project)
    assert admin.get_quota(project).network == defaults.network


def test_read_only_collections(admin, network):
    assert admin.get_extension("router").alias == "router"
    assert admin.find_extension("standard-attr-tag").id == "standard-attr-tag"
    assert admin.find_extension("no-such-extension") is None
    assert list(admin.availability_zones(resource="router")) == []  # no agents here
    usage = admin.get_network_ip_availability(network)
    assert (usage.id, usage.network_name) == (network.id, network.name)
    assert usage.subnet_ip_availability[0]["cidr"] == "10.20.0.0/24"
    assert admin.find_network_ip_availability(network.name).id == network.id


def test_another_projects_resources_are_hidden_or_forbidden(admin, member, unique, cleanup):
    private = admin.create_network(name=unique("private"))
    cleanup(admin.networks.delete, private)
    shared = admin.create_network(name=unique("shared"), shared=True)
    cleanup(admin.networks.delete, shared)
    with pytest.raises(exceptions.NotFound):
        member.get_network(private.id)
    assert member.find_network(private.name) is None
    assert member.get_network(shared.id).shared is True
    with pytest.raises(exceptions.Forbidden):
        member.update_network(shared, name="mine-now")
    with pytest.raises(exceptions.Forbidden):
        member.delete_network(shared, ignore_missing=False)
    with pytest.raises(exceptions.Forbidden):
        member.update_quota(admin.get_network(private.id).project_id, network=1)


def test_member_sees_only_its_own_networks_by_name(admin, member, unique, cleanup):
    name = unique("same-name")
    mine = member.create_network(name=name)
    cleanup(member.networks.delete, mine)
    theirs = admin.create_network(name=name)
    cleanup(admin.networks.delete, theirs)
    assert member.find_network(name).id == mine.id
    with pytest.raises(exceptions.NoUniqueMatch):
        admin.find_network(name)
    assert admin.find_network(name, project_id=theirs.project_id).id == theirs.id

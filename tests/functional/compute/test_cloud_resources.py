"""Flavors, key pairs, limits, quotas, server groups, zones, hypervisors, services,
aggregates, usage and versions against the real Nova."""

from __future__ import annotations

import datetime
import typing as _t

import pytest

from stackclient.apiclient import exceptions
from tests.functional.compute.conftest import boot, delete_and_wait


def test_flavors_with_extra_specs_and_access(nova: _t.Any, nova_admin: _t.Any,
                                             cloud: dict[str, _t.Any], unique: _t.Any,
                                             cleanup: _t.Any) -> None:  # fmt: skip
    flavor = nova_admin.create_flavor(name=unique("flv"), ram=256, vcpus=1, disk=1, swap=16,
                                      ephemeral=1, is_public=False, description="test")  # fmt: skip
    cleanup(nova_admin.flavors.delete, flavor)
    assert (flavor.is_public, flavor.ephemeral, flavor.swap) == (False, 1, 16)
    assert nova.find_flavor(flavor.name) is None  # private: the member cannot see it
    assert nova_admin.find_flavor(flavor.name) is None  # nor the admin in plain lists
    assert [f.id for f in nova_admin.flavors(is_public=None) if f.name == flavor.name] == [
        flavor.id
    ]
    project = cloud["member_project_id"]
    assert nova_admin.flavor_add_tenant_access(flavor, project) == [project]
    assert nova_admin.get_flavor_access(flavor) == [project]
    assert nova.find_flavor(flavor.name).id == flavor.id
    assert nova_admin.flavor_remove_tenant_access(flavor, project) == []
    specs = nova_admin.create_flavor_extra_specs(flavor, {"hw:cpu_policy": "shared"})
    assert specs == {"hw:cpu_policy": "shared"}
    nova_admin.update_flavor_extra_specs_property(flavor, "hw:cpu_policy", "dedicated")
    assert nova_admin.get_flavor_extra_specs_property(flavor, "hw:cpu_policy") == "dedicated"
    with pytest.raises(exceptions.BadRequest) as caught:
        nova_admin.create_flavor_extra_specs(flavor, {"hw:cpu_policy": "bogus"})
    assert "'bogus' is not one of" in str(caught.value)
    nova_admin.delete_flavor_extra_specs_property(flavor, "hw:cpu_policy")
    assert nova_admin.fetch_flavor_extra_specs(flavor) == {}
    assert nova_admin.update_flavor(flavor, description="changed").description == "changed"
    assert nova_admin.get_flavor(flavor).extra_specs == {}


def test_keypairs_generated_and_imported(nova: _t.Any, keypair: _t.Any, unique: _t.Any,
                                         cleanup: _t.Any) -> None:  # fmt: skip
    made = nova.create_keypair(name=unique("gen"))
    cleanup(nova.keypairs.delete, made)
    assert made.private_key.startswith("-----BEGIN") and made.microversion == "2.91"
    imported = nova.import_keypair(unique("imp"), made.public_key)
    cleanup(nova.keypairs.delete, imported)
    assert imported.fingerprint == made.fingerprint and imported.microversion == "2.104"
    assert not hasattr(imported, "private_key")
    names = {k.name for k in nova.keypairs()}
    assert {made.name, imported.name, keypair.name} <= names
    assert nova.find_keypair(imported.name).public_key == made.public_key
    nova.delete_keypair(imported)
    assert nova.find_keypair(imported.name) is None
    with pytest.raises(exceptions.BadRequest) as caught:
        nova.import_keypair(unique("bad"), "ssh-rsa not-a-key")
    assert "Keypair data is invalid" in str(caught.value)


def test_limits_and_quota_sets(nova: _t.Any, nova_admin: _t.Any,
                               cloud: dict[str, _t.Any]) -> None:  # fmt: skip
    limits = nova.get_limits()
    assert limits.absolute["maxTotalInstances"] >= limits.absolute["totalInstancesUsed"] >= 0
    project = cloud["member_project_id"]
    assert nova_admin.get_limits(project_id=project).absolute["maxTotalCores"] > 0
    quota = nova.get_quota_set(project)
    detail = nova.get_quota_set(project, usage=True)
    assert detail.instances["limit"] == quota.instances
    defaults = nova.get_quota_set_defaults(project)
    assert defaults.key_pairs > 0
    updated = nova_admin.update_quota_set(project, server_groups=defaults.server_groups + 1)
    try:
        assert updated.server_groups == defaults.server_groups + 1
    finally:
        nova_admin.revert_quota_set(project)
    assert nova.get_quota_set(project).server_groups == defaults.server_groups
    with pytest.raises(exceptions.Forbidden):
        nova.update_quota_set(project, instances=1000)
    with pytest.raises(exceptions.BadRequest):
        nova_admin.get_quota_set("not-a-project")


def test_server_groups(nova: _t.Any, boot_image: str, tiny: _t.Any, network_id: str,
                       unique: _t.Any, cleanup: _t.Any) -> None:  # fmt: skip
    group = nova.create_server_group(name=unique("grp"), policy="anti-affinity",
                                     rules={"max_server_per_host": 2})  # fmt: skip
    cleanup(nova.server_groups.delete, group)
    assert (group.policy, group.rules) == ("anti-affinity", {"max_server_per_host": 2})
    server = boot(nova, boot_image, tiny, network_id, cleanup, scheduler_hints={"group": group})
    assert nova.find_server_group(group.name).members == [server.id]
    assert nova.get_server(server).server_groups == [group.id]
    assert group.id in {g.id for g in nova.server_groups()}


def test_zones_hypervisors_services(nova: _t.Any, nova_admin: _t.Any,
                                    cloud: dict[str, _t.Any]) -> None:  # fmt: skip
    assert [z.name for z in nova.availability_zones() if z.available] == ["nova"]
    detail = nova_admin.availability_zones.list(detail=True)
    assert {z.name for z in detail} >= {"nova", "internal"}
    host = cloud["services"]["nova"]["hypervisor"]
    hypervisor = nova_admin.find_hypervisor(host)
    assert (hypervisor.state, hypervisor.status) == ("up", "enabled")
    assert nova_admin.get_hypervisor(hypervisor.id).hypervisor_hostname == host
    assert "uptime" in nova_admin.get_hypervisor(hypervisor).to_dict()  # 2.88: a field
    assert nova_admin.get_hypervisor_uptime(hypervisor) is None  # the fake driver has none
    (compute,) = nova_admin.services(binary="nova-compute")
    assert compute.host == host and compute.state == "up"
    disabled = nova_admin.disable_service(compute, "stackclient functional test")
    try:
        assert (disabled.status, disabled.disabled_reason) == (
            "disabled",
            "stackclient functional test",
        )
    finally:
        assert nova_admin.enable_service(compute).status == "enabled"
    with pytest.raises(exceptions.Forbidden):
        list(nova.services())


def test_aggregates(nova_admin: _t.Any, cloud: dict[str, _t.Any], unique: _t.Any,
                    cleanup: _t.Any) -> None:  # fmt: skip
    host = cloud["services"]["nova"]["hypervisor"]
    aggregate = nova_admin.create_aggregate(name=unique("agg"))
    cleanup(nova_admin.aggregates.delete, aggregate)
    assert nova_admin.add_host_to_aggregate(aggregate, host).hosts == [host]
    cleanup(nova_admin.remove_host_from_aggregate, aggregate, host)
    with_meta = nova_admin.set_aggregate_metadata(aggregate, {"ssd": "true"})
    assert with_meta.metadata["ssd"] == "true"
    assert nova_admin.find_aggregate(aggregate.name).id == aggregate.id
    renamed = nova_admin.update_aggregate(aggregate, name=aggregate.name + "-r")
    assert renamed.name == aggregate.name + "-r"
    with pytest.raises(exceptions.Conflict):
        nova_admin.add_host_to_aggregate(aggregate, host)


def test_usage_versions_and_migrations(nova: _t.Any, nova_admin: _t.Any,
                                       cloud: dict[str, _t.Any]) -> None:  # fmt: skip
    end = datetime.datetime.now(datetime.timezone.utc)
    start = end - datetime.timedelta(days=1)
    usage = nova.get_usage(cloud["member_project_id"], start, end)
    assert usage.id == cloud["member_project_id"] and usage.total_hours >= 0
    assert cloud["member_project_id"] in {u.id for u in nova_admin.usages(start, end)}
    versions = {v.id: v for v in nova.versions.list()}
    assert versions["v2.1"].version == "2.104" and versions["v2.1"].status == "CURRENT"
    assert nova.versions.get("v2.1").min_version == "2.1"
    assert isinstance(list(nova_admin.migrations(limit=5)), list)
    with pytest.raises(exceptions.Forbidden):
        list(nova.migrations())


def test_a_member_cannot_do_admin_things(nova: _t.Any, server_for_admin_checks: _t.Any) -> None:
    with pytest.raises(exceptions.Forbidden) as caught:
        nova.get_server_diagnostics(server_for_admin_checks)
    assert "Policy doesn't allow" in str(caught.value)


@pytest.fixture
def server_for_admin_checks(nova: _t.Any, boot_image: str, tiny: _t.Any, unique: _t.Any,
                            cleanup: _t.Any) -> _t.Any:  # fmt: skip
    server = nova.servers.create(unique("policy"), boot_image, tiny, networks="none")
    cleanup(delete_and_wait, nova, server)
    return nova.wait_for_server(server, interval=0.5, timeout=180)

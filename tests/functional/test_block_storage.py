"""The Block Storage v3 client against the real Cinder of the local cloud.

Cinder runs its API, scheduler and volume service (on the fake driver
that ships with Cinder) behind keystonemiddleware; the client finds it in
the token's catalog. Volumes reach ``available``, snapshots are taken,
attachments reach ``in-use`` and go back. Every test makes uniquely named
resources and removes them.
"""

from __future__ import annotations

import typing as _t
from collections.abc import Iterator

import pytest

from stackclient.apiclient import exceptions
from stackclient.block_storage.v3 import client
from tests.functional import block_storage_helpers as helpers
from tests.functional.block_storage_helpers import name

#: Seconds between two reads of a resource being waited for.
POLL = 0.5
#: Seconds a volume operation may take on a loaded 2-core machine.
WAIT = 120


@pytest.fixture(scope="module")
def member_sess(cloud: helpers.Cloud) -> _t.Any:
    return helpers.new_session(cloud, "member")


@pytest.fixture(scope="module")
def admin_sess(cloud: helpers.Cloud) -> _t.Any:
    return helpers.new_session(cloud, "admin")


@pytest.fixture(scope="module")
def cinder(member_sess: _t.Any) -> client.Client:
    return client.Client(session=member_sess)


@pytest.fixture(scope="module")
def admin(admin_sess: _t.Any) -> client.Client:
    return client.Client(session=admin_sess)


@pytest.fixture
def volumes(cinder: client.Client) -> Iterator[list[_t.Any]]:
    """A list to put the member's volumes in; each is deleted (with its snapshots) after."""
    made: list[_t.Any] = []
    yield made
    for volume in made:
        try:
            cinder.volumes.delete(volume, ignore_missing=True, cascade=True)
            cinder.volumes.wait_for_delete(volume, interval=POLL, timeout=WAIT)
        except exceptions.BadRequest:  # still attached after a failure: detach by force
            pass


def _available(cinder: client.Client, made: list[_t.Any], **attrs: _t.Any) -> _t.Any:
    volume = cinder.volumes.create(**{"size": 1, "name": name("vol"), **attrs})
    made.append(volume)
    return cinder.volumes.wait_for_status(volume, "available", interval=POLL, timeout=WAIT)


# -- volumes and snapshots --------------------------------------------------------


def test_volume_lifecycle_with_snapshot_clone_and_revert(
    cinder: client.Client, volumes: list[_t.Any]
) -> None:
    volume = _available(cinder, volumes, description="first", metadata={"tier": "a"})
    assert (volume.status, volume.size, volume.microversion) == ("available", 1, "3.71")
    assert cinder.find_volume(volume.name).id == volume.id
    renamed = cinder.update_volume(volume, name=volume.name + "-b", description="second")
    assert (renamed.name, renamed.description) == (volume.name + "-b", "second")
    assert cinder.set_volume_metadata(volume, owner="ci") == {"tier": "a", "owner": "ci"}
    cinder.delete_volume_metadata(volume, ["tier"])
    assert cinder.get_volume_metadata(volume) == {"owner": "ci"}
    cinder.set_volume_bootable_status(volume, True)
    cinder.set_volume_readonly(volume, True)
    shown = cinder.get_volume(volume)
    assert shown.is_bootable and shown.metadata["owner"] == "ci"

    snap = cinder.snapshots.create(volume, name=name("snap"), metadata={"k": "v"})
    snap = cinder.snapshots.wait_for_status(snap, "available", interval=POLL, timeout=WAIT)
    assert cinder.find_snapshot(snap.name).volume_id == volume.id
    assert cinder.set_snapshot_metadata(snap, k2="v2") == {"k": "v", "k2": "v2"}
    cinder.revert_volume_to_snapshot(volume, snap)
    cinder.volumes.wait_for_status(volume, "available", interval=POLL, timeout=WAIT)

    from_snap = _available(cinder, volumes, snapshot=snap)
    clone = _available(cinder, volumes, source_volume=volume, size=2)
    assert (from_snap.snapshot_id, clone.source_volid, clone.size) == (snap.id, volume.id, 2)

    cinder.extend_volume(volume, 2)
    extended = cinder.volumes.wait_for_status(volume, "available", interval=POLL, timeout=WAIT)
    assert extended.size == 2
    cinder.delete_snapshot(snap)
    cinder.snapshots.wait_for_delete(snap, interval=POLL, timeout=WAIT)


def test_list_filters_and_pages(cinder: client.Client, volumes: list[_t.Any]) -> None:
    tag = name("tag")
    made = [_available(cinder, volumes, metadata={"tag": tag}) for _ in range(3)]
    listed = list(cinder.volumes(metadata={"tag": tag}, limit=1, sort="name:asc"))
    assert [v.id for v in listed] == [v.id for v in sorted(made, key=lambda v: v.name)]
    assert [v.id for v in cinder.volumes.list(name=made[0].name)] == [made[0].id]
    summary = cinder.volumes.list(detailed=False, metadata={"tag": tag})
    assert sorted(v.id for v in summary) == sorted(v.id for v in made)


def test_create_from_an_image(
    cinder: client.Client, member_sess: _t.Any, volumes: list[_t.Any]
) -> None:
    """Cinder makes a volume of an image Nova made from a volume-backed server
    (3.46: the image names a snapshot); the fake driver cannot copy image data,
    so a plain image ends in ``error`` and the wait says why, at once."""
    source = _available(cinder, volumes)
    snap = cinder.snapshots.create(source, name=name("snap"))
    snap = cinder.snapshots.wait_for_status(snap, "available", interval=POLL, timeout=WAIT)
    image = helpers.nova_style_image(member_sess, snap.id, 1)
    plain = helpers.plain_image(member_sess)
    try:
        made = _available(cinder, volumes, image=image)
        assert made.snapshot_id == snap.id
        failed = cinder.volumes.create(size=1, name=name("vol"), image=plain)
        volumes.append(failed)
        with pytest.raises(exceptions.ResourceFailure) as caught:
            cinder.wait_for_volume(failed, interval=POLL, timeout=WAIT)
        assert caught.value.status == "error"
        assert "schedule allocate volume" in str(caught.value)
    finally:
        helpers.delete_image(member_sess, image)
        helpers.delete_image(member_sess, plain)


# -- bad input ------------------------------------------------------------------------


def test_over_quota_is_overlimit_with_cinders_message_and_request_id(
    cinder: client.Client,
) -> None:
    with pytest.raises(exceptions.OverLimit) as caught:
        cinder.volumes.create(size=100000, name=name("huge"))
    assert "exceeds allowed gigabytes quota" in caught.value.message
    assert caught.value.request_id and caught.value.request_id.startswith("req-")
    assert caught.value.request_id in str(caught.value)


def test_unknown_volume_type_is_notfound_with_the_name(cinder: client.Client) -> None:
    missing = name("no-such-type")
    with pytest.raises(exceptions.NotFound) as caught:
        cinder.volumes.create(size=1, volume_type=missing)
    assert missing in str(caught.value)
    assert cinder.find_type(missing) is None


def test_a_microversion_the_server_cannot_serve_fails_before_any_request(
    member_sess: _t.Any,
) -> None:
    pinned = client.Client(session=member_sess, api_version="3.999")
    with pytest.raises(exceptions.UnsupportedVersion) as caught:
        pinned.volumes.list()
    text = str(caught.value)
    assert (
        "3.999" in text and "3.0 to 3.71" in text and "3.0 to %s" % client.MAX_MICROVERSION in text
    )


def test_deleting_an_attached_volume_is_cinders_400_and_legacy_detach_frees_it(
    cinder: client.Client, volumes: list[_t.Any]
) -> None:
    volume = _available(cinder, volumes)
    instance = "1b5fbd7e-5a4b-4c3d-8e2f-0a9b8c7d6e5f"  # Cinder's legacy calls only record it
    cinder.volumes.reserve(volume)
    cinder.volumes.attach(volume, "/dev/vdb", instance=instance)
    attached = cinder.volumes.wait_for_status(volume, "in-use", interval=POLL, timeout=WAIT)
    assert attached.attached_servers == [instance]
    with pytest.raises(exceptions.BadRequest) as caught:
        cinder.volumes.delete(volume)
    assert "must not be migrating, attached" in caught.value.message
    cinder.detach_volume(volume, attached.attachments[0]["attachment_id"])
    cinder.volumes.wait_for_status(volume, "available", interval=POLL, timeout=WAIT)


# -- attachments with a real server -----------------------------------------------------


@pytest.fixture(scope="module")
def server(cloud: helpers.Cloud, member_sess: _t.Any) -> Iterator[helpers.member_server]:
    image = helpers.plain_image(member_sess)
    try:
        with helpers.member_server(cloud, member_sess, image) as booted:
            yield booted
    finally:
        helpers.delete_image(member_sess, image)


def test_attachment_reaches_in_use_and_back(
    cinder: client.Client, volumes: list[_t.Any], server: helpers.member_server
) -> None:
    volume = _available(cinder, volumes)
    attachment = cinder.create_attachment(volume, instance=server.id)
    assert attachment.status == "reserved"
    assert cinder.get_volume(volume).status == "reserved"
    connector = {"host": "localcloud", "ip": "127.0.0.1", "initiator": "iqn.2004-10.test:ci"}
    updated = cinder.update_attachment(attachment, connector)
    assert updated.connection_info["driver_volume_type"]
    cinder.complete_attachment(attachment)
    in_use = cinder.volumes.wait_for_status(volume, "in-use", interval=POLL, timeout=WAIT)
    assert in_use.attached_servers == [server.id]
    assert [a.id for a in cinder.attachments.list(volume_id=volume.id)] == [attachment.id]
    cinder.delete_attachment(attachment)
    cinder.volumes.wait_for_status(volume, "available", interval=POLL, timeout=WAIT)


# -- types, QoS, transfers (admin) ----------------------------------------------------


def test_private_type_with_extra_specs_access_and_qos(
    admin: client.Client, cinder: client.Client, cloud: helpers.Cloud, volumes: list[_t.Any]
) -> None:
    vtype = admin.volume_types.create(name("type"), is_public=False,
                                      extra_specs={"volume_backend_name": "fake"})  # fmt: skip
    qos = admin.qos_specs.create(name("qos"), {"read_iops_sec": "100"}, consumer="back-end")
    try:
        assert admin.volume_types.get_extra_specs(vtype) == {"volume_backend_name": "fake"}
        admin.update_type_extra_specs(vtype, color="blue")
        admin.delete_type_extra_specs(vtype, ["color"])
        assert cinder.find_type(vtype.name) is None  # private: not the member's yet
        admin.add_type_access(vtype, cloud["member_project_id"])
        assert admin.get_type_access(vtype) == [cloud["member_project_id"]]
        assert cinder.find_type(vtype.name).id == vtype.id
        volume = _available(cinder, volumes, volume_type=vtype.name)
        assert volume.volume_type == vtype.name
        admin.qos_specs.set_keys(qos, {"write_iops_sec": "50"})
        admin.qos_specs.unset_keys(qos, ["read_iops_sec"])
        admin.qos_specs.associate(qos, vtype)
        assert [a["id"] for a in admin.qos_specs.associations(qos)] == [vtype.id]
        assert admin.get_qos_spec(qos).specs == {"write_iops_sec": "50"}
        admin.qos_specs.disassociate(qos, vtype)
        cinder.delete_volume(volume)
        cinder.volumes.wait_for_delete(volume, interval=POLL, timeout=WAIT)
        admin.remove_type_access(vtype, cloud["member_project_id"])
    finally:
        admin.qos_specs.delete(qos, ignore_missing=True, force=True)
        admin.volume_types.delete(vtype, ignore_missing=True)


def test_retype_to_another_type_of_the_same_backend(
    admin: client.Client, cinder: client.Client, volumes: list[_t.Any]
) -> None:
    vtype = admin.volume_types.create(name("type"), extra_specs={"volume_backend_name": "fake"})
    try:
        volume = _available(cinder, volumes)
        cinder.retype_volume(volume, vtype.name)
        retyped = cinder.volumes.wait_for_status(volume, "available", interval=POLL, timeout=WAIT)
        assert retyped.volume_type == vtype.name
        cinder.delete_volume(volume)
        cinder.volumes.wait_for_delete(volume, interval=POLL, timeout=WAIT)
    finally:
        admin.volume_types.delete(vtype, ignore_missing=True)


def test_transfer_to_another_project(
    admin: client.Client, cinder: client.Client, volumes: list[_t.Any]
) -> None:
    volume = _available(cinder, volumes)
    transfer = cinder.create_transfer(volume, name=name("give"))
    assert transfer.auth_key
    assert cinder.find_transfer(transfer.name).id == transfer.id
    assert cinder.get_volume(volume).status == "awaiting-transfer"
    accepted = admin.accept_transfer(transfer.id, transfer.auth_key)
    try:
        assert accepted.volume_id == volume.id
        taken = admin.volumes.wait_for_status(volume, "available", interval=POLL, timeout=WAIT)
        assert taken.id == volume.id
        assert cinder.find_volume(volume.id) is None  # not the member's any more
    finally:
        admin.delete_volume(volume)
    admin.volumes.wait_for_delete(volume, interval=POLL, timeout=WAIT)


# -- quotas, limits, zones, services, pools, backups ----------------------------------


def test_quotas_with_usage_defaults_update_and_reset(
    admin: client.Client, cinder: client.Client, cloud: helpers.Cloud, volumes: list[_t.Any]
) -> None:
    project = cloud["member_project_id"]
    _available(cinder, volumes)
    mine = cinder.get_quota_set(usage=True)
    assert mine.id == project and mine.volumes["in_use"] >= 1
    defaults = cinder.get_quota_set_defaults()
    try:
        changed = admin.update_quota_set(project, snapshots=defaults.snapshots + 5)
        assert changed.snapshots == defaults.snapshots + 5
        assert admin.get_quota_set(project).snapshots == defaults.snapshots + 5
    finally:
        admin.revert_quota_set(project)
    assert admin.get_quota_set(project).snapshots == defaults.snapshots
    limits = cinder.get_limits()
    assert limits.absolute["totalVolumesUsed"] >= 1
    assert limits.absolute["maxTotalVolumes"] == mine.volumes["limit"]


def test_zones_services_pools_and_messages(admin: client.Client, cinder: client.Client) -> None:
    assert [(z.name, z.available) for z in cinder.availability_zones()] == [("nova", True)]
    binaries = {s.binary for s in admin.services.list() if s.is_up}
    assert {"cinder-scheduler", "cinder-volume"} <= binaries
    pools = admin.backend_pools()
    assert [p.name.split("#")[-1] for p in pools] == ["fake"]
    assert "total_capacity_gb" in pools[0].capabilities
    with pytest.raises(exceptions.Forbidden):
        cinder.services.list()
    assert isinstance(cinder.messages.list(), list)


def test_backups_follow_the_clouds_backup_service(
    admin: client.Client, cinder: client.Client, volumes: list[_t.Any]
) -> None:
    """This cloud runs no cinder-backup (backups need a real attach): the client
    reports that before anything is created. With the service, a full round trip."""
    if not admin.services.has_binary("cinder-backup"):
        assert "cinder-backup" not in {s.binary for s in admin.services.list()}
        return
    volume = _available(cinder, volumes)
    backup = cinder.backups.create(volume, name=name("backup"))
    backup = cinder.backups.wait_for_status(backup, "available", interval=POLL, timeout=WAIT)
    restored = cinder.restore_backup(backup, name=name("restored"))
    volumes.append(cinder.volumes._bound(restored["volume_id"]))
    cinder.volumes.wait_for_status(restored["volume_id"], "available", interval=POLL, timeout=WAIT)
    cinder.delete_backup(backup)
    cinder.backups.wait_for_delete(backup, interval=POLL, timeout=WAIT)

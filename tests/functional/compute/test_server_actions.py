"""Every server action the fake driver supports, against the real Nova, on one server.

The tests run in order on one module-scoped server and leave it ACTIVE.
Moves to another host (cold and live migration, evacuation) need a second
compute host, which the local cloud does not have: those are checked for
Nova's refusal (or, for the asynchronous live migration, its failed
migration record), which still exercises the calls end to end.
"""

from __future__ import annotations

import time
import typing as _t

import pytest

from stackclient.apiclient import exceptions
from tests.functional.compute.conftest import INTERVAL, WAIT, boot, wait_status


def _actions(nova: _t.Any, server: _t.Any) -> list[str]:
    return [a.action for a in nova.server_actions(server)]


def test_reboot_soft_and_hard(nova: _t.Any, server: _t.Any) -> None:
    nova.reboot_server(server)
    wait_status(nova, server, "ACTIVE")
    nova.reboot_server(server, "HARD")
    wait_status(nova, server, "ACTIVE")
    assert _actions(nova, server)[:2] == ["reboot", "reboot"]


def test_stop_start_and_a_conflict_in_the_wrong_state(nova: _t.Any, server: _t.Any) -> None:
    nova.stop_server(server)
    wait_status(nova, server, "SHUTOFF")
    with pytest.raises(exceptions.Conflict) as caught:
        nova.pause_server(server)
    text = str(caught.value)
    assert "Cannot 'pause' instance %s while it is in vm_state stopped" % server.id in text
    assert caught.value.request_id and caught.value.request_id in text
    nova.start_server(server)
    wait_status(nova, server, "ACTIVE")


def test_pause_unpause_suspend_resume(nova: _t.Any, server: _t.Any) -> None:
    nova.pause_server(server)
    wait_status(nova, server, "PAUSED")
    nova.unpause_server(server)
    wait_status(nova, server, "ACTIVE")
    nova.suspend_server(server)
    wait_status(nova, server, "SUSPENDED")
    nova.resume_server(server)
    wait_status(nova, server, "ACTIVE")


def test_lock_with_a_reason_then_unlock(nova: _t.Any, server: _t.Any) -> None:
    nova.lock_server(server, locked_reason="audit")
    try:
        locked = nova.get_server(server)
        assert (locked.locked, locked.locked_reason) == (True, "audit")
        with pytest.raises(exceptions.Conflict) as caught:
            nova.pause_server(server)
        assert "locked" in str(caught.value)
    finally:
        nova.unlock_server(server)
    assert nova.get_server(server).locked is False


def test_rescue_and_unrescue(nova: _t.Any, server: _t.Any) -> None:
    password = nova.rescue_server(server)
    assert password
    wait_status(nova, server, "RESCUE")
    nova.unrescue_server(server)
    wait_status(nova, server, "ACTIVE")


def test_shelve_offload_unshelve(nova: _t.Any, nova_admin: _t.Any, server: _t.Any) -> None:
    # The local cloud keeps shelved servers on their host (shelved_offload_time = -1);
    # offloading one is an admin call.
    nova.shelve_server(server)
    try:
        wait_status(nova, server, "SHELVED")
        nova_admin.shelve_offload_server(server)
        wait_status(nova, server, "SHELVED_OFFLOADED")
        with pytest.raises(exceptions.Conflict) as caught:
            nova_admin.shelve_offload_server(server)
        assert "shelveOffload" in str(caught.value)
    finally:
        nova.unshelve_server(server)
        wait_status(nova, server, "ACTIVE")


def test_resize_confirm_and_revert(nova: _t.Any, server: _t.Any, small: _t.Any,
                                   tiny: _t.Any) -> None:  # fmt: skip
    nova.resize_server(server, small)
    wait_status(nova, server, "VERIFY_RESIZE")
    nova.confirm_server_resize(server)
    resized = wait_status(nova, server, "ACTIVE")
    assert resized.flavor_name == "m1.small"
    nova.resize_server(server, tiny)
    wait_status(nova, server, "VERIFY_RESIZE")
    nova.revert_server_resize(server)
    reverted = wait_status(nova, server, "ACTIVE")
    assert reverted.flavor_name == "m1.small"
    nova.resize_server(server, tiny)
    wait_status(nova, server, "VERIFY_RESIZE")
    nova.confirm_server_resize(server)
    assert wait_status(nova, server, "ACTIVE").flavor_name == "m1.tiny"


def test_rebuild(nova: _t.Any, server: _t.Any, boot_image: str) -> None:
    rebuilt = nova.rebuild_server(server, boot_image, name=server.name, metadata={"suite": "compute"},
                                  description="rebuilt", user_data="#cloud-config\n")  # fmt: skip
    assert rebuilt.id == server.id and rebuilt.description == "rebuilt"
    assert rebuilt.microversion == "2.104"
    wait_status(nova, server, "ACTIVE")
    assert "rebuild" in _actions(nova, server)


def test_snapshot_and_backup_make_images_in_glance(nova: _t.Any, server: _t.Any,
                                                   glance: _t.Any, unique: _t.Any) -> None:  # fmt: skip
    image_id = nova.create_server_image(server, unique("snap"), metadata={"kind": "snapshot"})
    try:
        image = glance.get_image(image_id)
        assert image.kind == "snapshot" and image.image_type == "snapshot"
        wait_status(nova, server, "ACTIVE")
        backup_id = nova.backup_server(server, unique("backup"), "daily", 1)
        try:
            assert glance.get_image(backup_id).backup_type == "daily"
        finally:
            wait_status(nova, server, "ACTIVE")
            glance.delete_image(backup_id)
    finally:
        glance.delete_image(image_id)


def test_remote_console_password_and_crash_dump(nova: _t.Any, server: _t.Any) -> None:
    console = nova.create_server_remote_console(server, "vnc", "novnc")
    assert console["protocol"] == "vnc"
    nova.change_server_password(server, "n3w-Passw0rd")
    nova.trigger_server_crash_dump(server)
    wait_status(nova, server, "ACTIVE")
    with pytest.raises(exceptions.BadRequest) as caught:
        nova.create_server_remote_console(server, "serial", "serial")
    assert "serial" in str(caught.value).lower()


def _failed_action(nova: _t.Any, server: _t.Any, name: str) -> _t.Any:
    """Wait until the newest instance action ``name`` of ``server`` has failed; return it."""
    deadline = time.monotonic() + WAIT
    while True:
        found = [a for a in nova.server_actions(server) if a.action == name]
        if found:
            action = nova.get_server_action(found[0].request_id, server)
            if action.failed:
                return action
        assert time.monotonic() < deadline, "no failed %s action" % name
        time.sleep(INTERVAL)


def test_moves_need_a_second_host(nova_admin: _t.Any, server: _t.Any) -> None:
    # Accepted, then the scheduler finds no other host: the action records the failure.
    nova_admin.migrate_server(server)
    migrate = _failed_action(nova_admin, server, "migrate")
    assert any(e["result"] == "Error" for e in migrate.events)
    wait_status(nova_admin, server, "ACTIVE")
    nova_admin.live_migrate_server(server)
    live = _failed_action(nova_admin, server, "live-migration")
    assert any(e["result"] == "Error" for e in live.events)
    moves = [m for m in nova_admin.migrations(instance_uuid=server.id)
             if m.migration_type in ("migration", "live-migration")]  # fmt: skip
    assert {m.migration_type for m in moves} == {"migration", "live-migration"}
    assert {m.status for m in moves} <= {"error", "failed"}
    assert list(nova_admin.server_migrations(server)) == []
    wait_status(nova_admin, server, "ACTIVE")
    # Evacuation is refused outright while the server's host is up.
    with pytest.raises(exceptions.BadRequest) as caught:
        nova_admin.evacuate_server(server)
    assert "still in use" in str(caught.value)


def test_reset_state_and_the_waiter_failing_fast(nova: _t.Any, nova_admin: _t.Any,
                                                 server: _t.Any) -> None:  # fmt: skip
    nova_admin.reset_server_state(server, "error")
    try:
        with pytest.raises(exceptions.ResourceFailure) as caught:
            nova.wait_for_server(server, "SHUTOFF", interval=INTERVAL, timeout=WAIT)
        assert caught.value.status == "ERROR" and caught.value.request_id
    finally:
        nova_admin.reset_server_state(server, "active")
    wait_status(nova, server, "ACTIVE")


def test_restore_needs_a_soft_deleted_server(nova: _t.Any, server: _t.Any) -> None:
    with pytest.raises(exceptions.Conflict) as caught:
        nova.restore_server(server)
    assert "Cannot 'restore' instance %s" % server.id in str(caught.value)


def test_force_delete(nova: _t.Any, boot_image: str, tiny: _t.Any, network_id: str) -> None:
    vm = boot(nova, boot_image, tiny, network_id)
    nova.delete_server(vm, force=True)
    nova.wait_for_delete(vm, interval=INTERVAL, timeout=WAIT)
    assert nova.find_server(vm.id) is None

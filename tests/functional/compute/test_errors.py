"""Bad input against the real Nova: Nova's message and request id reach the caller."""

from __future__ import annotations

import typing as _t
import uuid

import pytest

from stackclient.apiclient import exceptions
from stackclient.compute.v2 import Client
from tests.functional.compute.conftest import INTERVAL, WAIT, delete_and_wait


def test_unknown_flavor_and_image(nova: _t.Any, boot_image: str, tiny: _t.Any,
                                  unique: _t.Any) -> None:  # fmt: skip
    with pytest.raises(exceptions.BadRequest) as caught:
        nova.servers.create(unique("vm"), boot_image, "no-such-flavor", networks="none")
    assert "Flavor no-such-flavor could not be found" in caught.value.message
    assert caught.value.request_id and caught.value.request_id.startswith("req-")
    missing = str(uuid.uuid4())
    with pytest.raises(exceptions.BadRequest) as caught:
        nova.servers.create(unique("vm"), missing, tiny, networks="none")
    assert "Can not find requested image" in caught.value.message


def test_unknown_server(nova: _t.Any) -> None:
    missing = str(uuid.uuid4())
    with pytest.raises(exceptions.NotFound) as caught:
        nova.get_server(missing)
    assert "Instance %s could not be found" % missing in str(caught.value)
    assert caught.value.request_id


def test_a_server_no_host_can_take_fails_the_wait_with_its_fault(
    nova: _t.Any, nova_admin: _t.Any, boot_image: str, network_id: str, unique: _t.Any,
    cleanup: _t.Any,
) -> None:  # fmt: skip
    # Within the project's quotas (which count no disk), beyond the host's 600,000 GiB.
    huge = nova_admin.create_flavor(name=unique("huge"), ram=512, vcpus=1, disk=1000000)
    cleanup(nova_admin.flavors.delete, huge)
    server = nova.servers.create(unique("vm"), boot_image, huge, networks=[network_id])
    cleanup(delete_and_wait, nova, server)
    seen: list[_t.Any] = []
    with pytest.raises(exceptions.ResourceFailure) as caught:
        nova.wait_for_server(server, interval=INTERVAL, timeout=WAIT, callback=seen.append)
    error = caught.value
    assert error.status == "ERROR"
    assert "No valid host was found" in error.fault
    assert error.request_id and error.request_id in str(error)
    assert "No valid host was found" in str(error)
    assert seen[-1].status == "ERROR"
    assert error.resource.fault_message.startswith("No valid host")


def test_over_quota_is_forbidden_with_nova_s_numbers(nova: _t.Any, cloud: dict[str, _t.Any],
                                                     boot_image: str, tiny: _t.Any,
                                                     unique: _t.Any) -> None:  # fmt: skip
    quota = nova.get_quota_set_defaults(cloud["member_project_id"])
    assert quota.instances > 0, "instances must be limited for this test"
    wanted = quota.instances + 1
    with pytest.raises(exceptions.Forbidden) as caught:
        nova.servers.create(unique("vm"), boot_image, tiny, networks="none", min_count=wanted)
    text = str(caught.value)
    assert "Quota exceeded for instances" in text
    assert "Requested %d" % wanted in text and "of %d" % quota.instances in text


def test_an_impossible_pin_fails_before_any_request_with_both_ranges(
    member_session: _t.Any, cloud: dict[str, _t.Any]
) -> None:
    nova = Client(session=member_session, api_version="2.999")
    with pytest.raises(exceptions.UnsupportedVersion) as caught:
        nova.servers.list()
    assert "2.1 to 2.104" in str(caught.value)
    assert "it offers 2.1 to 2.104" in str(caught.value)


def test_a_microversion_pin_changes_the_shape(nova: _t.Any, member_session: _t.Any,
                                              boot_image: str, tiny: _t.Any,
                                              cleanup: _t.Any, unique: _t.Any) -> None:  # fmt: skip
    server = nova.servers.create(unique("vm"), boot_image, tiny, networks="none")
    cleanup(delete_and_wait, nova, server)
    old = Client(session=member_session, api_version="2.46")
    shown = old.get_server(server)
    assert shown.microversion == "2.46"
    assert shown.flavor_id == tiny.id and shown.flavor_name is None
    new = nova.get_server(server)
    assert new.flavor_id is None and new.flavor_name == tiny.name
    with pytest.raises(exceptions.UnsupportedVersion):
        old.lock_server(server, locked_reason="too new")

"""Volume attachments across Nova and the block-storage service (Cinder), each through
its own client."""

from __future__ import annotations

import typing as _t

import pytest

from stackclient.compute.v2 import Client
from tests.functional.compute.conftest import INTERVAL, WAIT


@pytest.fixture
def volume(cinder: _t.Any, unique: _t.Any) -> _t.Iterator[_t.Any]:
    made = cinder.volumes.create(size=1, name=unique("vol"))
    try:
        yield cinder.volumes.wait_for_status(made, "available", interval=INTERVAL, timeout=WAIT)
    finally:
        cinder.delete_volume(made)
        cinder.volumes.wait_for_delete(made, interval=INTERVAL, timeout=WAIT)


def _volume_in(cinder: _t.Any, volume: _t.Any, status: str) -> _t.Any:
    return cinder.volumes.wait_for_status(volume, status, interval=INTERVAL, timeout=WAIT)


def test_attach_update_and_detach_a_volume(
    nova: _t.Any, cinder: _t.Any, server: _t.Any, volume: _t.Any
) -> None:
    attachment = nova.create_volume_attachment(server, volume, delete_on_termination=False)
    assert attachment.volumeId == volume.id and attachment.serverId == server.id
    in_use = _volume_in(cinder, volume, "in-use")
    assert [a["server_id"] for a in in_use.attachments] == [server.id]
    (listed,) = nova.volume_attachments(server)
    assert (listed.id, listed.delete_on_termination) == (volume.id, False)
    assert listed.attachment_id and listed.microversion == "2.104"
    nova.update_volume_attachment(server, volume, delete_on_termination=True)
    assert nova.get_volume_attachment(server, volume).delete_on_termination is True
    attached = nova.get_server(server).__dict__["os-extended-volumes:volumes_attached"]
    assert [(v["id"], v["delete_on_termination"]) for v in attached] == [(volume.id, True)]
    nova.delete_volume_attachment(server, volume)
    _volume_in(cinder, volume, "available")
    assert list(nova.volume_attachments(server)) == []


def test_before_2_101_the_attach_answers_with_the_attachment(
    nova: _t.Any, member_session: _t.Any, cinder: _t.Any, server: _t.Any, volume: _t.Any
) -> None:
    old = Client(session=member_session, api_version="2.100")
    attachment = old.create_volume_attachment(server, volume.id)
    assert attachment.device and attachment.microversion == "2.100"
    _volume_in(cinder, volume, "in-use")
    nova.delete_volume_attachment(server, volume)
    _volume_in(cinder, volume, "available")

"""Volume attachments across Nova and the block-storage service (Cinder)."""

from __future__ import annotations

import time
import typing as _t

from stackclient.compute.v2 import Client
from tests.functional.compute.conftest import INTERVAL, WAIT


def _volume_status(nova: _t.Any, url: str) -> str | None:
    resp = nova.session.get(url, raise_exc=False)
    return None if resp.status_code == 404 else str(resp.json()["volume"]["status"])


def _until(check: _t.Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not check():
        assert time.monotonic() < deadline, "timed out waiting for %s" % what
        time.sleep(INTERVAL)


def test_attach_update_and_detach_a_volume(nova: _t.Any, server: _t.Any, unique: _t.Any) -> None:
    volumes = str(nova.session.get_endpoint(service_type="block-storage", interface="public"))
    body = {"volume": {"size": 1, "name": unique("vol")}}
    volume = nova.session.post(volumes.rstrip("/") + "/volumes", json=body).json()["volume"]
    url = "%s/volumes/%s" % (volumes.rstrip("/"), volume["id"])
    try:
        _until(lambda: _volume_status(nova, url) == "available", "the volume")
        attachment = nova.create_volume_attachment(
            server, volume["id"], delete_on_termination=False
        )
        assert attachment.volumeId == volume["id"] and attachment.serverId == server.id
        _until(lambda: _volume_status(nova, url) == "in-use", "the attachment")
        (listed,) = nova.volume_attachments(server)
        assert (listed.id, listed.delete_on_termination) == (volume["id"], False)
        assert listed.attachment_id and listed.microversion == "2.104"
        nova.update_volume_attachment(server, volume["id"], delete_on_termination=True)
        assert nova.get_volume_attachment(server, volume["id"]).delete_on_termination is True
        shown = nova.get_server(server)
        attached = shown.__dict__["os-extended-volumes:volumes_attached"]
        assert [(v["id"], v["delete_on_termination"]) for v in attached] == [(volume["id"], True)]
        nova.delete_volume_attachment(server, volume["id"])
        _until(lambda: _volume_status(nova, url) == "available", "the detach")
        assert list(nova.volume_attachments(server)) == []
    finally:
        nova.session.delete(url, raise_exc=False)
    _until(lambda: _volume_status(nova, url) is None, "the volume's deletion")


def test_from_2_101_the_attach_answers_before_it_exists(nova: _t.Any, member_session: _t.Any,
                                                        server: _t.Any, unique: _t.Any) -> None:  # fmt: skip
    volumes = str(nova.session.get_endpoint(service_type="block-storage", interface="public"))
    body = {"volume": {"size": 1, "name": unique("vol")}}
    volume = nova.session.post(volumes.rstrip("/") + "/volumes", json=body).json()["volume"]
    url = "%s/volumes/%s" % (volumes.rstrip("/"), volume["id"])
    try:
        _until(lambda: _volume_status(nova, url) == "available", "the volume")
        old = Client(session=member_session, api_version="2.100")
        attachment = old.create_volume_attachment(server, volume["id"])
        assert attachment.device and attachment.microversion == "2.100"
        _until(lambda: _volume_status(nova, url) == "in-use", "the attachment")
        nova.delete_volume_attachment(server, volume["id"])
        _until(lambda: _volume_status(nova, url) == "available", "the detach")
    finally:
        nova.session.delete(url, raise_exc=False)
    _until(lambda: _volume_status(nova, url) is None, "the volume's deletion")

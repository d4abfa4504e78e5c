"""The account and containers against the real Swift."""

from __future__ import annotations

import typing as _t

import pytest
import requests

from stackclient.apiclient import exceptions
from stackclient.object_store.v1 import client
from tests.functional.object_store.conftest import Sent, remove, unique


def test_info_publishes_the_limits_uploads_use(swift: client.Client) -> None:
    caps = swift.info()
    assert caps.max_file_size == 5368709122
    assert caps.max_manifest_segments == 1000
    assert caps.max_deletes_per_request == 10000
    assert "sha256" in caps.tempurl_digests
    assert {"slo", "bulk_delete", "tempurl", "symlink"} <= set(caps.middleware)


def test_account_totals_and_metadata(swift: client.Client, container: str) -> None:
    swift.objects.upload(container, "o", b"12345")
    key = unique("meta")
    swift.account.set_metadata({key: "Zoë"})
    try:
        account = swift.account.get()
        assert account.metadata[key.lower()] == "Zoë"
        assert account.container_count >= 1
    finally:
        swift.account.delete_metadata([key])
    assert key.lower() not in swift.account.get().metadata


def test_listing_pages_and_filters(swift: client.Client, wire: list[Sent]) -> None:
    prefix = unique("list")
    names = [f"{prefix}-{i}" for i in range(5)]
    for name in names:
        swift.containers.create(name)
    try:
        del wire[:]
        assert [c.name for c in swift.containers(prefix=prefix, limit=2)] == names
        assert len([s for s in wire if s.method == "GET"]) == 3
        assert [
            c.name for c in swift.containers(prefix=prefix, marker=names[1], end_marker=names[4])
        ] == names[2:4]
        assert [c.name for c in swift.containers(prefix=prefix, reverse=True)] == names[::-1]
    finally:
        for name in names:
            remove(swift, name)


def test_settings_are_sent_and_read_back(swift: client.Client) -> None:
    name = unique("settings")
    created = swift.containers.create(
        name,
        metadata={"owner": "ops"},
        read_acl=".r:*,.rlistings",
        quota_bytes=1000,
        quota_count=5,
    )
    try:
        assert created.created
        got = swift.containers.get(name)
        assert (got.metadata["owner"], got.read_acl, got.quota_bytes, got.quota_count) == (
            "ops",
            ".r:*,.rlistings",
            1000,
            5,
        )
        swift.containers.update(name, read_acl="", quota_count="", metadata={"owner": None})
        got = swift.containers.get(name)
        assert (got.read_acl, got.quota_count, got.quota_bytes, got.metadata.get("owner")) == (
            None,
            None,
            1000,
            None,
        )
        assert not swift.containers.create(name).created
    finally:
        remove(swift, name)


def test_a_public_read_acl_lets_anyone_read(swift: client.Client, container: str) -> None:
    swift.objects.upload(container, "public.txt", b"hello")
    url = f"{swift.endpoint}/{container}/public.txt"
    assert requests.get(url, timeout=30).status_code == 401
    swift.containers.set_acl(container, read=".r:*")
    answer = requests.get(url, timeout=30)
    assert (answer.status_code, answer.content) == (200, b"hello")


def test_over_quota_is_413_with_swifts_text(swift: client.Client, container: str) -> None:
    swift.containers.set_quota(container, bytes=10)
    with pytest.raises(exceptions.RequestEntityTooLarge) as caught:
        swift.objects.upload(container, "big", b"x" * 20)
    assert "Upload exceeds quota" in str(caught.value)
    assert f"{container}/big" in str(caught.value)


def test_versioning_keeps_every_version(swift: client.Client) -> None:
    name = unique("versions")
    swift.containers.create(name, versions=True)
    try:
        swift.objects.upload(name, "o", b"first")
        swift.objects.upload(name, "o", b"second")
        versions = list(swift.containers.versions(name))
        assert [v.is_latest for v in versions] == [True, False]
        assert swift.objects.read(name, "o") == b"second"
        assert swift.objects.read(name, "o", version_id=versions[1].version_id) == b"first"
        assert swift.containers.get(name).versions_enabled
        with pytest.raises(exceptions.Conflict):
            swift.containers.delete(name)
        swift.containers.delete(name, empty=True)
        assert not swift.containers.exists(name)
    finally:
        remove(swift, name)


def test_delete_a_container_with_objects(swift: client.Client, wire: list[Sent]) -> None:
    name = unique("full")
    swift.containers.create(name)
    for index in range(12):
        swift.objects.upload(name, f"o/{index}", b"x")
    with pytest.raises(exceptions.Conflict) as caught:
        swift.containers.delete(name)
    assert "empty=True" in str(caught.value)
    del wire[:]
    seen: list[_t.Any] = []
    swift.containers.delete(name, empty=True, progress=seen.append)
    assert len([s for s in wire if "bulk-delete" in s.query]) == 1
    assert seen[-1].objects_done == 12
    assert not swift.containers.exists(name)


def test_a_missing_container_is_notfound_naming_it(swift: client.Client) -> None:
    name = unique("missing")
    for call in (
        lambda: swift.containers.get(name),
        lambda: swift.objects.list(name),
        lambda: swift.objects.upload(name, "o", b"x"),
        lambda: swift.containers.delete(name),
    ):
        with pytest.raises(exceptions.NotFound) as caught:
            call()
        assert name in str(caught.value)
        assert "<html>" not in str(caught.value)
    swift.containers.delete(name, ignore_missing=True)


def test_names_swift_refuses_are_refused_before_sending(
    swift: client.Client, wire: list[Sent]
) -> None:
    for call in (
        lambda: swift.containers.create("a/b"),
        lambda: swift.containers.create("x" * 257),
        lambda: swift.objects.upload("c", "nul\x00", b""),
        lambda: swift.objects.upload("c", "o" * 1025, b""),
        lambda: swift.objects.get("c", "\ud800"),
    ):
        with pytest.raises(exceptions.ValidationError):
            call()
    assert wire == []

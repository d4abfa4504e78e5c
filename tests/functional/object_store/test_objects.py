"""Objects against the real Swift: sources, listing, metadata, server-side calls."""

from __future__ import annotations

import hashlib
import io
import time
import typing as _t
from pathlib import Path

import pytest

from stackclient.apiclient import exceptions
from stackclient.object_store.v1 import client
from tests.functional.object_store.conftest import Sent


def md5(data: bytes) -> str:
    return hashlib.md5(data).hexdigest()


def test_every_kind_of_source_round_trips(
    swift: client.Client, container: str, tmp_path: Path
) -> None:
    data = bytes(range(256)) * 100
    path = tmp_path / "data.bin"
    path.write_bytes(data)
    sources: dict[str, _t.Any] = {
        "bytes": data,
        "path": str(path),
        "pathlike": path,
        "file": open(path, "rb"),  # noqa: SIM115 - closed below
        "bytesio": io.BytesIO(data),
        "iterator": iter([data[:1000], data[1000:]]),
    }
    try:
        for name, source in sources.items():
            obj = swift.objects.upload(container, name, source)
            assert (obj.hash, obj.bytes) == (md5(data), len(data)), name
            assert swift.objects.read(container, name) == data, name
    finally:
        sources["file"].close()
    out = tmp_path / "out.bin"
    swift.objects.download(container, "path", out)
    assert out.read_bytes() == data
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.bin", "out.bin"]


def test_head_fields_and_metadata(swift: client.Client, container: str) -> None:
    swift.objects.upload(
        container, "o.txt", b"abc", metadata={"owner": "Zoë", "n": "1"}, content_type="text/x-test"
    )
    got = swift.objects.get(container, "o.txt")
    assert (got.bytes, got.hash, got.content_type) == (3, md5(b"abc"), "text/x-test")
    assert got.metadata == {"owner": "Zoë", "n": "1"}
    swift.objects.set_metadata(container, "o.txt", {"extra": "yes"})
    swift.objects.delete_metadata(container, "o.txt", ["n"])
    assert swift.objects.get(container, "o.txt").metadata == {"owner": "Zoë", "extra": "yes"}
    swift.objects.update(container, "o.txt", metadata={"only": "this"}, replace=True)
    assert swift.objects.get(container, "o.txt").metadata == {"only": "this"}


def test_expiry(swift: client.Client, container: str) -> None:
    swift.objects.upload(container, "a", b"x", delete_after=3600)
    delete_at = swift.objects.get(container, "a").delete_at
    assert abs(delete_at - (time.time() + 3600)) < 60
    swift.objects.set_metadata(container, "a", {"k": "v"})
    assert swift.objects.get(container, "a").delete_at == delete_at
    later = int(time.time()) + 7200
    swift.objects.update(container, "a", delete_at=later)
    assert swift.objects.get(container, "a").delete_at == later
    with pytest.raises(exceptions.BadRequest) as caught:
        swift.objects.upload(container, "b", b"x", delete_at=int(time.time()) - 100)
    assert "X-Delete-At in past" in str(caught.value)


def test_listing_pages_and_filters(swift: client.Client, container: str, wire: list[Sent]) -> None:
    names = sorted([f"a/{i:02d}" for i in range(12)] + [f"b/{i}" for i in range(3)] + ["c"])
    for name in names:
        swift.objects.upload(container, name, b"x")
    del wire[:]
    assert [o.name for o in swift.objects(container, limit=5)] == names
    assert len([s for s in wire if s.method == "GET"]) == 4
    assert [o.name for o in swift.objects(container, prefix="b/")] == ["b/0", "b/1", "b/2"]
    assert [o.name for o in swift.objects(container, delimiter="/")] == ["a/", "b/", "c"]
    assert [o.name for o in swift.objects(container, marker="a/10", end_marker="b/1")] == [
        "a/11",
        "b/0",
    ]
    assert [o.name for o in swift.objects(container, reverse=True)] == names[::-1]
    entry = swift.objects.list(container, prefix="c")[0]
    assert (entry.container, entry.bytes, entry.hash) == (container, 1, md5(b"x"))


def test_names_swift_takes(swift: client.Client, container: str) -> None:
    names = ["dir//x", "ünï cøde ?#%.txt", ".hidden/..x", "o" * 1024]
    for name in names:
        swift.objects.upload(container, name, name.encode())
        assert swift.objects.read(container, name) == name.encode()
    assert [o.name for o in swift.objects(container)] == sorted(names)


def test_dot_segments_are_refused_because_the_server_would_see_another_name(
    swift: client.Client, container: str, wire: list[Sent]
) -> None:
    for name in ("a/../b", "a/./b", "x/..", "."):
        with pytest.raises(exceptions.ValidationError):
            swift.objects.upload(container, name, b"x")
    assert wire == []


def test_a_wrong_etag_is_swifts_422_as_checksum_mismatch(
    swift: client.Client, container: str
) -> None:
    with pytest.raises(exceptions.ChecksumMismatch) as caught:
        swift.objects.upload(container, "o", b"abc", etag=md5(b"abd"))
    assert f"{container}/o" in str(caught.value)
    assert isinstance(caught.value.__cause__, exceptions.UnprocessableEntity)
    assert not swift.objects.exists(container, "o")
    obj = swift.objects.upload(container, "o", b"abc", etag=md5(b"abc"))
    assert obj.hash == md5(b"abc")


def test_copy_symlink_delete(swift: client.Client, container: str) -> None:
    swift.objects.upload(container, "src", b"data", metadata={"k": "v"})
    copied = swift.objects.copy(container, "src", container, "dst", metadata={"n": "1"})
    assert copied.hash == md5(b"data")
    assert swift.objects.get(container, "dst").metadata == {"k": "v", "n": "1"}
    swift.objects.copy(container, "src", container, "fresh", fresh_metadata=True)
    assert swift.objects.get(container, "fresh").metadata == {}
    swift.objects.create_symlink(container, "link", container, "src")
    assert swift.objects.read(container, "link") == b"data"
    assert swift.objects.get(container, "link", symlink=True).symlink_target == f"{container}/src"
    swift.objects.create_symlink(container, "static", container, "src", target_etag=md5(b"data"))
    assert swift.objects.read(container, "static") == b"data"
    swift.objects.delete(container, "src")
    with pytest.raises(exceptions.NotFound):
        swift.objects.read(container, "link")
    with pytest.raises(exceptions.NotFound):
        swift.objects.delete(container, "src")
    swift.objects.delete(container, "src", ignore_missing=True)


def test_bulk_delete(swift: client.Client, container: str, wire: list[Sent]) -> None:
    for index in range(5):
        swift.objects.upload(container, f"o{index}", b"x")
    del wire[:]
    result = swift.objects.bulk_delete(container, [f"o{i}" for i in range(5)] + ["missing"])
    assert (result.deleted, result.not_found) == (5, 1)
    assert [s.method for s in wire] == ["POST"]
    assert swift.objects.list(container) == []

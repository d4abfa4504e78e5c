"""Large objects against the real Swift: segmented, parallel, resumable, verified.

Objects are a few MiB in 16 segments so the tests stay fast; the 1 GiB
runs live in ``benchmarks/``. Corruption is real: a byte of the stored
file is flipped on the object server's device, which Swift serves as is
(its auditor is not running) with the ETag it recorded at upload.
"""

from __future__ import annotations

import hashlib
import os
import typing as _t
from pathlib import Path

import pytest

from stackclient.apiclient import exceptions
from stackclient.object_store.v1 import client
from tests.functional.object_store.conftest import Sent

SEGMENT = 256 * 1024
SEGMENTS = 16
DATA = os.urandom(SEGMENT * (SEGMENTS - 1) + 1000)  # the last segment is short


class Interrupted(Exception):
    """Stands for Ctrl-C or a lost connection in the middle of a transfer."""


def stop_after(parts: int) -> _t.Callable[[_t.Any], None]:
    def callback(progress: _t.Any) -> None:
        if progress.parts_done >= parts:
            raise Interrupted()

    return callback


def md5(data: bytes) -> str:
    return hashlib.md5(data).hexdigest()


def segment_puts(wire: list[Sent], container: str) -> list[Sent]:
    return [s for s in wire if s.method == "PUT" and f"/{container}_segments/" in s.path]


def ranged_gets(wire: list[Sent], name: str) -> list[Sent]:
    return [s for s in wire if s.method == "GET" and s.path.endswith("/" + name) and s.range]


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "large.bin"
    path.write_bytes(DATA)
    return path


def corrupt_stored(devices: Path, data: bytes) -> Path:
    """Flip one byte of the object file on the device that holds exactly ``data``."""
    for path in devices.rglob("*.data"):
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            with open(path, "r+b") as handle:
                handle.seek(len(data) // 2)
                handle.write(bytes([data[len(data) // 2] ^ 0xFF]))
            return path
    raise AssertionError("the stored object file was not found on the device")


def test_upload_and_download_as_16_parallel_segments(
    swift: client.Client, container: str, source: Path, tmp_path: Path, wire: list[Sent]
) -> None:
    seen: list[_t.Any] = []
    obj = swift.objects.upload(
        container, "large.bin", source, segment_size=SEGMENT, threads=4, progress=seen.append
    )
    assert (obj.segments, obj.segments_sent, obj.segments_skipped) == (SEGMENTS, SEGMENTS, 0)
    pieces = [DATA[i : i + SEGMENT] for i in range(0, len(DATA), SEGMENT)]
    expected = md5("".join(md5(p) for p in pieces).encode())
    assert obj.hash == expected
    assert len(segment_puts(wire, container)) == SEGMENTS
    assert (seen[-1].bytes_done, seen[-1].parts_done, seen[-1].objects_done) == (
        len(DATA),
        SEGMENTS,
        1,
    )
    head = swift.objects.get(container, "large.bin")
    assert (head.is_static_large_object, head.hash, head.bytes) == (True, expected, len(DATA))
    del wire[:]
    out = tmp_path / "out.bin"
    swift.objects.download(container, "large.bin", out, threads=4)
    assert out.read_bytes() == DATA
    assert len(ranged_gets(wire, "large.bin")) == SEGMENTS
    assert swift.objects.read(container, "large.bin") == DATA
    unhashed = tmp_path / "unhashed.bin"
    swift.objects.download(container, "large.bin", unhashed, threads=4, checksum=False)
    assert unhashed.read_bytes() == DATA


def test_an_interrupted_upload_resumes_sending_only_missing_segments(
    swift: client.Client, container: str, source: Path, wire: list[Sent]
) -> None:
    with pytest.raises(Interrupted):
        swift.objects.upload(
            container, "large.bin", source, segment_size=SEGMENT, threads=1, progress=stop_after(5)
        )
    assert not swift.objects.exists(container, "large.bin")
    assert len(segment_puts(wire, container)) == 5
    del wire[:]
    obj = swift.objects.upload(container, "large.bin", source, segment_size=SEGMENT, threads=4)
    assert (obj.segments_sent, obj.segments_skipped) == (SEGMENTS - 5, 5)
    assert len(segment_puts(wire, container)) == SEGMENTS - 5
    assert swift.objects.read(container, "large.bin") == DATA


def test_an_interrupted_download_resumes_fetching_only_missing_parts(
    swift: client.Client, container: str, source: Path, tmp_path: Path, wire: list[Sent]
) -> None:
    swift.objects.upload(container, "large.bin", source, segment_size=SEGMENT, threads=4)
    out = tmp_path / "out.bin"
    with pytest.raises(Interrupted):
        swift.objects.download(container, "large.bin", out, threads=1, progress=stop_after(6))
    assert not out.exists()
    assert (tmp_path / "out.bin.part").exists()
    del wire[:]
    seen: list[_t.Any] = []
    swift.objects.download(container, "large.bin", out, threads=4, progress=seen.append)
    assert out.read_bytes() == DATA
    assert len(ranged_gets(wire, "large.bin")) == SEGMENTS - 6
    assert seen[-1].parts_skipped == 6
    assert sorted(p.name for p in tmp_path.iterdir()) == ["large.bin", "out.bin"]


def test_corrupted_data_is_detected_and_never_kept_as_complete(
    swift: client.Client, container: str, devices: Path, tmp_path: Path
) -> None:
    data = os.urandom(300 * 1024)
    swift.objects.upload(container, "plain.bin", data)
    corrupt_stored(devices, data)
    out = tmp_path / "plain.bin"
    with pytest.raises(exceptions.ChecksumMismatch) as caught:
        swift.objects.download(container, "plain.bin", out)
    assert caught.value.expected == md5(data)
    assert f"{container}/plain.bin" in str(caught.value)
    assert not out.exists()


def test_a_corrupted_segment_is_detected(
    swift: client.Client, container: str, devices: Path, source: Path, tmp_path: Path
) -> None:
    swift.objects.upload(container, "large.bin", source, segment_size=SEGMENT, threads=4)
    corrupt_stored(devices, DATA[3 * SEGMENT : 4 * SEGMENT])
    with pytest.raises(exceptions.ChecksumMismatch) as caught:
        swift.objects.download(container, "large.bin", tmp_path / "out.bin", threads=4)
    assert "Bytes %d-%d" % (3 * SEGMENT, 4 * SEGMENT - 1) in str(caught.value)
    assert not (tmp_path / "out.bin").exists()


def test_an_iterator_is_segmented_in_order(swift: client.Client, container: str) -> None:
    chunks = (DATA[i : i + 100_000] for i in range(0, len(DATA), 100_000))
    obj = swift.objects.upload(container, "streamed.bin", chunks, segment_size=SEGMENT * 4)
    assert (obj.segments, obj.bytes) == (4, len(DATA))
    assert swift.objects.read(container, "streamed.bin") == DATA


def test_a_dynamic_large_object_is_read_and_verified(
    swift: client.Client, container: str, tmp_path: Path, wire: list[Sent]
) -> None:
    for index in range(4):
        swift.objects.upload(
            container, f"parts/{index:02d}", DATA[index * SEGMENT : (index + 1) * SEGMENT]
        )
    swift.objects.upload(
        container, "dlo", b"", headers={"X-Object-Manifest": f"{container}/parts/"}
    )
    head = swift.objects.get(container, "dlo")
    assert head.object_manifest == f"{container}/parts/"
    del wire[:]
    out = tmp_path / "dlo.bin"
    swift.objects.download(container, "dlo", out, threads=4)
    assert out.read_bytes() == DATA[: 4 * SEGMENT]
    assert len(ranged_gets(wire, "dlo")) == 4
    assert swift.objects.read(container, "dlo") == DATA[: 4 * SEGMENT]

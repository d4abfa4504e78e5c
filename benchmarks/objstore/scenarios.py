"""The object-store scenarios, run in a fresh process per client per scenario.

``upload``: the 1 GiB file as a 16-segment static large object on
``threads`` threads: wall and CPU time, peak RSS growth, and how many
times the file was read (``rchar`` of ``/proc/self/io`` over the file
size). ``download``: the server's 1 GiB 16-segment object to a path, the
same measures (``wchar`` for writes). ``list``: every object of a
10,000-object container, CPU per call. ``resume``: an upload interrupted
after a few segments, then run again: the segments the server received
the second time. Results are checked for every client outside the timing:
the ETag answered, the downloaded bytes against the segment MD5s, the
listing's length and ends.
"""

from __future__ import annotations

import functools
import hashlib
import os
import time
import types
import uuid
from collections.abc import Callable
from typing import Any

from benchmarks import control
from benchmarks.clients.scenarios import current_rss_kib, peak_rss_kib
from benchmarks.objstore import server
from benchmarks.objstore.clients import Adapter

Params = dict[str, Any]
Result = dict[str, Any]
MIB = 1024 * 1024


def io_counters() -> dict[str, int]:
    """``rchar``/``wchar`` of this process: bytes passed to read()/write() calls."""
    try:
        with open("/proc/self/io", encoding="ascii") as handle:
            pairs = (line.split(":") for line in handle)
            return {key.strip(): int(value) for key, value in pairs}
    except OSError:
        return {"rchar": 0, "wchar": 0}


def reset_peak_rss() -> bool:
    """Reset this process's RSS high-water mark (``VmHWM``); False where Linux can't.

    ``ru_maxrss`` cannot be reset and, on Linux, starts with the parent's
    high-water mark at fork (the harness hashes 64 MiB blocks), so the
    window's own peak is read from ``VmHWM`` after resetting it.
    """
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as handle:
            handle.write("5")
        return True
    except OSError:
        return False


def window_peak_kib(reset: bool) -> int:
    """The peak RSS since :func:`reset_peak_rss` (else since the process started)."""
    if reset:
        try:
            with open("/proc/self/status", encoding="ascii") as handle:
                for line in handle:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1])
        except (OSError, ValueError):
            pass
    return peak_rss_kib()


class Measure:
    """Wall, CPU, RSS growth and I/O of one timed transfer."""

    def __enter__(self) -> Measure:
        self.reset = reset_peak_rss()
        self.rss, self.io = current_rss_kib(), io_counters()
        self.cpu, self.wall = time.process_time(), time.perf_counter()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.cpu = time.process_time() - self.cpu
        self.wall = time.perf_counter() - self.wall
        self.growth_kib = max(window_peak_kib(self.reset) - self.rss, 0)
        after = io_counters()
        self.read = after.get("rchar", 0) - self.io.get("rchar", 0)
        self.written = after.get("wchar", 0) - self.io.get("wchar", 0)


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def upload(adapter: Adapter, params: Params) -> Result:
    size = os.path.getsize(params["file"])
    with Measure() as m:
        etag = adapter.upload(
            unique("up"), "big.bin", params["file"], params["segment"], params["threads"]
        )
    if etag != params["file_etag"]:
        raise AssertionError(f"upload answered ETag {etag}, expected {params['file_etag']}")
    return {
        "metrics": {
            "wall_s": m.wall,
            "cpu_s": m.cpu,
            "rss_growth_mib": m.growth_kib / 1024,
            "file_reads": m.read / size,
        },
        "counters": {"errors": 0},
    }


def _check_download(path: str, params: Params) -> None:
    segment = params["segment"]
    with open(path, "rb") as handle:
        for index, expected in enumerate(params["etags"]):
            digest = hashlib.md5(handle.read(segment)).hexdigest()
            if digest != expected:
                raise AssertionError(f"downloaded segment {index} has MD5 {digest}")
        if handle.read(1):
            raise AssertionError("the download is longer than the object")


def download(adapter: Adapter, params: Params, checksum: bool = True) -> Result:
    dest = os.path.join(params["scratch"], unique("down"))
    try:
        with Measure() as m:
            adapter.download("data", "big", dest, params["threads"], checksum)
        _check_download(dest, params)
    finally:
        for leftover in (dest, dest + ".part", dest + ".part.json"):
            if os.path.exists(leftover):
                os.remove(leftover)
    size = params["segment"] * len(params["etags"])
    return {
        "metrics": {
            "wall_s": m.wall,
            "cpu_s": m.cpu,
            "rss_growth_mib": m.growth_kib / 1024,
            "file_writes": m.written / size,
        },
        "counters": {"errors": 0},
    }


def _check_listing(adapter: Adapter, items: list[Any]) -> None:
    first, last = server.listing_entry(0), server.listing_entry(server.LISTING - 1)
    if len(items) != server.LISTING:
        raise AssertionError(f"listed {len(items)} objects, expected {server.LISTING}")
    for item, entry in ((items[0], first), (items[-1], last)):
        if (adapter.item_name(item), adapter.item_bytes(item)) != (entry["name"], entry["bytes"]):
            raise AssertionError("the listing's ends are wrong")


def listing(adapter: Adapter, params: Params) -> Result:
    def touch() -> list[Any]:
        items = adapter.listing("list10k")
        for item in items:
            adapter.item_name(item)
            adapter.item_bytes(item)
        return items

    started = time.perf_counter()
    _check_listing(adapter, touch())
    for _ in range(params["warmup"]):  # slow clients (seconds per listing) skip the warm-up
        if time.perf_counter() - started > params["budget_s"] / 4:
            break
        touch()
    calls, deadline = 0, time.perf_counter() + params["budget_s"]
    cpu, wall = time.process_time(), time.perf_counter()
    while calls < params["calls"] and (
        calls < params["min_calls"] or time.perf_counter() < deadline
    ):
        touch()
        calls += 1
    cpu, wall = (time.process_time() - cpu) / calls, (time.perf_counter() - wall) / calls
    return {
        "metrics": {"cpu_ms": cpu * 1e3, "wall_ms": wall * 1e3},
        "counters": {"calls": calls, "errors": 0},
    }


class Interrupted(Exception):
    """Stands for Ctrl-C in the middle of the upload."""


def resume(adapter: Adapter, params: Params) -> Result:
    if not hasattr(adapter, "swift"):
        return {"status": "n/a: no resume", "metrics": {}, "counters": {}}
    container, stop = unique("resume"), params["stop_after"]

    def interrupt(progress: Any) -> None:
        if progress.parts_done >= stop:
            raise Interrupted()

    control.reset_stats(params["server"])
    try:
        adapter.upload(
            container,
            "big.bin",
            params["file"],
            params["segment"],
            params["threads"],
            progress=interrupt,
        )
        raise AssertionError("the upload was not interrupted")
    except Interrupted:
        pass
    first = control.stats(params["server"])["segment_puts"]
    control.reset_stats(params["server"])
    etag = adapter.upload(
        container, "big.bin", params["file"], params["segment"], params["threads"]
    )
    second = control.stats(params["server"])["segment_puts"]
    total = len(params["etags"])
    if (
        etag != params["file_etag"]
        or second != total - first
        or adapter.last.segments_skipped != first
    ):
        raise AssertionError(
            f"resume re-sent {second} segments after {first} of {total} were there"
        )
    return {
        "metrics": {},
        "counters": {"resent": second, "kept": first, "segments": total, "errors": 0},
    }


SCENARIOS: types.MappingProxyType[str, Callable[[Adapter, Params], Result]] = (
    types.MappingProxyType(
        {
            "upload": upload,
            "download": download,
            "download-nocheck": functools.partial(download, checksum=False),
            "list": listing,
            "resume": resume,
        }
    )
)

"""Downloads: streamed, verified, parallel for large objects, resumable.

An object is read as *parts* (:class:`~._manifest.Part`): a plain object
is one part whose MD5 is its ETag; a static large object's parts are its
manifest's segments and a dynamic one's the objects its prefix lists,
each with its own MD5, and the large-object ETag rule ties them to the
object's ETag (checked before any data is read). Every byte that arrives
is hashed against its part; a difference raises ChecksumMismatch.

To a path, data goes to ``<path>.part`` and is renamed to ``<path>`` only
once everything is verified. Large objects are fetched with one Range
request per part on a bounded pool of threads, each writing its own
region (``os.pwrite``). ``<path>.part.json`` records the object's ETag
and the parts done, so a later call with ``resume`` (the default) re-hashes
those parts from the partial file and fetches only the others; a plain
object continues from the partial file's length.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import threading
import typing as _t
import urllib.parse

from stackclient import _jsonutils, _transport
from stackclient.apiclient import exceptions
from stackclient.object_store.v1 import _errors, _manifest, _names, _sources, _workers, progress
from stackclient.object_store.v1._manifest import Part

if _t.TYPE_CHECKING:  # pragma: no cover
    import requests

    from stackclient.object_store.v1.objects import Object, ObjectManager

__all__ = ["DownloadOptions", "PartChecker", "Plan", "check_part", "download", "plan", "stream"]

#: Bytes read from the socket, hashed and written at a time.
CHUNK_SIZE = 1024 * 1024

#: Errors that can come out of reading a streamed body.
_READ_ERRORS = (*_transport.SEND_ERRORS, http.client.HTTPException)


class DownloadOptions(_t.NamedTuple):
    """How to download; see :meth:`ObjectManager.download`."""

    threads: int = 8
    resume: bool = True
    progress: progress.ProgressCallback | None = None
    retries: int = 2
    version_id: str | None = None
    checksum: bool = True


class Plan(_t.NamedTuple):
    """What to fetch: the object (as HEAD saw it), its parts and its query."""

    head: Object
    parts: list[Part]
    query: str


def _query(version_id: str | None) -> str:
    return "?" + urllib.parse.urlencode({"version-id": version_id}) if version_id else ""


def plan(manager: ObjectManager, container: str, name: str, version_id: str | None) -> Plan:
    """HEAD the object and work out its parts (one manifest or listing request for large ones)."""
    head = manager.get(container, name, version_id=version_id)
    query = _query(version_id)
    where = "%s/%s" % (container, name)
    if head.is_static_large_object:
        parts = _slo_parts(manager, container, name, query, where)
    elif head.object_manifest:
        parts = _dlo_parts(manager, head.object_manifest, where)
    else:
        return Plan(head, [Part(0, head.bytes, head.hash, head.hash)], query)
    expected = _manifest.large_etag(part.etag_term for part in parts)
    if expected != head.hash or sum(part.length for part in parts) != head.bytes:
        raise exceptions.ChecksumMismatch(
            "The segments of %s do not add up to its ETag %s and size %d (they give %s and "
            "%d): it changed while being read, or its segments did; try again"
            % (where, head.hash, head.bytes, expected, sum(p.length for p in parts)),
            name=where,
            algorithm="md5",
            expected=head.hash,
            actual=expected,
        )
    return Plan(head, parts, query)


def _slo_parts(
    manager: ObjectManager, container: str, name: str, query: str, where: str
) -> list[Part]:
    extra = "&" + query[1:] if query else ""
    url = _names.object_path(container, name) + "?multipart-manifest=get" + extra
    with _errors.explained("Manifest of %s" % where):
        resp = manager.client.get(url)
    return _manifest.manifest_parts(_jsonutils.response_json(resp), resp, where)


def _dlo_parts(manager: ObjectManager, manifest: str, where: str) -> list[Part]:
    container, _, prefix = urllib.parse.unquote(manifest).partition("/")
    parts, offset = [], 0
    for item in manager.iterate(container, prefix=prefix):
        parts.append(Part(offset, item.bytes, item.hash, item.hash))
        offset += item.bytes
    if not parts:
        return [Part(0, 0, None, "")]
    return parts


# -- checking a stream --------------------------------------------------------------


class _Unhashed:
    """What PartChecker uses instead of an MD5 when the caller turned checksums off."""

    def update(self, data: _t.Any) -> None:
        pass

    def hexdigest(self) -> None:
        return None


class PartChecker:
    """Hashes bytes as they arrive and checks each part when it ends.

    With ``verify=False`` nothing is hashed, but the parts' sizes are
    still checked: a short or long download never passes as complete.
    """

    def __init__(
        self,
        parts: list[Part],
        where: str,
        start: int = 0,
        verify: bool = True,
    ) -> None:
        self.parts, self.where = parts, where
        self.index = next(
            (i for i, p in enumerate(parts) if p.offset + p.length > start), len(parts)
        )
        self.position = start
        self._new_digest = _sources.md5 if verify else _Unhashed
        self.digest = self._new_digest()

    def feed(self, data: bytes) -> None:
        """Account for ``data`` (the bytes that follow what came before)."""
        view = memoryview(data)
        while view:
            if self.index >= len(self.parts):
                raise exceptions.InvalidResponse(
                    "Swift sent more data for %s than its size" % self.where
                )
            part = self.parts[self.index]
            take = min(len(view), part.offset + part.length - self.position)
            self.digest.update(view[:take])
            self.position += take
            view = view[take:]
            if self.position == part.offset + part.length:
                self._close_part(part)

    def _close_part(self, part: Part) -> None:
        check_part(part, self.digest.hexdigest(), self.where)
        self.index += 1
        self.digest = self._new_digest()

    def finish(self) -> None:
        """Raise unless every part arrived whole (zero-length parts included)."""
        while self.index < len(self.parts) and self.parts[self.index].length == 0:
            self._close_part(self.parts[self.index])
        if self.index < len(self.parts):
            raise exceptions.TransportError(
                "The download of %s stopped at byte %d of %d; try again (a download to a "
                "path resumes)"
                % (self.where, self.position, self.parts[-1].offset + self.parts[-1].length)
            )


def check_part(part: Part, actual: str | None, where: str) -> None:
    """Raise ChecksumMismatch when a part with a known MD5 hashed to another (None: not hashed)."""
    if part.md5 is not None and actual is not None and part.md5 != actual:
        raise exceptions.ChecksumMismatch(
            "Bytes %d-%d of %s have MD5 %s, but Swift recorded %s for them; nothing was kept "
            "as complete" % (part.offset, part.offset + part.length - 1, where, actual, part.md5),
            name=where,
            algorithm="md5",
            expected=part.md5,
            actual=actual,
        )


def _get(
    manager: ObjectManager, path: str, head: Object, span: tuple[int, int] | None
) -> requests.Response:
    headers = {"If-Match": '"%s"' % head.hash} if head.hash else {}
    if span is not None:
        headers["Range"] = "bytes=%d-%d" % span
    where = "Object %s/%s" % (head.container, head.name)
    advice = {412: "%s changed while it was being downloaded; try again"}
    with _errors.explained(where, advice):
        return manager.client.get(path, headers=headers, stream=True)  # type: ignore[no-any-return]


def _chunks(resp: requests.Response, url: str) -> _t.Iterator[bytes]:
    """The raw body (never decoded: the MD5 is of the stored bytes), errors translated."""
    try:
        yield from resp.raw.stream(CHUNK_SIZE, decode_content=False)
    except _READ_ERRORS as exc:
        raise _transport.translate_error(exc, "GET", url) from exc
    finally:
        resp.close()


def _in_order(manager: ObjectManager, found: Plan, verify: bool = True) -> _t.Iterator[bytes]:
    """The object's bytes in order, checked part by part as they arrive.

    A large object is read with one Range request per part: Swift's SLO
    middleware slows a whole-object GET down to one segment a second after
    the tenth (``rate_limit_after_segment``), a Range per segment is not.
    """
    head = found.head
    path = _names.object_path(head.container, head.name) + found.query
    checker = PartChecker(found.parts, "%s/%s" % (head.container, head.name), verify=verify)
    if len(found.parts) == 1:
        spans: list[tuple[int, int] | None] = [None]
    else:
        spans = [(p.offset, p.offset + p.length - 1) for p in found.parts if p.length]
    for span in spans:
        for chunk in _chunks(_get(manager, path, head, span), path):
            checker.feed(chunk)
            yield chunk
    checker.finish()


def stream(
    manager: ObjectManager,
    container: str,
    name: str,
    version_id: str | None = None,
    callback: progress.ProgressCallback | None = None,
) -> _t.Iterator[bytes]:
    """Yield the object's bytes; the last step raises if they differ from what Swift recorded."""
    found = plan(manager, container, name, version_id)
    if callback is None:
        return _in_order(manager, found)
    where = "%s/%s" % (container, name)
    tracker = progress.Tracker(callback, where, found.head.bytes, len(found.parts))
    return _reported(_in_order(manager, found), tracker, len(found.parts))


def _reported(
    chunks: _t.Iterator[bytes], tracker: progress.Tracker, parts: int
) -> _t.Iterator[bytes]:
    for chunk in chunks:
        tracker.data(len(chunk))
        yield chunk
    tracker.parts_done = parts
    tracker.done()


# -- to a file object ---------------------------------------------------------------


def _to_file(
    manager: ObjectManager,
    found: Plan,
    fileobj: _t.Any,
    tracker: progress.Tracker,
    verify: bool = True,
) -> None:
    for chunk in _in_order(manager, found, verify):
        fileobj.write(chunk)
        tracker.data(len(chunk))


# -- to a path -------------------------------------------------------------------------


class _State:
    """``<path>.part.json``: which object the partial file holds and which parts are done."""

    def __init__(self, target: str, etag: str, size: int) -> None:
        self.file = target + ".part.json"
        self.etag, self.size = etag, size
        self.done: set[int] = set()
        self._lock = threading.Lock()

    def load(self) -> bool:
        """Read the parts done by an earlier attempt at the same object; False if none."""
        try:
            with open(self.file, encoding="utf-8") as handle:
                saved = json.load(handle)
        except (OSError, ValueError):
            return False
        if not isinstance(saved, dict) or (saved.get("etag"), saved.get("size")) != (
            self.etag,
            self.size,
        ):
            return False
        self.done = {int(i) for i in saved.get("done", []) if isinstance(i, int)}
        return True

    def mark(self, index: int | None = None) -> None:
        """Record a part as done (or just the object), atomically."""
        with self._lock:
            if index is not None:
                self.done.add(index)
            temp = self.file + ".tmp"
            with open(temp, "w", encoding="utf-8") as handle:
                json.dump(
                    {"etag": self.etag, "size": self.size, "done": sorted(self.done)}, handle
                )
            os.replace(temp, self.file)

    def remove(self) -> None:
        for name in (self.file, self.file + ".tmp"):
            try:
                os.remove(name)
            except FileNotFoundError:
                pass


def _to_path(
    manager: ObjectManager,
    found: Plan,
    target: str,
    options: DownloadOptions,
    tracker: progress.Tracker,
) -> None:
    head, partial = found.head, target + ".part"
    state = _State(target, head.hash or "", head.bytes)
    resumed = options.resume and os.path.exists(partial) and state.load()
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0)
    fd = os.open(partial, flags if resumed else flags | os.O_TRUNC, 0o666)
    try:
        if not resumed:
            state.mark()
        if len(found.parts) == 1:
            _single(manager, found, fd, state, resumed, tracker, options.checksum)
        else:
            _parallel(manager, found, fd, state, options, tracker)
    finally:
        os.close(fd)
    os.replace(partial, target)
    state.remove()


def _single(
    manager: ObjectManager,
    found: Plan,
    fd: int,
    state: _State,
    resumed: bool,
    tracker: progress.Tracker,
    verify: bool = True,
) -> None:
    """A plain object in one GET, continuing after what the partial file holds."""
    have = os.fstat(fd).st_size if resumed else 0
    if have > found.head.bytes:
        os.ftruncate(fd, 0)
        have = 0
    checker = PartChecker(found.parts, tracker.name, have, verify=verify)
    if verify:  # the bytes already there count toward the object's MD5
        for offset in range(0, have, CHUNK_SIZE):
            checker.digest.update(os.pread(fd, min(CHUNK_SIZE, have - offset), offset))
    tracker.data(have)
    if have < found.head.bytes:
        path = _names.object_path(found.head.container, found.head.name) + found.query
        span = (have, found.head.bytes - 1) if have else None
        position = have
        for chunk in _chunks(_get(manager, path, found.head, span), path):
            checker.feed(chunk)
            os.pwrite(fd, chunk, position)
            position += len(chunk)
            tracker.data(len(chunk))
    checker.finish()
    tracker.part()


def _parallel(
    manager: ObjectManager,
    found: Plan,
    fd: int,
    state: _State,
    options: DownloadOptions,
    tracker: progress.Tracker,
) -> None:
    """One Range GET per part on a pool of threads; parts already done are re-hashed, not fetched."""
    os.ftruncate(fd, found.head.bytes)
    cancel = threading.Event()
    tracker.parts_total = len(found.parts)
    manager.client.reserve_connections(options.threads)

    def task(index: int, part: Part) -> _t.Callable[[], None]:
        return lambda: _part_task(manager, found, fd, state, index, part, options, tracker, cancel)

    tasks = [task(index, part) for index, part in enumerate(found.parts)]
    _workers.run(tasks, options.threads, cancel)


def _part_task(
    manager: ObjectManager,
    found: Plan,
    fd: int,
    state: _State,
    index: int,
    part: Part,
    options: DownloadOptions,
    tracker: progress.Tracker,
    cancel: threading.Event,
) -> None:
    if cancel.is_set():
        raise _sources.Cancelled()
    if part.length == 0:
        check_part(part, _sources.md5().hexdigest(), tracker.name)
        tracker.part()
        return
    if index in state.done and (
        not options.checksum or (part.md5 is not None and _hash_file(fd, part, cancel) == part.md5)
    ):
        tracker.part(skipped=True, size=part.length)
        return
    for attempt in range(options.retries + 1):
        try:
            _fetch_part(manager, found, fd, part, tracker, cancel, options.checksum)
            break
        except (exceptions.TransportError, exceptions.HttpServerError):
            if attempt >= options.retries or cancel.is_set():
                raise
    state.mark(index)
    tracker.part()


def _hash_file(fd: int, part: Part, cancel: threading.Event) -> str:
    digest = _sources.md5()
    end = part.offset + part.length
    for offset in range(part.offset, end, CHUNK_SIZE):
        if cancel.is_set():
            raise _sources.Cancelled()
        digest.update(os.pread(fd, min(CHUNK_SIZE, end - offset), offset))
    return str(digest.hexdigest())


def _fetch_part(
    manager: ObjectManager,
    found: Plan,
    fd: int,
    part: Part,
    tracker: progress.Tracker,
    cancel: threading.Event,
    verify: bool = True,
) -> None:
    head = found.head
    path = _names.object_path(head.container, head.name) + found.query
    span = (part.offset, part.offset + part.length - 1)
    checker = PartChecker([part], tracker.name, part.offset, verify=verify)
    position = part.offset
    for chunk in _chunks(_get(manager, path, head, span), path):
        if cancel.is_set():
            raise _sources.Cancelled()
        checker.feed(chunk)
        os.pwrite(fd, chunk, position)
        position += len(chunk)
        tracker.data(len(chunk))
    checker.finish()


@contextlib.contextmanager
def _local_errors(where: str) -> _t.Iterator[None]:
    """Local file errors (a full disk, a missing directory) as ClientException."""
    try:
        yield
    except OSError as exc:
        raise exceptions.ClientException(
            "Cannot write the download to %s: %s" % (where, exc.strerror or exc)
        ) from exc


def download(
    manager: ObjectManager, container: str, name: str, dest: _t.Any, options: DownloadOptions
) -> Object:
    """Download ``container/name`` to ``dest``; see :meth:`ObjectManager.download`."""
    if options.threads < 1:
        raise exceptions.ValidationError("threads must be at least 1, got %r" % options.threads)
    found = plan(manager, container, name, options.version_id)
    head = found.head
    tracker = progress.Tracker(
        options.progress, "%s/%s" % (head.container, head.name), head.bytes, len(found.parts)
    )
    if isinstance(dest, (str, os.PathLike)):
        with _local_errors(os.fspath(dest)):
            _to_path(manager, found, os.fspath(dest), options, tracker)
    elif hasattr(dest, "write"):
        with _local_errors(getattr(dest, "name", "the file object")):
            _to_file(manager, found, dest, tracker, options.checksum)
        tracker.parts_done = len(found.parts)
    else:
        raise exceptions.ValidationError(
            "Cannot download into a %s: give a path or a binary file object" % type(dest).__name__
        )
    tracker.done()
    return head

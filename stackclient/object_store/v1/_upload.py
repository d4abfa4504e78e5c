"""Uploads: one PUT, or a static large object built from parallel segments.

Data at or below the threshold goes up in one PUT whose MD5 is computed
while it is sent and compared with the ETag Swift answers (bytes already
in memory are hashed first and the MD5 sent, so Swift itself refuses a
difference with 422). Above the threshold the data becomes a static large
object: segments of ``segment_size`` bytes are uploaded by a bounded pool
of threads, each reading only its own region of the source (every byte is
read once), each checked against the ETag Swift answers; then the
manifest goes up with the large-object ETag, which Swift verifies and
which is checked again in its answer.

Segments are named ``<object>/slo/<mtime>/<size>/<segment_size>/<index>``
in ``<container>_segments`` (the layout python-swiftclient uses), so an
interrupted upload of the same file finds its segments again: with
``resume`` each segment already there with the right size is hashed
locally and skipped when its MD5 matches, and only the others are sent.
"""

from __future__ import annotations

import mimetypes
import threading
import time
import typing as _t

from stackclient.apiclient import exceptions
from stackclient.object_store.v1 import (
    _errors,
    _headers,
    _manifest,
    _names,
    _sources,
    _workers,
    progress,
)

if _t.TYPE_CHECKING:  # pragma: no cover
    import requests

    from stackclient.object_store.v1.objects import Object, ObjectManager

__all__ = ["DEFAULT_SEGMENT_SIZE", "DEFAULT_THREADS", "UploadOptions", "upload"]

#: Segment size when only a threshold (or nothing) is given: 1 GiB.
DEFAULT_SEGMENT_SIZE = 1024**3

#: Threads a segmented transfer uses unless told otherwise.
DEFAULT_THREADS = 8

#: Extra attempts for a segment whose PUT failed in transit or with a 5xx.
DEFAULT_RETRIES = 2


class UploadOptions(_t.NamedTuple):
    """How to upload; see :meth:`ObjectManager.upload` for each option."""

    headers: dict[str, _t.Any]
    etag: str | None = None
    segment_size: int | None = None
    threshold: int | None = None
    threads: int = DEFAULT_THREADS
    resume: bool = True
    segment_container: str | None = None
    progress: progress.ProgressCallback | None = None
    retries: int = DEFAULT_RETRIES


class _Job:
    """One upload: where it goes, what it reads, and its progress."""

    def __init__(
        self,
        manager: ObjectManager,
        container: str,
        name: str,
        source: _sources.Source,
        options: UploadOptions,
    ) -> None:
        self.manager, self.client = manager, manager.client
        self.container, self.name, self.source, self.options = container, name, source, options
        self.where = "%s/%s" % (container, name)
        self.path = _names.object_path(container, name)
        self.tracker = progress.Tracker(options.progress, self.where, source.size)
        self.cancel = threading.Event()

    def result(
        self, resp: requests.Response, etag: str | None, size: int, **extra: _t.Any
    ) -> Object:
        """The uploaded object, as far as the upload knows it (no extra request)."""
        info: dict[str, _t.Any] = {
            "container": self.container,
            "name": self.name,
            "hash": etag,
            "bytes": size,
            "content_type": _content_type(self.options.headers),
            "last_modified": resp.headers.get("Last-Modified"),
            "request_id": resp.headers.get("X-Openstack-Request-Id"),
        }
        info.update(extra)
        return self.manager.resource_class(self.manager, info, False)  # type: ignore[return-value,misc]


def _content_type(headers: _t.Mapping[str, _t.Any]) -> str | None:
    for key, value in headers.items():
        if key.lower() == "content-type":
            return value.decode() if isinstance(value, bytes) else str(value)
    return None


def upload(
    manager: ObjectManager, container: str, name: str, data: _t.Any, options: UploadOptions
) -> Object:
    """Upload ``data`` as ``container/name``; see :meth:`ObjectManager.upload`."""
    container, name = _names.check_container(container), _names.check_object(name)
    if options.threads < 1:
        raise exceptions.ValidationError("threads must be at least 1, got %r" % options.threads)
    source = _sources.open_source(data)
    try:
        job = _Job(manager, container, name, source, options)
        segment = _segment_size(job)
        if segment is None:
            return _put_whole(job)
        if options.etag:
            raise exceptions.ValidationError(
                "etag= checks a single PUT; %s is uploaded as a large object, which is "
                "checked segment by segment and by its manifest ETag instead" % job.where
            )
        if source.size is None:
            return _put_stream_segments(job, segment)
        return _put_segments(job, segment)
    finally:
        source.close()


# -- deciding ---------------------------------------------------------------------


def _segment_size(job: _Job) -> int | None:
    """The segment size to use, or None for one PUT."""
    size, options = job.source.size, job.options
    for label in ("segment_size", "threshold"):
        value = getattr(options, label)
        if value is not None and (not isinstance(value, int) or value < 1):
            raise exceptions.ValidationError("%s must be a positive number of bytes" % label)
    if size is None:
        return options.segment_size
    threshold = options.threshold or options.segment_size
    if threshold is None:
        threshold = job.client.info().max_file_size
    if size <= threshold:
        return None
    return _fit_segment_size(
        job, size, options.segment_size or min(threshold, DEFAULT_SEGMENT_SIZE)
    )


def _fit_segment_size(job: _Job, size: int, segment: int) -> int:
    caps = job.client.info()
    most = caps.max_manifest_segments
    if job.options.segment_size is None:
        segment = max(segment, -(-size // most), caps.min_segment_size)
    count = -(-size // segment)
    if count > most:
        raise exceptions.ValidationError(
            "%s would need %d segments of %d bytes; the cluster allows %d per manifest. "
            "Use segment_size >= %d" % (job.where, count, segment, most, -(-size // most))
        )
    if segment > caps.max_file_size:
        raise exceptions.ValidationError(
            "segment_size %d is larger than the largest object the cluster accepts (%d)"
            % (segment, caps.max_file_size)
        )
    return segment


# -- one PUT ----------------------------------------------------------------------


def _put_whole(job: _Job) -> Object:
    source, headers = job.source, dict(job.options.headers)
    sent_etag = job.options.etag
    if sent_etag is None and isinstance(source, _sources._Buffer):
        sent_etag = _sources.md5(source.view).hexdigest()
    if sent_etag:
        headers["ETag"] = sent_etag
    body: _t.Any
    if source.size is None:
        body = _sources.StreamBody(source.chunks(_sources.CHUNK_SIZE), tracker=job.tracker)
    else:
        body = _sources.HashingBody(source, 0, source.size, job.tracker)
    resp = _send(job, job.path, body, headers, job.where, sent_etag)
    local, server = body.md5.hexdigest(), _headers.unquote_etag(resp.headers.get("Etag"))
    if server != local:
        _discard(job, job.path)
        raise exceptions.ChecksumMismatch(
            "Swift stored %s with MD5 %s but %s was sent; the object was deleted, upload it again"
            % (job.where, server, local),
            name=job.where,
            algorithm="md5",
            expected=local,
            actual=server,
            response=resp,
        )
    job.tracker.part()
    job.tracker.done()
    return job.result(resp, server, body.sent)


def _send(
    job: _Job,
    path: str,
    body: _t.Any,
    headers: _t.Mapping[str, _t.Any],
    where: str,
    sent_etag: str | None = None,
) -> requests.Response:
    """PUT a body (never re-sent by the pipeline: it is consumed as it goes)."""
    try:
        with _errors.explained("Object %s" % where, {404: "%s: its container does not exist"}):
            return job.client.put(path, data=body, headers=headers, status_code_retries=0)  # type: ignore[no-any-return]
    except exceptions.UnprocessableEntity as error:
        raise exceptions.ChecksumMismatch(
            "Swift refused %s: its data does not have the MD5 %s sent with it (HTTP 422)"
            % (where, sent_etag),
            name=where,
            algorithm="md5",
            expected=sent_etag,
            response=error.response,
        ) from error


def _discard(job: _Job, path: str) -> None:
    """Delete what was just stored wrong; the caller's error matters more than this one."""
    try:
        job.client.delete(path)
    except exceptions.ClientException:
        pass


# -- segments -----------------------------------------------------------------------


class _Segment(_t.NamedTuple):
    index: int
    name: str
    offset: int
    length: int


def _segment_plan(job: _Job, size: int, segment: int) -> tuple[str, list[_Segment]]:
    container = job.options.segment_container or job.container + "_segments"
    mtime = job.source.mtime
    stamp = "%.6f/" % mtime if mtime is not None else ""
    prefix = "%s/slo/%s%d/%d/" % (job.name, stamp, size, segment)
    _names.check_object(prefix + "00000000")
    plan = [
        _Segment(i, "%s%08d" % (prefix, i), offset, min(segment, size - offset))
        for i, offset in enumerate(range(0, size, segment))
    ]
    return _names.check_container(container), plan


def _ensure_container(job: _Job, container: str) -> None:
    with _errors.explained("Segment container %r" % container):
        job.client.put(_names.container_path(container))


def _present(job: _Job, container: str, prefix: str) -> dict[str, tuple[str, int]]:
    """Segments already uploaded under ``prefix``: name -> (md5, size)."""
    try:
        return {
            item.name: (item.hash, item.bytes)
            for item in job.manager.iterate(container, prefix=prefix)
        }
    except exceptions.NotFound:
        return {}


def _put_segments(job: _Job, segment: int) -> Object:
    size = _t.cast(int, job.source.size)
    container, plan = _segment_plan(job, size, segment)
    _ensure_container(job, container)
    prefix = plan[0].name[:-8]
    present = _present(job, container, prefix) if job.options.resume else {}
    job.tracker.parts_total = len(plan)
    job.client.reserve_connections(job.options.threads)

    def task(seg: _Segment) -> _t.Callable[[], tuple[str, bool]]:
        return lambda: _segment_task(job, container, seg, present.get(seg.name))

    results = _workers.run([task(seg) for seg in plan], job.options.threads, job.cancel)
    entries = [
        _manifest.slo_entry("/%s/%s" % (container, seg.name), etag, seg.length)
        for seg, (etag, _) in zip(plan, results)
    ]
    skipped = sum(1 for _, was_skipped in results if was_skipped)
    return _put_manifest(
        job, entries, [etag for etag, _ in results], size, len(plan) - skipped, skipped
    )


def _segment_task(
    job: _Job, container: str, seg: _Segment, existing: tuple[str, int] | None
) -> tuple[str, bool]:
    if job.cancel.is_set():
        raise _sources.Cancelled()
    if existing is not None and existing[1] == seg.length:
        local = _hash_region(job, seg.offset, seg.length)
        if local == existing[0]:
            job.tracker.part(skipped=True, size=seg.length)
            return local, True
    etag = _put_segment(job, container, seg)
    job.tracker.part()
    return etag, False


def _hash_region(job: _Job, offset: int, length: int) -> str:
    digest = _sources.md5()
    for chunk in _sources.HashingBody(job.source, offset, length, cancel=job.cancel):
        digest.update(chunk)
    return str(digest.hexdigest())


def _put_segment(job: _Job, container: str, seg: _Segment) -> str:
    path = _names.object_path(container, seg.name)
    where = "segment %d of %s (%s/%s)" % (seg.index, job.where, container, seg.name)
    headers = {"Content-Type": "application/octet-stream"}
    for attempt in range(job.options.retries + 1):
        body = _sources.HashingBody(job.source, seg.offset, seg.length, job.tracker, job.cancel)
        try:
            resp = _send(job, path, body, headers, where)
        except (exceptions.TransportError, exceptions.HttpServerError):
            if attempt >= job.options.retries or job.cancel.is_set():
                raise
            continue
        return _checked_segment(resp, body.md5.hexdigest(), where)
    raise AssertionError("unreachable")  # pragma: no cover


def _checked_segment(resp: requests.Response, local: str, where: str) -> str:
    server = _headers.unquote_etag(resp.headers.get("Etag"))
    if server != local:
        raise exceptions.ChecksumMismatch(
            "Swift stored %s with MD5 %s but %s was sent; upload again (resume=True "
            "re-sends only the segments that differ)" % (where, server, local),
            name=where,
            algorithm="md5",
            expected=local,
            actual=server,
            response=resp,
        )
    return local


def _put_stream_segments(job: _Job, segment: int) -> Object:
    """Segments from a source of unknown size, one after another."""
    chunks = job.source.chunks(_sources.CHUNK_SIZE)
    container = _names.check_container(
        job.options.segment_container or job.container + "_segments"
    )
    prefix = "%s/slo/stream/%.6f/%d/" % (job.name, time.time(), segment)
    _names.check_object(prefix + "00000000")
    leftover = next(chunks, b"")
    if not leftover:
        return _put_whole(job)
    _ensure_container(job, container)
    most = job.client.info().max_manifest_segments
    entries, etags, total = [], [], 0
    while leftover:
        if len(entries) >= most:
            raise exceptions.ValidationError(
                "%s needs more than %d segments of %d bytes; use a larger segment_size"
                % (job.where, most, segment)
            )
        name = "%s%08d" % (prefix, len(entries))
        body = _sources.StreamBody(chunks, segment, job.tracker, leftover)
        where = "segment %d of %s (%s/%s)" % (len(entries), job.where, container, name)
        resp = _send(job, _names.object_path(container, name), body, {}, where)
        etags.append(_checked_segment(resp, body.md5.hexdigest(), where))
        entries.append(_manifest.slo_entry("/%s/%s" % (container, name), etags[-1], body.sent))
        total += body.sent
        job.tracker.part()
        leftover = body.leftover or next(chunks, b"")
    return _put_manifest(job, entries, etags, total, len(entries), 0)


# -- the manifest -------------------------------------------------------------------


def _put_manifest(
    job: _Job,
    entries: list[dict[str, _t.Any]],
    etags: list[str],
    size: int,
    sent: int,
    skipped: int,
) -> Object:
    expected = _manifest.large_etag(etags)
    headers = dict(job.options.headers)
    if _content_type(headers) is None:
        headers["Content-Type"] = mimetypes.guess_type(job.name)[0] or "application/octet-stream"
    headers.update({"ETag": expected, "Accept": "application/json"})
    url = job.path + "?multipart-manifest=put&heartbeat=on"
    with _errors.explained("Manifest of %s" % job.where):
        resp = job.client.put(url, json=entries, headers=headers)
        answered = _manifest.read_put_answer(resp, job.where)
    if answered != expected:
        raise exceptions.ChecksumMismatch(
            "Swift answered the manifest of %s with ETag %s, not %s (the MD5 of its "
            "segments' ETags)" % (job.where, answered, expected),
            name=job.where,
            algorithm="md5",
            expected=expected,
            actual=answered,
            response=resp,
        )
    job.tracker.done()
    return job.result(
        resp,
        expected,
        size,
        is_static_large_object=True,
        segments=len(entries),
        segments_sent=sent,
        segments_skipped=skipped,
        content_type=_content_type(headers),
    )

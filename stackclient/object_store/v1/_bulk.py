"""Bulk delete: many objects (and empty containers) in few requests.

``POST <account>?bulk-delete`` with one quoted ``/container[/object]`` per
line deletes up to ``max_deletes_per_request`` (``/info``) at once. Swift
answers 200 whatever happened and puts the outcome in the body: missing
names are counted (``Number Not Found``), other failures listed under
``Errors`` with a status in ``Response Status``. Clusters without the
bulk middleware get one DELETE per name instead, on a few threads.
"""

from __future__ import annotations

import itertools
import threading
import typing as _t
import urllib.parse

from stackclient import _jsonutils
from stackclient.apiclient import exceptions
from stackclient.object_store.v1 import _errors, _workers, progress

__all__ = ["BulkDeleteResult", "bulk_delete"]

#: Threads for one-by-one deletes on clusters without bulk delete.
_FALLBACK_THREADS = 8


class BulkDeleteResult(_t.NamedTuple):
    """What a bulk delete did: ``deleted`` and ``not_found`` counts, and ``errors``.

    ``errors`` lists ``(path, status)`` for names that could not be
    deleted (empty unless the caller asked not to raise for them).
    """

    deleted: int
    not_found: int
    errors: list[tuple[str, str]]


def _batches(paths: _t.Iterable[str], size: int) -> _t.Iterator[list[str]]:
    it = iter(paths)
    while True:
        batch = list(itertools.islice(it, size))
        if not batch:
            return
        yield batch


def bulk_delete(
    client: _t.Any,
    paths: _t.Iterable[str],
    *,
    progress: progress.ProgressCallback | None = None,
    label: str = "bulk delete",
) -> BulkDeleteResult:
    """Delete every ``/container/object`` (or ``/container``) path given (unquoted)."""
    caps = client.info()
    tracker = _progress(progress, label)
    deleted = missing = 0
    if "bulk_delete" not in caps.middleware:
        for batch in _batches(paths, caps.max_deletes_per_request):
            found = _one_by_one(client, batch, tracker)
            deleted, missing = deleted + found.deleted, missing + found.not_found
        return BulkDeleteResult(deleted, missing, [])
    for batch in _batches(paths, caps.max_deletes_per_request):
        found = _post(client, batch)
        deleted, missing = deleted + found.deleted, missing + found.not_found
        tracker.done(len(batch))
    return BulkDeleteResult(deleted, missing, [])


def _progress(callback: progress.ProgressCallback | None, label: str) -> progress.Tracker:
    return progress.Tracker(callback, label, None, parts_total=None, objects_total=None)


def _post(client: _t.Any, batch: list[str]) -> BulkDeleteResult:
    body = "\n".join(urllib.parse.quote(path, safe="/") for path in batch).encode("utf-8")
    headers = {"Content-Type": "text/plain", "Accept": "application/json"}
    with _errors.explained("Bulk delete of %d names" % len(batch)):
        resp = client.post(client.endpoint + "?bulk-delete", data=body, headers=headers)
    try:
        answer = _jsonutils.loads(resp.content or b"{}")
    except ValueError:
        answer = None
    if not isinstance(answer, dict) or "Response Status" not in answer:
        raise exceptions.InvalidResponse(
            "The answer to a bulk delete is not the bulk middleware's JSON (HTTP %s); "
            "is bulk delete enabled on this cluster?" % resp.status_code,
            response=resp,
        )
    errors = [
        (urllib.parse.unquote(str(e[0])), str(e[1]))
        for e in answer.get("Errors") or []
        if isinstance(e, list) and len(e) >= 2
    ]
    status = str(answer.get("Response Status"))
    if errors or not status.startswith("2"):
        code = int(status[:3]) if status[:3].isdigit() else 500
        shown = "; ".join("%s: %s" % error for error in errors[:10])
        more = " and %d more" % (len(errors) - 10) if len(errors) > 10 else ""
        error = _errors.from_status(resp, code, status, "could not delete " + shown + more)
        error.bulk_errors = errors  # type: ignore[attr-defined]
        raise error
    return BulkDeleteResult(
        int(answer.get("Number Deleted") or 0), int(answer.get("Number Not Found") or 0), []
    )


def _one_by_one(client: _t.Any, batch: list[str], tracker: progress.Tracker) -> BulkDeleteResult:
    counts = {"deleted": 0, "missing": 0}
    lock = threading.Lock()

    def delete(path: str) -> _t.Callable[[], None]:
        def task() -> None:
            try:
                with _errors.explained(path.lstrip("/")):
                    client.delete(urllib.parse.quote(path, safe="/"))
                key = "deleted"
            except exceptions.NotFound:
                key = "missing"
            with lock:
                counts[key] += 1
            tracker.done()

        return task

    _workers.run([delete(path) for path in batch], _FALLBACK_THREADS, threading.Event())
    return BulkDeleteResult(counts["deleted"], counts["missing"], [])

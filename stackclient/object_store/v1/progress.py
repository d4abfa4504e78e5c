"""Progress of a transfer, reported to a ``progress=`` callback.

Every upload, download and bulk operation takes ``progress=``: a callable
given a :class:`TransferProgress` each time data moves (about once per
MiB) and each time a part or an object completes. Calls come from the
transfer's worker threads, one at a time (a lock serialises them), so a
callback needs no locking of its own; it should return quickly.

Example::

    def show(p):
        print("%s: %d/%s bytes, %d/%d parts" % (p.name, p.bytes_done, p.bytes_total,
                                              p.parts_done, p.parts_total))

    swift.objects.upload("backups", "db.tar", "/srv/db.tar", progress=show)
"""

from __future__ import annotations

import threading
import typing as _t

__all__ = ["ProgressCallback", "Tracker", "TransferProgress"]


class TransferProgress(_t.NamedTuple):
    """A snapshot of one transfer.

    ``name`` is ``container/object`` (or the container for bulk work);
    bytes are payload bytes (a part re-sent after an error counts again);
    ``bytes_total`` is None when the size is not known in advance (an
    upload from an iterator). ``objects_*`` count whole objects,
    ``parts_*`` the segments of a large object (1 for a plain object);
    ``parts_skipped`` are parts a resumed transfer found already done.
    """

    name: str
    bytes_done: int
    bytes_total: int | None
    objects_done: int
    objects_total: int | None
    parts_done: int
    parts_total: int | None
    parts_skipped: int = 0


ProgressCallback = _t.Callable[[TransferProgress], _t.Any]


class Tracker:
    """Counts a transfer's progress and tells the callback (thread-safe)."""

    def __init__(
        self,
        callback: ProgressCallback | None,
        name: str,
        bytes_total: int | None,
        parts_total: int | None = 1,
        objects_total: int | None = 1,
    ) -> None:
        self.callback = callback
        self.name = name
        self.bytes_total = bytes_total
        self.parts_total = parts_total
        self.objects_total = objects_total
        self.bytes_done = 0
        self.parts_done = 0
        self.parts_skipped = 0
        self.objects_done = 0
        self._lock = threading.Lock()

    def snapshot(self) -> TransferProgress:
        """The counts now."""
        return TransferProgress(
            self.name,
            self.bytes_done,
            self.bytes_total,
            self.objects_done,
            self.objects_total,
            self.parts_done,
            self.parts_total,
            self.parts_skipped,
        )

    def _update(self, data: int = 0, parts: int = 0, skipped: int = 0, objects: int = 0) -> None:
        with self._lock:
            self.bytes_done += data
            self.parts_done += parts
            self.parts_skipped += skipped
            self.objects_done += objects
            if self.callback is not None:
                self.callback(self.snapshot())

    def data(self, size: int) -> None:
        """``size`` more bytes moved."""
        if size:
            self._update(data=size)

    def part(self, skipped: bool = False, size: int = 0) -> None:
        """One more part is done (``skipped``: it was already there; ``size`` counted as done)."""
        self._update(data=size, parts=1, skipped=int(skipped))

    def done(self, count: int = 1) -> None:
        """``count`` more objects are complete."""
        self._update(objects=count)

"""Hashing one stream with several algorithms at once, off the transferring thread.

Used by :mod:`stackclient.apiclient.streams`; see :class:`Digests`.
"""

from __future__ import annotations

import hashlib
import queue
import threading
import typing as _t

from stackclient.apiclient import exceptions

__all__ = ["CHUNK_SIZE", "Digests"]

#: Bytes read, hashed and sent (or received and written) at a time.
CHUNK_SIZE = 1024 * 1024

#: Chunks a hashing thread may lag behind the transfer (bounds memory).
_QUEUE_DEPTH = 4

_STOP = None


class Digests:
    """Hash one stream with several algorithms (``md5``, ``sha512``, ...).

    The first chunk is hashed in the caller's thread; from the second on,
    each algorithm hashes in a thread of its own, at most a few chunks
    behind, so a long stream costs the time of the slowest hash rather
    than their sum. :meth:`hexdigests` waits for the threads and returns
    ``{algorithm: hex digest}``; :meth:`close` stops them early (after a
    failed transfer).

    Example::

        digests = Digests(("md5", "sha512"))
        for chunk in chunks:
            digests.update(chunk)
        digests.hexdigests()["sha512"]
    """

    def __init__(self, algorithms: _t.Iterable[str]) -> None:
        self._hashes = {name: _new_hash(name) for name in dict.fromkeys(algorithms)}
        self._queues: list[queue.Queue[bytes | None]] = []
        self._threads: list[threading.Thread] = []
        self._chunks = 0
        self.size = 0

    @property
    def algorithms(self) -> tuple[str, ...]:
        """The algorithms computed, in the order given."""
        return tuple(self._hashes)

    def update(self, chunk: bytes) -> None:
        """Add ``chunk`` to every hash."""
        self.size += len(chunk)
        self._chunks += 1
        if self._chunks == 1 or len(self._hashes) == 0:
            for digest in self._hashes.values():
                digest.update(chunk)
            return
        if not self._threads:
            self._start()
        for pending in self._queues:
            pending.put(chunk)

    def _start(self) -> None:
        for digest in self._hashes.values():
            pending: queue.Queue[bytes | None] = queue.Queue(_QUEUE_DEPTH)
            thread = threading.Thread(
                target=_hash_worker, args=(digest, pending), name="stackclient-hash", daemon=True
            )
            thread.start()
            self._queues.append(pending)
            self._threads.append(thread)

    def close(self) -> None:
        """Stop the hashing threads (the digests are then final)."""
        for pending in self._queues:
            pending.put(_STOP)
        for thread in self._threads:
            thread.join()
        self._queues, self._threads = [], []

    def hexdigests(self) -> dict[str, str]:
        """Return ``{algorithm: hex digest}`` of everything given to :meth:`update`."""
        self.close()
        return {name: digest.hexdigest() for name, digest in self._hashes.items()}

    def reset(self) -> None:
        """Forget everything hashed so far (a body sent again from its start)."""
        self.close()
        self._hashes = {name: _new_hash(name) for name in self._hashes}
        self._chunks = 0
        self.size = 0


def _new_hash(name: str) -> _t.Any:
    try:
        if name == "md5":
            return hashlib.new("md5", usedforsecurity=False)
        return hashlib.new(name)
    except (ValueError, TypeError) as exc:
        raise exceptions.ValidationError(
            "Unknown hash algorithm %r: this Python's hashlib offers %s"
            % (name, ", ".join(sorted(hashlib.algorithms_available)))
        ) from exc


def _hash_worker(digest: _t.Any, pending: queue.Queue[bytes | None]) -> None:
    while True:
        chunk = pending.get()
        if chunk is _STOP:
            return
        digest.update(chunk)

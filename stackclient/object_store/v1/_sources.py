"""What an upload reads from: a path, a file object, bytes or an iterator.

A :class:`Source` knows its size when it can (paths, real files, seekable
file objects, bytes) and reads any region of itself without a shared file
position (``os.pread`` on a file descriptor; a lock around seek+read for
other seekable objects), so segment threads read their own regions and
every byte is read exactly once. Iterators and unseekable streams are
read in order only.

A region is sent as a :class:`HashingBody`: an iterable with a length
(so ``requests`` sends ``Content-Length`` and hands the chunks straight to
the socket) that computes the MD5 of exactly the bytes it yields.
"""

from __future__ import annotations

import hashlib
import io
import os
import stat
import threading
import typing as _t

from stackclient.apiclient import exceptions

if _t.TYPE_CHECKING:  # pragma: no cover
    from stackclient.object_store.v1.progress import Tracker

__all__ = ["CHUNK_SIZE", "Cancelled", "HashingBody", "Source", "StreamBody", "md5", "open_source"]

#: Bytes read, hashed and handed to the socket at a time.
CHUNK_SIZE = 1024 * 1024


class Cancelled(Exception):
    """A transfer was stopped because another part of it failed (never escapes)."""


def md5(data: bytes = b"") -> _t.Any:
    """An MD5 hasher (used for integrity, not security)."""
    try:
        return hashlib.md5(data, usedforsecurity=False)
    except TypeError:  # pragma: no cover - Python builds without the keyword
        return hashlib.md5(data)


class Source:
    """Something to upload. ``size`` is None when unknown (read in order only)."""

    size: int | None = None
    seekable = False
    path: str | None = None
    mtime: float | None = None

    def read_at(self, offset: int, size: int) -> bytes:
        """Read up to ``size`` bytes at ``offset`` (seekable sources only)."""
        raise NotImplementedError

    def chunks(self, chunk_size: int) -> _t.Iterator[bytes]:
        """Yield the data in order (every source)."""
        offset = 0
        while self.size is None or offset < self.size:
            want = chunk_size if self.size is None else min(chunk_size, self.size - offset)
            data = self.read_at(offset, want)
            if not data:
                return
            offset += len(data)
            yield data

    def close(self) -> None:
        """Release what :func:`open_source` opened (never the caller's file)."""


class _Descriptor(Source):
    """A regular file read with ``os.pread``: no shared position, no lock."""

    seekable = True

    def __init__(self, fd: int, start: int, size: int, owned: bool) -> None:
        self.fd, self.start, self.size, self.owned = fd, start, size, owned

    def read_at(self, offset: int, size: int) -> bytes:
        return os.pread(self.fd, size, self.start + offset)

    def close(self) -> None:
        if self.owned:
            os.close(self.fd)


class _Seekable(Source):
    """A seekable file object without a descriptor (BytesIO, ...): seek+read under a lock."""

    seekable = True

    def __init__(self, fileobj: _t.Any, start: int, size: int) -> None:
        self.fileobj, self.start, self.size = fileobj, start, size
        self._lock = threading.Lock()

    def read_at(self, offset: int, size: int) -> bytes:
        with self._lock:
            self.fileobj.seek(self.start + offset)
            return bytes(self.fileobj.read(size))


class _Buffer(Source):
    """Bytes in memory."""

    seekable = True

    def __init__(self, data: _t.Any) -> None:
        self.view = memoryview(data).cast("B")
        self.size = len(self.view)

    def read_at(self, offset: int, size: int) -> bytes:
        return bytes(self.view[offset : offset + size])


class _Stream(Source):
    """A file object read in order (a pipe, a socket, a decompressor)."""

    def __init__(self, fileobj: _t.Any) -> None:
        self.fileobj = fileobj

    def chunks(self, chunk_size: int) -> _t.Iterator[bytes]:
        while True:
            data = self.fileobj.read(chunk_size)
            if not data:
                return
            yield bytes(data)


class _Iterable(Source):
    """An iterable of bytes chunks, read in order."""

    def __init__(self, iterable: _t.Iterable[_t.Any]) -> None:
        self.iterable = iterable

    def chunks(self, chunk_size: int) -> _t.Iterator[bytes]:
        for chunk in self.iterable:
            if not isinstance(chunk, (bytes, bytearray, memoryview)):
                raise exceptions.ValidationError(
                    "An upload iterator must yield bytes, not %s%s"
                    % (
                        type(chunk).__name__,
                        "; encode the text first" if isinstance(chunk, str) else "",
                    )
                )
            if chunk:
                yield bytes(chunk)


def _from_path(path: _t.Any) -> Source:
    name = os.fspath(path)
    try:
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise exceptions.ValidationError("Cannot read %r: %s" % (name, exc.strerror)) from exc
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise exceptions.ValidationError("%r is not a regular file" % name)
    source = _Descriptor(fd, 0, info.st_size, owned=True)
    source.path, source.mtime = name, info.st_mtime
    return source


def _from_file(fileobj: _t.Any) -> Source:
    if isinstance(fileobj, io.TextIOBase):
        raise exceptions.ValidationError(
            "The file %r is open in text mode; open it in binary mode ('rb')"
            % getattr(fileobj, "name", fileobj)
        )
    try:
        start = fileobj.tell() if fileobj.seekable() else None
    except (AttributeError, OSError, ValueError):
        start = None
    if start is None:
        return _Stream(fileobj)
    try:
        info = os.fstat(fileobj.fileno())
        if stat.S_ISREG(info.st_mode):
            return _Descriptor(fileobj.fileno(), start, max(info.st_size - start, 0), False)
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        pass
    end = fileobj.seek(0, io.SEEK_END)
    fileobj.seek(start)
    return _Seekable(fileobj, start, max(end - start, 0))


def open_source(data: _t.Any) -> Source:
    """The :class:`Source` for ``data``; raise ValidationError for what cannot be sent.

    ``data`` is a path (``str`` or ``os.PathLike``), bytes-like, a binary
    file object (read from its current position to its end) or an
    iterable of bytes.
    """
    if isinstance(data, (str, os.PathLike)):
        return _from_path(data)
    if isinstance(data, (bytes, bytearray, memoryview)):
        return _Buffer(data)
    if hasattr(data, "read"):
        return _from_file(data)
    if isinstance(data, _t.Iterable) and not isinstance(data, (dict, set, frozenset)):
        return _Iterable(data)
    raise exceptions.ValidationError(
        "Cannot upload a %s: give a path, bytes, a binary file object or an iterable of bytes"
        % type(data).__name__
    )


class HashingBody:
    """``length`` bytes of a source from ``offset``, hashed as they are sent.

    ``md5`` holds the digest of exactly what was yielded. A source that
    ends early raises ValidationError (the server would wait for the rest);
    ``cancel`` being set stops the body at the next chunk.
    """

    def __init__(
        self,
        source: Source,
        offset: int,
        length: int,
        tracker: Tracker | None = None,
        cancel: threading.Event | None = None,
        chunk_size: int = CHUNK_SIZE,
    ) -> None:
        self.source, self.offset, self.length = source, offset, length
        self.tracker, self.cancel, self.chunk_size = tracker, cancel, chunk_size
        self.md5 = md5()
        self.sent = 0

    def __len__(self) -> int:
        return self.length

    def _read(self, position: int, size: int) -> bytes:
        # An OSError raised while requests sends would pass for a connection failure.
        try:
            return self.source.read_at(position, size)
        except OSError as exc:
            raise exceptions.ClientException(
                "Cannot read the data to upload at byte %d: %s" % (position, exc.strerror or exc)
            ) from exc

    def __iter__(self) -> _t.Iterator[bytes]:
        position, end = self.offset, self.offset + self.length
        while position < end:
            if self.cancel is not None and self.cancel.is_set():
                raise Cancelled()
            data = self._read(position, min(self.chunk_size, end - position))
            if not data:
                raise exceptions.ValidationError(
                    "The data to upload ended at byte %d of %d: was the file changed "
                    "during the upload?" % (position, end)
                )
            self.md5.update(data)
            position += len(data)
            self.sent += len(data)
            if self.tracker is not None:
                self.tracker.data(len(data))
            yield data


class StreamBody:
    """A source read in order (size unknown), hashed; ``limit`` bytes at most.

    Used for uploads from iterators: one body per object, or one per
    segment (``limit``), taking over what the previous one read too far.
    """

    def __init__(
        self,
        chunks: _t.Iterator[bytes],
        limit: int | None = None,
        tracker: Tracker | None = None,
        leftover: bytes = b"",
    ) -> None:
        self.chunks, self.limit, self.tracker = chunks, limit, tracker
        self.leftover = leftover
        self.md5 = md5()
        self.sent = 0
        self.exhausted = False

    def __iter__(self) -> _t.Iterator[bytes]:
        while self.limit is None or self.sent < self.limit:
            data, self.leftover = self.leftover, b""
            if not data:
                data = next(self.chunks, b"")
                if not data:
                    self.exhausted = True
                    return
            if self.limit is not None and self.sent + len(data) > self.limit:
                cut = self.limit - self.sent
                data, self.leftover = data[:cut], data[cut:]
            self.md5.update(data)
            self.sent += len(data)
            if self.tracker is not None:
                self.tracker.data(len(data))
            yield data

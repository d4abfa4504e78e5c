"""Streamed transfers: bodies sent and received in constant memory, hashed on the way.

Shared by the service clients that move data (image data, objects). Data
goes through in chunks of :data:`CHUNK_SIZE` bytes and is never held whole:

* :class:`Digests` hashes a stream with several algorithms at once, each in
  its own thread (hashlib releases the GIL on large buffers), so hashing
  overlaps with the network instead of following it;
* :class:`UploadBody` is a request body over a path, a file object, bytes
  or an iterator of bytes: it reads the source once, hashes what it sends
  and reports progress; a path or a seekable file restarts from its start
  if the pipeline has to send the body again (after a 401), an iterator
  refuses to (its data is gone);
* :func:`check_source` refuses a missing or unreadable path before any
  request is sent;
* :func:`copy_response` writes a streamed response somewhere, hashing and
  reporting progress, and turns a broken connection into a
  :class:`~stackclient.apiclient.exceptions.TransportError` that says how
  far it got;
* :class:`PartFile` writes a download to ``<path>.part`` and renames it to
  ``<path>`` only once it is verified, so a failed or interrupted download
  never looks complete; a later download can resume from the partial file.

Example::

    body = UploadBody("disk.qcow2", algorithms=("md5", "sha512"),
                      progress=lambda done, total: print(done, total))
    client.put("/images/%s/file" % image_id, data=body)
    body.hexdigests()   # {'md5': '...', 'sha512': '...'}
"""

from __future__ import annotations

import io
import os
import typing as _t

import requests
import urllib3.exceptions

from stackclient.apiclient import exceptions
from stackclient.apiclient._hashing import CHUNK_SIZE, Digests

__all__ = [
    "CHUNK_SIZE",
    "Digests",
    "PartFile",
    "Progress",
    "UploadBody",
    "check_source",
    "copy_response",
]

#: A progress callback: ``progress(bytes_done, total_bytes_or_None)``.
Progress = _t.Callable[[int, _t.Optional[int]], _t.Any]

# -- sources -------------------------------------------------------------------


def check_source(source: _t.Any) -> None:
    """Refuse a data source that cannot be read, before anything is sent.

    ``source`` is a path (``str`` or ``os.PathLike``), bytes, a binary
    file object or an iterable of bytes. A path that does not exist, is a
    directory or cannot be opened raises ValidationError naming it.
    """
    if isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        try:
            with open(path, "rb"):
                pass
        except OSError as exc:
            raise exceptions.ValidationError(
                "Cannot read %s: %s. Nothing was sent; check the path." % (path, exc.strerror)
            ) from exc
        return
    if isinstance(source, (bytes, bytearray, memoryview)) or hasattr(source, "read"):
        return
    if isinstance(source, str) or not hasattr(source, "__iter__"):
        raise exceptions.ValidationError(
            "Data must be a path, bytes, a binary file object or an iterable of bytes, not %s"
            % type(source).__name__
        )


def _file_size(handle: _t.Any) -> int | None:
    """Bytes left to read in a file object, or None when it cannot tell."""
    try:
        position = handle.tell()
        try:
            end = os.fstat(handle.fileno()).st_size
        except (OSError, AttributeError, io.UnsupportedOperation):
            end = handle.seek(0, io.SEEK_END)
            handle.seek(position)
    except (OSError, AttributeError, ValueError, io.UnsupportedOperation):
        return None
    return max(end - position, 0)


class UploadBody:
    """A request body over a path, a file object, bytes or an iterable of bytes.

    Give it to the pipeline as ``data=``: it has a length when the size is
    known (so ``Content-Length`` is sent; otherwise the body goes chunked),
    reads the source exactly once per send in ``chunk_size`` pieces, hashes
    what it sends with ``algorithms`` (:class:`Digests`) and calls
    ``progress(bytes_sent, total)`` after each chunk. ``size`` gives the
    length of an iterator's data (sent as Content-Length). A path is opened when
    the body is sent and closed after it; a file object given is read from
    its current position and left open.

    If the pipeline sends the body again (a 401 answered by a new token, a
    connection retry), a path or seekable file starts over from the
    beginning with fresh hashes; an iterator cannot, and raises
    ClientException instead of sending a truncated body.

    Example::

        body = UploadBody(open("disk.img", "rb"), algorithms=("md5",))
        session.put(url, data=body, headers={"Content-Type": "application/octet-stream"})
        body.size, body.hexdigests()["md5"]
    """

    def __init__(
        self,
        source: _t.Any,
        *,
        algorithms: _t.Iterable[str] = ("md5",),
        progress: Progress | None = None,
        chunk_size: int = CHUNK_SIZE,
        name: str | None = None,
        size: int | None = None,
    ) -> None:
        check_source(source)
        self._source = source
        self._chunk_size = chunk_size
        self._progress = progress
        self.digests = Digests(algorithms)
        self.name = name or _describe_source(source)
        self.total = self._total(size)
        self._start: int | None = None
        self._sent_once = False

    def _total(self, size: int | None) -> int | None:
        source = self._source
        if size is not None:
            return size
        if isinstance(source, (str, os.PathLike)):
            return os.stat(os.fspath(source)).st_size
        if isinstance(source, (bytes, bytearray, memoryview)):
            return len(source)
        if hasattr(source, "read"):
            return _file_size(source)
        return None  # an iterator: sent chunked

    @property
    def size(self) -> int:
        """Bytes sent (and hashed) by the last send."""
        return self.digests.size

    def hexdigests(self) -> dict[str, str]:
        """``{algorithm: hex digest}`` of what the last send sent."""
        return self.digests.hexdigests()

    def __bool__(self) -> bool:
        return True  # even when empty: requests replaces a false body with {}

    def __len__(self) -> int:
        # requests sends Content-Length for a body with a length, chunked otherwise.
        if self.total is None:
            raise TypeError("the size of %s is not known" % self.name)
        return self.total

    def __iter__(self) -> _t.Iterator[bytes]:
        if self._sent_once:
            self._rewind()
        self._sent_once = True
        return self._chunks()

    def _rewind(self) -> None:
        source = self._source
        if hasattr(source, "seek") and self._start is not None:
            try:
                source.seek(self._start)
            except (OSError, ValueError) as exc:
                raise self._cannot_resend() from exc
        elif not isinstance(source, (str, os.PathLike, bytes, bytearray, memoryview)):
            raise self._cannot_resend()
        self.digests.reset()

    def _cannot_resend(self) -> exceptions.ClientException:
        return exceptions.ClientException(
            "The upload of %s had to be sent again, but its data came from a stream that "
            "cannot be read twice; pass a path or a seekable file to allow that" % self.name
        )

    def _chunks(self) -> _t.Iterator[bytes]:
        source = self._source
        if isinstance(source, (str, os.PathLike)):
            with open(os.fspath(source), "rb") as handle:
                yield from self._from_file(handle)
        elif isinstance(source, (bytes, bytearray, memoryview)):
            view = memoryview(source)
            yield from self._counted(
                bytes(view[i : i + self._chunk_size])
                for i in range(0, len(view), self._chunk_size)
            )
        elif hasattr(source, "read"):
            if self._start is None:
                self._start = _tell(source)
            yield from self._from_file(source)
        else:
            yield from self._counted(source)

    def _from_file(self, handle: _t.Any) -> _t.Iterator[bytes]:
        def read() -> _t.Iterator[bytes]:
            while True:
                try:
                    chunk = handle.read(self._chunk_size)
                except OSError as exc:
                    raise exceptions.ClientException(
                        "Reading %s failed after %d bytes: %s" % (self.name, self.size, exc)
                    ) from exc
                if not chunk:
                    return
                yield chunk

        return self._counted(read())

    def _counted(self, chunks: _t.Iterable[_t.Any]) -> _t.Iterator[bytes]:
        digests, progress, total = self.digests, self._progress, self.total
        for chunk in chunks:
            if not isinstance(chunk, (bytes, bytearray, memoryview)):
                raise exceptions.ValidationError(
                    "The data iterator for %s gave a %s; it must give bytes"
                    % (self.name, type(chunk).__name__)
                )
            if not chunk:
                continue
            chunk = bytes(chunk) if not isinstance(chunk, bytes) else chunk
            if total is not None and digests.size + len(chunk) > total:
                raise self._wrong_size("more than")
            digests.update(chunk)
            yield chunk
            if progress is not None:
                progress(digests.size, total)
        if total is not None and digests.size != total:
            raise self._wrong_size("only %d of" % digests.size)

    def _wrong_size(self, how: str) -> exceptions.ClientException:
        # Content-Length promised ``total`` bytes: sending another count would
        # leave the server waiting, or make it read the excess as a new request.
        return exceptions.ClientException(
            "%s gave %s the %d bytes announced (the file changed while it was sent, "
            "or size= is wrong); the upload was stopped" % (self.name, how, self.total)
        )


def _tell(handle: _t.Any) -> int | None:
    try:
        return handle.tell()
    except (OSError, AttributeError, ValueError, io.UnsupportedOperation):
        return None


def _describe_source(source: _t.Any) -> str:
    if isinstance(source, (str, os.PathLike)):
        return os.fspath(source)
    return getattr(source, "name", None) or "the %s given" % type(source).__name__


# -- receiving -----------------------------------------------------------------

#: What reading a streamed body can raise when the connection breaks.
_READ_ERRORS = (
    requests.RequestException,
    urllib3.exceptions.HTTPError,
    OSError,
)


def copy_response(
    resp: requests.Response,
    write: _t.Callable[[bytes], _t.Any],
    *,
    digests: Digests | None = None,
    progress: Progress | None = None,
    total: int | None = None,
    done: int = 0,
    what: str = "the download",
    chunk_size: int = CHUNK_SIZE,
) -> int:
    """Write the body of a streamed response with ``write``; return the bytes written.

    Every chunk goes to ``digests`` (if given) and ``progress(done, total)``
    is called after each, ``done`` counting from the given start (a resumed
    download). A connection that breaks mid-body raises TransportError
    saying how many bytes arrived; the response is closed in every case.
    """
    written = 0
    chunks = resp.iter_content(chunk_size)
    try:
        while True:
            try:
                chunk = next(chunks, None)
            except _READ_ERRORS as exc:
                raise _interrupted(what, done + written, total) from exc
            if chunk is None:
                return written
            if digests is not None:
                digests.update(chunk)
            try:
                write(chunk)
            except OSError as exc:
                raise exceptions.ClientException(
                    "Writing %s failed after %d bytes: %s" % (what, done + written, exc)
                ) from exc
            written += len(chunk)
            if progress is not None:
                progress(done + written, total)
    finally:
        resp.close()


def _interrupted(what: str, done: int, total: int | None) -> exceptions.TransportError:
    return exceptions.TransportError(
        "%s was interrupted after %d%s bytes; the connection broke before the end of the body"
        % (what[:1].upper() + what[1:], done, " of %d" % total if total is not None else ""),
        method="GET",
    )


class PartFile:
    """A download written to ``<path>.part``, renamed to ``<path>`` when verified.

    ``resume=True`` keeps an existing partial file and appends to it
    (:attr:`offset` is its size); otherwise it is truncated. :meth:`commit`
    renames it into place; :meth:`discard` removes it (data known to be
    bad); :meth:`close` keeps it for a later resume.

    Example::

        part = PartFile("disk.img", resume=True)
        ... ask for bytes part.offset onwards, part.write(chunk) ...
        part.commit()
    """

    SUFFIX = ".part"

    def __init__(self, path: _t.Any, resume: bool = False) -> None:
        self.path = os.fspath(path)
        self.part_path = self.path + self.SUFFIX
        if os.path.isdir(self.path):
            raise exceptions.ValidationError(
                "Cannot write %s: it is a directory; give the path of a file" % self.path
            )
        directory = os.path.dirname(os.path.abspath(self.path))
        if not os.path.isdir(directory):
            raise exceptions.ValidationError(
                "Cannot write %s: the directory %s does not exist" % (self.path, directory)
            )
        try:
            self._handle = open(self.part_path, "ab" if resume else "wb")  # noqa: SIM115
        except OSError as exc:
            raise exceptions.ValidationError(
                "Cannot write %s: %s" % (self.part_path, exc.strerror)
            ) from exc
        self.offset = self._handle.tell()

    def write(self, chunk: bytes) -> None:
        """Append ``chunk`` to the partial file."""
        self._handle.write(chunk)

    def restart(self) -> None:
        """Drop what the partial file holds and write from its start."""
        self._handle.seek(0)
        self._handle.truncate()
        self.offset = 0

    def read_existing(self, digests: Digests, chunk_size: int = CHUNK_SIZE) -> None:
        """Hash the bytes already in the partial file (before resuming)."""
        with open(self.part_path, "rb") as handle:
            remaining = self.offset
            while remaining > 0:
                chunk = handle.read(min(chunk_size, remaining))
                if not chunk:
                    break
                digests.update(chunk)
                remaining -= len(chunk)

    def close(self) -> None:
        """Close the partial file and keep it (for a later resume)."""
        if not self._handle.closed:
            self._handle.close()

    def commit(self) -> str:
        """Close the partial file and rename it to the final path; return that path."""
        self.close()
        try:
            os.replace(self.part_path, self.path)
        except OSError as exc:  # kept: the verified data stays in the partial file
            raise exceptions.ValidationError(
                "Cannot move the verified download %s to %s: %s"
                % (self.part_path, self.path, exc.strerror)
            ) from exc
        return self.path

    def discard(self) -> None:
        """Close and remove the partial file."""
        self.close()
        try:
            os.remove(self.part_path)
        except FileNotFoundError:
            pass

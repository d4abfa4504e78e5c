"""Moving image data: upload, stage and download, streamed and verified.

* Upload (``PUT /v2/images/{id}/file``) and stage (``PUT .../stage``) send
  an :class:`~stackclient.apiclient.streams.UploadBody`: the source is read
  once, in constant memory, hashed on the way with md5 and the server's
  ``os_hash_algo``. After an upload the image is read back and Glance's
  ``size``, ``checksum`` and ``os_hash_value`` compared with what was sent.
* Download reads the image record, then streams ``GET .../file`` into a
  file, hashing with the image's ``os_hash_algo`` (md5 ``checksum`` when
  the image has no ``os_hash_value``) and comparing at the end. A path is
  written as ``<path>.part``; an interrupted download resumes from it with
  ``Range: bytes=<n>-``, hashing the bytes it already has first, so the
  whole file is verified.
"""

from __future__ import annotations

import os
import typing as _t

from stackclient.apiclient import _ids, exceptions, streams

if _t.TYPE_CHECKING:  # pragma: no cover
    import requests

__all__ = ["DEFAULT_HASH_ALGO", "Transfer", "check_recorded", "download", "stage", "upload"]

#: Glance's default ``hashing_algorithm``.
DEFAULT_HASH_ALGO = "sha512"

_OCTETS = {"Content-Type": "application/octet-stream"}


class Transfer(_t.NamedTuple):
    """What an upload, stage or download moved, and how it was checked.

    ``size`` is the bytes transferred (for a resumed download: the whole
    file), ``hexdigests`` maps each algorithm computed to its hex digest,
    ``verified_with`` names the algorithm compared with what Glance
    recorded (``sha512``, or ``md5`` when the image has no
    ``os_hash_value``), or is None when nothing was compared. ``path`` is
    where a download was written; ``resumed_from`` the bytes a resumed
    download found in its partial file.
    """

    image_id: str
    size: int
    hexdigests: dict[str, str]
    verified_with: str | None = None
    path: str | None = None
    resumed_from: int = 0


# -- upload and stage ------------------------------------------------------------


def _algorithms(manager: _t.Any, hash_algo: str | None) -> tuple[str, ...]:
    algo = hash_algo or getattr(manager.client, "_image_hash_algo", None) or DEFAULT_HASH_ALGO
    return ("md5", algo) if algo != "md5" else ("md5",)


def _send(
    manager: _t.Any,
    resource: _t.Any,
    data: _t.Any,
    where: str,
    progress: streams.Progress | None,
    size: int | None,
    hash_algo: str | None,
) -> tuple[str, streams.UploadBody]:
    image_id = _ids.check_id(resource, "image")
    body = streams.UploadBody(
        data,
        algorithms=_algorithms(manager, hash_algo),
        progress=progress,
        size=size,
        name="data for image %s" % image_id,
    )
    url = "%s/%s" % (manager._member_path(image_id, "image"), where)
    try:
        manager.client.put(url, data=body, headers=_OCTETS)
    finally:
        body.digests.close()
    return image_id, body


def upload(
    manager: _t.Any,
    resource: _t.Any,
    data: _t.Any,
    *,
    progress: streams.Progress | None = None,
    size: int | None = None,
    hash_algo: str | None = None,
    verify: bool = True,
) -> Transfer:
    """Upload and verify; see :meth:`ImageManager.upload`."""
    image_id, body = _send(manager, resource, data, "file", progress, size, hash_algo)
    sent = Transfer(image_id, body.size, body.hexdigests())
    if not verify:
        return sent
    image = manager.get(image_id)
    return sent._replace(verified_with=check_recorded(manager, image, sent))


def stage(
    manager: _t.Any,
    resource: _t.Any,
    data: _t.Any,
    *,
    progress: streams.Progress | None = None,
    size: int | None = None,
    hash_algo: str | None = None,
) -> Transfer:
    """Stage (unverified until imported); see :meth:`ImageManager.stage`."""
    image_id, body = _send(manager, resource, data, "stage", progress, size, hash_algo)
    return Transfer(image_id, body.size, body.hexdigests())


def check_recorded(manager: _t.Any, image: _t.Any, sent: Transfer) -> str | None:
    """Compare what Glance recorded for ``image`` with ``sent``; return the algorithm used.

    Raises ChecksumMismatch on a different size, md5 ``checksum`` or
    ``os_hash_value``. Remembers the server's ``os_hash_algo`` on the
    client, so the next upload hashes with it from the start.
    """
    algo = getattr(image, "os_hash_algo", None)
    if algo:
        manager.client._image_hash_algo = algo
    recorded_size = getattr(image, "size", None)
    if recorded_size is not None and recorded_size != sent.size:
        raise exceptions.ChecksumMismatch(
            "Glance recorded %d bytes for image %s, but %d were sent; the image holds "
            "other data than what was sent: delete it and upload again"
            % (recorded_size, sent.image_id, sent.size),
            name=sent.image_id,
            algorithm="size",
            expected=str(recorded_size),
            actual=str(sent.size),
        )
    used = None
    for name, recorded in ((algo, getattr(image, "os_hash_value", None)),
                           ("md5", getattr(image, "checksum", None))):  # fmt: skip
        if not name or not recorded or name not in sent.hexdigests:
            continue
        _compare(sent.image_id, name, recorded, sent.hexdigests[name], "uploaded")
        used = used or name
    return used


def _compare(image_id: str, algo: str, expected: str, actual: str, verb: str) -> None:
    if expected.lower() != actual.lower():
        raise exceptions.ChecksumMismatch(
            "The %s %s of image %s differs: Glance recorded %s, the data %s has %s"
            % (algo, "checksum" if algo == "md5" else "hash", image_id, expected, verb, actual),
            name=image_id,
            algorithm=algo,
            expected=expected,
            actual=actual,
        )


# -- download ----------------------------------------------------------------------


def _expected(image: _t.Any, verify: bool) -> tuple[str | None, str | None]:
    """(algorithm, value) to verify a download against: os_hash first, then md5."""
    if not verify:
        return None, None
    algo, value = getattr(image, "os_hash_algo", None), getattr(image, "os_hash_value", None)
    if algo and value:
        return algo, value
    checksum = getattr(image, "checksum", None)
    return ("md5", checksum) if checksum else (None, None)


def _check_downloadable(image: _t.Any, image_id: str) -> int | None:
    status = getattr(image, "status", None)
    if status != "active":
        raise exceptions.ClientException(
            "Image %s has no data to download: its status is %s (only active images have "
            "data; a deactivated image's data is unavailable until it is reactivated)"
            % (image_id, status)
        )
    size = getattr(image, "size", None)
    return size if isinstance(size, int) else None


def download(
    manager: _t.Any,
    resource: _t.Any,
    target: _t.Any,
    *,
    progress: streams.Progress | None = None,
    resume: bool = False,
    verify: bool = True,
) -> Transfer:
    """Download and verify; see :meth:`ImageManager.download`."""
    image_id = _ids.check_id(resource, "image")
    if not isinstance(target, (str, os.PathLike)) and not hasattr(target, "write"):
        raise exceptions.ValidationError(
            "target must be a path or a binary file object, not %s" % type(target).__name__
        )
    image = manager.get(image_id)
    size = _check_downloadable(image, image_id)
    algo, expected = _expected(image, verify)
    job = _Download(manager, image_id, size, algo, progress)
    if isinstance(target, (str, os.PathLike)):
        return job.to_path(target, resume, expected)
    job.stream(target.write, 0)
    return job.finish(expected, None, 0)


class _Download:
    """One download: the request, the hashing, the checks."""

    def __init__(
        self,
        manager: _t.Any,
        image_id: str,
        size: int | None,
        algo: str | None,
        progress: streams.Progress | None,
    ) -> None:
        self.manager = manager
        self.image_id = image_id
        self.size = size
        self.algo = algo
        self.progress = progress
        self.digests = streams.Digests((algo,) if algo else ())
        self.url = "%s/file" % manager._member_path(image_id, "image")

    def request(self, offset: int) -> requests.Response:
        headers = {"Range": "bytes=%d-" % offset} if offset else None
        return self.manager.client.get(self.url, stream=True, headers=headers)

    def stream(self, write: _t.Callable[[bytes], _t.Any], offset: int,
               resp: requests.Response | None = None) -> None:  # fmt: skip
        resp = resp if resp is not None else self.request(offset)
        what = "the download of image %s" % self.image_id
        try:
            streams.copy_response(resp, write, digests=self.digests, progress=self.progress,
                                  total=self.size, done=offset, what=what)  # fmt: skip
        except BaseException as exc:
            self.digests.close()
            if not isinstance(exc, exceptions.TransportError):
                raise
            raise exceptions.TransportError(
                "%s. Call download(..., resume=True) with the same path to continue"
                % str(exc).rstrip("."),
                url=exc.url,
                method="GET",
            ) from exc

    def finish(self, expected: str | None, path: str | None, resumed_from: int) -> Transfer:
        got = self.digests.size
        digests = self.digests.hexdigests()
        if self.size is not None and got != self.size:
            raise exceptions.ChecksumMismatch(
                "Image %s should have %d bytes, %d arrived" % (self.image_id, self.size, got),
                name=self.image_id,
                algorithm="size",
                expected=str(self.size),
                actual=str(got),
            )
        if self.algo and expected:
            _compare(self.image_id, self.algo, expected, digests[self.algo], "downloaded")
        used = self.algo if expected else None
        return Transfer(self.image_id, got, digests, used, path, resumed_from)

    def to_path(self, target: _t.Any, resume: bool, expected: str | None) -> Transfer:
        part = streams.PartFile(target, resume=resume)
        try:
            offset = self._resume_point(part)
            if offset is None or self.size is None or offset < self.size:
                self._fetch_into(part, offset or 0)
            result = self.finish(expected, part.path, part.offset if offset else 0)
        except exceptions.ChecksumMismatch:
            part.discard()
            raise
        except BaseException:
            self.digests.close()
            part.close()
            raise
        part.commit()
        return result

    def _resume_point(self, part: streams.PartFile) -> int | None:
        """Bytes to keep from the partial file (hashed now), or None to start over."""
        if part.offset == 0:
            return None
        if self.size is not None and part.offset > self.size:
            part.restart()
            return None
        part.read_existing(self.digests)
        return part.offset

    def _fetch_into(self, part: streams.PartFile, offset: int) -> None:
        resp = self.request(offset)
        if offset and not _continues_at(resp, offset):
            # The server sent the whole image (no Range support): start over.
            part.restart()
            self.digests.reset()
            offset = 0
        self.stream(part.write, offset, resp)


def _continues_at(resp: requests.Response, offset: int) -> bool:
    """True when ``resp`` is a 206 whose Content-Range starts at ``offset``."""
    if resp.status_code != 206:
        return False
    content_range = resp.headers.get("Content-Range", "")
    return content_range.replace(" ", "").startswith("bytes%d-" % offset)

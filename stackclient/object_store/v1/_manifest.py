"""Large-object manifests: building them, reading them, and their ETag rule.

A static large object (SLO) is a JSON list of segments; its ETag is the
MD5 of its segments' ETags written one after another (``etag:range;`` for
a segment that uses only a range of its object). A dynamic large object
(DLO) is a zero-byte object whose ``X-Object-Manifest: <container>/<prefix>``
names the segments by prefix; its ETag is the MD5 of the listed
segments' ETags, in listing order. Both ETags come back quoted.
"""

from __future__ import annotations

import typing as _t

from stackclient import _jsonutils
from stackclient.apiclient import exceptions
from stackclient.object_store.v1 import _errors, _headers
from stackclient.object_store.v1._sources import md5

if _t.TYPE_CHECKING:  # pragma: no cover
    import requests

__all__ = ["Part", "large_etag", "manifest_parts", "read_put_answer", "slo_entry"]


class Part(_t.NamedTuple):
    """One piece of an object to download: ``length`` bytes from ``offset``.

    ``md5`` is the MD5 its bytes must have (None when it cannot be known:
    a nested manifest, or a range of a plain object); ``etag_term`` is
    what it contributes to its large object's ETag.
    """

    offset: int
    length: int
    md5: str | None
    etag_term: str


def large_etag(terms: _t.Iterable[str]) -> str:
    """The ETag of a large object made of segments with these ETag terms."""
    digest = md5()
    for term in terms:
        digest.update(term.encode("ascii"))
    return str(digest.hexdigest())


def manifest_parts(entries: _t.Any, resp: requests.Response, where: str) -> list[Part]:
    """The parts of an SLO from its ``?multipart-manifest=get`` listing."""
    if not isinstance(entries, list):
        raise exceptions.InvalidResponse(
            "The manifest of %s is not a JSON list; is it a static large object?" % where,
            response=resp,
        )
    parts: list[Part] = []
    offset = 0
    for entry in entries:
        part = _entry_part(entry, offset, resp, where)
        parts.append(part)
        offset += part.length
    return parts


def _entry_part(entry: _t.Any, offset: int, resp: requests.Response, where: str) -> Part:
    try:
        etag, size = str(entry["hash"]), int(entry["bytes"])
    except (KeyError, TypeError, ValueError):
        raise exceptions.InvalidResponse(
            "A manifest entry of %s lacks 'hash' or 'bytes': %r" % (where, entry), response=resp
        ) from None
    span = entry.get("range")
    nested = bool(entry.get("sub_slo"))
    if span:
        first, _, last = str(span).partition("-")
        try:
            length = int(last) - int(first) + 1 if first else int(last)
        except ValueError:
            raise exceptions.InvalidResponse(
                "A manifest entry of %s has a bad range %r" % (where, span), response=resp
            ) from None
        return Part(offset, min(length, size), None, "%s:%s;" % (etag, span))
    return Part(offset, size, None if nested else etag, etag)


def slo_entry(path: str, etag: str, size: int) -> dict[str, _t.Any]:
    """One segment of an SLO manifest to PUT."""
    return {"path": path, "etag": etag, "size_bytes": size}


def read_put_answer(resp: requests.Response, where: str) -> str | None:
    """The ETag a manifest PUT answered with; raise for a failure in a heartbeat body.

    With ``heartbeat=on`` Swift answers 202 at once and writes the real
    status into the body (``{"Response Status": "400 Bad Request",
    "Errors": [[path, reason], ...]}``); an ``Etag Mismatch`` among the
    errors raises ChecksumMismatch, any other failure the HttpError of
    that status.
    """
    if resp.status_code != 202:
        return _headers.unquote_etag(resp.headers.get("Etag"))
    try:
        body = _jsonutils.loads(resp.content.strip() or b"{}")
    except ValueError:
        raise exceptions.InvalidResponse(
            "Swift's answer to the manifest PUT of %s is not JSON" % where, response=resp
        ) from None
    status = str(body.get("Response Status") or "")
    code = int(status.split(" ", 1)[0]) if status[:3].isdigit() else 0
    if 200 <= code < 300:
        return str(body.get("Etag") or "").strip('"') or None
    errors = body.get("Errors") or []
    mismatched = [str(e[0]) for e in errors if isinstance(e, list) and "Etag" in str(e[-1])]
    if mismatched:
        raise exceptions.ChecksumMismatch(
            "The segments %s of %s no longer have the ETag they were uploaded with; "
            "upload them again (resume=True re-sends only those)" % (", ".join(mismatched), where),
            name=where,
            algorithm="md5",
            response=resp,
        )
    detail = (
        "; ".join("%s: %s" % tuple(e[:2]) for e in errors if isinstance(e, list))
        or str(body.get("Response Body") or "").strip()
    )
    raise _errors.from_status(resp, code or 500, status, detail)

"""A small Swift, in memory, behind requests-mock: what the object-store unit tests talk to.

It keeps containers and objects and answers as Swift 2.38 does for what
the client uses: listings (``format=json``, prefix, delimiter, marker,
end_marker, limit, reverse, versions), object PUT with ``ETag`` checks
(422), ``X-Copy-From``, symlinks, SLO manifests (``multipart-manifest=put``
with ``heartbeat=on``, ``=get``), DLO, Range and ``If-Match`` GETs,
metadata POSTs, bulk delete and ``/info``. Faults can be injected:
``corrupt_etags`` (PUTs answer a wrong ETag), ``corrupt_reads`` (GETs of
those objects return altered bytes), ``fail_puts`` (the n-th PUT of a name
answers 503), ``cut_reads`` (GETs of those objects stop half way).
Every request stays in ``requests_mock.request_history``.
"""

from __future__ import annotations

import hashlib
import json
import typing as _t
import urllib.parse

import requests_mock

ROOT = "http://swift.test:8080"
INFO: dict[str, _t.Any] = {
    "swift": {"version": "2.38.3", "max_file_size": 5368709122, "container_listing_limit": 10000},
    "slo": {"max_manifest_segments": 1000, "min_segment_size": 1},
    "bulk_delete": {"max_deletes_per_request": 10000, "max_failed_deletes": 1000},
    "tempurl": {"methods": ["GET", "HEAD", "PUT"], "allowed_digests": ["sha256", "sha512"]},
}


def md5(data: bytes) -> str:
    return hashlib.md5(data).hexdigest()


class Stored(_t.NamedTuple):
    data: bytes
    headers: dict[str, str]
    manifest: list[dict[str, _t.Any]] | None = None


class FakeSwift:
    """The account ``AUTH_<project>`` of a one-node Swift."""

    def __init__(self, mocker: _t.Any, account_url: str, info: dict[str, _t.Any] | None = None):
        self.account_path = urllib.parse.urlsplit(account_url).path
        self.info = INFO if info is None else info
        self.containers: dict[str, dict[str, Stored]] = {}
        self.container_meta: dict[str, dict[str, str]] = {}
        self.account_meta: dict[str, str] = {}
        self.corrupt_etags: set[str] = set()
        self.corrupt_reads: set[str] = set()
        self.cut_reads: set[str] = set()
        self.fail_puts: dict[str, int] = {}
        mocker.add_matcher(_Matcher(self._match))

    # -- plumbing ------------------------------------------------------------------

    def _match(self, request: _t.Any) -> _t.Any:
        parts = urllib.parse.urlsplit(request.url)
        if not request.url.startswith(ROOT):
            return None
        query = urllib.parse.parse_qs(parts.query, keep_blank_values=True)
        path = urllib.parse.unquote(parts.path)
        if path == "/info":
            return self._reply(request, 200, json.dumps(self.info).encode())
        if not path.startswith(self.account_path):
            return None
        rest = path[len(self.account_path) :].lstrip("/")
        container, _, name = rest.partition("/")
        body = self._body(request)
        if not container:
            return self._account(request, query, body)
        if not name:
            return self._container(request, container, query)
        return self._object(request, container, name, query, body)

    @staticmethod
    def _body(request: _t.Any) -> bytes:
        body = request.body
        if body is None:
            return b""
        if isinstance(body, (bytes, str)):
            return body.encode() if isinstance(body, str) else body
        return b"".join(bytes(chunk) for chunk in body)

    def _reply(
        self,
        request: _t.Any,
        status: int,
        content: bytes = b"",
        headers: dict[str, str] | None = None,
    ) -> _t.Any:
        sent = {"X-Openstack-Request-Id": "tx-fake", "Content-Length": str(len(content))}
        sent.update(headers or {})
        return requests_mock.create_response(
            request, status_code=status, content=content, headers=sent
        )

    def _error(self, request: _t.Any, status: int, text: str) -> _t.Any:
        return self._reply(request, status, text.encode(), {"Content-Type": "text/html"})

    # -- account ---------------------------------------------------------------------

    def _account(self, request: _t.Any, query: dict[str, list[str]], body: bytes) -> _t.Any:
        if request.method == "POST" and "bulk-delete" in query:
            return self._bulk_delete(request, body)
        if request.method == "POST":
            self._set_meta(self.account_meta, request.headers, "account")
            return self._reply(request, 204)
        headers = {
            "X-Account-Container-Count": str(len(self.containers)),
            "X-Account-Object-Count": str(sum(len(c) for c in self.containers.values())),
            "X-Account-Bytes-Used": str(
                sum(len(o.data) for c in self.containers.values() for o in c.values())
            ),
        }
        headers.update(self.account_meta)
        if request.method == "HEAD":
            return self._reply(request, 204, b"", headers)
        items = [
            {"name": name, "count": len(objs), "bytes": sum(len(o.data) for o in objs.values())}
            for name, objs in sorted(self.containers.items())
        ]
        return self._listing(request, items, query, headers)

    def _bulk_delete(self, request: _t.Any, body: bytes) -> _t.Any:
        deleted = missing = 0
        errors = []
        for line in body.decode().splitlines():
            container, _, name = urllib.parse.unquote(line).lstrip("/").partition("/")
            objs = self.containers.get(container)
            if objs is None or (name and name not in objs):
                missing += 1
            elif not name and objs:
                errors.append([line, "409 Conflict"])
            else:
                if name:
                    del objs[name]
                else:
                    del self.containers[container]
                deleted += 1
        status = "400 Bad Request" if errors else "200 OK"
        answer = {
            "Number Deleted": deleted,
            "Number Not Found": missing,
            "Errors": errors,
            "Response Status": status,
            "Response Body": "",
        }
        return self._reply(
            request, 200, json.dumps(answer).encode(), {"Content-Type": "application/json"}
        )

    # -- containers --------------------------------------------------------------------

    def _container(self, request: _t.Any, container: str, query: dict[str, list[str]]) -> _t.Any:
        method = request.method
        if method == "PUT":
            created = container not in self.containers
            self.containers.setdefault(container, {})
            self.container_meta.setdefault(container, {})
            self._set_meta(self.container_meta[container], request.headers, "container")
            return self._reply(request, 201 if created else 202)
        if container not in self.containers:
            return self._error(
                request,
                404,
                "<html><h1>Not Found</h1><p>The resource could not be found.</p></html>",
            )
        objs = self.containers[container]
        if method == "POST":
            self._set_meta(self.container_meta[container], request.headers, "container")
            return self._reply(request, 204)
        if method == "DELETE":
            if objs:
                return self._error(
                    request, 409, "There was a conflict when trying to complete your request."
                )
            del self.containers[container]
            return self._reply(request, 204)
        headers = {
            "X-Container-Object-Count": str(len(objs)),
            "X-Container-Bytes-Used": str(sum(len(o.data) for o in objs.values())),
        }
        headers.update(self.container_meta[container])
        if method == "HEAD":
            return self._reply(request, 204, b"", headers)
        items = [
            {
                "name": name,
                "bytes": len(obj.data),
                "hash": obj.headers["Etag"].strip('"'),
                "content_type": obj.headers.get("Content-Type", "application/octet-stream"),
                "last_modified": "2026-01-01T00:00:00.000000",
            }
            for name, obj in sorted(objs.items())
        ]
        return self._listing(request, items, query, headers)

    def _listing(
        self,
        request: _t.Any,
        items: list[dict[str, _t.Any]],
        query: dict[str, list[str]],
        headers: dict[str, str],
    ) -> _t.Any:
        one = {key: values[-1] for key, values in query.items()}
        if one.get("reverse") in ("true", "1"):
            items = items[::-1]
        prefix, delimiter = one.get("prefix", ""), one.get("delimiter")
        items = [i for i in items if i["name"].startswith(prefix)]
        if delimiter:
            items = self._rolled_up(items, prefix, delimiter)
        reverse = one.get("reverse") in ("true", "1")
        if "marker" in one:
            mark = one["marker"]
            items = [i for i in items if (_key(i) < mark if reverse else _key(i) > mark)]
        if "end_marker" in one:
            end = one["end_marker"]
            items = [i for i in items if (_key(i) > end if reverse else _key(i) < end)]
        limit = min(int(one.get("limit", 10000)), 10000)
        page = items[:limit]
        return self._reply(
            request,
            200,
            json.dumps(page).encode(),
            dict(headers, **{"Content-Type": "application/json; charset=utf-8"}),
        )

    @staticmethod
    def _rolled_up(
        items: list[dict[str, _t.Any]], prefix: str, delimiter: str
    ) -> list[dict[str, _t.Any]]:
        out: list[dict[str, _t.Any]] = []
        for item in items:
            rest = item["name"][len(prefix) :]
            if delimiter in rest:
                subdir = prefix + rest.split(delimiter, 1)[0] + delimiter
                if not out or out[-1].get("subdir") != subdir:
                    out.append({"subdir": subdir})
            else:
                out.append(item)
        return out

    # -- objects ------------------------------------------------------------------------

    def _object(
        self, request: _t.Any, container: str, name: str, query: dict[str, list[str]], body: bytes
    ) -> _t.Any:
        objs = self.containers.get(container)
        if objs is None:
            return self._error(
                request,
                404,
                "<html><h1>Not Found</h1><p>The resource could not be found.</p></html>",
            )
        method = request.method
        if method == "PUT":
            return self._put(request, container, name, query, body)
        obj = objs.get(name)
        if obj is None:
            return self._error(
                request,
                404,
                "<html><h1>Not Found</h1><p>The resource could not be found.</p></html>",
            )
        if method == "DELETE":
            del objs[name]
            return self._reply(request, 204)
        if method == "POST":
            kept = {
                k: v for k, v in obj.headers.items() if not k.lower().startswith("x-object-meta-")
            }
            self._set_meta(kept, request.headers, "object")
            for header in ("Content-Type", "X-Delete-At"):
                if header in request.headers:
                    kept[header] = request.headers[header]
            objs[name] = obj._replace(headers=kept)
            return self._reply(request, 202)
        return self._read(request, container, name, obj, query)

    def _put(
        self, request: _t.Any, container: str, name: str, query: dict[str, list[str]], body: bytes
    ) -> _t.Any:
        key = "%s/%s" % (container, name)
        if self.fail_puts.get(key):
            self.fail_puts[key] -= 1
            return self._error(request, 503, "Service Unavailable")
        headers = {
            k: v.decode("latin-1") if isinstance(v, bytes) else v
            for k, v in request.headers.items()
            if k.lower().startswith(
                (
                    "x-object-meta-",
                    "content-type",
                    "x-delete",
                    "x-object-manifest",
                    "x-symlink-target",
                )
            )
        }
        if "multipart-manifest" in query:
            return self._put_manifest(request, container, name, query, body, headers)
        source = request.headers.get("X-Copy-From")
        if source:
            from_container, _, from_name = urllib.parse.unquote(source).lstrip("/").partition("/")
            original = self.containers[from_container][from_name]
            merged = {} if request.headers.get("X-Fresh-Metadata") else dict(original.headers)
            merged.update(headers)
            body = self._data(original)
            headers = merged
        sent = request.headers.get("ETag")
        if sent and sent != md5(body):
            return self._error(
                request,
                422,
                "<html><h1>Unprocessable Entity</h1><p>Unable to process the contained instructions</p></html>",
            )
        etag = md5(body) if key not in self.corrupt_etags else md5(body + b"!")
        headers["Etag"] = etag
        self.containers[container][name] = Stored(body, headers)
        return self._reply(
            request, 201, b"", {"Etag": etag, "Last-Modified": "Thu, 01 Jan 2026 00:00:00 GMT"}
        )

    def _put_manifest(
        self,
        request: _t.Any,
        container: str,
        name: str,
        query: dict[str, list[str]],
        body: bytes,
        headers: dict[str, str],
    ) -> _t.Any:
        entries = json.loads(body)
        errors, etags = [], []
        for entry in entries:
            seg_container, _, seg_name = entry["path"].lstrip("/").partition("/")
            found = self.containers.get(seg_container, {}).get(seg_name)
            if found is None:
                errors.append([entry["path"], "404 Not Found"])
            elif entry.get("etag") and entry["etag"] != found.headers["Etag"]:
                errors.append([entry["path"], "Etag Mismatch"])
            elif entry.get("size_bytes") is not None and entry["size_bytes"] != len(found.data):
                errors.append([entry["path"], "Size Mismatch"])
            else:
                etags.append(found.headers["Etag"])
        slo_etag = md5("".join(etags).encode())
        if (
            not errors
            and request.headers.get("ETag")
            and request.headers["ETag"].strip('"') != slo_etag
        ):
            errors.append(["Etag", "does not match"])
        heartbeat = "heartbeat" in query
        if errors:
            answer = {"Response Status": "400 Bad Request", "Errors": errors, "Response Body": ""}
            if heartbeat:
                return self._reply(request, 202, b"  \n" + json.dumps(answer).encode())
            return self._reply(request, 400, json.dumps({"Errors": errors}).encode())
        manifest = [
            {
                "name": e["path"],
                "hash": self._segment(e).headers["Etag"],
                "bytes": len(self._segment(e).data),
            }
            for e in entries
        ]
        headers.update({"Etag": '"%s"' % slo_etag, "X-Static-Large-Object": "True"})
        self.containers[container][name] = Stored(b"", headers, manifest)
        if heartbeat:
            answer = {
                "Response Status": "201 Created",
                "Etag": '"%s"' % slo_etag,
                "Errors": [],
                "Response Body": "",
            }
            return self._reply(request, 202, b" \n" + json.dumps(answer).encode())
        return self._reply(request, 201, b"", {"Etag": '"%s"' % slo_etag})

    def _segment(self, entry: dict[str, _t.Any]) -> Stored:
        seg_container, _, seg_name = (
            (entry.get("path") or entry["name"]).lstrip("/").partition("/")
        )
        return self.containers[seg_container][seg_name]

    def _data(self, obj: Stored) -> bytes:
        if obj.manifest is not None:
            return b"".join(self._segment(e).data for e in obj.manifest)
        dlo = obj.headers.get("X-Object-Manifest")
        if dlo:
            container, _, prefix = urllib.parse.unquote(dlo).partition("/")
            objs = self.containers.get(container, {})
            return b"".join(objs[n].data for n in sorted(objs) if n.startswith(prefix))
        return obj.data

    def _etag(self, obj: Stored) -> str:
        dlo = obj.headers.get("X-Object-Manifest")
        if dlo and obj.manifest is None:
            container, _, prefix = urllib.parse.unquote(dlo).partition("/")
            objs = self.containers.get(container, {})
            return '"%s"' % md5(
                "".join(
                    objs[n].headers["Etag"] for n in sorted(objs) if n.startswith(prefix)
                ).encode()
            )
        return obj.headers["Etag"]

    def _read(
        self, request: _t.Any, container: str, name: str, obj: Stored, query: dict[str, list[str]]
    ) -> _t.Any:
        if "multipart-manifest" in query and obj.manifest is not None:
            return self._reply(
                request,
                200,
                json.dumps(obj.manifest).encode(),
                {
                    "Content-Type": "application/json; charset=utf-8",
                    "X-Static-Large-Object": "True",
                },
            )
        data, etag = self._data(obj), self._etag(obj)
        headers = dict(obj.headers, Etag=etag)
        match = request.headers.get("If-Match")
        if match and match.strip('"') != etag.strip('"'):
            return self._reply(request, 412, b"", headers)
        key = "%s/%s" % (container, name)
        status, span = 200, request.headers.get("Range")
        if span:
            first, _, last = span.split("=", 1)[1].partition("-")
            start, end = int(first), min(int(last), len(data) - 1)
            headers["Content-Range"] = "bytes %d-%d/%d" % (start, end, len(data))
            data, status = data[start : end + 1], 206
        if key in self.corrupt_reads and data:
            data = bytes([data[0] ^ 0xFF]) + data[1:]
        length = len(data)
        if key in self.cut_reads and request.method == "GET":
            data = data[: len(data) // 2]
        if request.method == "HEAD":
            return self._reply(
                request, 200, b"", dict(headers, **{"Content-Length": str(len(self._data(obj)))})
            )
        response = self._reply(request, status, data, headers)
        response.headers["Content-Length"] = str(length)
        return response

    # -- metadata -------------------------------------------------------------------------

    @staticmethod
    def _set_meta(target: dict[str, str], headers: _t.Mapping[str, str], kind: str) -> None:
        prefix, remove = "x-%s-meta-" % kind, "x-remove-%s-meta-" % kind
        for header, value in headers.items():
            lower = header.lower()
            if isinstance(value, bytes):
                value = value.decode("latin-1")
            if lower.startswith(remove):
                drop = "X-%s-Meta-%s" % (kind.title(), lower[len(remove) :].title())
                target.pop(drop, None)
            elif lower.startswith(prefix):
                target["X-%s-Meta-%s" % (kind.title(), lower[len(prefix) :].title())] = value
            elif kind == "container" and lower in (
                "x-container-read",
                "x-container-write",
                "x-versions-enabled",
            ):
                target[header.title()] = value
            elif kind == "container" and lower.startswith("x-remove-container-"):
                target.pop("X-Container-" + lower[len("x-remove-container-") :].title(), None)


class _Matcher:
    """A requests-mock matcher (they must have ``reset``, which ``reset_mock`` calls)."""

    def __init__(self, match: _t.Callable[[_t.Any], _t.Any]) -> None:
        self.match = match

    def __call__(self, request: _t.Any) -> _t.Any:
        return self.match(request)

    def reset(self) -> None:
        """Nothing to forget: the store is the test's state."""


def _key(item: dict[str, _t.Any]) -> str:
    return item.get("name") or item.get("subdir") or ""

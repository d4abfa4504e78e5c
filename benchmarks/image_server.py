"""Canned Keystone + Glance server for the image benchmarks, in its own process.

Run ``python -m benchmarks.image_server --port 0 --data FILE --list-total N``;
it hashes FILE once (md5 and sha512, as Glance would record them), then
prints ``READY <url>``. Without ``--data`` (a server only for listings and
records) there is no image data to download. asyncio streams, HTTP/1.1 keep-alive, request
bodies read by Content-Length or chunked encoding and counted, never kept;
image data sent with ``sendfile`` (Range honoured), so the clients are what
gets measured.

URL layout (the token's catalog puts the image service at ``/image``, as
devstack does)::

    POST /v3/auth/tokens                     201, token with a catalog
    GET  / , /v3                             identity discovery
    GET  /image , /image/v2                  image version discovery
    GET  /image/v2/images[?limit&marker&name] the canned list of N images, paged,
                                             with a root-relative ``next`` while
                                             more follow
    POST /image/v2/images                    201, a queued image
    GET  /image/v2/images/<id>               a created or canned image (404 if unknown)
    PUT  /image/v2/images/<id>/file          204; counts the bytes
    GET  /image/v2/images/<id>/file          FILE (206 with Range)
    GET  /_stats                             bytes received per image, counters

Canned images are encoded once at start-up, so no client pays the server's
first encode of a page.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import sys
import time
import uuid
from typing import Any
from urllib.parse import parse_qs

from benchmarks import documents

__all__ = ["canned_image", "image_id", "main"]

_CHUNK = 1024 * 1024
_REASONS = {200: "OK", 201: "Created", 204: "No Content", 206: "Partial Content",
            300: "Multiple Choices", 404: "Not Found", 405: "Method Not Allowed"}  # fmt: skip


def image_id(index: int) -> str:
    """The id of canned image ``index``."""
    return "%08x-0000-4000-8000-%012x" % (index, index)


def _digests(path: str | None) -> dict[str, Any]:
    md5, sha512, size = hashlib.md5(), hashlib.sha512(), 0
    if path is None:
        return {"size": 0, "checksum": md5.hexdigest(), "os_hash_value": sha512.hexdigest()}
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            md5.update(chunk)
            sha512.update(chunk)
            size += len(chunk)
    return {"size": size, "checksum": md5.hexdigest(), "os_hash_value": sha512.hexdigest()}


def canned_image(index: int) -> dict[str, Any]:
    """Image ``index`` of the canned list (as Glance shows an active image)."""
    return {
        "id": image_id(index),
        "name": "image-%06d" % index,
        "status": "active",
        "visibility": "public",
        "protected": False,
        "os_hidden": False,
        "owner": documents.ADMIN_PROJECT_ID,
        "size": 1024 * index,
        "min_disk": 0,
        "min_ram": 0,
        "checksum": "%032x" % index,
        "os_hash_algo": "sha512",
        "os_hash_value": "%0128x" % index,
        "disk_format": "qcow2",
        "container_format": "bare",
        "tags": ["bench"],
        "created_at": "2026-01-01T00:00:00Z",
        "updated_at": "2026-01-01T00:00:00Z",
        "self": "/v2/images/%08x-0000-4000-8000-%012x" % (index, index),
        "file": "/v2/images/%08x-0000-4000-8000-%012x/file" % (index, index),
        "schema": "/v2/schemas/image",
        "stores": "fs1",
        "virtual_size": None,
        "hw_disk_bus": "virtio",
    }


def image_schema() -> dict[str, Any]:
    """A permissive image schema (glanceclient builds its models from it)."""
    fields = set(canned_image(0)) | {"file", "self", "schema", "locations", "direct_url"}
    return {
        "name": "image",
        "properties": {name: {} for name in sorted(fields)},
        "additionalProperties": {"type": "string"},
        "links": [{"rel": "self", "href": "{self}"}, {"rel": "enclosure", "href": "{file}"},
                  {"rel": "describedby", "href": "{schema}"}],
    }  # fmt: skip


class App:
    """Routing and the state of the created images."""

    def __init__(self, data_path: str | None, list_total: int) -> None:
        self.data_path = data_path
        self.recorded = _digests(data_path)
        self.images: dict[str, dict[str, Any]] = {}
        self.received: dict[str, int] = {}
        self.requests = 0
        self.counts = {"list_requests": 0, "get_requests": 0, "create_requests": 0}
        self.listing = [canned_image(i) for i in range(list_total)]
        self.encoded = [_encode(image) for image in self.listing]
        self.index = {image["id"]: i for i, image in enumerate(self.listing)}
        self.base = ""

    def image(self, image_id: str) -> dict[str, Any] | None:
        image = self.images.get(image_id)
        if image is None:
            index = self.index.get(image_id)
            return None if index is None else self.listing[index]
        got = self.received.get(image_id)
        if got is not None:
            image = dict(image, status="active", size=got, os_hash_algo="sha512")
            if got == self.recorded["size"]:  # the canned data was uploaded
                image.update(checksum=self.recorded["checksum"],
                             os_hash_value=self.recorded["os_hash_value"])  # fmt: skip
        return image

    def create(self, body: bytes) -> dict[str, Any]:
        fields = json.loads(body or b"{}")
        image_id = str(uuid.uuid4())
        image = {"status": "queued", "visibility": "shared", "protected": False,
                 "size": None, "checksum": None, "os_hash_algo": None, "os_hash_value": None,
                 "tags": [], "min_disk": 0, "min_ram": 0, "owner": documents.ADMIN_PROJECT_ID,
                 "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z",
                 "file": "/v2/images/%s/file" % image_id, "self": "/v2/images/" + image_id,
                 "schema": "/v2/schemas/image"}  # fmt: skip
        image.update(fields)
        image["id"] = image_id
        self.images[image_id] = image
        return image

    def listing_page(self, query: dict[str, list[str]]) -> bytes:
        """The encoded body of one page of the listing (or of a ``name`` lookup)."""
        if "name" in query:
            items = [i for i in self.images.values() if i.get("name") == query["name"][0]]
            return _encode({"images": items, "first": "/v2/images",
                            "schema": "/v2/schemas/images"})  # fmt: skip
        limit = int(query.get("limit", ["25"])[0])
        start = 0
        if "marker" in query:
            marker = self.index.get(query["marker"][0])
            start = 0 if marker is None else marker + 1
        page = self.encoded[start : start + limit]
        tail = b',"first":"/v2/images","schema":"/v2/schemas/images"'
        if start + limit < len(self.listing) and page:
            last = self.listing[start + len(page) - 1]["id"]
            tail += b',"next":' + _encode("/v2/images?limit=%d&marker=%s" % (limit, last))
        return b'{"images":[' + b",".join(page) + b"]" + tail + b"}"


def _head(status: int, headers: dict[str, str]) -> bytes:
    lines = ["HTTP/1.1 %d %s" % (status, _REASONS.get(status, "Unknown"))]
    lines.extend("%s: %s" % item for item in headers.items())
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def _encode(document: Any) -> bytes:
    return json.dumps(document, separators=(",", ":")).encode()


def _json(status: int, document: Any, extra: dict[str, str] | None = None) -> bytes:
    body = document if isinstance(document, bytes) else _encode(document)
    headers = {"Content-Type": "application/json", "Content-Length": str(len(body)),
               "x-openstack-request-id": "req-bench"}  # fmt: skip
    headers.update(extra or {})
    return _head(status, headers) + body


async def _read_headers(reader: asyncio.StreamReader) -> tuple[str, str, dict[str, str]] | None:
    line = await reader.readline()
    if not line:
        return None
    method, target, _ = line.decode("latin-1").split(" ", 2)
    headers: dict[str, str] = {}
    while True:
        raw = await reader.readline()
        if raw in (b"\r\n", b"\n", b""):
            return method, target, headers
        name, _, value = raw.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()


async def _read_body(
    reader: asyncio.StreamReader, headers: dict[str, str], keep: bool
) -> tuple[int, bytes]:
    """Read a request body; return (its length, its bytes if ``keep``)."""
    kept = bytearray()
    total = 0
    if headers.get("transfer-encoding", "").lower() == "chunked":
        while True:
            size = int((await reader.readline()).split(b";")[0].strip() or b"0", 16)
            if size == 0:
                await reader.readline()
                return total, bytes(kept)
            left = size
            while left:
                piece = await reader.read(min(left, _CHUNK))
                if not piece:
                    raise ConnectionError("client went away")
                left -= len(piece)
                total += len(piece)
                if keep:
                    kept += piece
            await reader.readexactly(2)
    left = int(headers.get("content-length", "0") or 0)
    while left:
        piece = await reader.read(min(left, _CHUNK))
        if not piece:
            raise ConnectionError("client went away")
        left -= len(piece)
        total += len(piece)
        if keep:
            kept += piece
    return total, bytes(kept)


class Server:
    """One connection handler over :class:`App`."""

    def __init__(self, app: App) -> None:
        self.app = app

    async def connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                request = await _read_headers(reader)
                if request is None:
                    break
                method, target, headers = request
                await self.one(method, target, headers, reader, writer)
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()

    async def one(self, method: str, target: str, headers: dict[str, str],
                  reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:  # fmt: skip
        app = self.app
        app.requests += 1
        path, _, query_text = target.partition("?")
        query = parse_qs(query_text)
        is_upload = method == "PUT" and path.endswith("/file")
        length, body = await _read_body(reader, headers, keep=not is_upload)
        if path.startswith("/image/v2/images/") and path.endswith("/file"):
            image_id = path.split("/")[4]
            if method == "PUT":
                app.received[image_id] = length
                writer.write(_head(204, {"Content-Length": "0"}))
            elif self.app.data_path is None:
                writer.write(_json(404, {"message": "404 Not Found", "code": "404 Not Found"}))
            else:
                await self.send_file(writer, headers.get("range"))
                return
        else:
            writer.write(self.route(method, path, query, body))
        await writer.drain()

    async def send_file(self, writer: asyncio.StreamWriter, wanted: str | None) -> None:
        size = self.app.recorded["size"]
        offset = int(wanted.split("=", 1)[1].split("-", 1)[0]) if wanted else 0
        headers = {"Content-Type": "application/octet-stream",
                   "Content-Length": str(size - offset),
                   "Content-MD5": self.app.recorded["checksum"]}  # fmt: skip
        if offset:
            headers["Content-Range"] = "bytes %d-%d/%d" % (offset, size - 1, size)
        writer.write(_head(206 if offset else 200, headers))
        await writer.drain()
        with open(str(self.app.data_path), "rb") as handle:
            await asyncio.get_running_loop().sendfile(writer.transport, handle, offset)

    def route(self, method: str, path: str, query: dict[str, list[str]], body: bytes) -> bytes:
        app = self.app
        base = app.base
        if path == "/v3/auth/tokens" and method == "POST":
            now = time.time()
            token = documents.token_v3(base, now, now + 3600, ["password"], "bench")
            return _json(201, token, {"X-Subject-Token": "gAAAAABbenchtoken"})
        if path in ("/", "/v3", "/v3/"):
            return _json(300 if path == "/" else 200, documents.versions(base))
        if path.rstrip("/") in ("/image", "/image/v2"):
            version = {"id": "v2.17", "status": "CURRENT",
                       "links": [{"rel": "self", "href": base + "/image/v2/"}]}  # fmt: skip
            return _json(300 if path.rstrip("/") == "/image" else 200, {"versions": [version]})
        if path == "/image/v2/images":
            if method == "POST":
                app.counts["create_requests"] += 1
                methods = {"OpenStack-image-import-methods": "glance-direct,web-download"}
                return _json(201, app.create(body), methods)
            app.counts["list_requests"] += 1
            return _json(200, app.listing_page(query))
        if path.startswith("/image/v2/images/") and method == "GET":
            app.counts["get_requests"] += 1
            image = app.image(path.rsplit("/", 1)[1])
            if image is None:
                return _json(404, {"message": "404 Not Found", "code": "404 Not Found"})
            return _json(200, image)
        if path == "/image/v2/schemas/image":
            return _json(200, image_schema())
        if path == "/image/v2/schemas/images":
            images = {"images": {"type": "array", "items": image_schema()}, "schema": {},
                      "first": {}, "next": {}}  # fmt: skip
            return _json(200, {"name": "images", "properties": images,
                               "links": [{"rel": "first", "href": "{first}"},
                                         {"rel": "next", "href": "{next}"}]})  # fmt: skip
        if path == "/_stats":
            return _json(200, dict(app.counts, requests=app.requests, received=app.received))
        return _json(404, {"message": "no route for %s %s" % (method, path)})


async def _serve(app: App, port: int) -> None:
    server = await asyncio.start_server(Server(app).connection, "127.0.0.1", port,
                                        limit=4 * _CHUNK)  # fmt: skip
    host, bound = server.sockets[0].getsockname()[:2]
    app.base = "http://%s:%d" % (host, bound)
    sys.stdout.write("READY %s\n" % app.base)
    sys.stdout.flush()
    loop = asyncio.get_running_loop()
    stdin_closed = loop.run_in_executor(None, sys.stdin.read)
    async with server:
        await asyncio.wait([stdin_closed, asyncio.ensure_future(server.serve_forever())],
                           return_when=asyncio.FIRST_COMPLETED)  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    """Parse options, hash the data file, serve until stdin closes."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.image_server")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--data", help="the image data file served and expected (default: none)")
    parser.add_argument("--list-total", type=int, default=1000)
    options = parser.parse_args(argv)
    app = App(options.data and os.path.abspath(options.data), options.list_total)
    asyncio.run(_serve(app, options.port))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Canned Keystone + Cinder server for the block storage benchmarks, in its own process.

Run ``python -m benchmarks.volume_server --port 0 --list-total N``; it prints
``READY <url>``. asyncio streams, HTTP/1.1 keep-alive, every answer with
``Content-Length``; GET answers are encoded once and replayed, so the
clients are what gets measured.

URL layout (the token's catalog puts Cinder at ``/volume/v3/<project>``,
registered as ``volumev3``, as devstack does)::

    POST /v3/auth/tokens                         201, token with a catalog
    GET  / , /v3                                 identity discovery
    GET  /volume/ , /volume/v3/                  Cinder's version document (3.0 to 3.71)
    GET  /volume/v3/<p>/volumes/detail[?limit&marker]  the canned N volumes, paged
    GET  /volume/v3/<p>/volumes/<id>             one volume (404 if unknown)
    POST /volume/v3/<p>/volumes                  202, the volume as created (name and size given)
    GET  /_stats                                 counters: requests, volumes_list (each
                                                 page), volumes_create

``--page-size`` encodes the pages of that size before the server is ready.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
import uuid
from typing import Any
from urllib.parse import parse_qs

from benchmarks import documents

__all__ = ["VOLUME_BASE", "canned_volume", "main"]

#: Where the catalog puts Cinder (documents.OTHER_SERVICES).
VOLUME_BASE = "/volume/v3/" + documents.ADMIN_PROJECT_ID
_REASONS = {200: "OK", 201: "Created", 202: "Accepted", 300: "Multiple Choices",
            400: "Bad Request", 404: "Not Found"}  # fmt: skip
_HEADERS = {"OpenStack-API-Version": "volume 3.71", "x-openstack-request-id": "req-bench"}


def canned_volume(index: int) -> dict[str, Any]:
    """Volume ``index`` of the canned list, with the fields Cinder 3.71 shows."""
    ident = "%08x-0000-4000-8000-%012x" % (index, index)
    link = "http://cinder%s/volumes/%s" % (VOLUME_BASE, ident)
    return {
        "id": ident, "name": "volume-%06d" % index, "status": "available", "size": 1 + index % 50,
        "availability_zone": "nova", "created_at": "2026-01-01T00:00:00.000000",
        "updated_at": "2026-01-01T00:00:01.000000", "description": None,
        "volume_type": "__DEFAULT__", "snapshot_id": None, "source_volid": None,
        "metadata": {"tier": "bench"}, "user_id": documents.USER_ID, "bootable": "false",
        "encrypted": False, "replication_status": None, "consistencygroup_id": None,
        "multiattach": False, "attachments": [], "group_id": None, "shared_targets": True,
        "service_uuid": None, "volume_type_id": "ef507ed1-3abd-4834-8ac4-38e8070b3322",
        "consumes_quota": True, "cluster_name": None, "provider_id": None,
        "migration_status": None, "os-vol-tenant-attr:tenant_id": documents.ADMIN_PROJECT_ID,
        "os-vol-host-attr:host": "bench@fake#fake", "os-vol-mig-status-attr:migstat": None,
        "os-vol-mig-status-attr:name_id": None, "volume_image_metadata": {},
        "links": [{"rel": "self", "href": link}, {"rel": "bookmark", "href": link}],
    }  # fmt: skip


def _versions(base: str) -> dict[str, Any]:
    return {"versions": [{"id": "v3.0", "status": "CURRENT", "version": "3.71",
                          "min_version": "3.0", "updated": "2023-08-31T00:00:00Z",
                          "links": [{"rel": "self", "href": base + "/volume/v3/"}]}]}  # fmt: skip


def _answer(status: int, document: Any, extra: dict[str, str] | None = None) -> bytes:
    body = json.dumps(document, separators=(",", ":")).encode()
    head = ["HTTP/1.1 %d %s" % (status, _REASONS.get(status, "Unknown")),
            "Content-Type: application/json", "Content-Length: %d" % len(body)]  # fmt: skip
    head += ["%s: %s" % item for item in {**_HEADERS, **(extra or {})}.items()]
    return ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body


class App:
    """Routing over the canned volumes; GET answers cached by target."""

    def __init__(self, total: int) -> None:
        self.volumes = [canned_volume(i) for i in range(total)]
        self.index = {v["id"]: i for i, v in enumerate(self.volumes)}
        self.base = ""
        self.requests = 0
        self.counts = {"volumes_list": 0, "volumes_create": 0}
        self.cache: dict[Any, bytes] = {}

    def prime(self, limit: int) -> None:
        """Encode every page of ``limit`` volumes now (``self.base`` must be set)."""
        markers = [None] + [v["id"] for v in self.volumes[limit - 1 : -1 : limit]]
        for marker in markers:
            query = {"limit": [str(limit)]}
            if marker is not None:
                query["marker"] = [marker]
            self._detail(query)

    def _detail(self, query: dict[str, list[str]]) -> bytes:
        """A page of ``/volumes/detail``, cached whatever the order of its query."""
        key = ("detail", tuple(sorted((k, tuple(v)) for k, v in query.items())))
        found = self.cache.get(key)
        if found is None:
            found = self.cache[key] = _answer(200, self.page(query))
        return found

    def page(self, query: dict[str, list[str]]) -> dict[str, Any]:
        limit = int(query.get("limit", ["1000"])[0])
        marker = query.get("marker", [None])[0]
        start = self.index[marker] + 1 if marker in self.index else 0
        items = self.volumes[start : start + limit]
        body: dict[str, Any] = {"volumes": items}
        if items and start + limit < len(self.volumes):
            href = "%s%s/volumes/detail?limit=%d&marker=%s" % (
                self.base, VOLUME_BASE, limit, items[-1]["id"])  # fmt: skip
            body["volumes_links"] = [{"rel": "next", "href": href}]
        return body

    def get(self, path: str, query: dict[str, list[str]]) -> bytes:
        if path in ("/", "/v3", "/v3/"):
            return _answer(300 if path == "/" else 200, documents.versions(self.base))
        if path.rstrip("/") in ("/volume", "/volume/v3"):
            return _answer(300 if path.rstrip("/") == "/volume" else 200, _versions(self.base))
        if path == VOLUME_BASE + "/volumes/detail":
            self.counts["volumes_list"] += 1
            return self._detail(query)
        if path.startswith(VOLUME_BASE + "/volumes/"):
            found = self.index.get(path.rsplit("/", 1)[1])
            if found is None:
                return _answer(404, {"itemNotFound": {"code": 404, "message": "No such volume"}})
            return _answer(200, {"volume": self.volumes[found]})
        return _answer(404, {"itemNotFound": {"code": 404, "message": "no route " + path}})

    def create(self, body: bytes) -> bytes:
        """A new volume, ``creating``, with the name and size asked for."""
        try:
            given = json.loads(body)["volume"]
            size = int(given["size"])
        except (ValueError, KeyError, TypeError):
            return _answer(400, {"badRequest": {"code": 400, "message": "size is required"}})
        ident = str(uuid.uuid4())
        link = "%s%s/volumes/%s" % (self.base, VOLUME_BASE, ident)
        volume = canned_volume(0)
        volume.update(id=ident, name=given.get("name"), size=size, status="creating",
                      description=given.get("description"))  # fmt: skip
        volume["links"] = [{"rel": "self", "href": link}, {"rel": "bookmark", "href": link}]
        return _answer(202, {"volume": volume})

    def route(self, method: str, target: str, body: bytes = b"") -> bytes:
        self.requests += 1
        path, _, text = target.partition("?")
        if method == "POST" and path == "/v3/auth/tokens":
            now = time.time()
            token = documents.token_v3(self.base, now, now + 3600, ["password"], "bench")
            return _answer(201, token, {"X-Subject-Token": "gAAAAABbenchtoken"})
        if path == "/_stats":
            return _answer(200, {"requests": self.requests, **self.counts})
        if method == "POST" and path == VOLUME_BASE + "/volumes":
            self.counts["volumes_create"] += 1
            return self.create(body)
        if method != "GET":
            return _answer(404, {"itemNotFound": {"code": 404, "message": "read-only server"}})
        if path == VOLUME_BASE + "/volumes/detail":
            return self.get(path, parse_qs(text))
        cached = self.cache.get(target)
        if cached is None:
            cached = self.cache[target] = self.get(path, parse_qs(text))
        return cached


async def _connection(
    app: App, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
) -> None:
    try:
        while True:
            line = await reader.readline()
            if not line:
                break
            method, target, _ = line.decode("latin-1").split(" ", 2)
            length = 0
            while (raw := await reader.readline()) not in (b"\r\n", b"\n", b""):
                name, _, value = raw.decode("latin-1").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value.strip() or 0)
            body = await reader.readexactly(length) if length else b""
            writer.write(app.route(method, target, body))
            await writer.drain()
    except (ConnectionError, asyncio.IncompleteReadError):
        pass
    finally:
        writer.close()


async def _serve(app: App, port: int, page_size: int = 0) -> None:
    server = await asyncio.start_server(
        lambda r, w: _connection(app, r, w), "127.0.0.1", port, limit=1 << 22
    )
    host, bound = server.sockets[0].getsockname()[:2]
    app.base = "http://%s:%d" % (host, bound)
    if page_size:
        app.prime(page_size)
    sys.stdout.write("READY %s\n" % app.base)
    sys.stdout.flush()
    stdin_closed = asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    async with server:
        await asyncio.wait([stdin_closed, asyncio.ensure_future(server.serve_forever())],
                           return_when=asyncio.FIRST_COMPLETED)  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    """Parse options and serve until stdin closes."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.volume_server")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--list-total", type=int, default=1000)
    parser.add_argument("--page-size", type=int, default=0,
                        help="encode the pages of this size at start-up")  # fmt: skip
    options = parser.parse_args(argv)
    asyncio.run(_serve(App(options.list_total), options.port, options.page_size))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Canned Swift for the object-store benchmarks, in its own process.

``python -m benchmarks.objstore.server --port 0`` prints ``READY <url>``.
asyncio streams (flow-controlled both ways), keep-alive,
``Content-Length`` or chunked request bodies. Uploaded data is hashed as
it arrives and thrown away (only ETags and sizes are kept), so a 1 GiB
upload costs the server no memory; downloads are served from one 64 MiB
random block, each segment made different by its first 8 bytes.

Account ``/v1/AUTH_bench`` (token ``bench-token``)::

    GET  /info                                  capabilities
    GET  /v1/AUTH_bench/list10k?format=json...  10,000 objects (limit, marker)
    PUT  /v1/AUTH_bench/<c>                     201/202
    GET  /v1/AUTH_bench/<c>?format=json&prefix  listing of what was uploaded
    PUT  /v1/AUTH_bench/<c>/<o>[?multipart-manifest=put]
    HEAD/GET /v1/AUTH_bench/data/big[?multipart-manifest=get]  the 1 GiB SLO (Range)
    GET  /_stats ; POST /_stats/reset          counters (segment PUTs, bytes)
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import random
import signal
import sys
import tempfile
import threading
import urllib.parse
from typing import Any

TOKEN = "bench-token"
ACCOUNT = "/v1/AUTH_bench"
SEGMENT = 64 * 1024 * 1024
SEGMENTS = 16
LISTING = 10_000
READ = 1024 * 1024
REASONS = {200: "OK", 201: "Created", 202: "Accepted", 204: "No Content", 206: "Partial Content",
           401: "Unauthorized", 404: "Not Found", 412: "Precondition Failed", 422: "Unprocessable Entity"}  # fmt: skip


def listing_entry(index: int) -> dict[str, Any]:
    """The ``index``-th object of the 10,000-object container."""
    return {
        "name": f"obj-{index:06d}",
        "hash": hashlib.md5(str(index).encode()).hexdigest(),
        "bytes": 1024 + index,
        "content_type": "application/octet-stream",
        "last_modified": "2026-01-01T00:00:00.000000",
    }


class Store:
    """What the server knows: the big object, the listing, uploaded ETags, counters.

    With ``spool`` the big object is also written to a file, served with
    ``sendfile`` (zero-copy), so that sending it costs the server next to
    no CPU and the clients are what is measured.
    """

    def __init__(
        self, segment: int = SEGMENT, segments: int = SEGMENTS, spool: bool = False
    ) -> None:
        self.segment, self.segments = segment, segments
        self.block = random.Random(20261122).randbytes(segment)
        self.etags = [hashlib.md5(self._segment(i)).hexdigest() for i in range(segments)]
        self.file: Any = None
        if spool:
            self.file = tempfile.TemporaryFile(
                dir="/dev/shm" if os.path.isdir("/dev/shm") else None
            )
            for index in range(segments):
                self.file.write(self._segment(index))
            self.file.flush()
        self.slo_etag = hashlib.md5("".join(self.etags).encode()).hexdigest()
        self.size = segment * segments
        entries = [listing_entry(i) for i in range(LISTING)]
        self.listing_page = json.dumps(entries, separators=(",", ":")).encode()
        self.listing_last = entries[-1]["name"]
        self.objects: dict[str, tuple[str, int]] = {}
        self.stats = {
            "requests": 0,
            "segment_puts": 0,
            "manifest_puts": 0,
            "bytes_in": 0,
            "bytes_out": 0,
            "lists": 0,
        }

    def _segment(self, index: int) -> bytes:
        return index.to_bytes(8, "big") + self.block[8:]

    def piece(self, index: int, start: int, end: int) -> memoryview:
        """Bytes ``start``..``end`` (exclusive) of segment ``index``."""
        if start < 8:
            return memoryview(index.to_bytes(8, "big"))[start : min(end, 8)]
        return memoryview(self.block)[start:end]


class Handler:
    """One connection: requests one after the other."""

    def __init__(self, store: Store, reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        self.store, self.reader, self.writer = store, reader, writer

    async def serve(self) -> None:
        try:
            while await self._one():
                pass
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            self.writer.close()

    async def _one(self) -> bool:
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        method, target, _ = lines[0].split(" ", 2)
        headers = {}
        for line in lines[1:]:
            if line:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
        path, _, query = target.partition("?")
        await self._dispatch(
            method,
            urllib.parse.unquote(path),
            urllib.parse.parse_qs(query, keep_blank_values=True),
            headers,
        )
        return headers.get("connection", "").lower() != "close"

    async def _body(self, headers: dict[str, str], digest: Any = None) -> int:
        """Read the request body, hashing it; return its length."""
        total = 0
        if headers.get("transfer-encoding", "").lower() == "chunked":
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                if size == 0:
                    await self.reader.readuntil(b"\r\n")
                    return total
                total += await self._exactly(size, digest)
                await self.reader.readexactly(2)
        return await self._exactly(int(headers.get("content-length", "0")), digest)

    async def _exactly(self, size: int, digest: Any) -> int:
        left = size
        while left:
            data = await self.reader.read(min(READ, left))
            if not data:
                raise asyncio.IncompleteReadError(b"", left)
            if digest is not None:
                digest.update(data)
            left -= len(data)
        self.store.stats["bytes_in"] += size
        return size

    async def _reply(
        self,
        status: int,
        body: bytes = b"",
        headers: dict[str, str] | None = None,
        length: int | None = None,
    ) -> None:
        sent = {
            "Content-Length": str(len(body) if length is None else length),
            "X-Openstack-Request-Id": "tx-bench",
        }
        sent.update(headers or {})
        head = f"HTTP/1.1 {status} {REASONS.get(status, 'OK')}\r\n" + "".join(
            f"{k}: {v}\r\n" for k, v in sent.items()
        )
        self.writer.write(head.encode("latin-1") + b"\r\n" + body)
        await self.writer.drain()

    async def _dispatch(
        self, method: str, path: str, query: dict[str, list[str]], headers: dict[str, str]
    ) -> None:
        store = self.store
        if path.startswith("/_stats"):
            if method == "POST":
                store.stats = dict.fromkeys(store.stats, 0)
            return await self._reply(
                200, json.dumps(store.stats).encode(), {"Content-Type": "application/json"}
            )
        store.stats["requests"] += 1
        if path == "/info":
            info = {
                "swift": {"max_file_size": 5368709122, "container_listing_limit": LISTING},
                "slo": {"max_manifest_segments": 1000, "min_segment_size": 1},
            }
            return await self._reply(
                200, json.dumps(info).encode(), {"Content-Type": "application/json"}
            )
        if headers.get("x-auth-token") != TOKEN or not path.startswith(ACCOUNT):
            await self._body(headers)
            return await self._reply(401, b"Unauthorized")
        container, _, name = path[len(ACCOUNT) + 1 :].partition("/")
        if method == "PUT" and not name:
            await self._body(headers)
            return await self._reply(201 if container not in ("data", "list10k") else 202)
        if method == "PUT":
            return await self._put(container, name, query, headers)
        if not name:
            return await self._list(container, query)
        if container == "data" and name == "big":
            return await self._big(method, query, headers)
        found = store.objects.get(f"{container}/{name}")
        if found is None:
            return await self._reply(404, b"Not Found")
        return await self._reply(
            200, b"", {"Etag": found[0]}, length=0 if method == "HEAD" else None
        )

    async def _put(
        self, container: str, name: str, query: dict[str, list[str]], headers: dict[str, str]
    ) -> None:
        store = self.store
        if "multipart-manifest" in query:
            body = bytearray()
            await self._read_into(headers, body)
            entries = json.loads(bytes(body))
            etags = [store.objects.get(e["path"].lstrip("/"), ("", 0))[0] for e in entries]
            if any(
                e.get("etag") not in (None, etag) for e, etag in zip(entries, etags)
            ) or not all(etags):
                return await self._reply(400, b"Etag Mismatch")
            slo = '"%s"' % hashlib.md5("".join(etags).encode()).hexdigest()
            store.objects[f"{container}/{name}"] = (
                slo,
                sum(e.get("size_bytes") or 0 for e in entries),
            )
            store.stats["manifest_puts"] += 1
            return await self._reply(
                201, b"", {"Etag": slo, "Last-Modified": "Thu, 01 Jan 2026 00:00:00 GMT"}
            )
        digest = hashlib.md5()
        size = await self._body(headers, digest)
        etag = digest.hexdigest()
        if headers.get("etag") and headers["etag"] != etag:
            return await self._reply(422, b"Unprocessable Entity")
        store.objects[f"{container}/{name}"] = (etag, size)
        if container.endswith("_segments"):
            store.stats["segment_puts"] += 1
        await self._reply(
            201, b"", {"Etag": etag, "Last-Modified": "Thu, 01 Jan 2026 00:00:00 GMT"}
        )

    async def _read_into(self, headers: dict[str, str], target: bytearray) -> None:
        class _Sink:
            def update(self, data: bytes) -> None:
                target.extend(data)

        await self._body(headers, _Sink())

    async def _list(self, container: str, query: dict[str, list[str]]) -> None:
        store = self.store
        store.stats["lists"] += 1
        marker = (query.get("marker") or [""])[-1]
        if container == "list10k":
            body = b"[]" if marker >= store.listing_last else store.listing_page
            return await self._reply(
                200, body, {"Content-Type": "application/json; charset=utf-8"}
            )
        prefix = (query.get("prefix") or [""])[-1]
        entries = [
            {
                "name": key.split("/", 1)[1],
                "hash": etag.strip('"'),
                "bytes": size,
                "content_type": "application/octet-stream",
                "last_modified": "2026-01-01T00:00:00.000000",
            }
            for key, (etag, size) in sorted(store.objects.items())
            if key.startswith(container + "/")
            and key.split("/", 1)[1].startswith(prefix)
            and key.split("/", 1)[1] > marker
        ]
        await self._reply(
            200, json.dumps(entries).encode(), {"Content-Type": "application/json; charset=utf-8"}
        )

    async def _big(
        self, method: str, query: dict[str, list[str]], headers: dict[str, str]
    ) -> None:
        store = self.store
        if "multipart-manifest" in query:
            manifest = [
                {
                    "name": f"/data_segments/big/{i:08d}",
                    "hash": etag,
                    "bytes": store.segment,
                    "content_type": "application/octet-stream",
                }
                for i, etag in enumerate(store.etags)
            ]
            return await self._reply(
                200,
                json.dumps(manifest).encode(),
                {
                    "Content-Type": "application/json; charset=utf-8",
                    "X-Static-Large-Object": "True",
                },
            )
        base = {
            "Etag": '"%s"' % store.slo_etag,
            "X-Static-Large-Object": "True",
            "Content-Type": "application/octet-stream",
            "Accept-Ranges": "bytes",
        }
        if method == "HEAD":
            return await self._reply(200, b"", base, length=store.size)
        match = headers.get("if-match")
        if match and match.strip('"') != store.slo_etag:
            return await self._reply(412, b"")
        start, end, status = 0, store.size - 1, 200
        if headers.get("range"):
            first, _, last = headers["range"].split("=", 1)[1].partition("-")
            start, end, status = int(first), min(int(last or store.size - 1), store.size - 1), 206
            base["Content-Range"] = f"bytes {start}-{end}/{store.size}"
        await self._reply(status, b"", base, length=end - start + 1)
        await self._send(start, end + 1)

    async def _send(self, start: int, stop: int) -> None:
        store, position = self.store, start
        if store.file is not None:
            await self.writer.drain()
            loop = asyncio.get_running_loop()
            await loop.sendfile(self.writer.transport, store.file, start, stop - start)
            store.stats["bytes_out"] += stop - start
            return
        while position < stop:
            index, offset = divmod(position, store.segment)
            piece_end = min(stop - index * store.segment, store.segment, offset + READ)
            piece = store.piece(index, offset, piece_end)
            self.writer.write(piece)
            position += len(piece)
            store.stats["bytes_out"] += len(piece)
            await self.writer.drain()


def _watch_stdin(loop: asyncio.AbstractEventLoop, stop: asyncio.Event) -> None:
    sys.stdin.buffer.read()
    loop.call_soon_threadsafe(stop.set)


async def serve(host: str, port: int, segment: int, watch_stdin: bool) -> None:
    """Listen, print READY, serve until told to stop."""
    store = Store(segment, spool=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()

    async def client(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await Handler(store, reader, writer).serve()

    server = await asyncio.start_server(client, host, port, limit=2 * READ, backlog=256)
    bound = server.sockets[0].getsockname()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    if watch_stdin:
        threading.Thread(target=_watch_stdin, args=(loop, stop), daemon=True).start()
    print(f"READY http://{bound[0]}:{bound[1]}", flush=True)
    async with server:
        await stop.wait()


def main(argv: list[str] | None = None) -> int:
    """Run the server until SIGTERM/SIGINT (or stdin EOF when asked)."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.objstore.server")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument(
        "--segment-mib",
        type=int,
        default=SEGMENT // (1024 * 1024),
        help="segment size of the 16-segment object",
    )
    parser.add_argument("--exit-on-stdin-eof", action="store_true")
    args = parser.parse_args(argv)
    asyncio.run(
        serve(args.host, args.port, args.segment_mib * 1024 * 1024, args.exit_on_stdin_eof)
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

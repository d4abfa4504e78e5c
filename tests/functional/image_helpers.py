"""Loopback helpers for the image functional tests: a file server and a meddling proxy."""

from __future__ import annotations

import http.client
import http.server
import threading
import typing as _t
import urllib.parse

__all__ = ["Proxy", "serve_bytes"]


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True


def _start(handler: type[http.server.BaseHTTPRequestHandler]) -> _Server:
    server = _Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class serve_bytes:  # noqa: N801 - used as a context manager, like open()
    """Serve ``payload`` at any path on 127.0.0.1 (``status`` other than 200: an error)."""

    def __init__(self, payload: bytes, status: int = 200) -> None:
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                body = payload if status == 200 else b"no such file"
                self.send_response(status)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: _t.Any) -> None:
                pass

        self._server = _start(Handler)
        self.url = "http://127.0.0.1:%d/disk.raw" % self._server.server_address[1]

    def __enter__(self) -> serve_bytes:
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


class Proxy:
    """A loopback HTTP proxy in front of one upstream URL that can spoil image data.

    Every request is forwarded as it came (headers, Range included). For
    responses to ``GET .../file``: ``flip_at`` flips one bit of that byte;
    ``cut_after`` closes the connection after that many body bytes (once,
    then it passes data through). ``ranges`` records the Range headers seen.
    """

    def __init__(self, upstream: str) -> None:
        self.upstream = urllib.parse.urlsplit(upstream)
        self.flip_at: int | None = None
        self.cut_after: int | None = None
        self.ranges: list[str | None] = []
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802
                proxy._forward(self)

            def log_message(self, *args: _t.Any) -> None:
                pass

        self._server = _start(Handler)
        self.url = "http://127.0.0.1:%d" % self._server.server_address[1]

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _forward(self, handler: http.server.BaseHTTPRequestHandler) -> None:
        conn = http.client.HTTPConnection(self.upstream.hostname, self.upstream.port, timeout=60)
        headers = {k: v for k, v in handler.headers.items() if k.lower() != "host"}
        conn.request("GET", handler.path, headers=headers)
        resp = conn.getresponse()
        data_path = handler.path.split("?", 1)[0].endswith("/file")
        if data_path:
            self.ranges.append(handler.headers.get("Range"))
        handler.send_response(resp.status)
        for name, value in resp.getheaders():
            if name.lower() not in ("connection", "transfer-encoding"):
                handler.send_header(name, value)
        handler.send_header("Connection", "close")
        handler.end_headers()
        self._copy(handler, resp, data_path)
        conn.close()
        handler.close_connection = True

    def _copy(
        self, handler: http.server.BaseHTTPRequestHandler, resp: _t.Any, data_path: bool
    ) -> None:
        sent = 0
        while True:
            chunk = resp.read(65536)
            if not chunk:
                return
            if data_path and self.flip_at is not None and sent <= self.flip_at < sent + len(chunk):
                spoiled = bytearray(chunk)
                spoiled[self.flip_at - sent] ^= 0x01
                chunk = bytes(spoiled)
            if data_path and self.cut_after is not None and sent + len(chunk) > self.cut_after:
                handler.wfile.write(chunk[: self.cut_after - sent])
                handler.wfile.flush()
                self.cut_after = None
                return
            handler.wfile.write(chunk)
            sent += len(chunk)

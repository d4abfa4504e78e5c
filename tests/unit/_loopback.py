"""A real TCP server on 127.0.0.1 that answers with whatever bytes a test scripts.

requests-mock stands in for the transport, so it cannot break HTTP framing
the way a real server (or a proxy, or a network) does: a connection closed
before or during the answer, a body shorter than its Content-Length, a
broken chunk, a stall in the middle of a body. This server can::

    def answer(conn, request):
        conn.sendall(b"HTTP/1.1 200 OK\\r\\nContent-Length: 10\\r\\n\\r\\nshort")

    with Loopback(answer) as server:
        client.request("GET", server.url + "/v3")

Each connection is handled on the server's one thread (with
``threaded=True``, on a thread of its own, so that an answer that stalls
does not hold the next connection up): the request head
(and a body announced by Content-Length) is read, then ``answer(conn,
request_bytes)`` runs and the connection is closed. A well-formed answer
should say ``Connection: close``, or the client may send its next request
on the connection the server has closed.
"""

from __future__ import annotations

import socket
import threading
import typing as _t

Answer = _t.Callable[[socket.socket, bytes], None]

#: Seconds the server waits for a request before giving up on a connection.
_READ_TIMEOUT = 5.0


def _read_request(conn: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return data
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip() or 0)
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n" + body


class Loopback:
    """A one-thread TCP server on a free loopback port, answering with ``answer``."""

    def __init__(self, answer: Answer, threaded: bool = False) -> None:
        self.answer = answer
        self.threaded = threaded
        self.requests: list[bytes] = []
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(16)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def url(self) -> str:
        return "http://127.0.0.1:%d" % self._sock.getsockname()[1]

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            if self._stop.is_set():
                conn.close()
                return
            if self.threaded:
                threading.Thread(target=self._handle, args=(conn,), daemon=True).start()
            else:
                self._handle(conn)

    def _handle(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(_READ_TIMEOUT)
            try:
                request = _read_request(conn)
                self.requests.append(request)
                self.answer(conn, request)
            except OSError:
                pass  # the client went away: that is its business

    def __enter__(self) -> Loopback:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        # Wake accept() up with a connection of our own, then close.
        try:
            socket.create_connection(self._sock.getsockname(), timeout=1).close()
        except OSError:
            pass
        self._sock.close()
        self._thread.join(timeout=5)

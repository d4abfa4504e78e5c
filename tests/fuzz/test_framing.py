"""Answers that break HTTP framing, from a real socket server on loopback.

requests-mock cannot do this: a status line that is not one, a body
shorter or longer than its Content-Length, broken chunks, a header line
too long or too many headers, a connection closed or reset anywhere in
the answer, and a server that stops sending in the middle.
"""

from __future__ import annotations

import socket
import struct
import time
import typing as _t

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stackclient.v3 import client as v3_client
from tests.fuzz import _harness, strategies
from tests.unit._loopback import Loopback

#: Seconds the client waits per read; a stalled answer sleeps a little longer.
READ_TIMEOUT = 0.05
STALL = 0.1

STATUS_LINES = (
    b"HTTP/1.1 200 OK", b"HTTP/1.1 201 Created", b"HTTP/1.1 204 No Content",
    b"HTTP/1.1 302 Found", b"HTTP/1.1 307 Temporary Redirect", b"HTTP/1.1 404 Not Found",
    b"HTTP/1.1 500 Internal Server Error", b"HTTP/1.1 101 Switching Protocols",
    b"HTTP/1.1 103 Early Hints", b"HTTP/1.0 200 OK", b"HTTP/1.1 999 Odd", b"HTTP/1.1 20 X",
    b"HTTP/1.1 200", b"HTTP/2 200", b"ICY 200 OK", b"garbage", b"",
)  # fmt: skip

FRAMINGS = ("length", "short", "long", "none", "chunked", "bad-chunk", "bad-length",
            "negative-length", "two-lengths", "long-header", "many-headers", "no-colon")  # fmt: skip
ENDINGS = ("close", "cut", "stall", "reset")

CALLS = (
    ("projects", "list", {}),
    ("projects", "get", {"project": "p1"}),
    ("projects", "create", {"name": "n", "domain": "default"}),
    ("users", "update", {"user": "u1", "password": "fuzz-pw"}),
    ("users", "delete", {"user": "u1"}),
    ("projects", "iterate", {}),
    ("roles", "check", {"role": "r1", "user": "u1", "project": "p1"}),
)


def _framed(body: bytes, framing: str) -> tuple[list[bytes], bytes]:
    """Header lines and the body bytes for one framing."""
    if framing == "chunked":
        return [b"Transfer-Encoding: chunked"], b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body)
    if framing == "bad-chunk":
        return [b"Transfer-Encoding: chunked"], b"zz\r\n" + body
    lengths = {
        "length": [b"Content-Length: %d" % len(body)],
        "short": [b"Content-Length: %d" % (len(body) + 50)],
        "long": [b"Content-Length: %d" % max(len(body) - 5, 0)],
        "bad-length": [b"Content-Length: lots"],
        "negative-length": [b"Content-Length: -4"],
        "two-lengths": [b"Content-Length: 1", b"Content-Length: %d" % len(body)],
        "long-header": [b"X-Long: " + b"a" * 70000, b"Content-Length: %d" % len(body)],
        "many-headers": [b"X-Many: %d" % i for i in range(120)],
        "no-colon": [b"this is not a header", b"Content-Length: %d" % len(body)],
    }
    return lengths.get(framing, []), body


@st.composite
def answers(draw: st.DrawFn) -> tuple[bytes, str, int]:
    """(raw answer bytes, how the server ends, where a cut falls)."""
    status = draw(st.sampled_from(STATUS_LINES))
    lines, body = _framed(draw(strategies.bodies()), draw(st.sampled_from(FRAMINGS)))
    for name, value in draw(strategies.headers()).items():
        lines.append(("%s: %s" % (name, value)).encode("latin-1"))
    raw = b"\r\n".join([status, *lines, b""]) + b"\r\n" + body
    return raw, draw(st.sampled_from(ENDINGS)), draw(st.integers(min_value=0, max_value=len(raw)))


class _Script:
    """What the server sends next; set by each example."""

    answer: tuple[bytes, str, int] = (b"", "close", 0)

    def __call__(self, conn: socket.socket, request: bytes) -> None:
        raw, ending, cut = self.answer
        if ending == "close":
            conn.sendall(raw)
            return
        conn.sendall(raw[:cut])
        if ending == "stall":
            time.sleep(STALL)
        elif ending == "reset":  # close with RST instead of FIN
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


@pytest.fixture(scope="module")
def server() -> _t.Iterator[tuple[Loopback, _Script]]:
    script = _Script()
    with Loopback(script, threaded=True) as loopback:
        yield loopback, script


@given(
    answer=answers(),
    call=st.sampled_from(CALLS),
    debug=st.booleans(),
)
def test_broken_framing_raises_only_client_exceptions(server, answer, call, debug):
    loopback, script = server
    script.answer = answer
    keystone = v3_client.Client(
        token="fuzz-token", endpoint=loopback.url + "/v3", timeout=(1.0, READ_TIMEOUT)
    )
    manager, verb, kwargs = call

    def run() -> object:
        result = getattr(getattr(keystone, manager), verb)(**kwargs)
        return list(result) if verb == "iterate" else result

    with _harness.debug_log(debug):
        _harness.survive("framing", run)

"""Canned Keystone-like HTTP/1.1 server for the benchmarks, in its own process.

Run ``python -m benchmarks.server --port 0``; it prints ``READY <url>`` on
stdout once it listens.  It is a raw asyncio protocol (no ``http.server``):
keep-alive, ``Content-Length`` on every response, and GET responses encoded
once and replayed from a cache, so that the client is what gets measured.

URL layout (``<p>`` is an optional ``/c/<total>`` prefix that sets the
size of the projects collection for every URL under it, so each scenario
gets its own auth URL and its own catalog without any query parameter the
client libraries would have to pass through)::

    GET  <p>/ , <p>/v3 , <p>/v2.0        version discovery
    POST <p>/v3/auth/tokens               201 + X-Subject-Token, v3 token
    POST <p>/v2.0/tokens                  200, v2.0 access document
    GET  <p>/v3/projects[?limit=L&marker=M]
    GET  <p>/v3/projects/<id>             one project
    POST <p>/v3/projects                  201, echo with an id
    POST <p>/v3/users                     400, an 8 MiB error body quoting passwords
    GET  /_stats ; POST /_stats/reset     request counters
    GET  /_config ; POST /_config?token_ttl=S   token lifetime for new tokens
"""

from __future__ import annotations

import argparse
import asyncio
import json
import secrets
import signal
import sys
import threading
import time
import types
import uuid
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs

from benchmarks import documents

TOKEN_PREFIX = "gAAAAAB"
MAX_TOTAL = 1_000_000
MAX_HEAD = 65536
CACHE_ENTRIES = 1024
#: Size of the error body ``POST .../v3/users`` answers (scenario 8).
ERROR_BODY_BYTES = 8 * 1024 * 1024
REASONS = types.MappingProxyType(
    {
        200: "OK",
        201: "Created",
        202: "Accepted",
        300: "Multiple Choices",
        400: "Bad Request",
        401: "Unauthorized",
        404: "Not Found",
        405: "Method Not Allowed",
        411: "Length Required",
    }
)
COUNTERS = (
    "requests",
    "auth_v3",
    "auth_v2",
    "auth_failed",
    "unauthorized",
    "discovery",
    "projects_list",
    "projects_get",
    "projects_create",
    "users_create",
)

Reply = tuple[int, bytes, tuple[tuple[str, str], ...]]


def encode(document: Any) -> bytes:
    """Encode a JSON document compactly, as Keystone does."""
    return json.dumps(document, separators=(",", ":")).encode()


def http_response(status: int, body: bytes, headers: tuple[tuple[str, str], ...] = ()) -> bytes:
    """Build the full bytes of one HTTP/1.1 response."""
    lines = [
        f"HTTP/1.1 {status} {REASONS.get(status, 'Unknown')}",
        "Content-Type: application/json",
        f"Content-Length: {len(body)}",
        "Vary: X-Auth-Token",
        "x-openstack-request-id: req-5e0f3c1a-7a4b-4d6e-9f20-bench0000000",
    ]
    lines.extend(f"{name}: {value}" for name, value in headers)
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def issue_token(expires: float) -> str:
    """Return a Fernet-looking token whose expiry the server can read back."""
    return f"{TOKEN_PREFIX}{int(expires * 1000):012x}{secrets.token_urlsafe(132)}"


def token_expiry(token: str | None) -> float | None:
    """Return the expiry encoded in ``token``, or None if it is not ours."""
    if not token or not token.startswith(TOKEN_PREFIX) or len(token) < 19:
        return None
    try:
        return int(token[7:19], 16) / 1000.0
    except ValueError:
        return None


def canned_index(ident: str, ident_of: Callable[[int], str]) -> int | None:
    """The index whose id ``ident_of(index)`` is ``ident`` (canned ids lead with it in hex), or None."""
    try:
        index = int(ident[:8], 16)
    except ValueError:
        return None
    return index if ident_of(index) == ident else None


def split_prefix(path: str, default_total: int) -> tuple[str, int, str] | None:
    """Split ``/c/<total>/rest`` into (prefix, total, rest)."""
    if not path.startswith("/c/"):
        return "", default_total, path
    number, _, rest = path[3:].partition("/")
    if not number.isdigit() or not 0 <= int(number) <= MAX_TOTAL:
        return None
    return f"/c/{number}", int(number), "/" + rest


class App:
    """Routing, token checks, counters and the response cache."""

    def __init__(self, host_port: str, token_ttl: float, default_total: int) -> None:
        self.host_port = host_port
        self.token_ttl = token_ttl
        self.default_total = default_total
        self.stats = dict.fromkeys(COUNTERS, 0)
        self.cache: dict[tuple[Any, ...], bytes] = {}

    def handle(self, method: str, target: str, token: str | None, body: bytes) -> bytes:
        """Answer one request with the full response bytes."""
        path, _, query = target.partition("?")
        if path.startswith("/_"):
            return self._control(method, path, query)
        self.stats["requests"] += 1
        split = split_prefix(path, self.default_total)
        if split is None:
            return self._error(404, "Not Found", "Unknown collection prefix.")
        prefix, total, rest = split
        base = f"http://{self.host_port}{prefix}"
        if rest.rstrip("/") in ("", "/v3", "/v2.0"):
            return self._discovery(method, base, rest.rstrip("/"))
        if rest == "/v3/auth/tokens":
            return self._reply(*self._auth_v3(method, base, body, token))
        if rest == "/v2.0/tokens":
            return self._reply(*self._auth_v2(method, base, body))
        if rest.startswith("/v3/projects"):
            return self._projects(method, base, total, rest, query, token, body)
        if rest == "/v3/users" and method == "POST":
            self.stats["users_create"] += 1
            return self._cached(("echo-error",), self._echo_error)
        return self._error(404, "Not Found", f"Could not find {rest}.")

    # -- helpers ---------------------------------------------------------

    def _reply(self, status: int, body: bytes, headers: tuple[tuple[str, str], ...] = ()) -> bytes:
        return http_response(status, body, headers)

    def _error(self, code: int, title: str, message: str) -> bytes:
        headers: tuple[tuple[str, str], ...] = ()
        if code == 401:
            headers = (("WWW-Authenticate", f'Keystone uri="http://{self.host_port}"'),)
        return http_response(code, encode(documents.error(code, title, message)), headers)

    def _echo_error(self) -> bytes:
        return http_response(400, encode(documents.echo_error(ERROR_BODY_BYTES)))

    def _cached(self, key: tuple[Any, ...], build: Any) -> bytes:
        found = self.cache.get(key)
        if found is None:
            if len(self.cache) >= CACHE_ENTRIES:
                self.cache.clear()
            found = self.cache[key] = build()
        return found

    def _token_ok(self, token: str | None) -> bool:
        expires = token_expiry(token)
        return expires is not None and expires > time.time()

    # -- control ---------------------------------------------------------

    def _control(self, method: str, path: str, query: str) -> bytes:
        if path == "/_stats" and method == "GET":
            return self._reply(200, encode(self.stats))
        if path == "/_stats/reset" and method == "POST":
            before, self.stats = self.stats, dict.fromkeys(COUNTERS, 0)
            return self._reply(200, encode(before))
        if path == "/_config":
            if method == "POST":
                ttl = parse_qs(query).get("token_ttl")
                if ttl:
                    self.token_ttl = float(ttl[0])
            return self._reply(200, encode({"token_ttl": self.token_ttl}))
        return self._error(404, "Not Found", f"Could not find {path}.")

    # -- discovery -------------------------------------------------------

    def _discovery(self, method: str, base: str, which: str) -> bytes:
        if method != "GET":
            return self._error(405, "Method Not Allowed", "Discovery is GET only.")
        self.stats["discovery"] += 1
        return self._cached(("discovery", base, which), lambda: self._discovery_doc(base, which))

    def _discovery_doc(self, base: str, which: str) -> bytes:
        if which == "/v3":
            return http_response(200, encode({"version": documents.version_v3(base)}))
        if which == "/v2.0":
            return http_response(200, encode({"version": documents.version_v2(base)}))
        return http_response(300, encode(documents.versions(base)))

    # -- auth ------------------------------------------------------------

    def _auth_v3(self, method: str, base: str, body: bytes, token: str | None) -> Reply:
        if method != "POST":
            return 405, encode(documents.error(405, "Method Not Allowed", "POST only.")), ()
        self.stats["auth_v3"] += 1
        try:
            identity = json.loads(body)["auth"]["identity"]
            methods = list(identity["methods"])
        except (ValueError, KeyError, TypeError):
            return self._bad_request("Malformed auth request.")
        if not self._v3_credentials_ok(identity, methods):
            self.stats["auth_failed"] += 1
            return 401, encode(documents.error(401, "Unauthorized", "Invalid credentials.")), ()
        issued = time.time()
        new_token = issue_token(issued + self.token_ttl)
        doc = documents.token_v3(
            base, issued, issued + self.token_ttl, methods, uuid.uuid4().hex[:22]
        )
        return 201, encode(doc), (("X-Subject-Token", new_token),)

    def _v3_credentials_ok(self, identity: dict[str, Any], methods: list[str]) -> bool:
        if "password" in methods:
            user = identity.get("password", {}).get("user", {})
            named = user.get("name") == documents.USER_NAME or user.get("id") == documents.USER_ID
            return named and user.get("password") == documents.USER_PASSWORD
        if "token" in methods:
            return self._token_ok(identity.get("token", {}).get("id"))
        return False

    def _auth_v2(self, method: str, base: str, body: bytes) -> Reply:
        if method != "POST":
            return 405, encode(documents.error(405, "Method Not Allowed", "POST only.")), ()
        self.stats["auth_v2"] += 1
        try:
            creds = json.loads(body)["auth"]["passwordCredentials"]
        except (ValueError, KeyError, TypeError):
            return self._bad_request("Malformed auth request.")
        if (
            creds.get("username") != documents.USER_NAME
            or creds.get("password") != documents.USER_PASSWORD
        ):
            self.stats["auth_failed"] += 1
            return 401, encode(documents.error(401, "Unauthorized", "Invalid credentials.")), ()
        issued = time.time()
        new_token = issue_token(issued + self.token_ttl)
        doc = documents.access_v2(
            base, new_token, issued, issued + self.token_ttl, uuid.uuid4().hex[:22]
        )
        return 200, encode(doc), ()

    def _bad_request(self, message: str) -> Reply:
        return 400, encode(documents.error(400, "Bad Request", message)), ()

    # -- projects --------------------------------------------------------

    def _projects(
        self,
        method: str,
        base: str,
        total: int,
        rest: str,
        query: str,
        token: str | None,
        body: bytes,
    ) -> bytes:
        if not self._token_ok(token):
            self.stats["unauthorized"] += 1
            return self._error(
                401, "Unauthorized", "The request you have made requires authentication."
            )
        tail = rest[len("/v3/projects") :].strip("/")
        if not tail and method == "GET":
            return self._list(base, total, query)
        if not tail and method == "POST":
            return self._create(base, body)
        if tail and "/" not in tail and method == "GET":
            return self._get(base, total, tail)
        return self._error(405, "Method Not Allowed", f"{method} {rest} is not supported.")

    def _list(self, base: str, total: int, query: str) -> bytes:
        self.stats["projects_list"] += 1
        params = parse_qs(query)
        try:
            limit = int(params["limit"][0]) if "limit" in params else None
        except ValueError:
            limit = 0
        if limit is not None and limit < 1:
            return self._error(400, "Bad Request", "limit must be a positive integer.")
        marker = params["marker"][0] if "marker" in params else None
        start = 0
        if marker is not None:
            index = documents.project_index(marker)
            if index is None or index >= total:
                return self._error(404, "Not Found", f"Could not find project: {marker}.")
            start = index + 1
        key = ("list", base, total, limit, marker)
        return self._cached(
            key,
            lambda: http_response(
                200, encode(documents.collection(base, total, limit, start, marker))
            ),
        )

    def _get(self, base: str, total: int, pid: str) -> bytes:
        self.stats["projects_get"] += 1
        index = documents.project_index(pid)
        if index is None or index >= total:
            return self._error(404, "Not Found", f"Could not find project: {pid}.")
        return self._cached(
            ("get", base, pid),
            lambda: http_response(200, encode({"project": documents.project(index, base)})),
        )

    def _create(self, base: str, body: bytes) -> bytes:
        self.stats["projects_create"] += 1
        try:
            given = json.loads(body)["project"]
            name = given["name"]
        except (ValueError, KeyError, TypeError):
            return self._error(400, "Bad Request", "Expecting to find name in project.")
        created = documents.project(0, base)
        created.update(
            description="", enabled=True, tags=[], parent_id=given.get("domain_id", "default")
        )
        created.update({k: v for k, v in given.items() if k in created})
        created["id"] = uuid.uuid4().hex
        created["name"] = name
        created["links"] = {"self": f"{base}/v3/projects/{created['id']}"}
        return http_response(201, encode({"project": created}))


def parse_head(head: bytes) -> tuple[str, str, str, dict[bytes, bytes]]:
    """Parse the request line and headers (names lower-cased)."""
    lines = head.split(b"\r\n")
    method, target, version = lines[0].decode("latin-1").split(" ", 2)
    headers: dict[bytes, bytes] = {}
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        headers[name.strip().lower()] = value.strip()
    return method, target, version, headers


class HttpProtocol(asyncio.Protocol):
    """One keep-alive HTTP/1.1 connection."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.buffer = bytearray()
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def connection_lost(self, exc: Exception | None) -> None:
        self.transport = None

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while self.transport is not None and self._serve_one():
            pass

    def _serve_one(self) -> bool:
        """Answer one complete buffered request; False when none is complete."""
        end = self.buffer.find(b"\r\n\r\n")
        if end < 0:
            if len(self.buffer) > MAX_HEAD:
                self._fail(400)
            return False
        try:
            method, target, version, headers = parse_head(bytes(self.buffer[:end]))
            length = int(headers.get(b"content-length", b"0"))
        except ValueError:
            self._fail(400)
            return False
        if b"transfer-encoding" in headers:
            self._fail(411)
            return False
        if len(self.buffer) < end + 4 + length:
            return False
        body = bytes(self.buffer[end + 4 : end + 4 + length])
        del self.buffer[: end + 4 + length]
        token = headers.get(b"x-auth-token")
        reply = self.app.handle(method, target, token.decode("latin-1") if token else None, body)
        assert self.transport is not None
        self.transport.write(reply)
        if self._closing(version, headers):
            self.transport.close()
            self.transport = None
            return False
        return True

    def _closing(self, version: str, headers: dict[bytes, bytes]) -> bool:
        connection = headers.get(b"connection", b"").lower()
        if version == "HTTP/1.0":
            return connection != b"keep-alive"
        return connection == b"close"

    def _fail(self, status: int) -> None:
        assert self.transport is not None
        body = encode(documents.error(status, REASONS[status], "Bad request framing."))
        self.transport.write(http_response(status, body, (("Connection", "close"),)))
        self.transport.close()
        self.transport = None


def _watch_stdin(loop: asyncio.AbstractEventLoop, stop: asyncio.Event) -> None:
    """Stop the server when the parent closes our stdin (it went away)."""
    sys.stdin.buffer.read()
    loop.call_soon_threadsafe(stop.set)


async def serve_app(
    make_app: Callable[[str], Any],
    host: str,
    port: int,
    watch_stdin: bool,
    protocol: type[HttpProtocol] | None = None,
) -> None:
    """Listen, build the app for the bound ``host:port``, print READY, serve until told to stop.

    Every canned server of the harnesses runs through here; ``protocol``
    is :class:`HttpProtocol` unless a server needs to see raw requests.
    """
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    holder: dict[str, Any] = {}
    factory = protocol or HttpProtocol
    listener = await loop.create_server(lambda: factory(holder["app"]), host, port, backlog=256)
    bound = listener.sockets[0].getsockname()
    holder["app"] = make_app(f"{bound[0]}:{bound[1]}")
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    if watch_stdin:
        threading.Thread(target=_watch_stdin, args=(loop, stop), daemon=True).start()
    print(f"READY http://{bound[0]}:{bound[1]}", flush=True)
    async with listener:
        await stop.wait()


async def serve(host: str, port: int, token_ttl: float, total: int, watch_stdin: bool) -> None:
    """Serve the canned Keystone until told to stop."""
    await serve_app(lambda address: App(address, token_ttl, total), host, port, watch_stdin)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Parse the server's command line."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.server", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="loopback address to bind (default 127.0.0.1)"
    )
    parser.add_argument("--port", type=int, default=0, help="port, 0 for any free one (default)")
    parser.add_argument(
        "--token-ttl", type=float, default=3600.0, help="lifetime of new tokens, seconds"
    )
    parser.add_argument(
        "--projects", type=int, default=20, help="collection size when the URL has no /c/N prefix"
    )
    parser.add_argument(
        "--exit-on-stdin-eof", action="store_true", help="stop when stdin is closed"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the server until SIGTERM/SIGINT (or stdin EOF when asked)."""
    args = parse_args(argv)
    asyncio.run(serve(args.host, args.port, args.token_ttl, args.projects, args.exit_on_stdin_eof))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

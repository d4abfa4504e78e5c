"""Loopback ports and bounded readiness waits.

Every wait has a deadline (``time.monotonic()`` seconds) and every probe a
per-request timeout, and a wait also fails at once when the process it
waits for has exited.

Example::

    port = free_port()
    wait_http(f"http://127.0.0.1:{port}/healthcheck", proc=proc, deadline=time.monotonic() + 60)
"""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable

from .base import CloudError

__all__ = [
    "HOST",
    "free_port",
    "http_status",
    "port_free",
    "tcp_open",
    "wait_http",
    "wait_tcp",
    "wait_until",
]

HOST = "127.0.0.1"


#: Where servers' ports are picked: below the kernel's range of ephemeral ports.
_SERVER_PORTS = (20000, 32768)


def _ephemeral_low() -> int:
    """The first port the kernel hands to outgoing connections (32768 when unknown)."""
    try:
        with open("/proc/sys/net/ipv4/ip_local_port_range") as handle:
            return int(handle.read().split()[0])
    except (OSError, ValueError, IndexError):
        return _SERVER_PORTS[1]


def free_port() -> int:
    """Return a TCP port that is free on loopback right now, for a server.

    Ports are picked at random below the kernel's ephemeral range: a port
    the kernel itself handed out (``bind(0)``) can be taken by any outgoing
    connection in the seconds between picking it and the server binding
    it, and epmd, for one, then exits saying another epmd runs there.
    """
    import random

    high = min(_SERVER_PORTS[1], _ephemeral_low())
    low = min(_SERVER_PORTS[0], max(1024, high - 4096))
    for _ in range(200):
        port = random.randrange(low, high)
        if port_free(port):
            return port
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def port_free(port: int) -> bool:
    """Tell whether ``port`` can be bound on loopback right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind((HOST, port))
        except OSError:
            return False
    return True


def http_status(url: str, timeout: float = 5.0) -> int | None:
    """Return the HTTP status of a GET on ``url``, or None if nothing answered."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return int(response.status)
    except urllib.error.HTTPError as err:
        return int(err.code)
    except (OSError, ValueError):
        return None


def tcp_open(port: int, timeout: float = 2.0) -> bool:
    """Tell whether something accepts TCP connections on loopback ``port``."""
    try:
        with socket.create_connection((HOST, port), timeout=timeout):
            return True
    except OSError:
        return False


def wait_until(
    check: Callable[[], bool],
    what: str,
    *,
    deadline: float,
    proc: subprocess.Popen[bytes] | None = None,
    interval: float = 0.3,
) -> None:
    """Call ``check`` until it is true; raise CloudError at ``deadline`` or if ``proc`` dies."""
    while True:
        if proc is not None and proc.poll() is not None:
            raise CloudError(f"{what}: the process exited early with code {proc.returncode}")
        if check():
            return
        if time.monotonic() >= deadline:
            raise CloudError(f"{what}: not ready before the deadline")
        time.sleep(interval)


def wait_http(
    url: str,
    *,
    deadline: float,
    proc: subprocess.Popen[bytes] | None = None,
    ok: Callable[[int], bool] = lambda status: 200 <= status < 500,
) -> None:
    """Wait until a GET on ``url`` answers with a status ``ok`` accepts (default: < 500)."""

    def answered() -> bool:
        status = http_status(url)
        return status is not None and ok(status)

    wait_until(answered, f"GET {url}", deadline=deadline, proc=proc)


def wait_tcp(
    port: int, *, deadline: float, proc: subprocess.Popen[bytes] | None = None, what: str = ""
) -> None:
    """Wait until loopback ``port`` accepts TCP connections."""
    wait_until(lambda: tcp_open(port), what or f"TCP {HOST}:{port}", deadline=deadline, proc=proc)

"""memcached on loopback, for Swift's ``cache`` middleware (Debian's package).

UDP is off; 64 MB of memory.  cloud.json: ``servers`` (``"127.0.0.1:P"``),
``pid``.
"""

from __future__ import annotations

import os
import time
from typing import Any

from ..base import Context, Service
from ..net import wait_tcp

__all__ = ["Memcached"]

BINARY = "/usr/bin/memcached"


class Memcached(Service):
    """One memcached process, no venv."""

    name = "memcached"
    venv = None
    debs = (("memcached", BINARY),)
    start_timeout = 60.0

    def start(self, ctx: Context) -> dict[str, Any]:
        port = ctx.port(self.name)
        cmd = [BINARY, "-l", ctx.host, "-p", str(port), "-U", "0", "-m", "64", "-c", "1024"]
        if os.geteuid() == 0:
            cmd += ["-u", "root"]  # memcached refuses to run as root without it
        proc = ctx.spawn(self.name, "memcached", cmd, env=ctx.env(None))
        wait_tcp(port, deadline=time.monotonic() + 30, proc=proc, what="memcached")
        return {"servers": f"{ctx.host}:{port}", "pid": proc.pid}

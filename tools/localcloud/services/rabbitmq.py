"""RabbitMQ, the message bus of Nova and Cinder, on loopback only.

Debian's ``rabbitmq-server`` is run directly (not through the wrapper in
/usr/sbin, which switches user) with everything under the state
directory: its own ``epmd`` (the Erlang port mapper, started here so its
PID is known and it listens on 127.0.0.1 only), Mnesia, logs, an Erlang
cookie, no plugins, and a ``rabbitmq.conf`` whose AMQP listener and
distribution port are bound to 127.0.0.1.  Readiness is a bounded TCP
probe of the AMQP port (``rabbitmqctl`` is slow and needs the cookie).

The broker's user and password are random per start; other services get
them through :func:`transport_url`.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from ..base import Context, Service, write_private
from ..net import wait_tcp

__all__ = ["RabbitMQ", "transport_url"]

_SERVER = "/usr/lib/rabbitmq/bin/rabbitmq-server"
_USER = "localcloud"
_NODE = "localcloud@localhost"
#: Seconds the broker may take to accept AMQP connections (first start ~40 s).
READY_TIMEOUT = 120.0


def transport_url(ctx: Context) -> str:
    """Return the oslo.messaging URL of the broker started in ``ctx``."""
    password = ctx.secret("rabbitmq")
    return f"rabbit://{_USER}:{password}@{ctx.host}:{ctx.port('rabbitmq')}/"


class RabbitMQ(Service):
    """One RabbitMQ node with its own epmd, both bound to 127.0.0.1."""

    name = "rabbitmq"
    venv = None
    debs = (("rabbitmq-server", _SERVER),)
    start_timeout = READY_TIMEOUT + 30

    def prepare(self, ctx: Context) -> None:
        sdir = ctx.service_dir(self.name)
        for sub in ("home", "mnesia"):
            (sdir / sub).mkdir(mode=0o700, exist_ok=True)
        conf = {
            "listeners.tcp.default": f"{ctx.host}:{ctx.port('rabbitmq')}",
            "default_user": _USER,
            "default_pass": ctx.secret("rabbitmq"),
            "log.console": "false",
            "log.file.level": "warning",
        }
        write_private(sdir / "rabbitmq.conf", "".join(f"{k} = {v}\n" for k, v in conf.items()))
        (sdir / "enabled_plugins").write_text("[].\n")
        (sdir / "rabbitmq-env.conf").write_text("")
        cookie = sdir / "home" / ".erlang.cookie"
        cookie.unlink(missing_ok=True)
        write_private(cookie, ctx.secret("erlang-cookie").replace("-", "x").replace("_", "y"))
        os.chmod(cookie, 0o400)

    def _env(self, ctx: Context, sdir: Path) -> dict[str, str]:
        logs = ctx.log_dir(self.name)
        return ctx.env(
            None,
            HOME=str(sdir / "home"),
            ERL_EPMD_ADDRESS=ctx.host,
            ERL_EPMD_PORT=str(ctx.port("rabbitmq-epmd")),
            RABBITMQ_NODENAME=_NODE,
            RABBITMQ_NODE_IP_ADDRESS=ctx.host,
            RABBITMQ_NODE_PORT=str(ctx.port("rabbitmq")),
            RABBITMQ_DIST_PORT=str(ctx.port("rabbitmq-dist")),
            RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}",
            RABBITMQ_CONFIG_FILE=str(sdir / "rabbitmq.conf"),
            RABBITMQ_CONF_ENV_FILE=str(sdir / "rabbitmq-env.conf"),
            RABBITMQ_ENABLED_PLUGINS_FILE=str(sdir / "enabled_plugins"),
            RABBITMQ_MNESIA_BASE=str(sdir / "mnesia"),
            RABBITMQ_LOG_BASE=str(logs),
            RABBITMQ_PID_FILE=str(sdir / "rabbitmq.pid"),
        )

    def start(self, ctx: Context) -> dict[str, Any]:
        sdir = ctx.service_dir(self.name)
        env = self._env(ctx, sdir)
        epmd_port = ctx.port("rabbitmq-epmd")
        epmd = ctx.spawn(
            self.name, "epmd", ["epmd", "-address", ctx.host, "-port", str(epmd_port)], env=env
        )
        wait_tcp(epmd_port, deadline=time.monotonic() + 20, proc=epmd, what="epmd")
        server = ctx.spawn(self.name, "rabbitmq-server", [_SERVER], env=env)
        port = ctx.port("rabbitmq")
        wait_tcp(port, deadline=time.monotonic() + READY_TIMEOUT, proc=server, what="rabbitmq")
        # The broker's password stays out of cloud.json: clients never need it.
        return {"url": f"amqp://{_USER}@{ctx.host}:{port}/", "port": port, "pid": server.pid}

"""Placement (resource providers, inventories, allocations) for Nova's scheduler.

One gunicorn worker serving ``placement.wsgi.api:application`` with
keystonemiddleware in front; its SQLite schema is synced in ``prepare``
(so the first request does not pay for it), or copied from the snapshot
of an earlier fresh sync.  Catalog: ``placement`` at
``http://127.0.0.1:P`` (the root answers the version document).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from ..base import Context, Service, ini_text, write_private
from ..net import http_status, wait_until

__all__ = ["Placement"]

_CONFIG = "placement.conf"
_DB_FILE = "placement.sqlite"
READY_TIMEOUT = 60.0


class Placement(Service):
    """openstack-placement on one gunicorn worker."""

    name = "placement"
    requires = ("keystone",)
    start_timeout = READY_TIMEOUT + 30

    def _config(self, ctx: Context) -> str:
        sdir = ctx.service_dir(self.name)
        return ini_text(
            {
                "DEFAULT": {
                    "log_dir": ctx.log_dir(self.name),
                    "log_file": "placement.log",
                    "use_stderr": False,
                },
                "api": {"auth_strategy": "keystone"},
                "placement_database": {
                    "connection": f"sqlite:///{sdir / _DB_FILE}",
                    "sync_on_startup": False,
                },
                "keystone_authtoken": ctx.authtoken_options(self.name),
                "oslo_concurrency": {"lock_path": sdir / "locks"},
            }
        )

    def prepare(self, ctx: Context) -> None:
        sdir = ctx.service_dir(self.name)
        (sdir / "locks").mkdir(exist_ok=True)
        conf = write_private(sdir / _CONFIG, self._config(ctx))
        manage = [ctx.bin("openstack", "placement-manage"), "--config-file", str(conf)]

        def db_sync(_db: Path) -> None:
            ctx.run(self.name, [*manage, "db", "sync"], "db sync", env=ctx.env("openstack"))

        key = f"placement db sync {ctx.venv_fingerprint('openstack')}"
        ctx.cached(self.name, sdir / _DB_FILE, db_sync, key=key)

    def start(self, ctx: Context) -> dict[str, Any]:
        url = ctx.url(self.name)
        ctx.register(self.name, {"placement": url})
        env = ctx.env("openstack", OS_PLACEMENT_CONFIG_DIR=str(ctx.service_dir(self.name)))
        port = ctx.port(self.name)
        proc = ctx.gunicorn(
            self.name, "placement", "placement.wsgi.api:application", port, env=env
        )
        wait_until(
            lambda: http_status(url) == 200,
            "placement",
            deadline=time.monotonic() + READY_TIMEOUT,
            proc=proc,
        )
        return {"endpoints": {"placement": url}, "url": url, "port": port, "pid": proc.pid}

"""Glance (Image v2): two file stores, interoperable import, keystonemiddleware.

- ``enabled_backends = fs1:file, fs2:file`` with ``fs1`` the default, plus
  the reserved staging and tasks stores, all under the state directory.
- Import methods ``glance-direct``, ``web-download`` and ``copy-image``.
  web-download is filtered to the loopback host (``127.0.0.1`` and
  ``localhost``, any port), so tests can serve an image from a local HTTP
  server; nothing else can be fetched.
- The ``keystone`` paste flavor: keystonemiddleware against the cloud's
  Keystone (service user ``glance``).

cloud.json: ``endpoints.image``, ``stores`` (``["fs1", "fs2"]``),
``default_store``, ``import_methods``.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from ..base import Context, Service, ini_text, write_private
from ..net import wait_http

__all__ = ["Glance"]

STORES = ("fs1", "fs2")
IMPORT_METHODS = ("glance-direct", "web-download", "copy-image")


class Glance(Service):
    """The Image API on one sync gunicorn worker."""

    name = "glance"
    requires = ("keystone",)
    venv = "openstack"

    def _api_conf(self, ctx: Context, sdir: Path) -> str:
        paste = ctx.venv("openstack") / "etc" / "glance" / "glance-api-paste.ini"
        sections: dict[str, dict[str, object]] = {
            "DEFAULT": {
                "enabled_backends": ", ".join(f"{s}:file" for s in STORES),
                "enabled_import_methods": "[%s]" % ", ".join(IMPORT_METHODS),
                "worker_self_reference_url": ctx.url(self.name),
                "log_dir": ctx.log_dir(self.name),
                "log_file": "glance-api.log",
                "use_stderr": False,
                "debug": False,
            },
            "glance_store": {"default_backend": STORES[0]},
            "database": {"connection": f"sqlite:///{sdir / 'glance.db'}"},
            "paste_deploy": {"config_file": paste, "flavor": "keystone"},
            "keystone_authtoken": ctx.authtoken_options(self.name),
            "oslo_concurrency": {"lock_path": sdir / "lock"},
            "oslo_messaging_notifications": {"driver": "noop"},
        }
        for store in STORES:
            sections[store] = {
                "filesystem_store_datadir": sdir / "images" / store,
                "store_description": f"file store {store}",
            }
        for reserved in ("os_glance_staging_store", "os_glance_tasks_store"):
            sections[reserved] = {"filesystem_store_datadir": sdir / reserved}
        return ini_text(sections)

    def _import_conf(self) -> str:
        return ini_text(
            {
                "import_filtering_opts": {
                    "allowed_schemes": "[http, https]",
                    "allowed_hosts": "[127.0.0.1, localhost]",
                    "allowed_ports": "[]",
                }
            }
        )

    def prepare(self, ctx: Context) -> None:
        sdir = ctx.service_dir(self.name)
        for sub in ("lock", "os_glance_staging_store", "os_glance_tasks_store"):
            (sdir / sub).mkdir(exist_ok=True)
        for store in STORES:
            (sdir / "images" / store).mkdir(parents=True, exist_ok=True)
        config = write_private(sdir / "glance-api.conf", self._api_conf(ctx, sdir))
        (sdir / "glance-image-import.conf").write_text(self._import_conf())
        manage = [ctx.bin("openstack", "glance-manage"), "--config-file", str(config)]

        def db_sync(_db: Path) -> None:
            ctx.run(self.name, [*manage, "db_sync"], "db_sync", env=ctx.env("openstack"))

        key = f"glance db_sync {ctx.venv_fingerprint('openstack')}"
        ctx.cached(self.name, sdir / "glance.db", db_sync, key=key)

    def start(self, ctx: Context) -> dict[str, Any]:
        port = ctx.port(self.name)
        url = ctx.url(self.name)
        ctx.register(self.name, {"image": url})
        env = ctx.env("openstack", OS_GLANCE_CONFIG_DIR=str(ctx.service_dir(self.name)))
        proc = ctx.gunicorn(self.name, "glance-api", "glance.wsgi.api:application", port, env=env)
        deadline = time.monotonic() + 120
        wait_http(f"{url}/", deadline=deadline, proc=proc, ok=lambda s: s in (200, 300))
        return {
            "endpoints": {"image": url},
            "stores": list(STORES),
            "default_store": STORES[0],
            "import_methods": list(IMPORT_METHODS),
        }

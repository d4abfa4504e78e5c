"""Cinder (Block Storage v3): api under gunicorn, scheduler, volume with the fake driver.

The three processes share one SQLite database (made safe for several
processes by ``runtime/localcloud_sqlite.py``) and talk over RabbitMQ.
The volume service runs the fake driver that ships with Cinder
(``cinder.tests.fake_driver.FakeLoggingVolumeDriver``): volumes,
snapshots, clones, extends, retypes and attachments reach their final
states without any storage behind them.  Backups (which need a real
attach) are not available.

cinder-volume starts first; the scheduler starts once the volume service
has finished initialising its driver, so that it reads the backend's
pool at once (in the other order the pool appears a minute later).
``start`` returns when the API answers and the scheduler reports the
pool, i.e. when a volume create will succeed.

Catalog: ``block-storage`` and ``volumev3`` at
``http://127.0.0.1:P/v3/%(project_id)s``.  ``[nova]`` points at the local
Nova through the catalog (attachment deletes call Nova).
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from ..base import Context, Service, ini_text, write_private
from ..net import http_status, wait_until
from ._oslo import api_call, keystoneauth_options, runner, wait_log_line
from .rabbitmq import transport_url

__all__ = ["Cinder"]

_DRIVER = "cinder.tests.fake_driver.FakeLoggingVolumeDriver"
_BACKEND = "fake"
_DRIVER_READY = "Driver post RPC initialization completed"
_SCHEDULER_STARTED = "Starting cinder-scheduler node"
_DB_FILE = "cinder.sqlite"
#: Seconds an RPC call between Cinder's processes may take.
_RPC_TIMEOUT = 30
#: Seconds each readiness step may take.
READY_TIMEOUT = 90.0

_PASTE = {
    "composite:osapi_volume": {
        "use": "call:cinder.api:root_app_factory",
        "/": "versions",
        "/healthcheck": "healthcheck",
        "/v3": "api_v3",
    },
    "composite:api_v3": {
        "use": "call:cinder.api.middleware.auth:pipeline_factory",
        "keystone": "request_id http_proxy_to_wsgi faultwrap sizelimit authtoken "
        "keystonecontext apiv3",
    },
    "pipeline:versions": {"pipeline": "request_id http_proxy_to_wsgi faultwrap versionsapp"},
    "pipeline:healthcheck": {"pipeline": "request_id healthcheckapp"},
    "app:versionsapp": {"paste.app_factory": "cinder.api.versions:Versions.factory"},
    "app:healthcheckapp": {"paste.app_factory": "oslo_middleware:Healthcheck.app_factory"},
    "app:apiv3": {"paste.app_factory": "cinder.api.v3.router:APIRouter.factory"},
    "filter:request_id": {
        "paste.filter_factory": "cinder.api.middleware.request_id:RequestId.factory"
    },
    "filter:http_proxy_to_wsgi": {
        "paste.filter_factory": "oslo_middleware.http_proxy_to_wsgi:HTTPProxyToWSGI.factory"
    },
    "filter:faultwrap": {
        "paste.filter_factory": "cinder.api.middleware.fault:FaultWrapper.factory"
    },
    "filter:sizelimit": {
        "paste.filter_factory": "oslo_middleware.sizelimit:RequestBodySizeLimiter.factory"
    },
    "filter:authtoken": {"paste.filter_factory": "keystonemiddleware.auth_token:filter_factory"},
    "filter:keystonecontext": {
        "paste.filter_factory": "cinder.api.middleware.auth:CinderKeystoneContext.factory"
    },
}


class Cinder(Service):
    """cinder-api, cinder-scheduler and cinder-volume on one SQLite database."""

    name = "cinder"
    requires = ("keystone", "rabbitmq")
    start_timeout = 3 * READY_TIMEOUT

    def _config(self, ctx: Context) -> str:
        sdir = ctx.service_dir(self.name)
        venv = ctx.venv("openstack")
        default: dict[str, object] = {
            "transport_url": transport_url(ctx),
            "auth_strategy": "keystone",
            "host": "localcloud",
            "my_ip": ctx.host,
            "osapi_volume_listen": ctx.host,
            "enabled_backends": _BACKEND,
            "state_path": sdir,
            "log_dir": ctx.log_dir(self.name),
            "use_stderr": False,
            "api_paste_config": sdir / "api-paste.ini",
            "resource_query_filters_file": venv / "etc" / "cinder" / "resource_filters.json",
            "rpc_response_timeout": _RPC_TIMEOUT,
            "graceful_shutdown_timeout": 5,
        }
        return ini_text(
            {
                "DEFAULT": default,
                "database": {"connection": f"sqlite:///{sdir / _DB_FILE}"},
                "keystone_authtoken": ctx.authtoken_options(self.name),
                "nova": {**keystoneauth_options(ctx, self.name), "interface": "public"},
                "oslo_concurrency": {"lock_path": sdir / "locks"},
                "coordination": {"backend_url": f"file://{sdir / 'coordination'}"},
                "oslo_messaging_notifications": {"driver": "noop"},
                _BACKEND: {"volume_driver": _DRIVER, "volume_backend_name": _BACKEND},
            }
        )

    def prepare(self, ctx: Context) -> None:
        sdir = ctx.service_dir(self.name)
        for sub in ("locks", "coordination"):
            (sdir / sub).mkdir(exist_ok=True)
        conf = write_private(sdir / "cinder.conf", self._config(ctx))
        (sdir / "api-paste.ini").write_text(ini_text(_PASTE))
        log = ctx.log_dir(self.name) / "cinder-manage.log"
        # Plain cinder-manage, one process: the copy kept in the cache must
        # not depend on a write-ahead log left next to the file.
        sync = [ctx.bin("openstack", "cinder-manage"), "--config-file", str(conf)]
        sync += ["--log-file", str(log)]

        def db_sync(_db: Path) -> None:
            ctx.run(self.name, [*sync, "db", "sync"], "db sync", env=ctx.env("openstack"))

        key = f"cinder db sync {ctx.venv_fingerprint('openstack')}"
        ctx.cached(self.name, sdir / _DB_FILE, db_sync, key=key)

    def _service(self, ctx: Context, binary: str) -> Any:
        sdir = ctx.service_dir(self.name)
        log = ctx.log_dir(self.name) / f"cinder-{binary}.log"
        cmd = runner(
            ctx,
            f"cinder.cmd.{binary}:main",
            "--config-file",
            sdir / "cinder.conf",
            "--log-file",
            log,
        )
        return ctx.spawn(self.name, f"cinder-{binary}", cmd, env=ctx.env("openstack"))

    def _api(self, ctx: Context) -> Any:
        sdir = ctx.service_dir(self.name)
        argv = ["cinder-api", "--config-file", str(sdir / "cinder.conf")]
        argv += ["--log-file", str(ctx.log_dir(self.name) / "cinder-api.log")]
        env = ctx.env(
            "openstack",
            LOCALCLOUD_GUARDED_APP="cinder.wsgi.api:application",
            LOCALCLOUD_APP_ARGV=json.dumps(argv),
        )
        return ctx.gunicorn(
            self.name, "cinder-api", "localcloud_run:wsgi()", ctx.port(self.name), env=env
        )

    def start(self, ctx: Context) -> dict[str, Any]:
        url = ctx.url(self.name, "/v3/%(project_id)s")
        ctx.register(self.name, {"block-storage": url, "volumev3": url})
        volume = self._service(ctx, "volume")
        api = self._api(ctx)
        deadline = time.monotonic() + READY_TIMEOUT
        volume_log = ctx.log_dir(self.name) / "cinder-volume.log"
        wait_log_line(
            volume_log, _DRIVER_READY, deadline=deadline, proc=volume, what="cinder-volume"
        )
        scheduler = self._service(ctx, "scheduler")
        health = ctx.url(self.name, "/healthcheck")
        wait_until(lambda: http_status(health) == 200, "cinder-api", deadline=deadline, proc=api)
        scheduler_log = ctx.log_dir(self.name) / "cinder-scheduler.log"
        wait_log_line(
            scheduler_log,
            _SCHEDULER_STARTED,
            deadline=deadline,
            proc=scheduler,
            what="cinder-scheduler",
        )
        admin_url = url % {"project_id": ctx.cloud["admin_project_id"]}
        wait_until(
            lambda: self._pool_reported(ctx, admin_url),
            "cinder-scheduler reporting the fake backend's pool",
            deadline=time.monotonic() + READY_TIMEOUT,
            proc=scheduler,
        )
        return {
            "endpoints": {"block-storage": url, "volumev3": url},
            "url": ctx.url(self.name),
            "backend": _BACKEND,
            "port": ctx.port(self.name),
        }

    @staticmethod
    def _pool_reported(ctx: Context, admin_url: str) -> bool:
        """Ask the scheduler (an RPC call behind the API) for the backend's pool.

        A call sent before the scheduler listens is lost and answers 500
        after Cinder's RPC timeout; that only delays readiness.
        """
        url = f"{admin_url}/scheduler-stats/get_pools"
        status, body = api_call(ctx, "GET", url, timeout=_RPC_TIMEOUT + 15)
        return status == 200 and bool(isinstance(body, dict) and body.get("pools"))

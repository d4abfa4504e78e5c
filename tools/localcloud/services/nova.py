"""Nova (Compute v2.1): api under gunicorn, conductor, scheduler, compute on the fake driver.

Every process runs from the OpenStack venv through
``runtime/localcloud_run.py`` (SQLite made safe for several processes).
``nova-compute`` uses ``fake.FakeDriverWithoutFakeNodes``: servers go
from BUILD to ACTIVE in seconds without any hypervisor, with their ports
on Neutron and their images from Glance.

Databases (``nova_api``, ``nova_cell0``, ``nova`` for cell1) are set up in
``prepare``; a snapshot of the freshly synced files is kept in the cache
directory and copied back on the next start (milliseconds instead of
~20 s of nova-manage), with the cell mappings pointed at the new state
directory and broker.  The database options live in ``nova-db.conf``,
given to api, conductor and scheduler only: nova-compute must not see them.

``start`` returns once the API answers, the compute host is mapped into
cell1 and its resource provider has inventory in placement, so a boot
succeeds at once.  It also creates the flavors in :data:`FLAVORS`.

Catalog: ``compute`` at ``http://127.0.0.1:P/v2.1``.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
import time
from contextlib import closing
from pathlib import Path
from typing import Any

from ..base import CloudError, Context, Service, ini_text, write_private
from ..net import http_status, wait_until
from . import _nova_config as config
from ._oslo import api_call, runner, wait_log_line
from .rabbitmq import transport_url

__all__ = ["FLAVORS", "Nova"]

#: Flavors every local cloud has: (id, name, vcpus, ram MiB, disk GiB).
FLAVORS = (("1", "m1.tiny", 1, 512, 1), ("2", "m1.small", 1, 2048, 20))
_DB_FILES = ("nova_api.sqlite", "nova_cell0.sqlite", "nova.sqlite")
READY_TIMEOUT = 120.0
_CONDUCTOR_STARTED = "Starting conductor node"
_PLACEMENT_VERSION = {"OpenStack-API-Version": "placement 1.14"}


class Nova(Service):
    """nova-api, nova-conductor, nova-scheduler and one nova-compute (host ``localcloud``)."""

    name = "nova"
    requires = ("keystone", "rabbitmq", "placement", "neutron", "glance")
    start_timeout = 2 * READY_TIMEOUT

    # -- prepare -----------------------------------------------------------
    def prepare(self, ctx: Context) -> None:
        sdir = ctx.service_dir(self.name)
        for sub in ("locks", "instances"):
            (sdir / sub).mkdir(exist_ok=True)
        write_private(sdir / "nova.conf", ini_text(config.nova_conf(ctx, sdir)))
        write_private(sdir / "nova-db.conf", ini_text(config.db_conf(sdir)))
        (sdir / "api-paste.ini").write_text(ini_text(config.PASTE))
        snapshot = _snapshot_dir(ctx)
        if _restore(snapshot, sdir):
            ctx.progress("nova: databases copied from the cache")
        else:
            self._sync(ctx, sdir)
            _save(snapshot, sdir)
        _point_cells(sdir, sdir, transport_url(ctx))

    def _manage(self, ctx: Context, *args: object) -> None:
        sdir = ctx.service_dir(self.name)
        cmd = runner(ctx, "nova.cmd.manage:main", *self._db_conf_args(sdir))
        cmd += ["--log-file", str(ctx.log_dir(self.name) / "nova-manage.log")]
        what = " ".join(str(a) for a in args[:2])
        ctx.run(self.name, [*cmd, *(str(a) for a in args)], what, env=ctx.env("openstack"))

    def _sync(self, ctx: Context, sdir: Path) -> None:
        self._manage(ctx, "api_db", "sync")
        cell0 = f"sqlite:///{sdir / 'nova_cell0.sqlite'}"
        self._manage(ctx, "cell_v2", "map_cell0", "--database_connection", cell0)
        self._manage(ctx, "cell_v2", "create_cell", "--name", "cell1")
        self._manage(ctx, "db", "sync")

    @staticmethod
    def _db_conf_args(sdir: Path) -> list[str]:
        return [
            "--config-file",
            str(sdir / "nova.conf"),
            "--config-file",
            str(sdir / "nova-db.conf"),
        ]

    # -- start ---------------------------------------------------------------
    def _daemon(self, ctx: Context, binary: str, with_db: bool = True) -> Any:
        sdir = ctx.service_dir(self.name)
        conf = self._db_conf_args(sdir) if with_db else ["--config-file", str(sdir / "nova.conf")]
        log = ctx.log_dir(self.name) / f"nova-{binary}.log"
        cmd = runner(ctx, f"nova.cmd.{binary}:main", *conf, "--log-file", log)
        # One worker, run in the main process: no forked copy of each service.
        env = ctx.env("openstack", LOCALCLOUD_IN_PROCESS="1")
        return ctx.spawn(self.name, f"nova-{binary}", cmd, env=env)

    def _api(self, ctx: Context) -> Any:
        sdir = ctx.service_dir(self.name)
        argv = ["nova-api", "--log-file", str(ctx.log_dir(self.name) / "nova-api.log")]
        env = ctx.env(
            "openstack",
            OS_NOVA_CONFIG_DIR=str(sdir),
            OS_NOVA_CONFIG_FILES="api-paste.ini;nova.conf;nova-db.conf",
            LOCALCLOUD_GUARDED_APP="nova.wsgi.osapi_compute:application",
            LOCALCLOUD_APP_ARGV=json.dumps(argv),
        )
        return ctx.gunicorn(
            self.name, "nova-api", "localcloud_run:wsgi()", ctx.port(self.name), env=env
        )

    def _discover_hosts(self, ctx: Context) -> Any:
        """Start ``nova-manage cell_v2 discover_hosts``, to run once a compute node exists.

        It imports Nova while nova-compute starts, instead of after.
        """
        sdir = ctx.service_dir(self.name)
        log = ctx.log_dir(self.name) / "nova-manage.log"
        cmd = runner(ctx, "nova.cmd.manage:main", *self._db_conf_args(sdir), "--log-file", log)
        when = f"{sdir / 'nova.sqlite'}|SELECT count(*) FROM compute_nodes WHERE deleted = 0"
        env = ctx.env(
            "openstack",
            LOCALCLOUD_RUN_WHEN=when,
            LOCALCLOUD_RUN_WHEN_TIMEOUT=str(READY_TIMEOUT),
        )
        return ctx.spawn(
            self.name, "nova-discover-hosts", [*cmd, "cell_v2", "discover_hosts"], env=env
        )

    def start(self, ctx: Context) -> dict[str, Any]:
        url = ctx.url(self.name, "/v2.1")
        ctx.register(self.name, {"compute": url})
        conductor = self._daemon(ctx, "conductor")
        self._daemon(ctx, "scheduler")
        api = self._api(ctx)
        deadline = time.monotonic() + READY_TIMEOUT
        # nova-compute's first call to the conductor is lost if the conductor
        # does not listen yet, and is only retried 10 s later.
        conductor_log = ctx.log_dir(self.name) / "nova-conductor.log"
        wait_log_line(
            conductor_log, _CONDUCTOR_STARTED, deadline=deadline, proc=conductor, what="conductor"
        )
        compute = self._daemon(ctx, "compute", with_db=False)
        discover = self._discover_hosts(ctx)
        root = ctx.url(self.name, "/")
        wait_until(lambda: http_status(root) == 200, "nova-api", deadline=deadline, proc=api)
        wait_until(
            lambda: discover.poll() is not None,
            "nova-manage cell_v2 discover_hosts",
            deadline=time.monotonic() + READY_TIMEOUT + 30,
            proc=compute,
        )
        if discover.returncode != 0:
            raise CloudError(f"nova: cell_v2 discover_hosts failed (exit {discover.returncode})")
        wait_until(
            lambda: self._inventory_reported(ctx),
            "nova-compute reporting its inventory to placement",
            deadline=time.monotonic() + READY_TIMEOUT,
            proc=compute,
        )
        self._create_flavors(ctx, url)
        return {
            "endpoints": {"compute": url},
            "url": url,
            "port": ctx.port(self.name),
            "hypervisor": config.HOST,
            "flavors": [name for _id, name, *_rest in FLAVORS],
        }

    @staticmethod
    def _inventory_reported(ctx: Context) -> bool:
        base = ctx.url("placement")
        status, body = api_call(ctx, "GET", f"{base}/resource_providers", None, _PLACEMENT_VERSION)
        providers = (body or {}).get("resource_providers") if status == 200 else None
        if not providers:
            return False
        inventories = f"{base}/resource_providers/{providers[0]['uuid']}/inventories"
        status, body = api_call(ctx, "GET", inventories, None, _PLACEMENT_VERSION)
        return status == 200 and "VCPU" in (body or {}).get("inventories", {})

    @staticmethod
    def _create_flavors(ctx: Context, url: str) -> None:
        for flavor_id, name, vcpus, ram, disk in FLAVORS:
            body = {"flavor": {"id": flavor_id, "name": name, "vcpus": vcpus, "ram": ram}}
            body["flavor"]["disk"] = disk
            status, answer = api_call(ctx, "POST", f"{url}/flavors", body)
            if status not in (200, 409):
                raise CloudError(f"nova: creating flavor {name} answered HTTP {status}: {answer}")


def _snapshot_dir(ctx: Context) -> Path:
    """Return where the freshly synced databases of this venv's Nova are kept."""
    key = f"nova databases {ctx.venv_fingerprint('openstack')}"
    return ctx.cache_dir / "nova" / f"databases.{hashlib.sha256(key.encode()).hexdigest()[:24]}"


def _restore(snapshot: Path, sdir: Path) -> bool:
    """Copy the kept databases into ``sdir``; False when there are none."""
    if not all((snapshot / name).is_file() for name in _DB_FILES):
        return False
    for name in _DB_FILES:
        shutil.copyfile(snapshot / name, sdir / name)
    return True


def _save(snapshot: Path, sdir: Path) -> None:
    """Keep consistent copies of the databases in ``sdir`` (the first writer wins).

    The copies' cell mappings point at the copies and name no broker, so
    no password is kept; :func:`_point_cells` sets both on every start.
    """
    snapshot.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".partial-", dir=snapshot.parent))
    try:
        for name in _DB_FILES:
            with closing(sqlite3.connect(str(sdir / name))) as source:
                with closing(sqlite3.connect(str(tmp / name))) as copy:
                    source.backup(copy)
        _point_cells(tmp, tmp, "none:///")
        os.rename(tmp, snapshot)
    except OSError:
        if not snapshot.is_dir():
            raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _point_cells(api_dir: Path, cell_dir: Path, broker: str) -> None:
    """Point the cell mappings in ``api_dir``'s API database at ``cell_dir`` and ``broker``."""
    rows = {
        "cell0": (f"sqlite:///{cell_dir / 'nova_cell0.sqlite'}", "none:///"),
        "cell1": (f"sqlite:///{cell_dir / 'nova.sqlite'}", broker),
    }
    with closing(sqlite3.connect(str(api_dir / "nova_api.sqlite"), timeout=10.0)) as conn:
        with conn:
            for name, (database, transport) in rows.items():
                conn.execute(
                    "UPDATE cell_mappings SET database_connection = ?, transport_url = ?"
                    " WHERE name = ?",
                    (database, transport, name),
                )

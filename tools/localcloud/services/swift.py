"""Swift (Object Storage v1): proxy, account, container and object servers.

- One replica, part power 6, one device ``d1`` for every ring, the rings
  built with ``RingBuilder`` in one Python call.  The device lives on a
  tmpfs mounted over ``<state>/swift/devices`` when the machine allows it
  (root): ext4 keeps user xattrs in one 4 KiB block, so objects with more
  than ~3.5 KiB of metadata get 507 there.  Without the mount a plain
  directory is used and a message says so.
- Proxy pipeline: ``catch_errors gatekeeper healthcheck proxy-logging cache
  listing_formats bulk tempurl ratelimit authtoken keystoneauth copy
  container-quotas account-quotas slo dlo versioned_writes symlink
  proxy-logging proxy-server``; keystonemiddleware (service user ``swift``)
  with ``operator_roles = admin, member`` and ``reseller_prefix = AUTH_``;
  memcached for ``cache``; ``account_autocreate``; ``error_suppression_interval
  = 0`` (with one device, a single 507 would otherwise shun it for 60 s).
- Servers run with ``workers = 0`` (one process each) and ``-v`` so that
  their logs go to ``logs/<server>.out``.  No background daemons
  (replicators, updaters, expirer) run.

cloud.json: ``endpoints.object-store``
(``http://127.0.0.1:P/v1/AUTH_%(project_id)s``), ``url``, ``tmpfs`` (bool).
"""

from __future__ import annotations

import getpass
import os
import secrets
import subprocess
import time
from pathlib import Path
from typing import Any

from ..base import CloudError, Context, Service, ini_text
from ..net import http_status, wait_until

__all__ = ["Swift"]

SERVERS = ("account", "container", "object")
DEVICE = "d1"
_TMPFS_SIZE = "512m"
_RING_SCRIPT = """
import sys
from swift.common.ring import RingBuilder
etc, ports = sys.argv[1], dict(a.split("=") for a in sys.argv[2:])
for kind, port in ports.items():
    builder = RingBuilder(6, 1, 1)
    builder.add_dev({"id": 0, "region": 1, "zone": 1, "ip": "127.0.0.1",
                     "port": int(port), "device": "d1", "weight": 100})
    builder.rebalance()
    builder.get_ring().save(f"{etc}/{kind}.ring.gz")
"""
_PIPELINE = (
    "catch_errors gatekeeper healthcheck proxy-logging cache listing_formats bulk tempurl"
    " ratelimit authtoken keystoneauth copy container-quotas account-quotas slo dlo"
    " versioned_writes symlink proxy-logging proxy-server"
)
_SIMPLE_FILTERS = (
    "catch_errors gatekeeper healthcheck listing_formats bulk tempurl ratelimit copy"
    " account_quotas slo dlo symlink"
)


def _mounted(path: Path) -> bool:
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return False
    return any(line.split()[1] == str(path) for line in mounts if len(line.split()) > 1)


class Swift(Service):
    """The object store, authenticating through Keystone."""

    name = "swift"
    requires = ("keystone", "memcached")
    venv = "swift"

    def _common(self, ctx: Context, sdir: Path, port: int, server: str) -> dict[str, object]:
        return {
            "bind_ip": ctx.host,
            "bind_port": port,
            "workers": 0,
            "user": getpass.getuser(),
            "swift_dir": sdir / "etc",
            "devices": sdir / "devices",
            "mount_check": False,
            "disable_fallocate": True,
            "log_name": server,
            "log_level": "INFO",
        }

    def _server_conf(self, ctx: Context, sdir: Path, kind: str) -> str:
        port = ctx.port(f"swift-{kind}")
        return ini_text(
            {
                "DEFAULT": self._common(ctx, sdir, port, f"{kind}-server"),
                "pipeline:main": {"pipeline": f"healthcheck {kind}-server"},
                f"app:{kind}-server": {"use": f"egg:swift#{kind}"},
                "filter:healthcheck": {"use": "egg:swift#healthcheck"},
            }
        )

    def _proxy_conf(self, ctx: Context, sdir: Path) -> str:
        auth = dict(ctx.authtoken_options(self.name))
        auth.update(
            {
                "paste.filter_factory": "keystonemiddleware.auth_token:filter_factory",
                "delay_auth_decision": True,
            }
        )
        sections: dict[str, dict[str, object]] = {
            "DEFAULT": self._common(ctx, sdir, ctx.port(self.name), "proxy-server"),
            "pipeline:main": {"pipeline": _PIPELINE},
            "app:proxy-server": {
                "use": "egg:swift#proxy",
                "account_autocreate": True,
                "error_suppression_interval": 0,
            },
            "filter:authtoken": auth,
            "filter:keystoneauth": {
                "use": "egg:swift#keystoneauth",
                "operator_roles": "admin, member",
                "reseller_prefix": "AUTH_",
            },
            "filter:cache": {
                "use": "egg:swift#memcache",
                "memcache_servers": f"{ctx.host}:{ctx.port('memcached')}",
            },
            "filter:proxy-logging": {"use": "egg:swift#proxy_logging"},
            "filter:container-quotas": {"use": "egg:swift#container_quotas"},
            "filter:account-quotas": {"use": "egg:swift#account_quotas"},
            "filter:versioned_writes": {
                "use": "egg:swift#versioned_writes",
                "allow_versioned_writes": True,
                "allow_object_versioning": True,
            },
        }
        for name in _SIMPLE_FILTERS.split():
            sections.setdefault(f"filter:{name}", {"use": f"egg:swift#{name}"})
        return ini_text(sections)

    def _swift_conf(self) -> str:
        return ini_text(
            {
                "swift-hash": {
                    "swift_hash_path_suffix": secrets.token_hex(8),
                    "swift_hash_path_prefix": secrets.token_hex(8),
                },
                "storage-policy:0": {"name": "Policy-0", "default": "yes"},
            }
        )

    def _mount_tmpfs(self, ctx: Context, devices: Path) -> bool:
        devices.mkdir(mode=0o700, exist_ok=True)
        if os.geteuid() != 0:
            reason = "not root"
        else:
            cmd = ["mount", "-t", "tmpfs", "-o", f"size={_TMPFS_SIZE},mode=0700"]
            cmd += ["localcloud-swift", str(devices)]
            try:
                done = subprocess.run(cmd, capture_output=True, text=True, timeout=30, check=False)
                reason = done.stderr.strip() or f"exit {done.returncode}"
            except (OSError, subprocess.TimeoutExpired) as err:
                reason = str(err)
            if _mounted(devices):
                return True
        ctx.progress(
            f"swift: no tmpfs for the device ({reason}); using a plain directory, where "
            "objects with more than ~3.5 KiB of metadata may get 507 Insufficient Storage"
        )
        return False

    def prepare(self, ctx: Context) -> None:
        sdir = ctx.service_dir(self.name)
        etc = sdir / "etc"
        etc.mkdir(exist_ok=True)
        tmpfs = self._mount_tmpfs(ctx, sdir / "devices")
        (sdir / "devices" / DEVICE).mkdir(exist_ok=True)
        (sdir / "tmpfs.json").write_text("true\n" if tmpfs else "false\n")
        (etc / "swift.conf").write_text(self._swift_conf())
        os.chmod(etc / "swift.conf", 0o600)
        for kind in SERVERS:
            (etc / f"{kind}-server.conf").write_text(self._server_conf(ctx, sdir, kind))
        proxy = etc / "proxy-server.conf"
        proxy.touch(mode=0o600)
        proxy.write_text(self._proxy_conf(ctx, sdir))
        ports = [f"{kind}={ctx.port(f'swift-{kind}')}" for kind in SERVERS]
        cmd = [ctx.bin("swift", "python"), "-c", _RING_SCRIPT, str(etc), *ports]
        ctx.run(self.name, cmd, "build rings", env=ctx.env("swift"))

    def _spawn(self, ctx: Context, server: str) -> subprocess.Popen[bytes]:
        conf = ctx.service_dir(self.name) / "etc" / f"{server}-server.conf"
        cmd = [ctx.bin("swift", f"swift-{server}-server"), str(conf), "-v"]
        return ctx.spawn(self.name, f"{server}-server", cmd, env=ctx.env("swift"))

    def start(self, ctx: Context) -> dict[str, Any]:
        url = ctx.url(self.name)
        endpoint = f"{url}/v1/AUTH_%(project_id)s"
        ctx.register(self.name, {"object-store": endpoint})
        deadline = time.monotonic() + 60
        procs = {kind: self._spawn(ctx, kind) for kind in (*SERVERS, "proxy")}
        for kind, proc in procs.items():
            port = ctx.port(self.name if kind == "proxy" else f"swift-{kind}")
            check = f"http://{ctx.host}:{port}/healthcheck"
            wait_until(lambda c=check: http_status(c) == 200, f"swift {kind}-server",
                       deadline=deadline, proc=proc)  # fmt: skip
        tmpfs = (ctx.service_dir(self.name) / "tmpfs.json").read_text().strip() == "true"
        return {"endpoints": {"object-store": endpoint}, "url": url, "tmpfs": tmpfs}

    def stop(self, ctx: Context) -> None:
        super().stop(ctx)
        devices = ctx.state_dir / self.name / "devices"
        if not _mounted(devices):
            return
        for cmd in (["umount", str(devices)], ["umount", "-l", str(devices)]):
            try:
                subprocess.run(cmd, capture_output=True, timeout=30, check=False)
            except (OSError, subprocess.TimeoutExpired):
                continue
            if not _mounted(devices):
                return
        raise CloudError(f"cannot unmount the tmpfs on {devices}")

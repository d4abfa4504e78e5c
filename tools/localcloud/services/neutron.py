"""Neutron (Network v2.0): ML2 with flat, vlan and vxlan, routers, no agents.

- ML2: ``type_drivers = flat,vlan,vxlan``, tenant networks ``vxlan``, flat
  physical networks ``public`` (free for tests: external networks,
  routers, floating IPs) and ``shared`` (Nova's network, see below), the
  ``port_security`` extension driver, and the ``localcloud_bind_all``
  mechanism driver (``runtime/localcloud_neutron_ml2.py``) that binds every
  port as an active OVS port, so Nova's servers get ports without agents.
- The ``router`` service plugin; pagination and sorting (always on in this
  release); keystonemiddleware against the cloud's Keystone.  Neutron's
  default policy lets the ``service`` role (Nova's service user has it)
  set ``binding:host_id`` and ``binding:profile``.
- No message broker: ``transport_url = fake://``; Nova is not notified of
  port changes.
- After start, a shared flat network ``shared`` with subnet
  ``shared-subnet`` (198.51.100.0/24, a documentation range: no traffic
  ever goes there) is created for Nova's servers.

cloud.json: ``endpoints.network``, ``shared_network`` (``name``, ``id``,
``subnet_id``, ``cidr``).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from ..base import Context, Service, ini_text, write_private
from ..net import wait_http

__all__ = ["Neutron"]

SHARED_NETWORK = "shared"
SHARED_CIDR = "198.51.100.0/24"
DRIVER_NAME = "localcloud_bind_all"
_DRIVER_ENTRY = "localcloud_neutron_ml2:BindAllMechanismDriver"
_SCHEMA_SCRIPT = """
import sys
import sqlalchemy
from neutron.db.migration.models import head
engine = sqlalchemy.create_engine(sys.argv[1])
head.get_metadata().create_all(engine)
"""


class Neutron(Service):
    """The Network API on one gunicorn worker."""

    name = "neutron"
    requires = ("keystone",)
    venv = "openstack"

    def _neutron_conf(self, ctx: Context, sdir: Path) -> str:
        paste = ctx.venv("openstack") / "etc" / "neutron" / "api-paste.ini"
        return ini_text(
            {
                "DEFAULT": {
                    "core_plugin": "ml2",
                    "service_plugins": "router",
                    "auth_strategy": "keystone",
                    "transport_url": "fake://",
                    "api_paste_config": paste,
                    "state_path": sdir,
                    "notify_nova_on_port_status_changes": False,
                    "notify_nova_on_port_data_changes": False,
                    "log_dir": ctx.log_dir(self.name),
                    "log_file": "neutron.log",
                    "use_stderr": False,
                    "debug": False,
                },
                "database": {"connection": f"sqlite:///{sdir / 'neutron.db'}"},
                "oslo_concurrency": {"lock_path": sdir / "lock"},
                "oslo_messaging_notifications": {"driver": "noop"},
                "keystone_authtoken": ctx.authtoken_options(self.name),
            }
        )

    def _ml2_conf(self) -> str:
        return ini_text(
            {
                "ml2": {
                    "type_drivers": "flat,vlan,vxlan",
                    "tenant_network_types": "vxlan",
                    "mechanism_drivers": DRIVER_NAME,
                    "extension_drivers": "port_security",
                },
                "ml2_type_flat": {"flat_networks": f"public,{SHARED_NETWORK}"},
                "ml2_type_vlan": {"network_vlan_ranges": "public:100:199"},
                "ml2_type_vxlan": {"vni_ranges": "1:1000"},
            }
        )

    def _write_entry_point(self, site: Path) -> None:
        dist = site / "localcloud_neutron_ml2-1.0.dist-info"
        dist.mkdir(parents=True, exist_ok=True)
        (dist / "METADATA").write_text(
            "Metadata-Version: 2.1\nName: localcloud-neutron-ml2\nVersion: 1.0\n"
        )
        (dist / "entry_points.txt").write_text(
            f"[neutron.ml2.mechanism_drivers]\n{DRIVER_NAME} = {_DRIVER_ENTRY}\n"
        )

    def _env(self, ctx: Context) -> dict[str, str]:
        sdir = ctx.service_dir(self.name)
        return ctx.env(
            "openstack",
            pythonpath=[sdir / "site"],
            OS_NEUTRON_CONFIG_DIR=str(sdir),
            OS_NEUTRON_CONFIG_FILES="neutron.conf;ml2_conf.ini",
        )

    def prepare(self, ctx: Context) -> None:
        sdir = ctx.service_dir(self.name)
        (sdir / "lock").mkdir(exist_ok=True)
        write_private(sdir / "neutron.conf", self._neutron_conf(ctx, sdir))
        (sdir / "ml2_conf.ini").write_text(self._ml2_conf())
        self._write_entry_point(sdir / "site")
        db = sdir / "neutron.db"
        key = f"neutron schema {ctx.venv_fingerprint('openstack')} {_SCHEMA_SCRIPT}"
        ctx.cached(self.name, db, lambda _db: self._make_schema(ctx, sdir), key=key)

    def _make_schema(self, ctx: Context, sdir: Path) -> None:
        """Create the schema from the models, then stamp it (upgrade fails on SQLite)."""
        env = self._env(ctx)
        python = ctx.bin("openstack", "python")
        db_url = f"sqlite:///{sdir / 'neutron.db'}"
        ctx.run(self.name, [python, "-c", _SCHEMA_SCRIPT, db_url], "create schema", env=env)
        manage = [ctx.bin("openstack", "neutron-db-manage")]
        manage += ["--config-file", str(sdir / "neutron.conf")]
        manage += ["--config-file", str(sdir / "ml2_conf.ini")]
        ctx.run(self.name, [*manage, "stamp", "heads"], "stamp heads", env=env)

    def start(self, ctx: Context) -> dict[str, Any]:
        port = ctx.port(self.name)
        url = ctx.url(self.name)
        ctx.register(self.name, {"network": url})
        app = "neutron.wsgi.api:application"
        proc = ctx.gunicorn(self.name, "neutron", app, port, env=self._env(ctx))
        deadline = time.monotonic() + 120
        wait_http(f"{url}/", deadline=deadline, proc=proc, ok=lambda s: s == 200)
        return {"endpoints": {"network": url}, "shared_network": self._shared_network(ctx, url)}

    def _shared_network(self, ctx: Context, url: str) -> dict[str, str]:
        assert ctx.keystone is not None
        network = {
            "name": SHARED_NETWORK,
            "shared": True,
            "provider:network_type": "flat",
            "provider:physical_network": SHARED_NETWORK,
        }
        net = ctx.keystone.request("POST", f"{url}/v2.0/networks", {"network": network})
        net_id = net["network"]["id"]
        subnet = {
            "name": f"{SHARED_NETWORK}-subnet",
            "network_id": net_id,
            "ip_version": 4,
            "cidr": SHARED_CIDR,
            "enable_dhcp": False,
        }
        sub = ctx.keystone.request("POST", f"{url}/v2.0/subnets", {"subnet": subnet})
        return {
            "name": SHARED_NETWORK,
            "id": net_id,
            "subnet_id": sub["subnet"]["id"],
            "cidr": SHARED_CIDR,
        }

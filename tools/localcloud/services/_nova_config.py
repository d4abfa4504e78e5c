"""Nova's configuration files for the local cloud, as ``{section: {option: value}}``.

* ``nova.conf`` -- read by every Nova process: broker, fake driver, the
  keystonemiddleware section, and keystoneauth sections wiring Nova to
  the local placement, Neutron, Glance, Cinder and Keystone (through the
  catalog, in ``RegionOne``) with the ``nova`` service user; service
  tokens are sent so that Neutron lets Nova delete the ports it made.
* ``nova-db.conf`` -- the database options, for api, conductor and
  scheduler only (nova-compute refuses to run with database access).
* ``api-paste.ini`` -- the v2.1 API behind keystonemiddleware.
"""

from __future__ import annotations

from pathlib import Path

from ..base import Context
from ._oslo import keystoneauth_options
from .rabbitmq import transport_url

__all__ = ["HOST", "PASTE", "db_conf", "nova_conf"]

#: Host name of every Nova service; the compute node is called the same.
HOST = "localcloud"

_KEYSTONEAUTH_SECTIONS = ("placement", "neutron", "glance", "cinder", "keystone")


def nova_conf(ctx: Context, sdir: Path) -> dict[str, dict[str, object]]:
    """Return nova.conf for a Nova whose state lives in ``sdir``."""
    sections: dict[str, dict[str, object]] = {
        "DEFAULT": _default(ctx, sdir),
        "api": {"auth_strategy": "keystone"},
        "wsgi": {"api_paste_config": sdir / "api-paste.ini"},
        "conductor": {"workers": 1},
        "scheduler": {"workers": 1, "discover_hosts_in_cells_interval": -1},
        "compute": {"live_migration_wait_for_vif_plug": False},
        "oslo_concurrency": {"lock_path": sdir / "locks"},
        "oslo_messaging_notifications": {"driver": "noop"},
        # Remote consoles: nova-compute hands out console URLs (no proxy runs).
        "vnc": {"enabled": True},
        "keystone_authtoken": ctx.authtoken_options("nova"),
    }
    auth = keystoneauth_options(ctx, "nova")
    for section in _KEYSTONEAUTH_SECTIONS:
        sections[section] = {**auth, "valid_interfaces": "public"}
    sections["cinder"]["os_region_name"] = ctx.region
    sections["service_user"] = {**auth, "send_service_user_token": True}
    return sections


def _default(ctx: Context, sdir: Path) -> dict[str, object]:
    return {
        "transport_url": transport_url(ctx),
        "compute_driver": "fake.FakeDriverWithoutFakeNodes",
        "host": HOST,
        "my_ip": ctx.host,
        "state_path": sdir,
        "instances_path": sdir / "instances",
        "log_dir": ctx.log_dir("nova"),
        "use_stderr": False,
        "allow_resize_to_same_host": True,
        # Shelved servers stay on their host until offloaded explicitly.
        "shelved_offload_time": -1,
        # The defaults let a stopping service wait minutes for its RPC calls.
        "graceful_shutdown_timeout": 10,
        "manager_shutdown_timeout": 5,
        "rpc_response_timeout": 30,
    }


def db_conf(sdir: Path) -> dict[str, dict[str, object]]:
    """Return nova-db.conf: the API and cell1 databases under ``sdir``."""
    return {
        "api_database": {"connection": f"sqlite:///{sdir / 'nova_api.sqlite'}"},
        "database": {
            "connection": f"sqlite:///{sdir / 'nova.sqlite'}",
            # Without fsync the schema set-up takes seconds instead of minutes.
            "sqlite_synchronous": False,
        },
    }


def _filter(factory: str) -> dict[str, str]:
    return {"paste.filter_factory": factory}


PASTE: dict[str, dict[str, str]] = {
    "composite:osapi_compute": {
        "use": "call:nova.api.openstack.urlmap:urlmap_factory",
        "/": "versions",
        "/v2.1": "version_v21",
        "/v2.1/+": "api_v21",
    },
    "composite:api_v21": {
        "use": "call:nova.api.auth:pipeline_factory_v21",
        "keystone": "http_proxy_to_wsgi compute_req_id faultwrap request_log sizelimit "
        "authtoken keystonecontext app_v21",
    },
    "pipeline:versions": {"pipeline": "faultwrap request_log http_proxy_to_wsgi versionsapp"},
    "pipeline:version_v21": {
        "pipeline": "compute_req_id faultwrap request_log http_proxy_to_wsgi versionsapp_v2"
    },
    "app:versionsapp": {
        "paste.app_factory": "nova.api.openstack.compute.versions:Versions.factory"
    },
    "app:versionsapp_v2": {
        "paste.app_factory": "nova.api.openstack.compute.versions:VersionsV2.factory"
    },
    "app:app_v21": {"paste.app_factory": "nova.api.openstack.compute:APIRouterV21.factory"},
    "filter:request_log": _filter("nova.api.openstack.requestlog:RequestLog.factory"),
    "filter:compute_req_id": _filter("nova.api.compute_req_id:ComputeReqIdMiddleware.factory"),
    "filter:faultwrap": _filter("nova.api.openstack:FaultWrapper.factory"),
    "filter:sizelimit": _filter("oslo_middleware:RequestBodySizeLimiter.factory"),
    "filter:http_proxy_to_wsgi": _filter(
        "oslo_middleware.http_proxy_to_wsgi:HTTPProxyToWSGI.factory"
    ),
    "filter:authtoken": _filter("keystonemiddleware.auth_token:filter_factory"),
    "filter:keystonecontext": _filter("nova.api.auth:NovaKeystoneContext.factory"),
}

"""The one list of services the local cloud knows.

Each entry maps a service name to ``"module:Class"`` under ``services/``;
modules are imported only when a service is used.  Adding a service is
adding its module and one line here.
"""

from __future__ import annotations

import importlib

from .base import CloudError, Service

__all__ = ["SERVICES", "load_service"]

SERVICES: dict[str, str] = {
    "keystone": "keystone:Keystone",
    "neutron": "neutron:Neutron",
    "glance": "glance:Glance",
    "memcached": "memcached:Memcached",
    "swift": "swift:Swift",
    "rabbitmq": "rabbitmq:RabbitMQ",
    "placement": "placement:Placement",
    "nova": "nova:Nova",
    "cinder": "cinder:Cinder",
}


def load_service(name: str) -> Service:
    """Return a fresh instance of service ``name``."""
    try:
        module_name, class_name = SERVICES[name].split(":")
    except KeyError:
        raise CloudError(f"unknown service {name!r} (known: {', '.join(SERVICES)})") from None
    module = importlib.import_module(f"{__package__}.services.{module_name}")
    service: Service = getattr(module, class_name)()
    return service

"""Official OpenStack service types and their aliases (the service-types authority).

Configuration keys may name a service by any alias (``volume_api_version``
configures ``block-storage``); :func:`all_types` gives the lookup order.
"""

from __future__ import annotations

import types

__all__ = ["OFFICIAL", "all_types", "is_known", "official"]

#: Every official service type, with its aliases in the authority's order.
OFFICIAL = types.MappingProxyType(
    {
        "accelerator": (),
        "admin-logic": ("registration",),
        "alarm": ("alarming",),
        "application-catalog": (),
        "application-container": ("container",),
        "application-deployment": ("application_deployment",),
        "backup": (),
        "baremetal": ("bare-metal",),
        "baremetal-introspection": (),
        "block-storage": ("volumev3", "volumev2", "volume", "block-store"),
        "clustering": ("resource-cluster", "cluster"),
        "compute": (),
        "container-infrastructure-management": ("container-infrastructure", "container-infra"),
        "data-processing": (),
        "data-protection-orchestration": (),
        "database": (),
        "dns": (),
        "ec2-api": (),
        "event": ("events",),
        "function-engine": (),
        "identity": (),
        "image": (),
        "instance-ha": ("ha",),
        "key-manager": (),
        "load-balancer": (),
        "log-management": (),
        "message": ("messaging",),
        "meter": ("metering", "telemetry"),
        "monitoring": (),
        "monitoring-events": (),
        "monitoring-logging": ("monitoring-log-api",),
        "multi-region-network-automation": ("tricircle",),
        "network": (),
        "nfv-orchestration": (),
        "object-store": (),
        "operator-policy": ("policy",),
        "orchestration": (),
        "placement": (),
        "rating": (),
        "reservation": (),
        "resource-optimization": ("infra-optim",),
        "root-cause-analysis": ("rca",),
        "search": (),
        "shared-file-system": ("sharev2", "share"),
        "workflow": ("workflowv2",),
    }
)

_BY_ALIAS = types.MappingProxyType(
    {alias: name for name, aliases in OFFICIAL.items() for alias in aliases}
)


def official(service_type: str) -> str | None:
    """The official type for ``service_type`` or one of its aliases; None if unknown."""
    if service_type in OFFICIAL:
        return service_type
    return _BY_ALIAS.get(service_type)


def is_known(service_type: str) -> bool:
    """Whether ``service_type`` is an official type or an alias of one."""
    return official(service_type) is not None


def all_types(service_type: str) -> list[str]:
    """The official type then its aliases; ``[service_type]`` for an unknown type."""
    name = official(service_type)
    if name is None:
        return [service_type]
    return [name, *OFFICIAL[name]]

"""Official OpenStack service types and the aliases catalogs still use.

Clouds register services under names that changed over the years: block
storage appears as ``block-storage``, ``volumev3``, ``volumev2`` or
``volume``. These tables follow the OpenStack service-types authority, so
that asking for a service by its official type (or by any alias) finds it
under whichever name the catalog uses, preferring the official one.

Example::

    service_types.official("volumev3")        # 'block-storage'
    service_types.all_types("block-storage")  # ('block-storage', 'volumev3', 'volumev2', 'volume', 'block-store')
"""

from __future__ import annotations

__all__ = ["ALIASES", "all_types", "official", "python_name"]

#: Official service type -> its aliases, most preferred first.
ALIASES: dict[str, tuple[str, ...]] = {
    "block-storage": ("volumev3", "volumev2", "volume", "block-store"),
    "compute": (),
    "identity": (),
    "image": (),
    "network": (),
    "object-store": (),
    "placement": (),
    "orchestration": (),
    "dns": (),
    "load-balancer": (),
    "key-manager": (),
    "baremetal": ("bare-metal",),
    "shared-file-system": ("sharev2", "share"),
    "container-infrastructure-management": ("container-infra", "container-infrastructure"),
    "workflow": ("workflowv2",),
    "message": ("messaging",),
    "application-catalog": (),
    "clustering": ("resource-cluster", "cluster"),
    "instance-ha": ("ha",),
    "alarm": ("alarming",),
    "metric": (),
    "accelerator": (),
}

_OFFICIAL: dict[str, str] = {
    alias: official for official, aliases in ALIASES.items() for alias in aliases
}


def official(service_type: str) -> str:
    """Return the official type for ``service_type`` (itself when it is official or unknown).

    Underscores are read as dashes (``object_store`` -> ``object-store``).
    """
    name = service_type.replace("_", "-")
    return _OFFICIAL.get(name, name)


def all_types(service_type: str) -> tuple[str, ...]:
    """Return the official type of ``service_type`` and then its aliases.

    An unknown type is returned alone, as given.
    """
    name = official(service_type)
    if name in ALIASES:
        return (name, *ALIASES[name])
    return (service_type,) if name == service_type.replace("_", "-") else (service_type, name)


def python_name(service_type: str) -> str:
    """Return the attribute name used for a service type (``object-store`` -> ``object_store``)."""
    return official(service_type).replace("-", "_")

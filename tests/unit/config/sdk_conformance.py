"""Resolving the same inputs with openstacksdk and with stackclient, for comparison.

openstacksdk computes its search path when ``openstack.config.loader`` is
imported (from ``HOME``, ``XDG_*`` and the current directory at that
moment), so :func:`sdk_region` reloads that module (and the package that
re-exports it) after a test has set up its private tree. :func:`summary`
reduces a region to what "the same choice" means: the cloud, region, auth
type and options, TLS arguments, timeout and, per service, the region,
interface, API version, endpoint override, service type and name.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import typing as _t
import warnings

SERVICES = (
    "identity",
    "compute",
    "image",
    "network",
    "object-store",
    "block-storage",
    "orchestration",
)
PER_SERVICE = (
    "region_name",
    "interface",
    "api_version",
    "endpoint",
    "service_type",
    "service_name",
)


class Case(_t.NamedTuple):
    """One set of inputs, and how stackclient's answer may deliberately differ."""

    id: str
    files: dict[str, str] = {}
    env: dict[str, str] = {}
    kwargs: dict[str, _t.Any] = {}
    argv: list[str] | None = None
    error: bool = False
    #: A fix of an openstacksdk bug (listed in docs/config.rst): what stackclient gives instead.
    ours: dict[str, _t.Any] | None = None


def summary(region: _t.Any) -> dict[str, _t.Any]:
    """What must be equal for "the same files, the same choice"."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _summary(region)


def _summary(region: _t.Any) -> dict[str, _t.Any]:
    verify, cert = region.get_requests_verify_args()
    out: dict[str, _t.Any] = {
        "name": region.name,
        "region_name": region.config.get("region_name"),
        "auth_type": region.config.get("auth_type"),
        "auth": dict(region.config.get("auth") or {}),
        "api_timeout": region.config.get("api_timeout"),
        "verify": verify,
        "cert": cert,
        "interface": region.get_interface(),
    }
    for service in SERVICES:
        out[service] = {key: getattr(region, "get_" + key)(service) for key in PER_SERVICE}
    return out


def _call(get_cloud_region: _t.Callable[..., _t.Any], case: Case) -> _t.Any:
    kwargs = dict(case.kwargs)
    if case.argv is None:
        return get_cloud_region(**kwargs)
    saved = sys.argv
    sys.argv = ["prog", *case.argv]
    try:
        return get_cloud_region(options=argparse.ArgumentParser(), **kwargs)
    finally:
        sys.argv = saved


def sdk_region(case: Case) -> _t.Any:
    """openstacksdk's region for ``case`` (in the environment already set up)."""
    import openstack.config
    import openstack.config.loader

    importlib.reload(openstack.config.loader)
    importlib.reload(openstack.config)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _call(openstack.config.get_cloud_region, case)


def our_region(case: Case) -> _t.Any:
    """stackclient's region for ``case``."""
    import stackclient.config

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _call(stackclient.config.get_cloud_region, case)

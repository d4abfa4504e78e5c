"""Cloud configuration with openstacksdk's semantics: clouds.yaml, secure.yaml, OS_*, argparse.

The same files choose the same cloud, region, auth and per-service
settings as openstacksdk 4.22 (see docs/config.rst for the rules and the
few places where stackclient deliberately differs), and every resolved
value can say where it came from::

    import stackclient.config

    region = stackclient.config.get_cloud_region(cloud="example", region_name="earth1")
    region.get_api_version("compute")       # '2.79'
    region.origin("auth.password")          # secure file ~/.config/openstack/secure.yaml, line 5
    print(region.describe())

Modules: :mod:`~stackclient.config.files` (search path, reading),
:mod:`~stackclient.config.loader` (choosing the cloud and region),
:mod:`~stackclient.config.cloud_region` (the result),
:mod:`~stackclient.config.provenance` (origins),
:mod:`~stackclient.config.auth_types` (auth types and plugins),
:mod:`~stackclient.config.profiles` (clouds-public.yaml),
:mod:`~stackclient.config.cli` (argparse options). PyYAML is imported only
when a YAML file is read.
"""

from __future__ import annotations

import sys
import typing as _t

from stackclient.apiclient.exceptions import ConfigException
from stackclient.config import cli
from stackclient.config.cloud_region import CloudRegion
from stackclient.config.files import ConfigWarning
from stackclient.config.loader import OpenStackConfig
from stackclient.config.provenance import Origin

if _t.TYPE_CHECKING:  # pragma: no cover
    import argparse

__all__ = [
    "CloudRegion",
    "ConfigException",
    "ConfigWarning",
    "OpenStackConfig",
    "Origin",
    "get_cloud_region",
]


def get_cloud_region(
    service_key: str | None = None,
    options: argparse.ArgumentParser | None = None,
    app_name: str | None = None,
    app_version: str | None = None,
    load_yaml_config: bool = True,
    load_envvars: bool = True,
    **kwargs: _t.Any,
) -> CloudRegion:
    """Resolve one cloud and region from files, ``OS_*``, ``options`` and ``kwargs``.

    ``cloud=`` names the cloud and ``region_name=`` the region; other
    keyword arguments override the configuration (``compute_api_version``,
    ``auth={...}``, ...). With ``options`` (an ``ArgumentParser``),
    ``--os-cloud`` and the ``--os-*`` options are added to it and
    ``sys.argv[1:]`` is parsed with it; ``service_key`` adds that service's
    ``--os-<service>-*`` options. Raises :class:`ConfigException` when
    the configuration is wrong or incomplete, saying what to change.

    Example::

        region = get_cloud_region(cloud="example", region_name="earth1")
    """
    config = OpenStackConfig(
        load_yaml_config=load_yaml_config,
        load_envvars=load_envvars,
        app_name=app_name,
        app_version=app_version,
    )
    parsed = None
    if options is not None:
        argv = cli.fix_argv(sys.argv)
        config.register_argparse_arguments(options, argv, [service_key] if service_key else [])
        parsed, _ = options.parse_known_args(argv[1:])
    return config.get_one(argparse=parsed, **kwargs)

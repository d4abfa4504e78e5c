"""Files that let any program use the running cloud: ``clouds.yaml`` and ``openrc``.

Written next to cloud.json (mode 0600: they hold passwords) by
``start_cloud``:

``clouds.yaml``
    two clouds, ``local`` (the admin user, project ``admin``) and
    ``local-demo`` (the non-admin ``demo`` user in project ``demo``), for
    ``export OS_CLIENT_CONFIG_FILE=<state>/clouds.yaml`` and then
    ``stackclient.connect(cloud="local")``, ``stack --os-cloud local ...``
    or openstacksdk's ``openstack.connect(cloud="local")``.
``openrc``
    the admin's ``OS_*`` variables, for ``source <state>/openrc``.

Standard library only: the YAML is written by hand, each value as a
JSON string (which YAML reads as a double-quoted scalar).

Example::

    write_credentials(state, cloud)    # cloud: the content of cloud.json
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .base import write_private

__all__ = ["CLOUD_NAMES", "clouds_yaml", "openrc", "write_credentials"]

#: Cloud name in clouds.yaml -> the cloud.json prefix of its user ("admin" or "member").
CLOUD_NAMES = {"local": "admin", "local-demo": "member"}


def _auth(cloud: Mapping[str, Any], who: str) -> dict[str, str]:
    return {
        "auth_url": cloud["auth_url"],
        "username": cloud[f"{who}_username"],
        "password": cloud[f"{who}_password"],
        "project_name": cloud[f"{who}_project_name"],
        "user_domain_id": cloud["user_domain_id"],
        "project_domain_id": cloud["project_domain_id"],
    }


def clouds_yaml(cloud: Mapping[str, Any]) -> str:
    """The clouds.yaml text naming ``local`` and ``local-demo`` (when the cloud has that user)."""
    lines = ["# The local cloud (tools/cloud.py); valid while it runs.", "clouds:"]
    for name, who in CLOUD_NAMES.items():
        if f"{who}_username" not in cloud:
            continue  # a Keystone started alone for a test may have no demo user
        lines += [f"  {name}:", "    auth:"]
        lines += [f"      {key}: {json.dumps(value)}" for key, value in _auth(cloud, who).items()]
        lines += [
            f"    region_name: {json.dumps(cloud['region_name'])}",
            "    identity_api_version: 3",
        ]
    return "\n".join(lines) + "\n"


def openrc(cloud: Mapping[str, Any]) -> str:
    """A shell file exporting the admin's ``OS_*`` variables."""
    values = {f"OS_{key.upper()}": value for key, value in _auth(cloud, "admin").items()}
    values.update(OS_REGION_NAME=cloud["region_name"], OS_IDENTITY_API_VERSION="3")
    lines = ["# The local cloud's admin (tools/cloud.py); source it: . openrc"]
    lines += [f"export {name}={shlex.quote(str(value))}" for name, value in values.items()]
    return "\n".join(lines) + "\n"


def write_credentials(state: Path, cloud: Mapping[str, Any]) -> dict[str, Path]:
    """Write ``clouds.yaml`` and ``openrc`` into ``state``; return their paths."""
    return {
        "clouds_yaml": write_private(state / "clouds.yaml", clouds_yaml(cloud)),
        "openrc": write_private(state / "openrc", openrc(cloud)),
    }

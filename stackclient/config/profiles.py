"""Cloud profiles: shared settings a cloud names with ``profile:`` (or the old ``cloud:``).

Profiles are read from the first clouds-public file found
(``clouds-public.yaml`` in the same directories as clouds.yaml), under
``public-clouds:``. openstacksdk also ships vendor profiles and, for any
other name, fetches ``https://<name>/.well-known/openstack/api`` while
loading the configuration; stackclient never reaches the network while
reading configuration, so a profile that is not in a clouds-public file
is an error that says where to put it.

Example clouds-public.yaml::

    public-clouds:
      mycloud:
        auth:
          auth_url: https://keystone.mycloud.example:5000/v3
        regions: [east, west]
"""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import exceptions
from stackclient.config import files
from stackclient.config.provenance import PROFILE, Origin

__all__ = ["Profile", "profile_name", "find"]


class Profile(_t.NamedTuple):
    """One profile's settings and where they were read."""

    name: str
    data: dict[str, _t.Any]
    source: files.LoadedFile

    def origin_of(self, path: tuple[str, ...]) -> Origin:
        """The origin of the value at ``path`` inside the profile."""
        line = self.source.line("public-clouds", self.name, *path)
        return Origin(PROFILE, "%r in %s" % (self.name, self.source.path), line)


def profile_name(cloud: _t.Mapping[str, _t.Any], envvar_key: str | None) -> str | None:
    """The profile a cloud's settings name, if any (``cloud:`` is deprecated)."""
    name = cloud.get("profile", cloud.get("cloud"))
    if not name or name == envvar_key:
        return None
    if "cloud" in cloud:
        files.warn(
            "the keyword 'cloud' names the profile %r; it is deprecated, use 'profile'" % name
        )
    return str(name)


def find(name: str, public: files.LoadedFile | None, cloud_name: str | None) -> Profile:
    """The profile ``name`` from the clouds-public file; ConfigException if absent."""
    clouds = public.data.get("public-clouds") if public and isinstance(public.data, dict) else None
    if isinstance(clouds, dict) and isinstance(clouds.get(name), dict):
        return Profile(name, clouds[name], public)  # type: ignore[arg-type]
    where = public.path if public else "no clouds-public.yaml was found"
    raise exceptions.ConfigException(
        "Cloud %r uses profile %r, which is not defined under 'public-clouds:' in a "
        "clouds-public.yaml (%s). stackclient does not fetch profiles over the network "
        "while loading configuration (openstacksdk would use a built-in vendor profile "
        "or fetch https://%s/.well-known/openstack/api): add the profile to "
        "clouds-public.yaml next to clouds.yaml, or put its settings in the cloud itself"
        % (cloud_name, name, where, name)
    )

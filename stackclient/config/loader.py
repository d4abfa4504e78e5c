"""Reading every configuration source and choosing a cloud and region.

:class:`OpenStackConfig` reads clouds.yaml and secure.yaml (see
:mod:`stackclient.config.files`), the ``OS_*`` environment variables and
keyword or command-line arguments, and resolves one cloud and region into a
:class:`~stackclient.config.cloud_region.CloudRegion` with openstacksdk's
rules. The precedence, lowest first: defaults, the cloud's profile, the
cloud's own settings (secure.yaml over clouds.yaml), the chosen region's
``values``, keyword arguments, command-line options. docs/config.rst writes
the rules out, with the places where stackclient deliberately differs.

Example::

    config = OpenStackConfig()
    region = config.get_one(cloud="example", region_name="earth1")
"""

from __future__ import annotations

import copy
import os
import typing as _t

from stackclient.apiclient import exceptions
from stackclient.config import _resolve, cli, files, profiles
from stackclient.config.cloud_region import DEFAULTS, CloudRegion
from stackclient.config.provenance import DEFAULT, ENV, FILE, SECURE_FILE, Origin

__all__ = ["OpenStackConfig"]

#: Environment variables that only select or locate configuration.
_SELECTORS = frozenset(
    {
        "OS_CLOUD",
        "OS_REGION_NAME",
        "OS_CLIENT_CONFIG_FILE",
        "OS_CLIENT_SECURE_FILE",
        "OS_CLOUD_NAME",
    }
)
#: Prefixes of OS_* variables that belong to test tools, not to clouds.
_NOT_CLOUD_VARS = ("OS_TEST", "OS_STD", "OS_LOG")


def _dashed(path: tuple[str, ...]) -> tuple[str, ...]:
    return (*path[:-1], path[-1].replace("_", "-"))


class _Region(_t.NamedTuple):
    name: str
    values: dict[str, _t.Any]
    origin: Origin
    values_origin: _resolve.OriginOf


class OpenStackConfig:
    """Every configuration source, read once; :meth:`get_one` resolves a cloud.

    ``config_files``/``secure_files``/``vendor_files`` replace the searched
    paths; ``load_yaml_config=False`` reads no file (except
    ``OS_CLIENT_CONFIG_FILE``/``OS_CLIENT_SECURE_FILE``) and
    ``load_envvars=False`` ignores ``OS_*``. ``pw_func(prompt)`` is asked
    for a password a password auth type lacks.

    Example::

        config = OpenStackConfig()
        config.get_cloud_names()                      # ['example', 'envvars']
        region = config.get_one("example", region_name="earth1")
    """

    def __init__(
        self,
        config_files: list[str] | None = None,
        vendor_files: list[str] | None = None,
        override_defaults: _t.Mapping[str, _t.Any] | None = None,
        envvar_prefix: str | None = None,
        secure_files: list[str] | None = None,
        pw_func: _t.Callable[[str], str] | None = None,
        app_name: str | None = None,
        app_version: str | None = None,
        load_yaml_config: bool = True,
        load_envvars: bool = True,
    ) -> None:
        self._load_envvars = load_envvars
        self._app_name, self._app_version = app_name, app_version
        self._pw_func = pw_func
        self.defaults = dict(DEFAULTS, **(override_defaults or {}))
        self._argparse_origins: dict[str, Origin] = {}
        self._argv_timeout = False
        dirs: list[str] | None = None
        if load_yaml_config and None in (config_files, secure_files, vendor_files):
            dirs = files.search_dirs()
        self._clouds_file = files.read_first(
            self._paths(
                config_files, files.CLOUDS, dirs, "OS_CLIENT_CONFIG_FILE", load_yaml_config
            )
        )
        self._secure_file = files.read_first(
            self._paths(
                secure_files, files.SECURE, dirs, "OS_CLIENT_SECURE_FILE", load_yaml_config
            ),
            secure=True,
        )
        self._vendor_paths = self._paths(vendor_files, files.PUBLIC, dirs, None, load_yaml_config)
        self._public: files.LoadedFile | None | bool = False
        self.config_filename = self._clouds_file.path if self._clouds_file else None
        self.secure_config_filename = self._secure_file.path if self._secure_file else None
        self.cloud_config = self._merged_files()
        self._env_names: dict[str, str] = {}
        self._choose_default_cloud(envvar_prefix)

    # -- files ------------------------------------------------------------------

    def _getenv(self, name: str, default: str | None = None) -> str | None:
        return os.environ.get(name, default) if self._load_envvars else default

    def _paths(
        self,
        given: list[str] | None,
        name: str,
        dirs: list[str] | None,
        override_var: str | None,
        load: bool,
    ) -> list[str]:
        paths = list(given) if given is not None else files.candidates(name, dirs or [])
        paths = paths if load else []
        override = self._getenv(override_var) if override_var else None
        return [override, *paths] if override else paths

    def _merged_files(self) -> dict[str, _t.Any]:
        merged: dict[str, _t.Any] = {}
        for loaded in (self._clouds_file, self._secure_file):
            if loaded is None or loaded.data is None:
                continue
            if not isinstance(loaded.data, dict):
                raise exceptions.ConfigException(
                    "Configuration file %s is empty or not a valid mapping" % loaded.path
                )
            if "clouds" not in loaded.data:
                files.warn("configuration file %s has no 'clouds' key" % loaded.path)
            merged = _merge(merged, loaded.data)
        if not isinstance(merged.get("clouds"), dict):
            merged["clouds"] = {}
        return merged

    def _file_origin(self, path: tuple[str, ...]) -> Origin:
        """The origin of ``path`` in the merged files (secure.yaml wins)."""
        for loaded, kind in ((self._secure_file, SECURE_FILE), (self._clouds_file, FILE)):
            if loaded is None:
                continue
            line = loaded.line(*path) or loaded.line(*_dashed(path))
            if line is not None:
                return Origin(kind, loaded.path, line)
        return Origin(FILE, self.config_filename or "")

    def _public_file(self) -> files.LoadedFile | None:
        if self._public is False:
            self._public = files.read_first(self._vendor_paths)
        return self._public  # type: ignore[return-value]

    # -- the environment and the default cloud ------------------------------------

    def _env_cloud(self, prefix: str | None) -> dict[str, _t.Any] | None:
        prefix = prefix or "OS_"
        cloud: dict[str, _t.Any] = dict(self.defaults)
        keys = [
            k
            for k in os.environ
            if (k.startswith("OS_") or k.startswith(prefix)) and not k.startswith(_NOT_CLOUD_VARS)
        ]
        for var in keys:
            key = var.split("_", 1)[-1].lower()
            cloud[key] = os.environ[var]
            self._env_names[key] = var
        return cloud if set(keys) - _SELECTORS else None

    def _choose_default_cloud(self, envvar_prefix: str | None) -> None:
        clouds = self.cloud_config["clouds"]
        self.envvar_key = self._getenv("OS_CLOUD_NAME", "envvars")
        if self.envvar_key in clouds:
            raise exceptions.ConfigException(
                "%s defines a cloud named %r, but OS_CLOUD_NAME is also set to %r; rename "
                "either the environment-based cloud or the file-based one"
                % (self.config_filename, self.envvar_key, self.envvar_key)
            )
        self.default_cloud = self._getenv("OS_CLOUD")
        self._default_origin = Origin(ENV, "OS_CLOUD") if self.default_cloud else None
        if self._load_envvars:
            env_cloud = self._env_cloud(envvar_prefix)
            if env_cloud:
                clouds[self.envvar_key] = env_cloud
                if not self.default_cloud:
                    self.default_cloud = self.envvar_key
                    self._default_origin = Origin(ENV, "OS_* variables")
        if not self.default_cloud and len(clouds) == 1:
            self.default_cloud = next(iter(clouds))
            self._default_origin = Origin(DEFAULT, note="the only cloud")
        self._no_clouds = not clouds
        if not clouds:
            self.cloud_config["clouds"] = {"defaults": dict(self.defaults)}
            self.default_cloud = "defaults"
            self._default_origin = Origin(DEFAULT, note="no cloud is configured")

    def get_cloud_names(self) -> list[str]:
        """The names of every cloud known (files, then the environment's)."""
        return list(self.cloud_config["clouds"])

    # -- layers -------------------------------------------------------------------

    def _cloud_layer(self, name: str) -> _resolve.Layer:
        data = self.cloud_config["clouds"].get(name)
        if data is None:
            data = {}
        if not isinstance(data, dict):
            raise exceptions.ConfigException(
                "Cloud %r should be a mapping of settings, not %r (%s)"
                % (name, data, self._file_origin(("clouds", name)))
            )
        if name == self.envvar_key:
            env = self._env_names

            def env_origin(path: tuple[str, ...]) -> Origin:
                var = env.get(path[-1]) if len(path) == 1 else None
                return Origin(ENV, var) if var else Origin(DEFAULT)

            return _resolve.Layer(data, env_origin)
        if name == "defaults" and self._no_clouds:
            return _resolve.Layer(data, lambda path: Origin(DEFAULT))
        return _resolve.Layer(data, lambda path: self._file_origin(("clouds", name, *path)))

    def _profile(
        self, name: str | None, cloud: _t.Mapping[str, _t.Any]
    ) -> profiles.Profile | None:
        profile = profiles.profile_name(cloud, self.envvar_key)
        if profile is None:
            return None
        return profiles.find(profile, self._public_file(), name)

    def _base_layers(self, name: str | None, profile: str | None) -> list[_resolve.Layer | None]:
        clouds = self.cloud_config["clouds"]
        if name and name not in clouds:
            raise exceptions.ConfigException(self._unknown_cloud(name))
        cloud = (
            self._cloud_layer(name) if name else _resolve.Layer({}, lambda path: Origin(DEFAULT))
        )
        if profile:
            cloud = _resolve.Layer(dict(cloud.data, profile=profile), cloud.origin_of)
        found = self._profile(name, cloud.data)
        return [
            _resolve.Layer(self.defaults, lambda path: Origin(DEFAULT)),
            _resolve.Layer(found.data, found.origin_of) if found else None,
            cloud,
        ]

    def _unknown_cloud(self, name: str) -> str:
        how = (
            " (from %s)" % (self._default_origin,)
            if name == self.default_cloud and self._default_origin
            else ""
        )
        sources = ", ".join(p for p in (self.config_filename, self.secure_config_filename) if p)
        return "Cloud %r%s was not found; the clouds known are: %s (read from %s)" % (
            name,
            how,
            ", ".join(sorted(self.get_cloud_names())) or "none",
            sources or "no clouds.yaml; OS_* variables",
        )

    # -- regions ------------------------------------------------------------------

    def _known_regions(self, name: str) -> list[_Region]:
        layer = self._cloud_layer(name)
        config = {key.replace("-", "_"): value for key, value in layer.data.items()}
        if "regions" in config:
            return self._expand(config["regions"], layer.origin_of, ("regions",))
        if "region_name" in config:
            names = config["region_name"]
            if not isinstance(names, list):
                names = str(names).split(",")
            if len(names) > 1:
                files.warn(
                    "a comma-separated list in region_name is deprecated; list the regions "
                    "under 'regions:' in %s" % self.config_filename
                )
            origin = layer.origin_of(("region_name",))
            return [_Region(str(n), {}, origin, lambda path: origin) for n in names]
        found = self._profile(name, layer.data)
        if found and found.data.get("regions"):
            return self._expand(found.data["regions"], found.origin_of, ("regions",))
        if found and found.data.get("region_name"):
            origin = found.origin_of(("region_name",))
            return [_Region(str(found.data["region_name"]), {}, origin, lambda path: origin)]
        return []

    def _expand(
        self, regions: _t.Any, origin_of: _resolve.OriginOf, base: tuple[str, ...]
    ) -> list[_Region]:
        expanded = []
        for index, region in enumerate(regions if isinstance(regions, list) else [regions]):
            at = (*base, str(index))
            if not isinstance(region, dict):
                expanded.append(_Region(str(region), {}, origin_of(at), origin_of))
                continue
            if "name" not in region or not {"name", "values"} >= set(region):
                raise exceptions.ConfigException(
                    "Invalid region entry at: %s (%s); a region is a name, or a mapping "
                    "with 'name' and optional 'values'" % (region, origin_of(at))
                )

            def values_origin(path: tuple[str, ...], at: tuple[str, ...] = at) -> Origin:
                return origin_of((*at, "values", *path))

            values = copy.deepcopy(region.get("values") or {})
            expanded.append(
                _Region(str(region["name"]), values, origin_of((*at, "name")), values_origin)
            )
        return expanded

    def _region(self, cloud: str | None, wanted: str, wanted_origin: Origin) -> _Region:
        def plain(name: str, origin: Origin) -> _Region:
            return _Region(name, {}, origin, lambda path: origin)

        if not cloud:
            return plain(wanted, wanted_origin)
        regions = self._known_regions(cloud)
        if not regions:
            return plain(wanted, wanted_origin)
        if not wanted:
            first = regions[0]
            if len(regions) > 1:
                first = first._replace(
                    origin=first.origin.noted("the first of the cloud's regions")
                )
            return first
        for region in regions:
            if region.name == wanted:
                return region._replace(origin=wanted_origin)
        raise exceptions.ConfigException(
            "Region %r (%s) is not a region of cloud %r; its regions are: %s "
            "(region names are case sensitive)"
            % (wanted, wanted_origin, cloud, ", ".join(r.name for r in regions))
        )

    # -- one cloud ---------------------------------------------------------------

    def get_one(
        self,
        cloud: str | None = None,
        validate: bool = True,
        argparse: _t.Any = None,
        **kwargs: _t.Any,
    ) -> CloudRegion:
        """Resolve one cloud and region into a :class:`CloudRegion`.

        ``cloud`` names it (else ``--os-cloud``, ``OS_CLOUD``, the
        ``envvars`` cloud, or the only cloud there is); ``region_name``
        picks one of its regions (else the first). Other keyword arguments
        and the parsed ``argparse`` namespace override the files (see the
        module docstring). ``validate=False`` skips checking the auth options.
        """
        profile = kwargs.pop("profile", None)
        args = cli.fix_args(kwargs, argparse, self._argparse_origins)
        if cloud is None:
            cloud = args.data["cloud"] if "cloud" in args.data else self.default_cloud
        layers = self._base_layers(cloud, profile)
        wanted = args.data.get("region_name") or ""
        region = self._region(cloud, str(wanted), args.origin_of(("region_name",)))
        args.data["region_name"] = region.name
        args_layer = _resolve.Layer(
            args.data, lambda p: region.origin if p == ("region_name",) else args.origin_of(p)
        )
        tracked = _resolve.merge_layers(
            layers,
            [_resolve.Layer(region.values, region.values_origin), args_layer],
            self._argv_timeout,
        )
        if validate:
            _resolve.apply_auth_options(tracked)
            self._check_auth(tracked, cloud)
        _resolve.finish(tracked)
        return CloudRegion(
            name=cloud or "",
            region_name=tracked.values.get("region_name"),
            config=tracked.values,
            origins={".".join(path): origin for path, origin in tracked.origins.items()},
            app_name=self._app_name,
            app_version=self._app_version,
        )

    def _check_auth(self, tracked: _resolve.Tracked, cloud: str | None) -> None:
        from stackclient.config import auth_types

        auth_type = tracked.values["auth_type"]
        lacking = auth_types.missing(auth_type, tracked.auth)
        if lacking and self._pw_func is not None and lacking[-1] == "password":
            tracked.set(("auth", "password"), self._pw_func("Password: "), Origin("prompt"))
            lacking = auth_types.missing(auth_type, tracked.auth)
        if not lacking:
            return
        from stackclient.config import _messages

        if cloud is None:
            raise exceptions.ConfigException(
                _messages.no_cloud_selected(self.get_cloud_names(), self.config_filename)
            )
        raise exceptions.ConfigException(
            _messages.missing_auth(
                cloud, auth_type, lacking, self.config_filename, cloud == self.envvar_key
            )
        )

    def get_all(self) -> list[CloudRegion]:
        """One :class:`CloudRegion` per cloud and region configured."""
        found = []
        for name in self.get_cloud_names():
            for region in self._known_regions(name) or [
                _Region("", {}, Origin(DEFAULT), lambda p: Origin(DEFAULT))
            ]:
                found.append(self.get_one(name, region_name=region.name))
        return found

    def register_argparse_arguments(
        self, parser: _t.Any, argv: list[str], service_keys: list[str] | None = None
    ) -> None:
        """Add ``--os-cloud``, the auth, session and service options to ``parser``.

        See :func:`stackclient.config.cli.register_argparse_arguments`.
        """
        cli.register_argparse_arguments(self, parser, argv, service_keys)


def _merge(old: dict[str, _t.Any], new: _t.Mapping[str, _t.Any]) -> dict[str, _t.Any]:
    """Like ``dict.update``, but nested dicts are merged (secure.yaml into clouds.yaml)."""
    merged = dict(old)
    for key, value in new.items():
        if isinstance(value, dict):
            merged[key] = (
                _merge(merged[key], value) if isinstance(merged.get(key), dict) else dict(value)
            )
        else:
            merged[key] = value
    return merged

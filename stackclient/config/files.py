"""Finding and reading clouds.yaml, secure.yaml and clouds-public.yaml.

The search path is openstacksdk's, with one fix: each directory of
``XDG_CONFIG_DIRS`` is searched on its own (openstacksdk joins them into
one path that never exists when there is more than one). In order:

1. the current directory;
2. the user config directory (``$XDG_CONFIG_HOME/openstack`` or
   ``~/.config/openstack`` on Linux; what platformdirs says on Windows and
   macOS);
3. ``~/.config/openstack`` (``$SNAP_REAL_HOME/.config/openstack`` in a snap);
4. each site config directory (each ``$XDG_CONFIG_DIRS`` entry, default
   ``/etc/xdg``, + ``/openstack``);
5. ``/etc/openstack``.

In each directory ``<name>.yaml``, ``<name>.yml`` and ``<name>.json`` are
tried in that order; the first file that exists and can be read is the
one used (one clouds file, one secure file, one clouds-public file).
``OS_CLIENT_CONFIG_FILE`` and ``OS_CLIENT_SECURE_FILE`` put a file first.

Example::

    found = read_first(candidates("clouds", search_dirs(os.environ)), secure=False)
    found.path, found.data["clouds"], found.lines[("clouds", "example")]
"""

from __future__ import annotations

import os
import stat
import sys
import typing as _t
import warnings

from stackclient.apiclient import exceptions

__all__ = [
    "CLOUDS",
    "PUBLIC",
    "SECURE",
    "SUFFIXES",
    "ConfigWarning",
    "LoadedFile",
    "candidates",
    "read_first",
    "search_dirs",
    "warn",
]

CLOUDS = "clouds"
SECURE = "secure"
PUBLIC = "clouds-public"
SUFFIXES = (".yaml", ".yml", ".json")
UNIX_SITE_DIR = "/etc/openstack"


class ConfigWarning(UserWarning):
    """A configuration file is usable but something about it needs attention."""


def warn(message: str) -> None:
    """Issue a :class:`ConfigWarning` attributed to the first caller outside stackclient."""
    level = 2
    frame = sys._getframe(1)
    while frame is not None and frame.f_globals.get("__name__", "").startswith("stackclient."):
        frame = frame.f_back  # type: ignore[assignment]
        level += 1
    warnings.warn(message, ConfigWarning, stacklevel=level)


class LoadedFile(_t.NamedTuple):
    """One configuration file: its path, its data and the line of every key path."""

    path: str
    data: _t.Any
    lines: dict[tuple[str, ...], int]
    secure: bool = False

    def line(self, *path: str) -> int | None:
        """The 1-based line of the key at ``path`` (``("clouds", "x", "auth")``), if known."""
        return self.lines.get(tuple(path))


def _user_and_site_dirs(environ: _t.Mapping[str, str]) -> tuple[str, list[str]]:
    """The user config dir and the site config dirs, as platformdirs gives them.

    On Linux and other XDG systems these are read from ``XDG_CONFIG_HOME``
    and ``XDG_CONFIG_DIRS`` here (only absolute paths count, as in
    platformdirs 4), which saves importing platformdirs; on Windows, macOS
    and Android platformdirs is asked.
    """
    if sys.platform in ("win32", "darwin") or "ANDROID_DATA" in environ:
        import platformdirs

        dirs = platformdirs.PlatformDirs("openstack", "OpenStack", multipath=True)
        return dirs.user_config_dir, dirs.site_config_dir.split(os.pathsep)
    home = environ.get("XDG_CONFIG_HOME", "")
    if not os.path.isabs(home):
        home = os.path.expanduser("~/.config")
    sites = [d for d in environ.get("XDG_CONFIG_DIRS", "").split(os.pathsep) if os.path.isabs(d)]
    return os.path.join(home, "openstack"), [
        os.path.join(d, "openstack") for d in sites or ["/etc/xdg"]
    ]


def _unix_home(environ: _t.Mapping[str, str]) -> str:
    snap_home = environ.get("SNAP_REAL_HOME")
    if snap_home:
        return os.path.join(snap_home, ".config", "openstack")
    return os.path.join(os.path.expanduser(os.path.join("~", ".config")), "openstack")


def search_dirs(environ: _t.Mapping[str, str] | None = None) -> list[str]:
    """The directories searched, in order (see the module docstring)."""
    environ = os.environ if environ is None else environ
    user, sites = _user_and_site_dirs(environ)
    return [os.getcwd(), user, _unix_home(environ), *[d for d in sites if d], UNIX_SITE_DIR]


def candidates(name: str, directories: _t.Iterable[str]) -> list[str]:
    """Every path ``<dir>/<name><suffix>`` in search order."""
    return [os.path.join(d, name + suffix) for d in directories for suffix in SUFFIXES]


def read_first(paths: _t.Iterable[str], *, secure: bool = False) -> LoadedFile | None:
    """Read the first of ``paths`` that exists and can be read; None if none does.

    A file that exists but cannot be opened for lack of permission is
    skipped (as openstacksdk does); a file that is not valid YAML or JSON
    raises :class:`ConfigException` naming the file and line. A secure file
    that others may read gives a :class:`ConfigWarning`.
    """
    for path in paths:
        if not os.path.exists(path):
            continue
        try:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
        except PermissionError:
            continue
        except (OSError, UnicodeDecodeError) as error:
            raise exceptions.ConfigException(
                "Cannot read configuration file %s: %s" % (path, error)
            ) from None
        if secure:
            _warn_if_shared(path)
        return _parse(path, text, secure)
    return None


def _parse(path: str, text: str, secure: bool) -> LoadedFile:
    if path.endswith("json"):
        from stackclient.config import _jsonfile as reader
    else:
        from stackclient.config import _yamlfile as reader  # type: ignore[no-redef]
    data, lines = reader.load(text, path)
    return LoadedFile(path=path, data=data, lines=lines, secure=secure)


def _warn_if_shared(path: str) -> None:
    if sys.platform.startswith("win"):
        return
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return
    if mode & (stat.S_IRGRP | stat.S_IROTH):
        warn(
            "%s holds secrets but other users can read it (mode %s); run chmod 600 %s"
            % (path, oct(stat.S_IMODE(mode)), path)
        )

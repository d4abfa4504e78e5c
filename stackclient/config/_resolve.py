"""Merging one cloud's settings in openstacksdk's order, keeping each value's origin.

:class:`Tracked` is the cloud's config dict (``auth`` nested) with an
:class:`~stackclient.config.provenance.Origin` per key path. :func:`merge_layers`
applies the layers (defaults, profile, the cloud's own entries, the chosen
region's values, then arguments) and openstacksdk's compatibility fixes in
the order openstacksdk 4.22 applies them, so the same inputs give the same
dict; :func:`apply_auth_options` moves each auth option where the plugin
reads it. The order of keys matters to some of those fixes (a later
``endpoint_type`` beats an earlier ``interface``), so dicts keep it.
"""

from __future__ import annotations

import copy
import typing as _t

from stackclient.apiclient import exceptions
from stackclient.config import auth_types
from stackclient.config.provenance import ARGPARSE, ARGUMENT, DEFAULT, Origin

__all__ = ["Layer", "Tracked", "apply_auth_options", "finish", "merge_layers"]

Path = tuple[str, ...]
OriginOf = _t.Callable[[Path], Origin]

#: Values that stay numbers when every other int or float becomes a string.
_NUMERIC_KEYS = ("verbose_level", "api_timeout")
_BOOL_KEYS = ("insecure", "cache")
_CSV_KEYS = ("auth_methods",)
_NOT_FORMATTED = frozenset({"password"})


class Layer(_t.NamedTuple):
    """Settings from one source and how to tell the origin of each key path."""

    data: _t.Mapping[str, _t.Any]
    origin_of: OriginOf


class Tracked:
    """A cloud's config dict (``auth`` nested one level) and the origin of every value."""

    def __init__(self) -> None:
        self.values: dict[str, _t.Any] = {}
        self.origins: dict[Path, Origin] = {}

    @property
    def auth(self) -> dict[str, _t.Any]:
        return self.values["auth"]  # type: ignore[no-any-return]

    def origin(self, path: Path) -> Origin:
        return self.origins.get(path, Origin(DEFAULT))

    def set(self, path: Path, value: _t.Any, origin: Origin) -> None:
        target = self.values if len(path) == 1 else self.auth
        target[path[-1]] = value
        self.origins[path] = origin

    def pop(self, path: Path) -> tuple[_t.Any, Origin]:
        target = self.values if len(path) == 1 else self.auth
        return target.pop(path[-1], None), self.origins.pop(path, Origin(DEFAULT))

    def has(self, path: Path) -> bool:
        target = self.values if len(path) == 1 else self.auth
        return path[-1] in target

    def merge(self, layer: Layer, *, skip_none: bool = False) -> None:
        """openstacksdk's ``_auth_update``: ``auth`` is updated key by key, the rest replaced."""
        for key, value in layer.data.items():
            if skip_none and value is None:
                continue
            if key == "auth":
                self._merge_auth(value, layer)
            else:
                self.set((key,), copy.deepcopy(value), layer.origin_of((key,)))

    def _merge_auth(self, value: _t.Any, layer: Layer) -> None:
        if value is None:
            return
        if not isinstance(value, _t.Mapping):
            raise exceptions.ConfigException(
                "auth should be a mapping of auth options, not %r (%s)"
                % (value, layer.origin_of(("auth",)))
            )
        self.values.setdefault("auth", {})
        for name, item in value.items():
            self.set(("auth", name), copy.deepcopy(item), layer.origin_of(("auth", name)))


def merge_layers(
    layers: _t.Sequence[Layer | None], overrides: _t.Sequence[Layer | None], argv_timeout: bool
) -> Tracked:
    """Merge ``layers`` (defaults, profile, cloud), then ``overrides`` (region, arguments).

    Then apply openstacksdk's fixes (old key names, domains, types) and
    normalise keys (``-`` → ``_``; numbers other than timeouts become strings).
    """
    tracked = Tracked()
    tracked.values["auth"] = {}
    for layer in layers:
        if layer is not None:
            tracked.merge(layer)
    tracked.pop(("cloud",))
    tracked.pop(("regions",))
    for layer in overrides:
        if layer is not None:
            tracked.merge(layer, skip_none=True)
    _fix_timeouts(tracked, argv_timeout)
    _fix_auth_type(tracked)
    _fix_auth_names(tracked)
    _fix_interface(tracked)
    _fix_domains(tracked)
    _fix_types(tracked)
    _format_auth_url(tracked)
    _normalize(tracked)
    return tracked


def _fix_timeouts(tracked: Tracked, argv_timeout: bool) -> None:
    """``<service>_timeout`` (last one) becomes ``api_timeout``; so does ``--timeout``."""
    found = None
    for key in list(tracked.values):
        if key.endswith("timeout") and key not in ("timeout", "api_timeout"):
            value, origin = tracked.pop((key,))
            found = (value, origin.noted("given as %s" % key))
    if found is not None:
        tracked.set(("api_timeout",), *found)
    if argv_timeout and tracked.values.get("timeout"):
        value, origin = tracked.pop(("timeout",))
        tracked.set(("api_timeout",), value, origin)


def _fix_auth_type(tracked: Tracked) -> None:
    """``auth_plugin`` is the old name of ``auth_type``; a given ``auth_type`` wins.

    openstacksdk lets the default ``auth_type: password`` win too, so an
    ``auth_plugin`` never counted there; here it beats the default.
    """
    found: tuple[_t.Any, Origin] = (None, Origin(DEFAULT))
    for key in ("auth_plugin", "auth_type"):
        if tracked.has((key,)):
            value, origin = tracked.pop((key,))
            if key == "auth_plugin":
                origin = origin.noted("given as auth_plugin")
            elif origin.kind == DEFAULT and found[0] is not None:
                continue
            found = (value, origin)
    tracked.set(("auth_type",), *found)


def _auth_name_map(auth_type: _t.Any) -> list[tuple[str, tuple[str, ...]]]:
    names = [
        ("domain_id", ("domain_id", "domain-id")),
        ("domain_name", ("domain_name", "domain-name")),
        ("user_domain_id", ("user_domain_id", "user-domain-id")),
        ("user_domain_name", ("user_domain_name", "user-domain-name")),
        ("project_domain_id", ("project_domain_id", "project-domain-id")),
        ("project_domain_name", ("project_domain_name", "project-domain-name")),
        ("token", ("auth-token", "auth_token", "token")),
        ("passcode", ("passcode",)),
    ]
    if auth_type == "v2password":
        old, new = "project", "tenant"
    else:
        old, new = "tenant", "project"
    for what in ("id", "name"):
        spellings = tuple(
            "%s%s%s" % (prefix, sep, what) for prefix in (old, new) for sep in ("_", "-")
        )
        names.append(("%s_%s" % (new, what), spellings))
    return names


def _fix_auth_names(tracked: Tracked) -> None:
    """Old and dashed names of scope and token options go under ``auth`` by their new name.

    A value given outside ``auth`` beats the one inside (it may come from
    the command line); among spellings, the last one found wins.
    """
    for target, spellings in _auth_name_map(tracked.values.get("auth_type")):
        found = None
        for key in spellings:
            for path in (("auth", key), (key,)):
                if tracked.has(path):
                    value, origin = tracked.pop(path)
                    note = "given as %s" % key if key != target else ""
                    found = (str(value), origin.noted(note) if note else origin)
        if found is not None and found[0]:
            tracked.set(("auth", target), *found)


def _fix_interface(tracked: Tracked) -> None:
    """``*endpoint_type`` keys are read as ``*interface``, in dict order."""
    values, origins = tracked.values, tracked.origins
    tracked.values, tracked.origins = {}, {p: o for p, o in origins.items() if len(p) > 1}
    for key, value in values.items():
        origin = origins.get((key,), Origin(DEFAULT))
        if key.endswith("endpoint_type"):
            new_key = key.replace("endpoint_type", "interface")
            tracked.set((new_key,), value, origin.noted("given as %s" % key))
        else:
            tracked.set((key,), value, origin)


def _project_scoped(tracked: Tracked) -> bool:
    keys = ("project_id", "project_name")
    return any(tracked.has((k,)) or tracked.has(("auth", k)) for k in keys)


def _fix_domains(tracked: Tracked) -> None:
    """``domain_id``/``domain_name`` stand for the user's and project's domain when project-scoped."""
    scoped = _project_scoped(tracked)
    for target, copies in (
        ("domain_id", ("user_domain_id", "project_domain_id")),
        ("domain_name", ("user_domain_name", "project_domain_name")),
    ):
        if not scoped:
            if tracked.has((target,)) and not tracked.has(("auth", target)):
                tracked.set(("auth", target), *tracked.pop((target,)))
            continue
        if tracked.has(("auth", target)):
            value, origin = tracked.auth[target], tracked.origin(("auth", target))
            for key in copies:
                if not tracked.has(("auth", key)):
                    tracked.set(("auth", key), value, origin.noted("from %s" % target))
        tracked.pop((target,))
        tracked.pop(("auth", target))


def _boolean(value: _t.Any) -> bool:
    if isinstance(value, bool):
        return value
    return value is not None and str(value).lower() == "true"


def _fix_types(tracked: Tracked) -> None:
    for key in _BOOL_KEYS:
        if key in tracked.values:
            tracked.values[key] = _boolean(tracked.values[key])
    for key in _CSV_KEYS:
        if isinstance(tracked.values.get(key), str):
            tracked.values[key] = tracked.values[key].split(",")


def _formatted(value: str, values: _t.Mapping[str, _t.Any]) -> str:
    """``value.format(**values)``; a value whose braces name no key is kept as it is."""
    try:
        return value.format(**values)
    except (KeyError, IndexError, ValueError, AttributeError):
        return value


def _format_auth_url(tracked: Tracked) -> None:
    url = tracked.auth.get("auth_url")
    if isinstance(url, str):
        tracked.auth["auth_url"] = _formatted(url, tracked.values)


def _normal_value(key: str, value: _t.Any) -> _t.Any:
    if isinstance(value, dict):
        return {k.replace("-", "_"): _normal_value(k, v) for k, v in value.items()}
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and key not in _NUMERIC_KEYS:
        return str(value)
    if isinstance(value, float):
        return str(value)
    return value


def _normalize(tracked: Tracked) -> None:
    """Dashes in keys become underscores; ints and floats (not timeouts) become strings."""
    values, origins = tracked.values, tracked.origins
    tracked.values, tracked.origins = {}, {}
    for key, value in values.items():
        new_key = key.replace("-", "_")
        if key == "auth" and isinstance(value, dict):
            auth: dict[str, _t.Any] = {}
            tracked.values[new_key] = auth
            for name, item in value.items():
                new_name = name.replace("-", "_")
                auth[new_name] = _normal_value(name, item)
                tracked.origins[("auth", new_name)] = origins.get(("auth", name), Origin(DEFAULT))
            continue
        tracked.values[new_key] = _normal_value(key, value)
        tracked.origins[(new_key,)] = origins.get((key,), Origin(DEFAULT))


def _winning(tracked: Tracked, option: auth_types.Option, auth: bool) -> tuple[_t.Any, Path]:
    """The value for ``option`` in ``auth`` (or at the top): its name first, then old names."""
    for name in (option.name, *option.deprecated):
        path = ("auth", name) if auth else (name,)
        if tracked.has(path):
            return (tracked.auth if auth else tracked.values)[name], path
    return None, ()


#: Origins of values the caller gave for this one call (keyword arguments, options).
_GIVEN = (ARGUMENT, ARGPARSE)


def apply_auth_options(tracked: Tracked) -> None:
    """Put each option of the cloud's ``auth_type`` under ``auth`` by its current name.

    The ``auth:`` value wins over one at the top of the cloud, as in
    openstacksdk, unless only the top one was given by the caller (a keyword
    argument or a command-line option, e.g. ``--os-password``): what the
    caller gives for this call beats what a file says, where openstacksdk
    drops it silently. Empty values are dropped; keys that are no option of
    the plugin stay where they are.
    """
    auth_type = auth_types.canonical(tracked.values.get("auth_type"))
    tracked.values["auth_type"] = auth_type
    for option in auth_types.options(auth_type):
        value, path = _winning(tracked, option, auth=True)
        top, top_path = _winning(tracked, option, auth=False)
        if not value or (
            top
            and tracked.origin(top_path).kind in _GIVEN
            and tracked.origin(path).kind not in _GIVEN
        ):
            value, path = top, top_path
        origin = tracked.origin(path) if path else Origin(DEFAULT)
        for name in (option.name, *option.deprecated):
            tracked.pop((name,))
            tracked.pop(("auth", name))
        if value:
            if path[-1] != option.name:
                origin = origin.noted("given as %s" % path[-1])
            tracked.set(("auth", option.name), value, origin)


def finish(tracked: Tracked) -> None:
    """Expand ``{key}`` references in top-level strings; drop the IP-version switches."""
    for key, value in list(tracked.values.items()):
        if isinstance(value, str) and key not in _NOT_FORMATTED:
            tracked.values[key] = _formatted(value, tracked.values)
    for key in ("force_ipv4", "prefer_ipv6"):
        tracked.pop((key,))

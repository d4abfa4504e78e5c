"""The ``auth_type`` values a cloud may use, their options, and the plugins they build.

The option names (and their deprecated spellings) are keystoneauth1's, so
a clouds.yaml written for openstacksdk means the same here: an option may
sit under ``auth:`` or at the top of the cloud, and the ``auth:`` one wins
(unless the top one was given by the caller for this call: see
:func:`stackclient.config._resolve.apply_auth_options`).
``token_endpoint`` is read as ``admin_token`` and an empty ``auth_type``
as ``none``, as openstacksdk does.

Example::

    plugin = build_plugin("password", {"auth_url": "https://keystone:5000/v3",
                                       "username": "demo", "password": "secret",
                                       "project_name": "demo"})
"""

from __future__ import annotations

import importlib
import types
import typing as _t

from stackclient.apiclient import exceptions

__all__ = ["AUTH_TYPES", "Option", "build_plugin", "canonical", "missing", "options"]


class Option(_t.NamedTuple):
    """One plugin option: its name and the older names that mean the same."""

    name: str
    deprecated: tuple[str, ...] = ()


_URL = (Option("auth_url"),)
_V3_SCOPE = tuple(
    Option(name)
    for name in (
        "system_scope",
        "domain_id",
        "domain_name",
        "project_id",
        "project_name",
        "project_domain_id",
        "project_domain_name",
        "trust_id",
    )
)
_GENERIC_SCOPE = (
    *_V3_SCOPE[:3],
    Option("project_id", ("tenant_id",)),
    Option("project_name", ("tenant_name",)),
    *_V3_SCOPE[5:],
    Option("default_domain_id"),
    Option("default_domain_name"),
)
_USER = (
    Option("user_id"),
    Option("username", ("user_name",)),
    Option("user_domain_id"),
    Option("user_domain_name"),
)
_V2_SCOPE = (Option("tenant_id"), Option("tenant_name"), Option("trust_id"))
_V2_USER = (Option("username", ("user_name",)), Option("user_id"))
_APP_CRED = tuple(Option("application_credential_" + part) for part in ("secret", "id", "name"))

#: ``auth_type`` → (its options, the plugin class as "module:Class").
AUTH_TYPES: types.MappingProxyType[str, tuple[tuple[Option, ...], str]] = types.MappingProxyType(
    {
        "password": (
            (*_URL, *_GENERIC_SCOPE, *_USER, Option("password")),
            "stackclient.auth.generic:Password",
        ),
        "token": ((*_URL, *_GENERIC_SCOPE, Option("token")), "stackclient.auth.generic:Token"),
        "v2password": (
            (*_URL, *_V2_SCOPE, *_V2_USER, Option("password")),
            "stackclient.auth.v2:Password",
        ),
        "v2token": ((*_URL, *_V2_SCOPE, Option("token")), "stackclient.auth.v2:Token"),
        "v3password": (
            (*_URL, *_V3_SCOPE, *_USER, Option("password")),
            "stackclient.auth.v3:Password",
        ),
        "v3token": ((*_URL, *_V3_SCOPE, Option("token")), "stackclient.auth.v3:Token"),
        "v3applicationcredential": (
            (*_URL, *_V3_SCOPE, *_USER, *_APP_CRED),
            "stackclient.auth.v3:ApplicationCredential",
        ),
        "admin_token": (
            (Option("endpoint", ("url",)), Option("token")),
            "stackclient.auth.admin_token:AdminToken",
        ),
        "none": ((Option("endpoint"),), "stackclient.auth.noauth:NoAuth"),
    }
)

#: Options each plugin class does not take (it has no scope of its own).
_NOT_TAKEN = types.MappingProxyType(
    {
        "v3applicationcredential": frozenset(option.name for option in _V3_SCOPE),
    }
)


def canonical(auth_type: _t.Any) -> str:
    """``auth_type`` as openstacksdk reads it: empty → ``none``, ``token_endpoint`` → ``admin_token``."""
    if auth_type in (None, "None", ""):
        return "none"
    if auth_type == "token_endpoint":
        return "admin_token"
    return str(auth_type)


def options(auth_type: str) -> tuple[Option, ...]:
    """The options of ``auth_type``; :class:`ConfigException` for a type stackclient lacks."""
    try:
        return AUTH_TYPES[auth_type][0]
    except KeyError:
        raise exceptions.ConfigException(
            "auth_type %r is not supported by stackclient; use one of: %s"
            % (auth_type, ", ".join(sorted(AUTH_TYPES)))
        ) from None


def missing(auth_type: str, auth: _t.Mapping[str, _t.Any]) -> list[str]:
    """Names of the options ``auth_type`` needs that ``auth`` lacks (``"a or b"`` for either)."""
    have = {key for key, value in auth.items() if value}
    needs: list[tuple[str, ...]] = []
    if auth_type not in ("admin_token", "none"):
        needs.append(("auth_url",))
    if auth_type.endswith("password"):
        needs += [("username", "user_id"), ("password",)]
    elif auth_type.endswith("token") and auth_type != "admin_token":
        needs.append(("token",))
    elif auth_type == "v3applicationcredential":
        needs += [
            ("application_credential_secret",),
            ("application_credential_id", "application_credential_name"),
        ]
    elif auth_type == "admin_token":
        needs += [("token",), ("endpoint",)]
    return [" or ".join(names) for names in needs if not have.intersection(names)]


def build_plugin(auth_type: str, auth: _t.Mapping[str, _t.Any]) -> _t.Any:
    """Build the stackclient plugin for ``auth_type`` from the resolved ``auth`` options.

    A user or project given by name without its domain is looked up in the
    ``default`` domain (Keystone v3 needs a domain for a name; openstacksdk
    would send none and be refused).
    """
    known = _taken(auth_type)
    kwargs = {key: value for key, value in auth.items() if key in known and value is not None}
    _default_domains(auth_type, kwargs)
    module_name, class_name = AUTH_TYPES[auth_type][1].split(":")
    plugin_class = getattr(importlib.import_module(module_name), class_name)
    return plugin_class(**kwargs)


def _default_domains(auth_type: str, kwargs: dict[str, _t.Any]) -> None:
    if auth_type in ("password", "token"):
        if not (kwargs.get("default_domain_id") or kwargs.get("default_domain_name")):
            kwargs["default_domain_id"] = "default"
        return
    if not auth_type.startswith("v3"):
        return
    for who, name_key in (("user", "username"), ("project", "project_name")):
        domain_keys = ("%s_domain_id" % who, "%s_domain_name" % who)
        if kwargs.get(name_key) and not any(kwargs.get(k) for k in domain_keys):
            if domain_keys[0] in _taken(auth_type):
                kwargs[domain_keys[0]] = "default"


def _taken(auth_type: str) -> set[str]:
    """The option names the plugin class of ``auth_type`` takes."""
    return {option.name for option in options(auth_type)} - _NOT_TAKEN.get(auth_type, set())

"""Identity auth plugins.

``stackclient.auth.Password`` and ``stackclient.auth.Token`` find the
identity API version themselves; the versioned plugins live in
:mod:`stackclient.auth.v2` and :mod:`stackclient.auth.v3`, the bootstrap
ones in :mod:`stackclient.auth.admin_token` and
:mod:`stackclient.auth.noauth`. Every plugin is also registered by name in
the ``stackclient.auth.plugin`` entry point group.

The names below, and the plugin modules as attributes of this package
(``stackclient.auth.v3``), are loaded when first read, so that importing
one plugin module (``from stackclient.auth import v3``) does not import
the version-discovering plugins and both API versions.
"""

from __future__ import annotations

import importlib
import types
import typing as _t

if _t.TYPE_CHECKING:  # pragma: no cover
    from stackclient.auth.base import MIN_TOKEN_LIFE_SECONDS, AccessInfoPlugin, BaseIdentityPlugin
    from stackclient.auth.generic import Password, Token

__all__ = [
    "MIN_TOKEN_LIFE_SECONDS",
    "AccessInfoPlugin",
    "BaseIdentityPlugin",
    "Password",
    "Token",
]

#: The module each name of ``__all__`` comes from.
_HOMES = types.MappingProxyType(
    {
        "MIN_TOKEN_LIFE_SECONDS": "stackclient.auth.base",
        "AccessInfoPlugin": "stackclient.auth.base",
        "BaseIdentityPlugin": "stackclient.auth.base",
        "Password": "stackclient.auth.generic",
        "Token": "stackclient.auth.generic",
    }
)

#: The plugin modules, reachable as attributes once imported or first read.
_MODULES = frozenset(("admin_token", "base", "generic", "noauth", "v2", "v3"))


def __getattr__(name: str) -> _t.Any:
    if name in _MODULES:
        return importlib.import_module("%s.%s" % (__name__, name))
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError("module %r has no attribute %r" % (__name__, name))
    return getattr(importlib.import_module(home), name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__) | _MODULES)

"""Identity auth plugins.

``stackclient.auth.Password`` and ``stackclient.auth.Token`` find the
identity API version themselves; the versioned plugins live in
:mod:`stackclient.auth.v2` and :mod:`stackclient.auth.v3`, the bootstrap
ones in :mod:`stackclient.auth.admin_token` and
:mod:`stackclient.auth.noauth`. Every plugin is also registered by name in
the ``stackclient.auth.plugin`` entry point group.
"""

from __future__ import annotations

from stackclient.auth.base import MIN_TOKEN_LIFE_SECONDS, AccessInfoPlugin, BaseIdentityPlugin
from stackclient.auth.generic import Password, Token

__all__ = [
    "MIN_TOKEN_LIFE_SECONDS",
    "AccessInfoPlugin",
    "BaseIdentityPlugin",
    "Password",
    "Token",
]

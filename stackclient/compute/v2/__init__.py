"""Compute API v2.1 (Nova): :class:`stackclient.compute.v2.client.Client` and one module per manager.

``from stackclient.compute.v2 import Client`` works too; the client module
is loaded only when ``Client`` is first used, and each manager's module on
the manager's first use.
"""

from __future__ import annotations

import typing as _t

if _t.TYPE_CHECKING:  # pragma: no cover
    from stackclient.compute.v2.client import Client

__all__ = ["Client"]


def __getattr__(name: str) -> _t.Any:
    if name == "Client":
        from stackclient.compute.v2.client import Client

        return Client
    raise AttributeError("module %r has no attribute %r" % (__name__, name))

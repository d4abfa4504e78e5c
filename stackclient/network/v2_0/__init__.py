"""Network API v2.0 (Neutron): :class:`stackclient.network.v2_0.client.Client` and one
module per manager.

``from stackclient.network.v2_0 import Client`` works too; the client
module is loaded only when ``Client`` is first used, and the client loads a
manager's module on that manager's first use.
"""

from __future__ import annotations

import typing as _t

if _t.TYPE_CHECKING:  # pragma: no cover
    from stackclient.network.v2_0.client import Client

__all__ = ["Client"]


def __getattr__(name: str) -> _t.Any:
    if name == "Client":
        from stackclient.network.v2_0.client import Client

        return Client
    raise AttributeError("module %r has no attribute %r" % (__name__, name))

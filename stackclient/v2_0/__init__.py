"""Identity API v2.0: the client and one module per manager.

``from stackclient.v2_0 import client; client.Client(...)`` -- see
:mod:`stackclient.v2_0.client`. ``stackclient.v2_0.Client`` is the same
class, imported on first use so that importing the package stays cheap.
"""

from __future__ import annotations

import typing as _t

__all__ = ["Client"]


def __getattr__(name: str) -> _t.Any:
    if name == "Client":
        from stackclient.v2_0.client import Client

        return Client
    raise AttributeError("module %r has no attribute %r" % (__name__, name))

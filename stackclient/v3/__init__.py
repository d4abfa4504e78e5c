"""Identity API v3: :class:`stackclient.v3.client.Client` and one module per manager.

``from stackclient.v3 import Client`` works too; the client module is
loaded only when ``Client`` is first used, so importing one manager module
stays cheap (and the client loads a manager's module on its first use).
"""

from __future__ import annotations

import typing as _t

if _t.TYPE_CHECKING:  # pragma: no cover
    from stackclient.v3.client import Client

__all__ = ["Client"]


def __getattr__(name: str) -> _t.Any:
    if name == "Client":
        from stackclient.v3.client import Client

        return Client
    raise AttributeError("module %r has no attribute %r" % (__name__, name))

"""stackclient: a small, fast, dependable client family for OpenStack clouds.

``stackclient.connect(cloud="example")`` returns a
:class:`~stackclient.connection.Connection`; it is imported on first use,
so ``import stackclient`` stays cheap.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing is not imported: `import stackclient` stays cheap
if TYPE_CHECKING:  # pragma: no cover
    from typing import Any

    from stackclient.connection import connect

__all__ = ["__version__", "connect"]

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name == "connect":
        from stackclient.connection import connect

        return connect
    raise AttributeError("module %r has no attribute %r" % (__name__, name))

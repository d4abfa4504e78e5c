"""Object Storage API v1 (Swift): ``from stackclient.object_store.v1 import client``.

See ``docs/object_store.rst``.
"""

from __future__ import annotations

__all__: list[str] = []

"""Object Storage (Swift): ``stackclient.object_store.v1``."""

from __future__ import annotations

__all__: list[str] = []

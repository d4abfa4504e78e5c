"""The Block Storage service (Cinder) clients: ``stackclient.block_storage.v3``."""

from __future__ import annotations

__all__: list[str] = []

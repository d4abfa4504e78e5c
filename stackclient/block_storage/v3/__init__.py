"""Block Storage API v3 (Cinder): :class:`stackclient.block_storage.v3.client.Client`."""

from __future__ import annotations

__all__: list[str] = []

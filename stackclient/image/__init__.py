"""The Image service (Glance) clients: ``stackclient.image.v2``."""

from __future__ import annotations

__all__: list[str] = []

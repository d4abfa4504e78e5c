"""Image API v2 (Glance): :class:`stackclient.image.v2.client.Client`."""

from __future__ import annotations

__all__: list[str] = []

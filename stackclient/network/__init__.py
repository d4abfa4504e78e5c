"""Network (Neutron) clients. ``stackclient.network.v2_0.client.Client`` speaks API v2.0."""

from __future__ import annotations

__all__: list[str] = []

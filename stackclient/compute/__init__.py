"""The Compute service (Nova): ``stackclient.compute.v2`` speaks API v2.1 with microversions."""

from __future__ import annotations

__all__: list[str] = []

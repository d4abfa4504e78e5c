"""stackclient: a small, fast, dependable client family for OpenStack clouds."""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0"

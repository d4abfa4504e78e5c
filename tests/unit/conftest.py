"""Fixtures shared by the unit tests (see :mod:`tests.unit.cloud_env`)."""

from __future__ import annotations

from tests.unit.cloud_env import cloud_env

__all__ = ["cloud_env"]

"""Identity v2.0 API extensions (``/extensions``).

Example::

    [ext.alias for ext in keystone.extensions.list()]   # ['OS-KSADM', 'OS-EC2', ...]
"""

from __future__ import annotations

from stackclient.apiclient import base

__all__ = ["Extension", "ExtensionManager"]


class Extension(base.Resource):
    """An API extension: ``alias``, ``name``, ``namespace``, ``description``, ``links``."""

    NAME_ATTR = "alias"


class ExtensionManager(base.ManagerWithFind):
    """Lists the extensions the Identity v2.0 service offers."""

    resource_class = Extension

    def list(self) -> list[Extension]:
        """Return every extension: ``GET /extensions``.

        Keystone wraps the list as ``{"extensions": {"values": [...]}}``;
        both that and a plain list are understood.
        """
        return self._list("/extensions", "extensions")

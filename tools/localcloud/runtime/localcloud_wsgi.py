"""WSGI entry point for the local cloud's gunicorn servers.

``LOCALCLOUD_WSGI_APP`` names the application as ``module:attribute`` or
``module:factory()``.  ``sys.argv`` is emptied first: oslo.config parses it
while the OpenStack services initialise, and under gunicorn it holds
gunicorn's own options, which makes every worker exit.
"""

import importlib
import os
import sys

__all__ = ["application"]

sys.argv = sys.argv[:1]


def _load():
    spec = os.environ["LOCALCLOUD_WSGI_APP"]
    module_name, _, attribute = spec.partition(":")
    call = attribute.endswith("()")
    target = getattr(importlib.import_module(module_name), attribute.rstrip("()"))
    return target() if call else target


application = _load()

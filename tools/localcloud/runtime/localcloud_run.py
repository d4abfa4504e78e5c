"""Run an OpenStack service with the SQLite guard of ``localcloud_sqlite``.

As a program, for the services' console scripts::

    python -m localcloud_run nova.cmd.conductor:main --config-file nova.conf

imports the module first (it monkey-patches eventlet or threading at import
time, which must happen before anything else), installs the guard, sets
``sys.argv`` to the remaining arguments and calls the function.

As a WSGI factory, ``localcloud_run:wsgi()`` (the form ``localcloud_wsgi``
loads) installs the guard, sets ``sys.argv`` from the JSON list in
``LOCALCLOUD_APP_ARGV`` (the services read their options from it) and
returns the application named by ``LOCALCLOUD_GUARDED_APP``
(``module:attribute``).
"""

import importlib
import json
import os
import sys

__all__ = ["main", "wsgi"]


def _guard():
    # Imported late: SQLAlchemy must not load before the service's own
    # monkey-patching has run.
    import localcloud_sqlite

    localcloud_sqlite.install()


def main():
    """Run ``module:function`` from ``sys.argv[1]`` with the guard installed."""
    module_name, _, function = sys.argv[1].partition(":")
    module = importlib.import_module(module_name)
    _guard()
    sys.argv = [module_name.rsplit(".", 1)[-1], *sys.argv[2:]]
    return getattr(module, function)()


def wsgi():
    """Return the guarded WSGI application the environment names."""
    _guard()
    sys.argv = json.loads(os.environ.get("LOCALCLOUD_APP_ARGV", '["wsgi"]'))
    module_name, _, attribute = os.environ["LOCALCLOUD_GUARDED_APP"].partition(":")
    return getattr(importlib.import_module(module_name), attribute)


if __name__ == "__main__":
    sys.exit(main())

"""Run an OpenStack service with the SQLite guard of ``localcloud_sqlite``.

As a program, for the services' console scripts::

    python -m localcloud_run nova.cmd.conductor:main --config-file nova.conf

imports the module first (it monkey-patches eventlet or threading at import
time, which must happen before anything else), installs the guard, sets
``sys.argv`` to the remaining arguments and calls the function.

With ``LOCALCLOUD_RUN_WHEN`` set to ``<sqlite file>|<query>``, the function
is called only once the query's first column is non-zero (polled for at
most ``LOCALCLOUD_RUN_WHEN_TIMEOUT`` seconds, default 120; exit status 3
when it never is): a command can be started early, pay for its imports
while it waits, and act the moment there is something to act on.

With ``LOCALCLOUD_IN_PROCESS`` set, a one-worker oslo.service service
runs in the main process (as nova-compute always does) instead of in a
forked worker under a supervising parent: one process fewer, and about
130 MB less memory, per service.

As a WSGI factory, ``localcloud_run:wsgi()`` (the form ``localcloud_wsgi``
loads) installs the guard, sets ``sys.argv`` from the JSON list in
``LOCALCLOUD_APP_ARGV`` (the services read their options from it) and
returns the application named by ``LOCALCLOUD_GUARDED_APP``
(``module:attribute``).
"""

import importlib
import json
import os
import sqlite3
import sys
import time

__all__ = ["main", "wsgi"]


def _guard():
    # Imported late: SQLAlchemy must not load before the service's own
    # monkey-patching has run.
    import localcloud_sqlite

    localcloud_sqlite.install()


def _query_true(database, query):
    try:
        connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=1.0)
        try:
            row = connection.execute(query).fetchone()
        finally:
            connection.close()
    except sqlite3.Error:
        return False
    return bool(row and row[0])


def _wait_when():
    when = os.environ.get("LOCALCLOUD_RUN_WHEN")
    if not when:
        return True
    database, _, query = when.partition("|")
    deadline = time.monotonic() + float(os.environ.get("LOCALCLOUD_RUN_WHEN_TIMEOUT", "120"))
    while not _query_true(database, query):
        if time.monotonic() > deadline:
            print(f"localcloud_run: gave up waiting for {query!r} on {database}", file=sys.stderr)
            return False
        time.sleep(0.2)
    return True


def _launch_in_process():
    from oslo_service import service

    launch = service.launch

    def launch_in_process(conf, server, workers=1, *args, **kwargs):
        if workers == 1:
            kwargs["no_fork"] = True
        return launch(conf, server, workers, *args, **kwargs)

    service.launch = launch_in_process


def main():
    """Run ``module:function`` from ``sys.argv[1]`` with the guard installed."""
    module_name, _, function = sys.argv[1].partition(":")
    module = importlib.import_module(module_name)
    _guard()
    if os.environ.get("LOCALCLOUD_IN_PROCESS"):
        _launch_in_process()
    if not _wait_when():
        return 3
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

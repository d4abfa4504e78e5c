"""Let several service processes share one SQLite database without lock errors.

Nova (api, conductor, scheduler) and Cinder (api, scheduler, volume) run
as several processes on one SQLite file.  oslo.db opens deferred
transactions that read first and write later; two such transactions in
two processes deadlock, and SQLite answers "database is locked".
``install()`` adds engine-wide SQLAlchemy listeners that

* open every transaction with ``BEGIN IMMEDIATE`` (the write lock is taken
  up front, so writers queue instead of deadlocking) and mark the
  connection as in a transaction, which makes oslo.db skip its own
  ``BEGIN``;
* wait up to 30 s for a lock (``busy_timeout``) instead of failing at once;
* switch the file to write-ahead logging.

Call it in every process before the first database connection is made.
"""

import sqlalchemy.event
from sqlalchemy.engine import Engine

__all__ = ["install"]

#: Milliseconds a connection waits for a lock before SQLite gives up.
BUSY_TIMEOUT_MS = 30000
#: Key oslo.db uses in ``Connection.info`` to know a BEGIN was already sent.
_IN_TRANSACTION = "in_transaction"


def _on_connect(dbapi_connection, _record):
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        # Transactions are begun explicitly in _on_begin, never by the driver.
        dbapi_connection.isolation_level = None
        dbapi_connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        dbapi_connection.execute("PRAGMA journal_mode = WAL")


def _on_begin(connection):
    if connection.dialect.name == "sqlite" and _IN_TRANSACTION not in connection.info:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
        connection.info[_IN_TRANSACTION] = True


def _on_end(connection):
    if connection.dialect.name == "sqlite":
        connection.info.pop(_IN_TRANSACTION, None)


def install():
    """Register the listeners on every SQLAlchemy engine (once per process)."""
    if getattr(Engine, "_localcloud_sqlite_guard", False):
        return
    Engine._localcloud_sqlite_guard = True
    sqlalchemy.event.listen(Engine, "connect", _on_connect)
    sqlalchemy.event.listen(Engine, "begin", _on_begin)
    sqlalchemy.event.listen(Engine, "commit", _on_end)
    sqlalchemy.event.listen(Engine, "rollback", _on_end)

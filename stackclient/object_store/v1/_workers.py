"""Running the parts of a transfer on a bounded pool of threads.

The first part that fails stops the others (they check the shared
``cancel`` event between chunks) and its error is raised; an interrupt in
the caller's thread (Ctrl-C) stops them the same way. Nothing is left
running when :func:`run` returns or raises.
"""

from __future__ import annotations

import concurrent.futures
import threading
import typing as _t

from stackclient.object_store.v1._sources import Cancelled

__all__ = ["run"]

_T = _t.TypeVar("_T")


def _first_failure(
    futures: _t.Iterable[concurrent.futures.Future[_t.Any]],
) -> BaseException | None:
    failures = [f.exception() for f in futures if f.done() and not f.cancelled()]
    real = [error for error in failures if error is not None and not isinstance(error, Cancelled)]
    return real[0] if real else None


def run(
    tasks: _t.Sequence[_t.Callable[[], _T]], threads: int, cancel: threading.Event
) -> list[_T]:
    """Run every task on at most ``threads`` threads; return their results in order."""
    if threads <= 1 or len(tasks) <= 1:
        return [task() for task in tasks]
    pool = concurrent.futures.ThreadPoolExecutor(
        max_workers=min(threads, len(tasks)), thread_name_prefix="stackclient-transfer"
    )
    futures = [pool.submit(task) for task in tasks]
    try:
        concurrent.futures.wait(futures, return_when=concurrent.futures.FIRST_EXCEPTION)
        failure = _first_failure(futures)
        if failure is not None:
            cancel.set()
            raise failure
    except BaseException:
        cancel.set()
        for future in futures:
            future.cancel()
        raise
    finally:
        pool.shutdown(wait=True)
    return [future.result() for future in futures]

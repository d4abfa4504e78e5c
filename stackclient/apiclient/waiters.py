"""Waiting for a resource to reach a status, or to be gone.

Shared by every service client. A wait re-reads the resource through its
manager (``manager.get(id)``) every ``interval`` seconds until a monotonic
deadline ``timeout`` seconds away, and

* returns the fresh resource as soon as its status is the one wanted
  (compared without regard to case);
* raises :class:`~stackclient.apiclient.exceptions.ResourceFailure` the
  moment the status is one of ``failures``, carrying the reason the
  service gave (``fault.message`` of a server, the error field of a volume
  or image) and the id of the request that read it;
* raises :class:`~stackclient.apiclient.exceptions.WaitTimeout` (also a
  ``TimeoutError``) at the deadline, naming the last status seen.

:func:`wait_while_status` is the other way round: it returns as soon as
the status is no longer one of those given (a port leaving ``BUILD``),
with the same failures, deadline and callback.

``callback`` is called after every read with a :class:`WaitProgress`
(status, seconds elapsed, progress percent when the resource has one).

Example::

    server = waiters.wait_for_status(server, "ACTIVE", failures=("ERROR",),
                                     interval=2, timeout=600,
                                     callback=lambda p: print(p.status, p.progress))
    waiters.wait_for_delete(server, timeout=300)
"""

from __future__ import annotations

import time
import typing as _t

from stackclient.apiclient import exceptions

__all__ = [
    "DEFAULT_INTERVAL",
    "DEFAULT_TIMEOUT",
    "WaitProgress",
    "fault_message",
    "wait_for_delete",
    "wait_for_status",
    "wait_while_status",
]

#: Seconds between two reads of the resource.
DEFAULT_INTERVAL = 2.0

#: Seconds a wait lasts at most unless told otherwise.
DEFAULT_TIMEOUT = 600.0

#: Fields where services put the reason a resource failed, in the order tried.
_FAULT_FIELDS = (
    "fault",
    "status_reason",
    "error_message",
    "fail_reason",
    "last_error",
    "error",
    "message",
)

#: Statuses that mean "deleted" for services that keep deleted items visible for a while.
_GONE = frozenset(("deleted", "soft_deleted"))


class WaitProgress(_t.NamedTuple):
    """What a wait's ``callback`` is told after each read."""

    status: str | None
    elapsed: float
    progress: int | None


class _Clock(_t.NamedTuple):
    now: _t.Callable[[], float]
    sleep: _t.Callable[[float], None]


_REAL_CLOCK = _Clock(time.monotonic, time.sleep)


def wait_for_status(
    resource: _t.Any,
    status: str,
    failures: _t.Iterable[str] = ("ERROR",),
    interval: float = DEFAULT_INTERVAL,
    timeout: float | None = DEFAULT_TIMEOUT,
    callback: _t.Callable[[WaitProgress], _t.Any] | None = None,
    attribute: str = "status",
    *,
    wait: float | None = None,
    _clock: _Clock = _REAL_CLOCK,
) -> _t.Any:
    """Re-read ``resource`` until its ``attribute`` is ``status``; return the fresh resource.

    ``wait`` is accepted as another name for ``timeout`` (openstacksdk's);
    ``timeout=None`` waits without a deadline.
    """
    wanted = str(status).lower()
    return _poll(
        resource,
        lambda seen: seen is not None and seen.lower() == wanted,
        "status %s" % status,
        failures,
        (interval, timeout if wait is None else wait, _clock),
        callback,
        attribute,
    )


def wait_while_status(
    resource: _t.Any,
    status: str | _t.Iterable[str],
    failures: _t.Iterable[str] = ("ERROR",),
    interval: float = DEFAULT_INTERVAL,
    timeout: float | None = DEFAULT_TIMEOUT,
    callback: _t.Callable[[WaitProgress], _t.Any] | None = None,
    attribute: str = "status",
    *,
    wait: float | None = None,
    _clock: _Clock = _REAL_CLOCK,
) -> _t.Any:
    """Re-read ``resource`` while its ``attribute`` is ``status`` (or one of several).

    Returns the fresh resource as soon as the status is another one (a
    failure status raises ResourceFailure, as for :func:`wait_for_status`).
    Example: ``wait_while_status(port, "BUILD", timeout=60)``.
    """
    current = {s.lower() for s in ((status,) if isinstance(status, str) else status)}
    failed = {str(f).lower() for f in failures or ()}
    return _poll(
        resource,
        lambda seen: seen is not None and seen.lower() not in current | failed,
        "a status other than %s" % "/".join(sorted(current)),
        failures,
        (interval, timeout if wait is None else wait, _clock),
        callback,
        attribute,
    )


def _poll(
    resource: _t.Any,
    done: _t.Callable[[str | None], bool],
    goal: str,
    failures: _t.Iterable[str],
    timing: tuple[float, float | None, _Clock],
    callback: _t.Callable[[WaitProgress], _t.Any] | None,
    attribute: str,
) -> _t.Any:
    """Re-read until ``done(status)``; fail fast on ``failures``; time out at the deadline."""
    interval, timeout, clock = timing
    manager, ident = _manager_and_id(resource)
    failed = {str(f).lower() for f in failures or ()}
    deadline = _deadline(clock, timeout)
    start = clock.now()
    while True:
        current = manager.get(ident)
        seen = _status_of(current, attribute)
        _report(callback, current, seen, clock.now() - start)
        if done(seen):
            return current
        if seen is not None and seen.lower() in failed:
            raise _failure(manager, current, seen, goal)
        _pause(clock, (deadline, timeout), interval, current, seen, goal)


def wait_for_delete(
    resource: _t.Any,
    interval: float = DEFAULT_INTERVAL,
    timeout: float | None = DEFAULT_TIMEOUT,
    callback: _t.Callable[[WaitProgress], _t.Any] | None = None,
    failures: _t.Iterable[str] = ("ERROR", "error_deleting"),
    attribute: str = "status",
    *,
    wait: float | None = None,
    _clock: _Clock = _REAL_CLOCK,
) -> None:
    """Re-read ``resource`` until the service answers 404 (or says ``deleted``)."""
    manager, ident = _manager_and_id(resource)
    failed = {str(f).lower() for f in failures or ()}
    timeout = timeout if wait is None else wait
    deadline = _deadline(_clock, timeout)
    start = _clock.now()
    while True:
        try:
            current = manager.get(ident)
        except exceptions.NotFound:
            _report(callback, None, "deleted", _clock.now() - start)
            return
        seen = _status_of(current, attribute)
        _report(callback, current, seen, _clock.now() - start)
        if seen is not None and seen.lower() in _GONE:
            return
        if seen is not None and seen.lower() in failed:
            raise _failure(manager, current, seen, "deleted")
        _pause(_clock, (deadline, timeout), interval, current, seen, "deletion")


def _manager_and_id(resource: _t.Any) -> tuple[_t.Any, _t.Any]:
    manager = getattr(resource, "manager", None)
    ident = getattr(resource, "id", None)
    if manager is None or not hasattr(manager, "get") or ident is None:
        raise exceptions.ValidationError(
            "Can only wait for a resource that has an id and a manager (got %r); "
            "use the manager's wait_for_status(), which accepts ids" % (resource,)
        )
    return manager, ident


def _deadline(clock: _Clock, timeout: float | None) -> float | None:
    if timeout is None:
        return None
    if timeout < 0:
        raise exceptions.ValidationError("timeout must be >= 0 seconds, got %r" % (timeout,))
    return clock.now() + float(timeout)


def _status_of(resource: _t.Any, attribute: str) -> str | None:
    value = getattr(resource, attribute, None)
    return None if value is None else str(value)


def _report(
    callback: _t.Callable[[WaitProgress], _t.Any] | None,
    resource: _t.Any,
    status: str | None,
    elapsed: float,
) -> None:
    if callback is None:
        return
    progress = getattr(resource, "progress", None) if resource is not None else None
    if isinstance(progress, bool) or not isinstance(progress, (int, float)):
        progress = None
    callback(WaitProgress(status, elapsed, int(progress) if progress is not None else None))


def _pause(
    clock: _Clock,
    limits: tuple[float | None, float | None],
    interval: float,
    resource: _t.Any,
    status: str | None,
    goal: str,
) -> None:
    """Sleep until the next read, or raise WaitTimeout when the deadline has passed.

    ``limits`` is (monotonic deadline, seconds allowed), both None for no deadline.
    """
    deadline, timeout = limits
    if deadline is None:
        clock.sleep(interval)
        return
    left = deadline - clock.now()
    if left <= 0:
        raise exceptions.WaitTimeout(
            "Timed out after %s s waiting for %s %s to reach %s: its status is still %s"
            % (timeout, type(resource).__name__, getattr(resource, "id", "?"), goal, status),
            resource=resource,
            status=status,
            timeout=timeout,
        )
    clock.sleep(min(interval, left))


def _failure(
    manager: _t.Any, resource: _t.Any, status: str, wanted: str
) -> exceptions.ResourceFailure:
    fault = fault_message(resource)
    request_id = getattr(getattr(manager, "client", None), "last_request_id", None)
    message = "%s %s went to status %s while waiting for %s" % (
        type(resource).__name__,
        getattr(resource, "id", "?"),
        status,
        wanted,
    )
    if fault:
        message += ": %s" % fault
    if request_id:
        message += " (request id %s)" % request_id
    return exceptions.ResourceFailure(
        message, resource=resource, status=status, fault=fault, request_id=request_id
    )


def fault_message(resource: _t.Any) -> str | None:
    """The reason a service gives for a resource's failure, or None."""
    for field in _FAULT_FIELDS:
        value = getattr(resource, field, None)
        if isinstance(value, dict):
            value = value.get("message") or value.get("details")
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None

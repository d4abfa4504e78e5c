"""Interoperable image import: starting one, and waiting for it store by store.

``POST /v2/images/{id}/import`` answers 202 and Glance imports in the
background. While it works, the image shows:

* ``os_glance_import_task``: the import's lock, set before the 202 and
  dropped when the import ends, successfully or not;
* ``os_glance_importing_to_stores``: stores still to be written
  (comma-separated);
* ``os_glance_failed_import``: stores that failed;
* ``stores``: stores holding the data.

:func:`wait` reads the image until the lock is gone, reporting each
store's state, and fails at the first failed store.
"""

from __future__ import annotations

import time
import typing as _t

from stackclient.apiclient import exceptions, waiters

if _t.TYPE_CHECKING:  # pragma: no cover
    from stackclient.image.v2._transfer import Transfer

__all__ = ["ImportProgress", "split", "start", "wait"]

#: Image statuses an import cannot recover from.
_DEAD = frozenset(("killed", "deleted", "pending_delete"))


class ImportProgress(_t.NamedTuple):
    """What a ``wait_for_import`` callback is told after each read.

    ``status`` is the image's status, ``elapsed`` the seconds waited,
    ``importing`` the stores still being written, ``failed`` the stores
    that failed, ``stores`` the stores holding the data, ``locked``
    whether the import still holds the image's import lock.
    """

    status: str | None
    elapsed: float
    importing: tuple[str, ...]
    failed: tuple[str, ...]
    stores: tuple[str, ...]
    locked: bool


def split(value: _t.Any) -> list[str]:
    """A comma-separated store list as Glance sends it, as a list (``""`` -> ``[]``)."""
    if not value:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if v]
    return [part.strip() for part in str(value).split(",") if part.strip()]


def start(
    manager: _t.Any,
    resource: _t.Any,
    method: str,
    uri: str | None,
    stores: _t.Iterable[str] | None,
    all_stores: bool | None,
    all_stores_must_succeed: bool | None,
    extra: _t.Mapping[str, _t.Any],
) -> None:
    """Send the import request; see :meth:`ImageManager.import_image`."""
    if method == "web-download" and not uri:
        raise exceptions.ValidationError("The web-download import method needs uri=")
    body: dict[str, _t.Any] = {"method": {"name": method, **extra}}
    if uri is not None:
        body["method"]["uri"] = uri
    if stores is not None:
        body["stores"] = [stores] if isinstance(stores, str) else list(stores)
    if all_stores is not None:
        body["all_stores"] = all_stores
    if all_stores_must_succeed is not None:
        body["all_stores_must_succeed"] = all_stores_must_succeed
    manager.client.post(manager._member_path(resource, "image") + "/import", json=body)


def _progress(image: _t.Any, elapsed: float) -> ImportProgress:
    return ImportProgress(
        getattr(image, "status", None),
        elapsed,
        tuple(split(getattr(image, "os_glance_importing_to_stores", None))),
        tuple(split(getattr(image, "os_glance_failed_import", None))),
        tuple(split(getattr(image, "stores", None))),
        bool(getattr(image, "os_glance_import_task", None)),
    )


def wait(
    manager: _t.Any,
    resource: _t.Any,
    stores: _t.Iterable[str] | None,
    interval: float,
    timeout: float | None,
    callback: _t.Callable[[ImportProgress], _t.Any] | None,
    verify: Transfer | None,
    _clock: _t.Any = None,
) -> _t.Any:
    """Wait for an import to end; see :meth:`ImageManager.wait_for_import`."""
    now, sleep = _clock or (time.monotonic, time.sleep)
    wanted = set([stores] if isinstance(stores, str) else stores or ())
    began = now()
    while True:
        image = manager.get(resource)
        state = _progress(image, now() - began)
        if callback is not None:
            callback(state)
        _fail_on_error(manager, image, state, wanted)
        if _done(image, state, wanted):
            return _verified(manager, image, verify)
        if timeout is not None and state.elapsed >= timeout:
            raise exceptions.WaitTimeout(
                "Timed out after %s s waiting for the import into image %s: %s"
                % (timeout, image.id, _describe(state)),
                resource=image,
                status=state.status,
                timeout=timeout,
            )
        left = None if timeout is None else timeout - state.elapsed
        sleep(interval if left is None else max(0.0, min(interval, left)))


def _done(image: _t.Any, state: ImportProgress, wanted: set[str]) -> bool:
    if state.locked or state.importing or state.status != "active":
        return False
    return wanted.issubset(state.stores)


def _fail_on_error(
    manager: _t.Any, image: _t.Any, state: ImportProgress, wanted: set[str]
) -> None:
    failed = [s for s in state.failed if not wanted or s in wanted]
    reason = None
    if failed:
        reason = "it failed in store(s) %s" % ", ".join(failed)
    elif state.status in _DEAD:
        reason = "the image went to status %s" % state.status
    elif not state.locked and not state.importing and state.status != "active":
        reason = "the import ended but the image is %s (no data was imported)" % state.status
    if reason is None:
        return
    request_id = getattr(manager.client, "last_request_id", None)
    message = "Import into image %s failed: %s (%s)" % (image.id, reason, _describe(state))
    if request_id:
        message += " (request id %s)" % request_id
    raise exceptions.ResourceFailure(
        message,
        resource=image,
        status=state.status,
        fault=waiters.fault_message(image),
        request_id=request_id,
    )


def _describe(state: ImportProgress) -> str:
    return "status %s; importing to %s; failed in %s; stored in %s" % (
        state.status,
        ", ".join(state.importing) or "no store",
        ", ".join(state.failed) or "no store",
        ", ".join(state.stores) or "no store",
    )


def _verified(manager: _t.Any, image: _t.Any, verify: Transfer | None) -> _t.Any:
    if verify is not None:
        from stackclient.image.v2 import _transfer

        _transfer.check_recorded(manager, image, verify)
    return image

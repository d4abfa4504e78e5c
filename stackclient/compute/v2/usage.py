"""Usage: ``/os-simple-tenant-usage`` -- what projects used over a period.

Each usage covers ``start`` to ``end``: ``total_hours`` of servers,
``total_vcpus_usage``, ``total_memory_mb_usage`` and
``total_local_gb_usage`` (unit-hours), and with ``detailed`` the
``server_usages`` one by one. Times are datetimes (naive ones are taken
as UTC) or ISO 8601 text. Every project's usage is an admin call.
"""

from __future__ import annotations

import datetime
import typing as _t

from stackclient.apiclient import _ids, exceptions, service
from stackclient.compute.v2 import _base

__all__ = ["Usage", "UsageManager"]


class Usage(service.ServiceResource):
    """One project's usage: ``tenant_id`` (also its ``id``), ``start``, ``stop``,
    ``total_hours``, ``total_vcpus_usage``, ``total_memory_mb_usage``,
    ``total_local_gb_usage``, ``server_usages``.

    Example::

        usage = nova.usage.get(project_id, start=month_start, end=now)
        usage.total_vcpus_usage
    """

    __slots__ = ()
    NAME_ATTR = "tenant_id"

    @property
    def id(self) -> _t.Any:
        """The project id."""
        return self.__dict__.get("tenant_id")


def _time(value: _t.Any, what: str) -> str:
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
        return value.isoformat()
    if isinstance(value, str) and value:
        return value.rstrip("Z")
    raise exceptions.ValidationError(
        "%s must be a datetime or ISO 8601 text, not %r" % (what, value)
    )


class UsageManager(_base.ComputeManager):
    """``client.usage``: ``list(start, end)`` (every project, admins; pages from 2.40)
    and ``get(project, start, end)``."""

    resource_class = Usage
    collection_key = "tenant_usages"
    key = "tenant_usage"
    path = "/os-simple-tenant-usage"
    name_filter = None
    verbs = frozenset(("list", "get"))

    def _period(self, start: _t.Any, end: _t.Any) -> dict[str, str]:
        return {"start": _time(start, "start"), "end": _time(end, "end")}

    def iterate(  # type: ignore[override]
        self, start: _t.Any, end: _t.Any, detailed: bool = False, **filters: _t.Any
    ) -> _t.Iterator[Usage]:
        """Yield the usage of every project in the period (``limit``, ``marker`` page it)."""
        query = dict(filters, detailed=1 if detailed else 0, **self._period(start, end))
        return self._iterate(self.path + self._query(query), self.collection_key)  # type: ignore[return-value]

    def list(
        self, start: _t.Any, end: _t.Any, detailed: bool = False, **filters: _t.Any
    ) -> list[Usage]:  # type: ignore[override]
        """Return the usage of every project in the period."""
        return list(self.iterate(start, end, detailed, **filters))

    def get(self, project: _t.Any, start: _t.Any = None, end: _t.Any = None) -> Usage:  # type: ignore[override]
        """Return ``project``'s usage from ``start`` to ``end`` (default: the last 24 hours)."""
        if end is None:
            end = datetime.datetime.now(datetime.timezone.utc)
        if start is None:
            start = _as_datetime(end) - datetime.timedelta(days=1)
        url = "%s/%s%s" % (
            self.path,
            _ids.path_segment(project, "project"),
            self._query(self._period(start, end)),
        )
        return _t.cast(Usage, self._from_body(self.client.get(url), url, self.key))


def _as_datetime(value: _t.Any) -> datetime.datetime:
    if isinstance(value, datetime.datetime):
        return value
    try:
        return datetime.datetime.fromisoformat(str(value).rstrip("Z"))
    except ValueError as exc:
        raise exceptions.ValidationError(
            "end must be a datetime or ISO 8601 text: %s" % exc
        ) from exc

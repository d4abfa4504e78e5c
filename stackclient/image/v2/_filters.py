"""Image list filters: what the caller writes, what Glance's query string wants.

Glance filters by exact ``name``, ``visibility``, ``status``, ``owner``,
``member_status``, ``tag`` (repeated), ``size_min``/``size_max``,
``created_at``/``updated_at`` with an operator (``gte:2024-05-01T00:00:00Z``),
``os_hidden``, ``protected``, formats and ``id`` (``in:a,b``), and sorts by
``sort_key``/``sort_dir`` (repeated) or ``sort=name:asc,size:desc``.

On top of that, :func:`query_and_check`:

* accepts ``tags=[...]`` for the repeated ``tag``;
* accepts ``created_at``/``updated_at`` as a ``(start, end)`` range of
  datetimes or ISO 8601 strings (either may be None). Glance takes one
  operator per field, so the start is sent (``gte:``) and the end is
  checked on each item as the listing streams by; an end alone is sent
  (``lte:``).
"""

from __future__ import annotations

import datetime
import typing as _t

from stackclient.apiclient import exceptions

__all__ = ["query_and_check"]

_TIME_FIELDS = ("created_at", "updated_at")

_Check = _t.Callable[[_t.Any], bool]


def query_and_check(filters: _t.Mapping[str, _t.Any]) -> tuple[dict[str, _t.Any], list[_Check]]:
    """Return (the query filters for Glance, checks to apply to each listed item)."""
    query = dict(filters)
    checks: list[_Check] = []
    tags = query.pop("tags", None)
    if tags is not None:
        extra = [tags] if isinstance(tags, str) else list(tags)
        given = query.pop("tag", None)
        query["tag"] = ([given] if isinstance(given, str) else list(given or ())) + extra
    for field in _TIME_FIELDS:
        value = query.get(field)
        if isinstance(value, (tuple, list)):
            query[field], check = _time_range(field, value)
            if check is not None:
                checks.append(check)
        elif isinstance(value, datetime.datetime):
            query[field] = "eq:" + _iso(value)
    return query, checks


def _time_range(field: str, bounds: _t.Sequence[_t.Any]) -> tuple[str | None, _Check | None]:
    if len(bounds) != 2:
        raise exceptions.ValidationError(
            "%s must be an operator string ('gte:2024-05-01T00:00:00Z') or a (start, end) "
            "pair, got %r" % (field, bounds)
        )
    start, end = (_parse(field, b) if b is not None else None for b in bounds)
    if start is None and end is None:
        return None, None
    if start is None:
        return "lte:" + _iso(_t.cast(datetime.datetime, end)), None
    if end is None:
        return "gte:" + _iso(start), None
    if end < start:
        raise exceptions.ValidationError("%s range ends before it starts: %r" % (field, bounds))
    limit = end

    def before_end(item: _t.Any) -> bool:
        seen = getattr(item, field, None)
        try:
            return seen is None or _parse(field, seen) <= limit
        except exceptions.ValidationError:
            return True

    return "gte:" + _iso(start), before_end


def _parse(field: str, value: _t.Any) -> datetime.datetime:
    """A timezone-aware datetime (UTC when none is given) from a datetime or ISO 8601 text."""
    if isinstance(value, datetime.datetime):
        moment = value
    else:
        try:
            moment = datetime.datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
        except ValueError as exc:
            raise exceptions.ValidationError(
                "%s bound %r is not an ISO 8601 date and time" % (field, value)
            ) from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.timezone.utc)
    return moment


def _iso(moment: datetime.datetime) -> str:
    utc = moment.astimezone(datetime.timezone.utc).replace(microsecond=0, tzinfo=None)
    return utc.isoformat() + "Z"

"""Reading and writing the timestamps Keystone puts in tokens.

Keystone writes times in several ISO 8601 spellings over the years:
``2026-11-22T15:27:53.000000Z`` (v3), ``2026-11-22T15:27:53Z`` (v2.0),
``2026-11-22T15:27:53+00:00`` and, from old servers, no zone at all.
:func:`parse_isotime` reads all of them into an aware UTC datetime;
:func:`format_isotime` writes the v3 spelling.
"""

from __future__ import annotations

import datetime

from stackclient import _lazyre
from stackclient.apiclient import exceptions

__all__ = ["format_isotime", "parse_isotime", "utcnow"]

_ISO_RE = _lazyre.Pattern(
    r"^\s*(\d{4})-(\d{2})-(\d{2})"
    r"(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?"
    r"\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?\s*$"
)


def utcnow() -> datetime.datetime:
    """Return the current time as an aware UTC datetime."""
    return datetime.datetime.now(datetime.timezone.utc)


def _zone(text: str | None) -> datetime.tzinfo:
    if not text or text in ("Z", "z"):
        return datetime.timezone.utc
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    return datetime.timezone(sign * datetime.timedelta(hours=hours, minutes=minutes))


def parse_isotime(value: str, what: str = "time") -> datetime.datetime:
    """Parse an ISO 8601 timestamp into an aware datetime in UTC.

    A fraction of any length is accepted (it is cut to microseconds); a
    missing zone means UTC. Anything else raises
    :class:`~stackclient.apiclient.exceptions.InvalidResponse` naming
    ``what`` and the value, never ``ValueError``.
    """
    match = _ISO_RE.match(value) if isinstance(value, str) else None
    if match is None:
        raise exceptions.InvalidResponse(
            "The token's %s %r is not an ISO 8601 timestamp "
            "(expected e.g. '2026-11-22T15:27:53.000000Z')" % (what, value)
        )
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    micro = int((fraction or "0")[:6].ljust(6, "0"))
    try:
        return datetime.datetime(
            int(year),
            int(month),
            int(day),
            int(hour or 0),
            int(minute or 0),
            int(second or 0),
            micro,
            tzinfo=_zone(zone),
        ).astimezone(datetime.timezone.utc)
    # 2026-02-30, hour 25, zone +99:00 (ValueError); 9999-12-31T23:00-05:00,
    # which is past datetime's last year in UTC (OverflowError).
    except (ValueError, OverflowError) as exc:
        raise exceptions.InvalidResponse(
            "The token's %s %r is not a valid date and time: %s" % (what, value, exc)
        ) from None


def format_isotime(value: datetime.datetime) -> str:
    """Write ``value`` the way Keystone v3 does: ``2026-11-22T15:27:53.000000Z``.

    A naive datetime is taken to be UTC; an aware one is converted to UTC.
    """
    if value.tzinfo is not None:
        value = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return value.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
